/**
 * Texts of the club staff pages (issue 12). Dutch is the source; fr and en must have every key (the type checks it).
 * nl.ts, fr.ts and en.ts spread these in, so t() knows them like any other key.
 */
export const clubNl = {
  clubAreaName: 'Club',
} as const;

type Keys = keyof typeof clubNl;

export const clubFr: Record<Keys, string> = {
  clubAreaName: 'Club',
};

export const clubEn: Record<Keys, string> = {
  clubAreaName: 'Club',
};
