/**
 * The municipality admin's page for the Social House's phone and address, which every letter, e-mail and
 * SMS names. Dutch is the source; fr and en must have every key. Phone numbers in the hints keep to one line
 * (no-break spaces, `\u00a0`).
 */
export const socialHouseNl = {
  socialHouseNav: 'Sociaal Huis',
  socialHouseTitle: 'Telefoon en adres van het Sociaal Huis',
  socialHouseIntro:
    'Dit telefoonnummer staat op elke brief, e-mail en sms die Buurtpas aan inwoners stuurt, zodat ze het Sociaal Huis kunnen bellen.',
  socialHouseFormTitle: 'Wat op de berichten staat',
  socialHouseNoPhone:
    'Er staat nog geen telefoonnummer. Tot je er een invult, vragen de berichten om langs te komen in plaats van te bellen.',
  socialHousePhone: 'Telefoonnummer',
  socialHousePhoneHint:
    'Een Belgisch nummer, zoals 050\u00a012\u00a034\u00a056 of +32\u00a050\u00a012\u00a034\u00a056.',
  socialHouseAddress: 'Adres (niet verplicht)',
  socialHouseAddressHint:
    'Straat en nummer, dan postcode en gemeente, elk op een eigen regel. Het staat bovenaan elke brief.',
  socialHouseSave: 'Opslaan',
  socialHouseSaved: 'Opgeslagen. Nieuwe brieven en berichten noemen {phone}.',
};

type Keys = keyof typeof socialHouseNl;

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

export const socialHouseEn: Record<Keys, string> = {
  socialHouseNav: 'Social House',
  socialHouseTitle: 'Phone and address of the Social House',
  socialHouseIntro:
    'This phone number is on every letter, e-mail and SMS Buurtpas sends to residents, so they can call the Social House.',
  socialHouseFormTitle: 'What the messages say',
  socialHouseNoPhone:
    'There is no phone number yet. Until you add one, the messages ask people to come by instead of calling.',
  socialHousePhone: 'Phone number',
  socialHousePhoneHint:
    'A Belgian number, like 050\u00a012\u00a034\u00a056 or +32\u00a050\u00a012\u00a034\u00a056.',
  socialHouseAddress: 'Address (optional)',
  socialHouseAddressHint:
    'Street and number, then postal code and town, each on its own line. It is at the top of every letter.',
  socialHouseSave: 'Save',
  socialHouseSaved: 'Saved. New letters and messages name {phone}.',
};
