import { fill, type Locale, type Localized } from '../lib/i18n.ts';
import { brusselsDateTime } from '../lib/time.ts';

/**
 * Messages to one side of a ride, in that person's language. They name the other side by first name only
 * (what neighbours may see before both agreed), never an address or a phone number.
 */
const TEXTS = {
  ride_proposed: {
    nl: '{name} kan je meenemen naar "{title}" ({when}). Bevestig het bij "Mijn liften", of zeg nee.',
    fr: '{name} peut vous emmener à « {title} » ({when}). Confirmez dans « Mes trajets », ou refusez.',
    en: '{name} can take you to "{title}" ({when}). Confirm it under "My lifts", or say no.',
  },
  ride_confirmed: {
    nl: '{name} rijdt mee naar "{title}" ({when}). Het ophaaladres staat bij "Mijn liften".',
    fr: '{name} vous accompagne à « {title} » ({when}). L’adresse de prise en charge est dans « Mes trajets ».',
    en: '{name} rides with you to "{title}" ({when}). The pickup address is under "My lifts".',
  },
  ride_proposal_declined: {
    nl: '{name} heeft je aanbod voor "{title}" ({when}) niet nodig.',
    fr: '{name} n’a pas besoin de votre proposition pour « {title} » ({when}).',
    en: '{name} does not need your offer for "{title}" ({when}).',
  },
  ride_proposal_withdrawn: {
    nl: '{name} kan je toch niet meenemen naar "{title}" ({when}). Je vraag staat weer open voor andere chauffeurs.',
    fr: '{name} ne peut finalement pas vous emmener à « {title} » ({when}). Votre demande est à nouveau ouverte aux autres conducteurs.',
    en: '{name} cannot take you to "{title}" ({when}) after all. Your request is open to other drivers again.',
  },
  ride_cancelled: {
    nl: 'De lift naar "{title}" ({when}) is geannuleerd.',
    fr: 'Le covoiturage pour « {title} » ({when}) est annulé.',
    en: 'The lift to "{title}" ({when}) is cancelled.',
  },
} as const satisfies Record<string, Localized>;

export type RideMessageKind = keyof typeof TEXTS;

export function rideMessage(
  kind: RideMessageKind,
  locale: Locale,
  p: { name?: string; title: string; startsAt: string },
): string {
  return fill(TEXTS[kind][locale], {
    name: p.name ?? '',
    title: p.title,
    when: brusselsDateTime(p.startsAt, locale),
  });
}

/** Messages to the club of the activity, e.g. a passenger left without their ride shortly before departure. */
const CLUB_TEXTS = {
  ride_lost_late: {
    nl: 'Een deelnemer aan "{title}" ({when}) verloor kort voor vertrek zijn lift.',
    fr: 'Un participant à « {title} » ({when}) a perdu son transport peu avant le départ.',
    en: 'A participant in "{title}" ({when}) lost their lift shortly before departure.',
  },
} as const satisfies Record<string, Localized>;

export type ClubMessageKind = keyof typeof CLUB_TEXTS;

/** Clubs have no language of their own (yet): their messages are written in the default language. */
export const CLUB_LOCALE: Locale = 'nl';

export function clubMessage(
  kind: ClubMessageKind,
  locale: Locale,
  p: { title: string; startsAt: string },
): string {
  return fill(CLUB_TEXTS[kind][locale], { title: p.title, when: brusselsDateTime(p.startsAt, locale) });
}
