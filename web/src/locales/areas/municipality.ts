/**
 * Texts of the municipality staff pages (issue 12). Dutch is the source; fr and en must have every key (the type checks it).
 * nl.ts, fr.ts and en.ts spread these in, so t() knows them like any other key.
 *
 * French and English are in municipality.fr.ts and municipality.en.ts: one chunk per language, so the app
 * downloads only the one in use (i18n.ts).
 */
export const municipalityNl = {
  municipalityAreaName: 'Gemeente',
  // Lifts: bonus settings and the monthly report (admin/lifts).
  munLiftsNav: 'Samen rijden',
  munLiftsTitle: 'Samen rijden: beloning en maandrapport',
  munLiftSettingsTitle: 'Beloning voor chauffeurs',
  munLiftSettingsIntro:
    'Een chauffeur krijgt de bonus pas als de buur bevestigde dat hij werd opgehaald en daarna bij de activiteit inscheckte.',
  munLiftRules:
    '{points} per meegenomen buur; per chauffeur hoogstens {perActivity} beloonde buren per activiteit en {perMonth} per maand. Wie minder dan {hours} voor vertrek annuleert, annuleert laat.',
  munLiftRulesNow: 'Nu geldt: {rules}',
  munLiftRulesSaved: 'Opgeslagen: {rules}',
  munLiftPoints: '{count} punten',
  munLiftPoints_one: '{count} punt',
  munLiftHours: '{count} uur',
  munLiftHours_one: '{count} uur',
  munLiftBonusField: 'Punten voor de chauffeur per meegenomen buur (0 tot 100)',
  munLiftCapActivityField: 'Hoogstens zoveel beloonde buren per chauffeur per activiteit (0 tot 20)',
  munLiftCapMonthField: 'Hoogstens zoveel beloonde buren per chauffeur per maand (0 tot 500)',
  munLiftLateField: 'Een annulering is laat binnen zoveel uur voor vertrek (0 tot 168)',
  munLiftReportTitle: 'Maandrapport van de liften',
  munLiftReportIntro:
    'Per wijk: hoeveel buren een lift vroegen, hoeveel een chauffeur vonden en hoeveel niet. Je ziet nooit namen. Aantallen van 1 tot 4 staan er als "< 5", zodat niemand herkenbaar is.',
  munLiftReportMonth: 'Maand van het rapport',
  munLiftReportEmpty: 'In {month} vroeg of bood niemand een lift voor een activiteit.',
  munLiftReportCaption: 'Liften per wijk in {month}',
  munLiftTotalsCaption: 'Liften in {month}, alle wijken samen',
  munLiftOffered: 'Aangeboden liften',
  munLiftRequests: 'Aanvragen',
  munLiftMatched: 'Afgesproken liften',
  munLiftCompleted: 'Gereden (opgehaald en ingecheckt)',
  munLiftServed: 'Geholpen',
  munLiftUnserved: 'Niet geholpen',
  munLiftBonusPaid: 'Bonuspunten betaald',
  munLiftUnservedNote:
    'Niet geholpen: een aanvraag die geen chauffeur aannam. Dat wijst op wijken waar vervoer ontbreekt.',
  munUnknownNeighbourhood: 'Wijk onbekend',
  munFewerThanFive: 'minder dan vijf',
  munNeverInForce: 'nooit van kracht (vervangen voor de start)',
  // Tariff rules and budget (admin).
  munCategories: 'Soorten activiteiten',
  munAllCategories: 'Alle soorten',
  munRuleSaved:
    'Opgeslagen: versie {version} geldt vanaf {from}. Deelnemer {participant}, vereniging {club}, gemeente {municipality}; minimumprijs {min}.',
  munBudgetSaved: 'Opgeslagen: het budget voor {year} is {amount}; we waarschuwen vanaf {pct} gebruikt.',
  munBudgetUsedPct: '{pct} van het budget is gebruikt.',
  munBudgetWarning: 'Let op: {pct} van het budget is gebruikt.',
  munSales: 'Verkopen met korting',
  munOpensNow: '{kind}: opent nu het kansenstatuut.',
  munOpensNoMore: '{kind}: opent het kansenstatuut niet meer.',
  munDays: '{count} dagen',
  munDays_one: '{count} dag',
  // Municipality home: clubs, staff, neighbourhoods.
  munAddStaff: 'Medewerker van de gemeente toevoegen',
  munStaffAdded: '{name} is toegevoegd als {role}.',
  munNoPostalCodes: 'geen postcodes',
  munLabel: '{label}: ',
} as const;

export type Keys = keyof typeof municipalityNl;
