/**
 * Texts of the municipality staff pages (issue 12). Dutch is the source; fr and en must have every key (the type checks it).
 * nl.ts, fr.ts and en.ts spread these in, so t() knows them like any other key.
 */
export const municipalityNl = {
  municipalityAreaName: 'Municipality',
} as const;

type Keys = keyof typeof municipalityNl;

export const municipalityFr: Record<Keys, string> = {
  municipalityAreaName: 'Municipality',
};

export const municipalityEn: Record<Keys, string> = {
  municipalityAreaName: 'Municipality',
};
