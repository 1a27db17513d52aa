/**
 * Texts of the counter staff pages (issue 12). Dutch is the source; fr and en must have every key (the type checks it).
 * nl.ts, fr.ts and en.ts spread these in, so t() knows them like any other key.
 */
export const counterNl = {
  counterAreaName: 'Counter',
} as const;

type Keys = keyof typeof counterNl;

export const counterFr: Record<Keys, string> = {
  counterAreaName: 'Counter',
};

export const counterEn: Record<Keys, string> = {
  counterAreaName: 'Counter',
};
