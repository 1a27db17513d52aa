import { api, type Answer } from '../api.ts';
import { h } from '../dom.ts';
import { format, t } from '../i18n.ts';

type Card = Answer<'/api/v1/passholders/{passholderId}/card'>;

/** The printable card (credit-card size) and, when an activation code was just made, the A4 welcome letter. */
export async function printPage(passholderId: string): Promise<HTMLElement> {
  const card = await api<Card>(`/passholders/${passholderId}/card`);
  const qr = h('div', { class: 'qr' });
  qr.innerHTML = card.qrSvg; // our own API's SVG: only the QR's paths
  const letterData = sessionStorage.getItem(`letter:${passholderId}`);
  const letter = letterData ? (JSON.parse(letterData) as { code: string; expiresAt: string }) : null;
  return h(
    'div',
    { class: 'print' },
    h('h1', { class: 'no-print' }, t('printCard')),
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
    letter
      ? h(
          'article',
          { class: 'letter', 'aria-label': t('letter') },
          h('h2', {}, t('letterTitle', { name: card.firstName })),
          h('p', {}, t('letterIntro')),
          h(
            'p',
            {},
            `${t('passNumber')}: `,
            h('strong', { class: 'pass' }, format.passNumber(card.passNumber)),
          ),
          h('p', {}, `${t('activationCode')}: `, h('strong', { class: 'pass' }, letter.code)),
          h('p', {}, t('letterSteps', { date: format.dateTime(letter.expiresAt) })),
          h('p', {}, t('noAccount')),
        )
      : null,
  );
}
