import { fill, type Locale, type Localized } from '../lib/i18n.ts';

/**
 * The message that lists the rights that opened, in the holder's language: short sentences, what to do next.
 * No reason, no status word, no birth date: it may be printed as a paper letter.
 */
const RIGHTS_OPENED = {
  nl: 'Met je pas heb je nu ook recht op: {rights}. Je hoeft niets aan te vragen. Hoe je ze gebruikt, staat bij "Jouw rechten" op je pas. Vragen? Bel het Sociaal Huis of kom langs aan de balie.',
  fr: 'Avec votre pass, vous avez maintenant aussi droit à : {rights}. Vous ne devez rien demander. Comment les utiliser : voyez « Vos droits » sur votre pass. Des questions ? Appelez la Maison sociale ou passez au guichet.',
  en: 'With your pass you now also have: {rights}. You do not need to apply. How to use them is under "Your rights" on your pass. Questions? Call the Social House or come to the counter.',
} as const satisfies Localized;

/** "A; B; C" from each right's name in the holder's language (nl when that text is missing). */
export function rightsOpenedMessage(locale: Locale, names: Partial<Localized>[]): string {
  return fill(RIGHTS_OPENED[locale], {
    rights: names.map((n) => n[locale] ?? n.nl ?? '').join('; '),
  });
}
