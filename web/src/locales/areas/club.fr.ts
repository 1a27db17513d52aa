import type { Keys } from './club.ts';

/** French of club.ts, where Dutch is the source; a file of its own: one chunk per language. */
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
