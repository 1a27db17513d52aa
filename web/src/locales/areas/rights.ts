/**
 * Texts of local rights (issue 14): "your rights" on the pass page, the rights on the counter's record, and
 * the municipality admin's page. Dutch is the source; fr and en must have every key (the type checks it).
 *
 * French and English are in rights.fr.ts and rights.en.ts: one chunk per language, so the app
 * downloads only the one in use (i18n.ts).
 */
export const rightsNl = {
  rightsNav: 'Lokale rechten',
  rightsYours: 'Jouw rechten',
  rightsYoursIntro: 'Met je pas heb je recht op deze voordelen. Je hoeft ze niet apart aan te vragen.',
  rightsNone:
    'Je hebt nu geen extra rechten met je pas. Vragen? Bel het Sociaal Huis of kom langs aan de balie.',
  rightsOf: 'Rechten van {name}',
  rightsHowToUse: 'Hoe gebruik je het?',
  rightsGrantedBy: 'Wie geeft het: {by}',
  rightsSince: 'Sinds {date}',
  rightsUntil: 'Tot en met {date}',
  rightsInGrace: 'Loopt nog tot {date}. Kom voor die datum langs aan de balie om het te houden.',
  rightsEndedTitle: 'Onlangs gestopt',
  rightsEndedOn: 'Gestopt op {date}',
  rightsRecord: 'Lokale rechten',
  rightsRecordNone: 'Geen lokale rechten op dit moment.',
  rightsRecordUse: 'Gebruik noteren',
  rightsRecordUsed: 'Gebruik van "{name}" genoteerd voor vandaag.',
  rightsUses: '{count} keer gebruikt',
  rightsRefresh: 'Opnieuw tonen',
  rightsAdminTitle: 'Lokale rechten',
  rightsAdminIntro:
    'Rechten die samen openen met het kansenstatuut of met een recht dat al bewezen is (zoals het leefloon). Wie recht heeft, krijgt ze zonder nieuw onderzoek. Aantallen van 1 tot 4 staan er als "< 5".',
  rightsAdminList: 'De rechten van de gemeente',
  rightsAdminEmpty: 'De gemeente heeft nog geen lokale rechten.',
  rightsColumnName: 'Recht',
  rightsColumnBasis: 'Opent met',
  rightsColumnGrantedBy: 'Wie geeft het',
  rightsColumnHolding: 'Hebben het nu',
  rightsColumnOpened: 'Geopend in de periode',
  rightsColumnUsed: 'Gebruikt in de periode (mensen)',
  rightsColumnActive: 'Actief',
  rightsActiveYes: 'Ja',
  rightsActiveNo: 'Nee',
  rightsPeriod: 'Periode: {from} tot en met {to}',
  rightsNew: 'Nieuw recht',
  rightsNameIn: 'Naam ({language})',
  rightsDescriptionIn: 'Uitleg ({language})',
  rightsHowToUseIn: 'Hoe gebruik je het ({language})',
  rightsGrantedByLabel: 'Wie geeft het (bv. de school, de voedselbank)',
  rightsBasisLabel: 'Opent samen met',
  rightsSave: 'Recht toevoegen',
  rightsSaved:
    '"{name}" is toegevoegd. Wie recht heeft, krijgt het vannacht of bij de volgende wijziging van het statuut.',
  rightsSwitchOff: 'Uitzetten',
  rightsSwitchOn: 'Aanzetten',
  rightsSwitchedOff: '"{name}" staat uit. Wie het had, heeft het niet meer.',
  rightsSwitchedOn: '"{name}" staat weer aan.',
  rightsLanguageNl: 'Nederlands',
  rightsLanguageFr: 'Frans',
  rightsLanguageEn: 'Engels',
  rightsBasisStatus: 'het kansenstatuut',
  rightsBasisLivingWage: 'het leefloon',
  rightsBasisIncreasedAllowance: 'de verhoogde tegemoetkoming',
  rightsBasisDebtMediation: 'schuldbemiddeling',
  rightsBasisChildBenefit: 'de sociale toeslag in het groeipakket',
  rightsBasisOther: 'een ander recht',
  rightsAuditArea: 'lokale rechten',
  rightsAuditUse: 'gebruik genoteerd',
};

export type Keys = keyof typeof rightsNl;
