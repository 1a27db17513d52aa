/**
 * Texts of the counter staff pages (issue 12). Dutch is the source; fr and en must have every key (the type checks it).
 * nl.ts, fr.ts and en.ts spread these in, so t() knows them like any other key.
 *
 * French and English are in counter.fr.ts and counter.en.ts: one chunk per language, so the app
 * downloads only the one in use (i18n.ts).
 */
export const counterNl = {
  counterAreaName: 'Counter',
  // The record: first the reason, then the parts.
  recordReasonTitle: 'Dossier openen',
  recordReasonQuestion: 'Waarom open je dit dossier?',
  recordReasonNote:
    'De inwoner ziet bij "Wie heeft mijn gegevens bekeken" wie het dossier opende, wanneer en waarom.',
  recordOpen: 'Dossier openen',
  recordBackToSearch: 'Terug naar zoeken',
  recordOpenedFor: 'Je opende dit dossier voor: {reason}.',
  recordOtherReason: 'Andere reden kiezen',
  recordIdentity: 'Identiteit',
  recordEditDetails: 'Gegevens aanpassen',
  recordPass: 'Pas, kaarten en account',
  recordCardBlockedOn: 'geblokkeerd op {date} ({reason})',
  recordCardKeeps: 'Pasnummer, punten, gezin en kansenstatuut blijven zoals ze zijn.',
  recordBlockQuestion: 'De kaart van {name} blokkeren?',
  recordBlockEffect:
    'Kaart nummer {version} werkt meteen niet meer aan de deur, ook niet als iemand het pasnummer intypt. De pas op de telefoon blijft werken. Maak daarna een nieuwe kaart.',
  recordReplaceQuestion: 'Een nieuwe kaart maken voor {name}?',
  recordReplaceEffect:
    'Kaart nummer {version} werkt meteen niet meer; de nieuwe kaart krijgt nummer {next}. Druk ze daarna af.',
  statusAndEntitlements: 'Kansenstatuut en rechten',
  recordEndQuestion: 'Het kansenstatuut van {name} nu beëindigen?',
  recordEndEffect: 'Vanaf vandaag betaalt {name} de gewone prijs, zonder overgangsperiode.',
  recordEndHousehold:
    'Minderjarigen in het gezin verliezen het kansenstatuut ook, tenzij een andere volwassene van het gezin het heeft.',
  recordEndUndo: 'Je kan het kansenstatuut later opnieuw toekennen.',
  recordEndDone: 'Het kansenstatuut is beëindigd.',
  recordLifts: 'Samen rijden en niet opdagen',
  recordAudit: 'Wie keek in dit dossier en waarom',
  recordAuditNote: 'De inwoner ziet dezelfde lijst bij de eigen pas.',
  // Household.
  recordThisRecord: '(dit dossier)',
  recordNoHousehold:
    '{name} hoort nog bij geen gezin. Wie je toevoegt, komt samen met {name} in een nieuw gezin.',
  recordAddTitle: 'Iemand aan dit gezin toevoegen',
  recordFindPerson: 'Naam of pasnummer van de inwoner',
  recordAddToHousehold: 'Aan dit gezin toevoegen',
  recordAddQuestion: '{person} toevoegen aan het gezin van {name}?',
  recordMoveTitle: '{name} naar een ander gezin verhuizen',
  recordFindMember: 'Naam of pasnummer van iemand uit dat gezin',
  recordMoveToHousehold: 'Naar dit gezin verhuizen',
  recordMoveQuestion: '{name} verhuizen naar het gezin van {person}?',
  recordLeaves: '{person} verlaat het gezin met {names}.',
  recordWillBe: 'Daarna hoort in het gezin: {names}.',
  recordAdded: '{person} hoort nu bij dit gezin.',
  recordMoved: '{name} woont nu in het gezin van {person}.',
  recordHouseholdNow: 'In het gezin: {names}.',
  recordOwnQuestion: '{name} in een eigen, nieuw gezin plaatsen?',
  recordOwnDone: '{name} heeft nu een eigen gezin.',
  // Who looked at my record: what the counter did to the status, in words.
  auditAreaEntitlement: 'recht',
  auditStatusGrant: 'toegekend',
  auditStatusExtend: 'verlengd',
  auditStatusEnd: 'beëindigd',
  auditStatusSuspend: 'geschorst',
  auditStatusLift: 'schorsing opgeheven',
  reasonImport: 'Lijst van rechthebbenden',
} as const;

export type Keys = keyof typeof counterNl;
