import type { Locale, Localized } from './i18n.ts';
import { fillAll } from './i18n.ts';

/**
 * Messages that accompany a successful answer and must be shown to staff or the holder
 * (problems are for failures; these are for "it worked, but note this").
 */
export const NOTICES = {
  activity_not_today: {
    nl: 'Let op: deze activiteit is niet vandaag ({date}).',
    fr: 'Attention : cette activité n’a pas lieu aujourd’hui ({date}).',
    en: 'Note: this activity is not today ({date}).',
  },
  card_blocked_phone_ok: {
    nl: 'De kaart van deze pas is geblokkeerd; de code op de telefoon werkt wel.',
    fr: 'La carte de ce pass est bloquée ; le code sur le téléphone fonctionne.',
    en: 'The card of this pass is blocked; the code on the phone works.',
  },
} as const satisfies Record<string, Localized>;

export type NoticeCode = keyof typeof NOTICES;
export type Notice = { code: NoticeCode; message: string; messages: Localized };

export function notice(
  code: NoticeCode,
  locale: Locale,
  params: Record<string, string | number> = {},
): Notice {
  const messages = fillAll(NOTICES[code], params);
  return { code, message: messages[locale], messages };
}
