import { fill, type Locale, type Localized } from '../lib/i18n.ts';
import { longDate } from '../lib/time.ts';

/**
 * Messages about the holder's own social status, in their language: short sentences, what to do next.
 * They never say why the status was given and carry no birth date: they may be printed as a paper letter.
 */
const TEXTS = {
  status_ending: {
    nl: 'Je kansenstatuut loopt af op {date}. Wil je het houden? Kom met je identiteitskaart naar de balie van het Sociaal Huis, of bel ons. Dan kijken we samen of je het kan verlengen.',
    fr: 'Votre statut social se termine le {date}. Vous voulez le garder ? Venez au guichet de la Maison sociale avec votre carte d’identité, ou appelez-nous. Nous verrons ensemble s’il peut être prolongé.',
    en: 'Your social status ends on {date}. Do you want to keep it? Come to the counter of the Social House with your identity card, or call us. We will see together if it can be renewed.',
  },
  status_in_grace: {
    nl: 'Je kansenstatuut is afgelopen. Je korting en je rechten blijven nog tot {date}. Kom voor die datum naar de balie van het Sociaal Huis met je identiteitskaart, of bel ons.',
    fr: 'Votre statut social est terminé. Votre réduction et vos droits restent valables jusqu’au {date}. Venez avant cette date au guichet de la Maison sociale avec votre carte d’identité, ou appelez-nous.',
    en: 'Your social status has ended. Your reduction and your rights stay until {date}. Come to the counter of the Social House with your identity card before that date, or call us.',
  },
  status_renewed: {
    nl: 'Goed nieuws: je kansenstatuut is verlengd tot {date}. Je hoeft niets te doen. Je pas werkt zoals voordien.',
    fr: 'Bonne nouvelle : votre statut social est prolongé jusqu’au {date}. Vous ne devez rien faire. Votre pass fonctionne comme avant.',
    en: 'Good news: your social status is renewed until {date}. You do not need to do anything. Your pass works as before.',
  },
} as const satisfies Record<string, Localized>;

export type StatusMessageKind = keyof typeof TEXTS;

export function statusMessage(kind: StatusMessageKind, locale: Locale, date: string): string {
  return fill(TEXTS[kind][locale], { date: longDate(date, locale) });
}

/**
 * The id of a status message: derived from who, what and the date it is about, so the same message is
 * written once however often the nightly job runs (the insert does nothing on a second run).
 */
export function statusMessageId(kind: StatusMessageKind, passholderId: string, date: string): string {
  return `${kind}:${passholderId}:${date}`;
}
