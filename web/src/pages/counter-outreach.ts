import { api, ApiError, type Answer } from '../api.ts';
import { h } from '../dom.ts';
import { format, t, type MessageKey } from '../i18n.ts';
import { button, choice, emptyState, loadingNote } from '../components.ts';
import { contactForm, contactSummary, REASONS, type ContactWay } from './outreach-contacts.ts';

type Worklist = Answer<'/api/v1/outreach'>;
type Item = Worklist['items'][number];
type Step = Item['nextStep'];

const STEPS: Record<Step, MessageKey> = {
  call: 'outreachStepCall',
  letter: 'outreachStepLetter',
  visit: 'outreachStepVisit',
};
/** The contact form starts with the way the next step suggests. */
const WAY_OF_STEP: Record<Step, ContactWay> = { call: 'call', letter: 'letter', visit: 'visit' };

function facts(rows: [string, Node | string][]): HTMLElement {
  return h('dl', { class: 'facts' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

/** One person on the list: why, the next step, how to reach them, the last contact, and the form to log one. */
function personCard(item: Item): HTMLElement {
  const name = `${item.firstName} ${item.lastName}`;
  const headingId = `outreach-${item.passholderId}`;
  const last = h('span', {}, item.lastContact ? contactSummary(item.lastContact) : t('outreachNoContactYet'));
  const parts: (Node | string | null)[] = [
    item.phone ? h('a', { href: `tel:${item.phone.replace(/\s/g, '')}` }, item.phone) : t('outreachNoPhone'),
    item.email ? t('outreachEmailKnown') : null,
    item.hasAddress ? null : t('outreachNoAddress'),
  ];
  const reach = parts.filter((x): x is Node | string => x !== null);
  const details = [
    item.letterAt ? t('outreachLetterOn', { date: format.date(item.letterAt) }) : null,
    item.reasons.includes('status_ending') && item.statusUntil
      ? t('outreachStatusUntil', { date: format.date(item.statusUntil) })
      : null,
    item.reasons.includes('not_used')
      ? item.lastUsedAt
        ? t('outreachLastUsed', { date: format.date(item.lastUsedAt) })
        : t('outreachNeverUsed')
      : null,
  ].filter((x): x is string => x !== null);
  return h(
    'section',
    { class: 'card outreach-person', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, name),
    h('p', { class: 'pass' }, format.passNumber(item.passNumber)),
    facts([
      [
        t('outreachWhyListed'),
        h(
          'ul',
          {},
          ...item.reasons.map((r) => h('li', {}, t(REASONS[r]))),
          ...details.map((d) => h('li', { class: 'muted' }, d)),
        ),
      ],
      [t('outreachNextStep'), h('strong', {}, t(STEPS[item.nextStep]))],
      [t('outreachReach'), h('span', {}, ...reach.flatMap((r, i) => (i ? [' · ', r] : [r])))],
      [t('outreachLastContact'), last],
    ]),
    h(
      'p',
      { class: 'actions' },
      h(
        'a',
        { href: `#/counter/p/${encodeURIComponent(item.passholderId)}`, class: 'button secondary' },
        t('outreachOpenRecord'),
      ),
    ),
    h(
      'details',
      {},
      h('summary', {}, t('outreachLogContact', { name })),
      contactForm(
        item.passholderId,
        name,
        { reason: item.reasons[0]!, how: WAY_OF_STEP[item.nextStep] },
        (contact) => {
          last.textContent = contactSummary(contact);
        },
      ),
    ),
  );
}

/**
 * Counter staff's worklist: the people of their municipality to reach, with why and the next step. Each time the
 * list is read, every person on it sees that in their "who looked at my record" (the page says so).
 */
export function outreachPage(): HTMLElement {
  const reasons: [string, string][] = [
    ['', t('outreachAllReasons')],
    ...(['not_activated', 'not_used', 'status_ending'] as const).map((r): [string, string] => [
      r,
      t(REASONS[r]),
    ]),
  ];
  const filter = choice('outreach-reason', 'reason', t('outreachFilter'), reasons, '');
  const list = h('div', { class: 'outreach-list' });
  const more = h('div', {});
  const status = h('div', { 'aria-live': 'polite' }, loadingNote());
  const load = async (cursor: string | null) => {
    const reason = filter.querySelector('select')!.value;
    const query = new URLSearchParams();
    if (reason) query.set('reason', reason);
    if (cursor) query.set('cursor', cursor);
    try {
      const page = await api<Worklist>(`/outreach${query.size ? `?${query}` : ''}`);
      if (!cursor) list.replaceChildren();
      list.append(...page.items.map(personCard));
      status.replaceChildren(list.childElementCount === 0 ? emptyState(t('outreachEmpty')) : '');
      more.replaceChildren(
        page.nextCursor
          ? button(t('outreachMore'), 'secondary', { onclick: () => void load(page.nextCursor) })
          : '',
      );
    } catch (e) {
      status.replaceChildren(
        h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : t('unknownError')),
      );
    }
  };
  const form = h(
    'form',
    { class: 'outreach-filter' },
    filter,
    h('button', { type: 'submit' }, t('outreachShowList')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    status.replaceChildren(loadingNote());
    void load(null);
  });
  void load(null);
  return h(
    'div',
    { class: 'outreach' },
    h('h1', {}, t('outreachTitle')),
    h('p', {}, t('outreachIntro')),
    h('p', { class: 'muted' }, t('outreachAudited')),
    form,
    status,
    list,
    more,
  );
}
