/**
 * The municipality admin's page for the Social House's phone and address, which every letter, e-mail and
 * SMS names. Dutch is the source; fr and en must have every key. Phone numbers in the hints keep to one line
 * (no-break spaces, `\u00a0`).
 *
 * French and English are in social-house.fr.ts and social-house.en.ts: one chunk per language, so the app
 * downloads only the one in use (i18n.ts).
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

export type Keys = keyof typeof socialHouseNl;
