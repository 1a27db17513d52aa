import { fill, type Locale, type Localized } from '../lib/i18n.ts';

/**
 * The message that lists the rights that opened, in the holder's language: short sentences, what to do next.
 * No reason, no status word, no birth date: it may be printed as a paper letter.
 */
const RIGHTS_OPENED = {
  nl: 'Met je pas heb je nu ook deze rechten. Je hoeft niets aan te vragen. {rights}',
  fr: 'Avec votre pass, vous avez maintenant aussi ces droits. Vous ne devez rien demander. {rights}',
  en: 'With your pass you now also have these rights. You do not need to apply. {rights}',
} as const satisfies Localized;

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/**
 * "Name: how to use it." for each right, in the holder's language (nl when that text is missing): a letter
 * must say how to use a right by itself, for people who do not use the app.
 */
export function rightsOpenedMessage(
  locale: Locale,
  rights: { name: Partial<Localized>; howToUse: Partial<Localized> }[],
): string {
  const text = (t: Partial<Localized>) => (t[locale] ?? t.nl ?? '').trim();
  return fill(RIGHTS_OPENED[locale], {
    rights: rights.map((r) => sentence(`${text(r.name)}: ${text(r.howToUse)}`)).join(' '),
  });
}
