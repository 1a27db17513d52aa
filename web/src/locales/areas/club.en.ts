import type { Keys } from './club.ts';

/** English of club.ts, where Dutch is the source; a file of its own: one chunk per language. */
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
