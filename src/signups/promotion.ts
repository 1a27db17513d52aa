import { fillAll, type Localized } from '../lib/i18n.ts';
import { NOTICES } from '../lib/notices.ts';
import { brusselsDateTime } from '../lib/time.ts';

/** The message for whom a cancellation gives a place, in each language with the date in that language. */
export function promotionMessages(title: string, startsAt: string): Localized {
  const texts = NOTICES.signup_promoted;
  return {
    nl: fillAll(texts, { title, date: brusselsDateTime(startsAt, 'nl') }).nl,
    fr: fillAll(texts, { title, date: brusselsDateTime(startsAt, 'fr') }).fr,
    en: fillAll(texts, { title, date: brusselsDateTime(startsAt, 'en') }).en,
  };
}
