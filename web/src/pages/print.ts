import { api, type Answer } from '../api.ts';
import { h } from '../dom.ts';
import { format, loadLocale, t, tIn, type Locale, type MessageKey } from '../i18n.ts';

type Card = Answer<'/api/v1/passholders/{passholderId}/card'>;
type Holder = Answer<'/api/v1/passholders/{passholderId}'>;

/**
 * A text in the resident's language whose `{placeholders}` become nodes (an address in bold, a quoted
 * button name), so the sentence stays one translation and the words in it can still be styled.
 */
function sentence(
  lang: Locale,
  key: MessageKey,
  parts: { [name: string]: Node | string },
): (Node | string)[] {
  return tIn(lang, key)
    .split(/(\{\w+\})/)
    .filter((piece) => piece !== '')
    .map((piece) => parts[piece.slice(1, -1)] ?? piece);
}

/** A word of the app's own screens, as the resident will see it there (without a closing full stop). */
const appWords = (lang: Locale, key: MessageKey) =>
  h('strong', { class: 'app-words' }, tIn(lang, key).replace(/\.$/, ''));

/** The day and time the code ends, in the resident's language and in Brussels time. */
const until = (lang: Locale, iso: string) =>
  new Intl.DateTimeFormat(`${lang}-BE`, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Brussels',
  }).format(new Date(iso));

/** The A4 welcome letter, in the resident's language: what the pass is, the code, and the steps to activate it. */
export function welcomeLetter(
  lang: Locale,
  person: { firstName: string; passNumber: string },
  letter: { code: string; expiresAt: string },
  address: string,
): HTMLElement {
  return h(
    'article',
    { class: 'letter', lang, 'aria-labelledby': 'letter-title' },
    h('p', { class: 'letter-brand' }, 'Buurtpas'),
    h('h2', { id: 'letter-title' }, tIn(lang, 'letterTitle', { name: person.firstName })),
    h('p', {}, tIn(lang, 'letterIntro')),
    h(
      'div',
      { class: 'letter-codes' },
      h(
        'p',
        {},
        tIn(lang, 'intakeLetterLabel', { label: tIn(lang, 'passNumber') }),
        h('strong', { class: 'pass' }, format.passNumber(person.passNumber)),
      ),
      h(
        'p',
        {},
        tIn(lang, 'intakeLetterLabel', { label: tIn(lang, 'activationCode') }),
        h('strong', { class: 'pass' }, letter.code),
      ),
    ),
    h('h3', {}, tIn(lang, 'intakeLetterHowTitle')),
    h(
      'ol',
      { class: 'letter-steps' },
      h('li', {}, ...sentence(lang, 'intakeLetterStepAddress', { address: h('strong', {}, address) })),
      h('li', {}, ...sentence(lang, 'intakeLetterStepLink', { link: appWords(lang, 'haveLetter') })),
      h('li', {}, ...sentence(lang, 'intakeLetterStepPage', { page: appWords(lang, 'activateTitle') })),
      h('li', {}, tIn(lang, 'intakeLetterStepPassword')),
      h('li', {}, ...sentence(lang, 'intakeLetterStepButton', { button: appWords(lang, 'activate') })),
    ),
    h('p', {}, tIn(lang, 'intakeLetterValid', { date: until(lang, letter.expiresAt) })),
    h('p', {}, tIn(lang, 'intakeLetterHelp')),
  );
}

/** The printable card (credit-card size) and, when an activation code was just made, the A4 welcome letter. */
export async function printPage(passholderId: string): Promise<HTMLElement> {
  const [card, record] = await Promise.all([
    api<Card>(`/passholders/${passholderId}/card`),
    api<Holder>(`/passholders/${passholderId}?reason=card`),
  ]);
  const lang: Locale = record.locale;
  const qr = h('div', { class: 'qr' });
  qr.innerHTML = card.qrSvg; // our own API's SVG: only the QR's paths
  const letterData = sessionStorage.getItem(`letter:${passholderId}`);
  const letter = letterData ? (JSON.parse(letterData) as { code: string; expiresAt: string }) : null;
  if (letter) await loadLocale(lang); // the letter speaks the resident's language, maybe not the page's
  return h(
    'div',
    { class: 'print' },
    h('h1', { class: 'no-print' }, letter ? t('printLetter') : t('printCard')),
    letter
      ? h(
          'p',
          { class: 'no-print note' },
          t('intakeLetterLanguage', { language: format.language(lang), name: card.firstName }),
        )
      : null,
    h(
      'p',
      { class: 'no-print' },
      h('button', { type: 'button', onclick: () => print() }, t('print')),
      ' ',
      h('a', { href: `#/counter/p/${passholderId}` }, t('back')),
    ),
    h(
      'article',
      { class: 'id-card', 'aria-label': t('card') },
      h('p', { class: 'id-brand' }, 'Buurtpas'),
      qr,
      h('p', { class: 'id-name' }, `${card.firstName} ${card.lastName}`),
      h('p', { class: 'pass' }, format.passNumber(card.passNumber)),
    ),
    letter ? welcomeLetter(lang, card, letter, location.origin) : null,
  );
}
