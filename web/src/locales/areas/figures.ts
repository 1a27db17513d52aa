/**
 * Texts of the policy team's figures page (issue 12). Dutch is the source; fr and en must have every key
 * (the type checks it). nl.ts, fr.ts and en.ts spread these in, so t() knows them like any other key.
 *
 * French and English are in figures.fr.ts and figures.en.ts: one chunk per language, so the app
 * downloads only the one in use (i18n.ts).
 */
export const figuresNl = {
  figuresNav: 'Cijfers',
  figuresFewerThanFive: '< 5',
  figuresSeeCharts: 'Het budget in grafieken, per club en per maand',
  figuresTitle: 'Cijfers van {year}',
  figuresIntro:
    'Alleen totalen per club, soort activiteit, wijk en maand. Aantallen van 1 tot 4 staan er als "< 5" en zonder balk, zodat niemand herkenbaar is.',
  figuresYear: 'Jaar',
  figuresPrint: 'Afdrukken',
  figuresBudget: 'Budget voor het sociaal tarief',
  figuresNoBudget: 'Voor {year} is nog geen budget ingesteld.',
  figuresBudgetUsed: 'Gebruikt van het budget',
  figuresBudgetDesc: '{used} van {total} is gebruikt ({share}). De waarschuwing komt bij {warning}.',
  figuresBudgetWarning: 'Let op: het gebruik is voorbij de waarschuwing van {warning}.',
  figuresBudgetRows: 'Het budget in cijfers',
  figuresWhat: 'Wat',
  figuresAmount: 'Bedrag',
  figuresBudgetTotal: 'Budget',
  figuresBudgetSpent: 'Gebruikt',
  figuresBudgetLeft: 'Nog over',
  figuresWarningAt: 'Waarschuwing bij',
  figuresPerClub: 'Per club',
  figuresPerClubDesc: 'Wat de gemeente elke club dit jaar terugbetaalt voor het sociaal tarief.',
  figuresPerCategory: 'Per soort activiteit',
  figuresPerCategoryDesc: 'Wat het sociaal tarief dit jaar kostte per soort activiteit.',
  figuresClub: 'Club',
  figuresCategory: 'Soort activiteit',
  figuresMonth: 'Maand',
  figuresTotal: 'Totaal',
  figuresNumbers: 'De cijfers van de grafiek',
  figuresNothing: 'Nog geen gegevens voor {year}.',
  figuresReimbursed: 'Terugbetaald aan clubs, per maand',
  figuresReimbursedDesc:
    'Wat de gemeente de clubs per maand terugbetaalt. In totaal {total}; het meest in {month}.',
  figuresOtherClubs: 'Andere clubs',
  figuresLifts: 'Liften',
  figuresLiftsMonth: 'Liftvragen per maand: met en zonder lift',
  figuresLiftsMonthDesc: '{requested} vragen, {served} met een lift, {unserved} zonder lift.',
  figuresLiftsHood: 'Liftvragen per wijk: met en zonder lift',
  figuresLiftsHoodDesc: 'Per wijk van het ophaaladres. Het meest zonder lift: {hood}.',
  figuresLiftsBonus: 'Bonuspunten voor chauffeurs, per maand',
  figuresLiftsBonusDesc: 'In totaal {points} bonuspunten.',
  figuresServed: 'Met lift',
  figuresUnserved: 'Zonder lift',
  figuresBonus: 'Bonuspunten',
  figuresHood: 'Wijk',
  figuresNoHood: 'Wijk onbekend',
  figuresTariff: 'Gebruik van het sociaal tarief',
  figuresTariffCategory: 'Tickets en lidmaatschappen met sociaal tarief, per soort activiteit',
  figuresTariffCategoryDesc: 'In totaal {count} met sociaal tarief verkocht.',
  figuresTariffKind: 'Tickets en lidmaatschappen met sociaal tarief, per maand',
  figuresTariffKindDesc: '{tickets} tickets en {memberships} lidmaatschappen.',
  figuresTickets: 'Tickets',
  figuresMemberships: 'Lidmaatschappen',
} as const;

export type Keys = keyof typeof figuresNl;
