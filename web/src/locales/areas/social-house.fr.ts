import type { Keys } from './social-house.ts';

/** French of social-house.ts, where Dutch is the source; a file of its own: one chunk per language. */
export const socialHouseFr: Record<Keys, string> = {
  socialHouseNav: 'Maison sociale',
  socialHouseTitle: 'Téléphone et adresse de la Maison sociale',
  socialHouseIntro:
    'Ce numéro de téléphone figure sur chaque lettre, e-mail et SMS que Buurtpas envoie aux habitants, pour qu’ils puissent appeler la Maison sociale.',
  socialHouseFormTitle: 'Ce qui figure sur les messages',
  socialHouseNoPhone:
    'Aucun numéro de téléphone pour l’instant. Tant qu’il n’y en a pas, les messages invitent à passer au lieu d’appeler.',
  socialHousePhone: 'Numéro de téléphone',
  socialHousePhoneHint:
    'Un numéro belge, comme 050\u00a012\u00a034\u00a056 ou +32\u00a050\u00a012\u00a034\u00a056.',
  socialHouseAddress: 'Adresse (facultatif)',
  socialHouseAddressHint:
    'Rue et numéro, puis code postal et commune, chacun sur sa propre ligne. Elle figure en haut de chaque lettre.',
  socialHouseSave: 'Enregistrer',
  socialHouseSaved: 'Enregistré. Les nouvelles lettres et les nouveaux messages indiquent le {phone}.',
};
