import { doorOpen } from '../activities/window.ts';
import type { Locale } from '../lib/i18n.ts';
import { notice, type Notice } from '../lib/notices.ts';
import { brusselsDateTime } from '../lib/time.ts';
import type { Checkin } from './schema.ts';

/** Is `now` inside the check-in window of the activity (the door window: a margin before the start and after the end)? */
export const checkinOpen = doorOpen;

/** What a check-in answers: points only for a new check-in, and a message when it was there already. */
export function checkinAnswer(
  r: { at: string; fresh: boolean; balance: number },
  points: number,
  name: string,
  signup: Checkin['signup'],
  messages: Notice[],
  locale: Locale,
): Checkin {
  if (!r.fresh) messages.push(notice('already_checked_in', locale, { time: brusselsDateTime(r.at, locale) }));
  return {
    passholder: { displayName: name },
    checkedInAt: r.at,
    alreadyCheckedIn: !r.fresh,
    pointsAwarded: r.fresh ? points : 0,
    points: r.balance,
    signup,
    messages,
  };
}
