/**
 * Texts of the counter's behalf pages (issue 12). Dutch is the source; fr and en must have every key (the type checks it).
 * nl.ts, fr.ts and en.ts spread these in, so t() knows them like any other key.
 */
export const behalfNl = {
  behalfAreaName: 'Behalf',
} as const;

type Keys = keyof typeof behalfNl;

export const behalfFr: Record<Keys, string> = {
  behalfAreaName: 'Behalf',
};

export const behalfEn: Record<Keys, string> = {
  behalfAreaName: 'Behalf',
};
