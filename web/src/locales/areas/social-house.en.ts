import type { Keys } from './social-house.ts';

/** English of social-house.ts, where Dutch is the source; a file of its own: one chunk per language. */
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
