/**
 * Texts of the club staff pages (issue 12). Dutch is the source; fr and en must have every key (the type checks it).
 * nl.ts, fr.ts and en.ts spread these in, so t() knows them like any other key.
 *
 * French and English are in club.fr.ts and club.en.ts: one chunk per language, so the app
 * downloads only the one in use (i18n.ts).
 */
export const clubNl = {
  clubAreaName: 'Club',
  descriptions: 'Beschrijving',
  descriptionsHelp:
    'Schrijf in de talen die je kent. Wie een taal kiest zonder beschrijving, ziet de Nederlandse.',
  descriptionInLanguage: 'In het {language}',
  signupDeadlineOptional: 'Inschrijven kan tot (leeg: tot het einde)',
  editActivity: 'Activiteit wijzigen',
  saveChanges: 'Wijzigingen opslaan',
  editNotifyQuestion: 'Wijzigingen opslaan en de mensen verwittigen?',
  editNotifyCount: '{count} mensen die ingeschreven zijn of wachten, krijgen een bericht.',
  editNotifyCount_one: '{count} persoon die ingeschreven is of wacht, krijgt een bericht.',
  editNotifyWhat:
    'Het bericht noemt het nieuwe tijdstip, de plaats of het aantal plaatsen, in hun eigen taal.',
  saveAndNotify: 'Opslaan en verwittigen',
  savedNotified: 'Opgeslagen. {count} mensen kregen een bericht.',
  savedNotified_one: 'Opgeslagen. {count} persoon kreeg een bericht.',
  noSalesThisMonth: 'Geen verkopen deze maand.',
  showMonth: 'Toon {month}',
  seasonSpan: '{start} tot {end}',
  offerCategory: 'Soort',
} as const;

export type Keys = keyof typeof clubNl;
