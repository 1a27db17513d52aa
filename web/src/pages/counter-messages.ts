import { api, ApiError, type Answer, type Schema } from '../api.ts';
import { announce, h } from '../dom.ts';
import { dayOf, format, t, tn, type MessageKey } from '../i18n.ts';
import { button, emptyState, field, loadingNote, table } from '../components.ts';

type Letters = Answer<'/api/v1/municipalities/{municipalityId}/letters'>;
type Failed = Answer<'/api/v1/municipalities/{municipalityId}/failed-deliveries'>['items'][number];

/** Why a message did not arrive, in words the counter can act on. */
const FAILURE_REASONS = {
  no_address: 'msgReasonNoAddress',
  bad_address: 'msgReasonBadAddress',
  refused: 'msgReasonRefused',
  unavailable: 'msgReasonUnavailable',
} as const satisfies Record<Schema<'FailedDelivery'>['reason'], MessageKey>;

const CHANNELS = { email: 'msgChannelEmail', sms: 'msgChannelSms', paper: 'msgChannelPaper' } as const;

/**
 * The day's letters: pick a day, see how many and to whom, and open the batch as one printable document
 * (one letter per A4 page, each in its person's language) in a new tab.
 */
export function lettersPage(municipalityId: string): HTMLElement {
  const base = `/municipalities/${encodeURIComponent(municipalityId)}/letters`;
  const today = dayOf(new Date());
  const form = h(
    'form',
    { class: 'inline' },
    field('letters-date', 'date', t('msgLettersDate'), { type: 'date', value: today, required: true }),
    h('button', { type: 'submit' }, t('msgLettersShow')),
  );
  const result = h('div', { 'aria-live': 'polite' });
  const show = async () => {
    const date = form.querySelector<HTMLInputElement>('input[name=date]')!.value || today;
    result.replaceChildren(loadingNote());
    try {
      const batch = await api<Letters>(`${base}?date=${encodeURIComponent(date)}`);
      const when = format.date(date);
      if (batch.count === 0) {
        result.replaceChildren(emptyState(t('msgLettersNone', { date: when })));
        return;
      }
      result.replaceChildren(
        h('p', {}, tn('msgLettersCount', batch.count, { date: when })),
        h(
          'p',
          {},
          h(
            'a',
            {
              class: 'button',
              href: `/api/v1${base}?date=${encodeURIComponent(date)}`,
              target: '_blank',
              rel: 'noopener',
            },
            t('msgLettersOpen'),
          ),
        ),
        table(
          t('msgLettersTitle'),
          [t('msgLetterTo'), t('msgLetterSubject'), t('msgLetterLanguage')],
          batch.letters.map((l) => [
            h(
              'span',
              {},
              l.name,
              h('br', {}),
              l.addressLines.length
                ? h('span', { class: 'muted' }, l.addressLines.join(', '))
                : h('strong', {}, t('msgLettersNoAddress')),
            ),
            h('span', { lang: l.locale }, l.subject),
            format.language(l.locale),
          ]),
        ),
      );
    } catch (e) {
      result.replaceChildren(
        h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : t('unknownError')),
      );
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void show();
  });
  void show();
  return h('div', {}, h('h1', {}, t('msgLettersTitle')), h('p', {}, t('msgLettersIntro')), form, result);
}

/** Messages that did not arrive: who to call, what it said, and handle it or send it as a letter. */
export function failedDeliveriesPage(municipalityId: string): HTMLElement {
  const base = `/municipalities/${encodeURIComponent(municipalityId)}/failed-deliveries`;
  const status = h('p', { role: 'status' });
  const list = h('div', {}, loadingNote());
  const load = async () => {
    try {
      const { items } = await api<{ items: Failed[] }>(base);
      list.replaceChildren(
        items.length === 0
          ? emptyState(t('msgFailedNone'))
          : table(
              t('msgFailedTitle'),
              [
                t('msgFailedWho'),
                t('msgFailedCall'),
                t('msgFailedMessage'),
                t('msgFailedWhen'),
                t('msgFailedActions'),
              ],
              items.map((item) => row(item)),
            ),
      );
    } catch (e) {
      list.replaceChildren(
        h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : t('unknownError')),
      );
    }
  };
  const resolve = async (item: Failed, action: 'handled' | 'letter') => {
    try {
      await api(`${base}/${encodeURIComponent(item.id)}`, { body: { action } });
      status.className = 'ok';
      status.textContent =
        action === 'letter'
          ? t('msgFailedDoneLetter', { name: item.name })
          : t('msgFailedDoneHandled', { name: item.name });
    } catch (e) {
      status.className = 'error';
      status.textContent = e instanceof ApiError ? e.message : t('unknownError');
    }
    announce(status.textContent ?? '');
    await load();
  };
  const row = (item: Failed): (Node | string)[] => {
    const contact = [
      item.phone ? h('a', { href: `tel:${item.phone.replace(/\s/g, '')}` }, item.phone) : null,
      item.email ? h('a', { href: `mailto:${encodeURIComponent(item.email)}` }, item.email) : null,
    ].filter((x): x is HTMLAnchorElement => x !== null);
    return [
      h(
        'span',
        {},
        h('a', { href: `#/counter/p/${encodeURIComponent(item.passholderId)}` }, item.name),
        h('br', {}),
        h('span', { class: 'muted' }, format.passNumber(item.passNumber)),
      ),
      contact.length
        ? h('span', {}, ...contact.flatMap((c, i) => (i ? [h('br', {}), c] : [c])))
        : t('msgNoContact'),
      h(
        'span',
        {},
        h('span', { lang: item.locale }, item.message),
        h('br', {}),
        h('strong', {}, t(FAILURE_REASONS[item.reason])),
        h('br', {}),
        h(
          'span',
          { class: 'muted' },
          `${t('msgFailedChannel')} ${t(CHANNELS[item.channel])} · ${tn('msgFailedTries', item.attempts)}`,
        ),
        // What the service answered, word for word (technical, often English): for whoever looks deeper.
        ...(item.error
          ? [h('br', {}), h('small', { class: 'muted' }, `${t('msgFailedError')}: ${item.error}`)]
          : []),
      ),
      format.shortDateTime(item.failedAt),
      h(
        'span',
        { class: 'actions' },
        button(t('msgFailedHandled'), 'secondary', {
          'aria-label': `${t('msgFailedHandled')}: ${item.name}`,
          onclick: () => void resolve(item, 'handled'),
        }),
        // Lift news by letter would come too late (the API refuses it too).
        item.channel === 'paper' || item.kind.startsWith('ride_')
          ? null
          : button(t('msgFailedLetter'), 'secondary', {
              'aria-label': `${t('msgFailedLetter')}: ${item.name}`,
              onclick: () => void resolve(item, 'letter'),
            }),
      ),
    ];
  };
  void load();
  return h('div', {}, h('h1', {}, t('msgFailedTitle')), h('p', {}, t('msgFailedIntro')), status, list);
}
