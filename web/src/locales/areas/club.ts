/**
 * Texts of the club staff pages (issue 12). Dutch is the source; fr and en must have every key (the type checks it).
 * nl.ts, fr.ts and en.ts spread these in, so t() knows them like any other key.
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

type Keys = keyof typeof clubNl;

export const clubFr: Record<Keys, string> = {
  clubAreaName: 'Club',
  descriptions: 'Description',
  descriptionsHelp:
    'Écrivez dans les langues que vous connaissez. Sans description dans sa langue, on voit la version néerlandaise.',
  descriptionInLanguage: 'En {language}',
  signupDeadlineOptional: 'Inscriptions jusqu’au (vide : jusqu’à la fin)',
  editActivity: 'Modifier l’activité',
  saveChanges: 'Enregistrer les modifications',
  editNotifyQuestion: 'Enregistrer les modifications et prévenir les participants ?',
  editNotifyCount: '{count} personnes inscrites ou en attente recevront un message.',
  editNotifyCount_one: '{count} personne inscrite ou en attente recevra un message.',
  editNotifyWhat: 'Le message indique le nouvel horaire, le lieu ou le nombre de places, dans leur langue.',
  saveAndNotify: 'Enregistrer et prévenir',
  savedNotified: 'Enregistré. {count} personnes ont reçu un message.',
  savedNotified_one: 'Enregistré. {count} personne a reçu un message.',
  noSalesThisMonth: 'Aucune vente ce mois-ci.',
  showMonth: 'Afficher {month}',
  seasonSpan: 'du {start} au {end}',
  offerCategory: 'Type',
};

export const clubEn: Record<Keys, string> = {
  clubAreaName: 'Club',
  descriptions: 'Description',
  descriptionsHelp:
    'Write in the languages you know. People whose language has no description see the Dutch one.',
  descriptionInLanguage: 'In {language}',
  signupDeadlineOptional: 'Sign-ups close at (empty: when it ends)',
  editActivity: 'Change the activity',
  saveChanges: 'Save changes',
  editNotifyQuestion: 'Save the changes and tell the people?',
  editNotifyCount: '{count} people who signed up or are waiting will get a message.',
  editNotifyCount_one: '{count} person who signed up or is waiting will get a message.',
  editNotifyWhat: 'The message gives the new time, place or number of places, in their own language.',
  saveAndNotify: 'Save and tell them',
  savedNotified: 'Saved. {count} people got a message.',
  savedNotified_one: 'Saved. {count} person got a message.',
  noSalesThisMonth: 'No sales this month.',
  showMonth: 'Show {month}',
  seasonSpan: '{start} to {end}',
  offerCategory: 'Kind',
};
