/**
 * Texts of the counter's intake pages (issue 12). Dutch is the source; fr and en must have every key (the type checks it).
 * nl.ts, fr.ts and en.ts spread these in, so t() knows them like any other key.
 */
export const intakeNl = {
  intakeAreaName: 'Intake',
} as const;

type Keys = keyof typeof intakeNl;

export const intakeFr: Record<Keys, string> = {
  intakeAreaName: 'Intake',
};

export const intakeEn: Record<Keys, string> = {
  intakeAreaName: 'Intake',
};
