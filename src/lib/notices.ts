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
  outside_region: {
    nl: 'Het kansentarief geldt alleen in je eigen regio. Hier betaal je de gewone prijs.',
    fr: 'Le tarif social ne vaut que dans votre propre région. Ici, vous payez le prix normal.',
    en: 'The social tariff only applies in your own region. Here you pay the regular price.',
  },
  limit_reached: {
    nl: 'Je hebt het maximum aantal keer met korting bereikt. Nu betaal je de gewone prijs.',
    fr: 'Vous avez atteint le nombre maximum d’achats avec réduction. Vous payez maintenant le prix normal.',
    en: 'You have reached the maximum number of reduced purchases. You now pay the regular price.',
  },
  not_for_category: {
    nl: 'Voor dit soort activiteit geldt het kansentarief niet.',
    fr: 'Le tarif social ne s’applique pas à ce type d’activité.',
    en: 'The social tariff does not apply to this kind of activity.',
  },
  no_rule: {
    nl: 'Deze gemeente heeft (nog) geen kansentarief.',
    fr: 'Cette commune n’a pas (encore) de tarif social.',
    en: 'This municipality has no social tariff (yet).',
  },
  signup_promoted: {
    nl: 'Goed nieuws: er kwam een plaats vrij voor "{title}" op {date}. Je bent ingeschreven.',
    fr: 'Bonne nouvelle : une place s’est libérée pour « {title} » le {date}. Vous êtes inscrit.',
    en: 'Good news: a place came free for "{title}" on {date}. You are signed up.',
  },
  activity_cancelled: {
    nl: 'De activiteit "{title}" op {date} is geannuleerd.',
    fr: 'L’activité « {title} » du {date} est annulée.',
    en: 'The activity "{title}" on {date} is cancelled.',
  },
  activity_changed: {
    nl: 'De activiteit "{title}" is gewijzigd. {changes}',
    fr: 'L’activité « {title} » a changé. {changes}',
    en: 'The activity "{title}" has changed. {changes}',
  },
  activity_changed_time: {
    nl: 'Nieuw tijdstip: {date}.',
    fr: 'Nouvel horaire : {date}.',
    en: 'New time: {date}.',
  },
  activity_changed_place: {
    nl: 'Nieuwe plaats: {place}.',
    fr: 'Nouveau lieu : {place}.',
    en: 'New place: {place}.',
  },
  activity_changed_places: {
    nl: 'Er zijn nu {count} plaatsen.',
    fr: 'Il y a maintenant {count} places.',
    en: 'There are now {count} places.',
  },
  activity_place_unknown: {
    nl: 'nog niet bekend',
    fr: 'pas encore connu',
    en: 'not known yet',
  },
  not_signed_up: {
    nl: 'Deze persoon is niet ingeschreven voor deze activiteit.',
    fr: 'Cette personne n’est pas inscrite à cette activité.',
    en: 'This person is not signed up for this activity.',
  },
  waitlisted: {
    nl: 'Deze persoon staat op de wachtlijst.',
    fr: 'Cette personne est sur la liste d’attente.',
    en: 'This person is on the waiting list.',
  },
  already_checked_in: {
    nl: 'Al ingecheckt om {time}.',
    fr: 'Déjà enregistré à {time}.',
    en: 'Already checked in at {time}.',
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
