import { api, ApiError, sequence, type Answer } from '../api.ts';
import { announce, h } from '../dom.ts';
import { format, locale, t } from '../i18n.ts';
import { emptyState, table } from '../components.ts';

/** A club's statement: sales added up per activity and price, never a person. */
type Statement = Answer<'/api/v1/clubs/{clubId}/statements/{month}'>;
/** The municipality's audit: each sale without the person. */
type Audit = Answer<'/api/v1/clubs/{clubId}/statements/{month}/lines'>;
type Summaries = Answer<'/api/v1/municipalities/{municipalityId}/statements/{month}'>;
type Summary = Summaries['items'][number];

const STATUS = { open: 'statementOpen', approved: 'statementApproved', paid: 'statementPaid' } as const;

function lastMonth(): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

function monthPicker(onChange: (month: string) => void): HTMLElement {
  const input = h('input', { id: 'month', type: 'month', value: lastMonth() }) as HTMLInputElement;
  input.addEventListener('change', () => input.value && onChange(input.value));
  return h('label', { class: 'field', for: 'month' }, h('span', {}, t('month')), input);
}

async function downloadCsv(path: string, name: string): Promise<void> {
  const response = await fetch(`/api/v1${path}`, {
    headers: { accept: 'text/csv', 'accept-language': locale() },
    credentials: 'same-origin',
  });
  if (!response.ok) throw new ApiError(response.status, 'download', t('unknownError'));
  const url = URL.createObjectURL(await response.blob());
  const link = h('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** "2026-10" moved by `by` months ("2026-09" for -1). */
function shiftMonth(month: string, by: number): string {
  const d = new Date(`${month}-15T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + by);
  return d.toISOString().slice(0, 7);
}

/** Club admin: the monthly statement, as a table, a CSV download and a printable page (one A4). */
export function clubStatementsPage(clubId: string): HTMLElement {
  const body = h('div', { 'aria-live': 'polite' });
  const begin = sequence();
  const running = new Date().toISOString().slice(0, 7);
  const picker = monthPicker((m) => void load(m));
  const input = picker.querySelector('input')!;
  const steps = h('p', { class: 'month-steps' });
  /** Buttons to the month before and after, named by the month in words. */
  const showSteps = (month: string) => {
    const step = (to: string, text: string) =>
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          'aria-label': t('showMonth', { month: format.month(to) }),
          onclick: () => {
            input.value = to;
            void load(to);
          },
        },
        text,
      );
    const before = shiftMonth(month, -1);
    const after = shiftMonth(month, 1);
    steps.replaceChildren(
      step(before, `‹ ${format.month(before)}`),
      ...(after <= running ? [' ', step(after, `${format.month(after)} ›`)] : []),
    );
  };
  const load = async (month: string) => {
    const current = begin();
    showSteps(month);
    try {
      const s = await api<Statement>(`/clubs/${clubId}/statements/${month}`);
      if (!current()) return;
      const heading = h(
        'p',
        { class: 'big' },
        `${s.clubName} · ${format.month(s.month)} · ${t(STATUS[s.status])}`,
      );
      if (s.groups.length === 0) {
        body.replaceChildren(heading, emptyState(t('noSalesThisMonth')));
        return;
      }
      body.replaceChildren(
        heading,
        h('p', {}, t('owed', { amount: format.cents(s.totals.municipalityShare) })),
        h('p', { class: 'muted' }, t('statementGroupsNote')),
        table(
          t('statement'),
          [
            t('activity'),
            t('statementCount'),
            t('statementUnitPrice'),
            t('regularPrice'),
            t('paidAmount'),
            t('clubShare'),
            t('municipalityShare'),
          ],
          [
            ...s.groups.map((g) => [
              [
                g.description,
                g.type === 'membership' ? ` (${t('statementMembership')})` : '',
                g.kind === 'correction' ? ` (${t('correction')})` : '',
              ].join(''),
              String(g.count),
              `${format.cents(g.unitRegularPrice)} → ${format.cents(g.unitPaid)}`,
              format.cents(g.regularPrice),
              format.cents(g.paid),
              format.cents(g.clubShare),
              format.cents(g.municipalityShare),
            ]),
            [
              t('total'),
              String(s.totals.lines),
              '',
              format.cents(s.totals.regularPrice),
              format.cents(s.totals.paid),
              format.cents(s.totals.clubShare),
              format.cents(s.totals.municipalityShare),
            ],
          ],
        ),
        h(
          'p',
          { class: 'no-print' },
          h(
            'button',
            {
              type: 'button',
              onclick: () =>
                void downloadCsv(`/clubs/${clubId}/statements/${month}`, `buurtpas-${month}.csv`),
            },
            t('downloadCsv'),
          ),
          ' ',
          h('button', { type: 'button', class: 'secondary', onclick: () => print() }, t('print')),
        ),
      );
    } catch (e) {
      if (!current()) return;
      body.replaceChildren(
        h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : t('unknownError')),
      );
    }
  };
  void load(lastMonth());
  return h(
    'div',
    { class: 'club-statement' },
    h('h1', {}, t('statements')),
    h('div', { class: 'no-print' }, picker, steps),
    body,
  );
}

/** Municipality admin: every club's statement of a month, to approve and mark paid. */
export function adminStatementsPage(municipalityId: string): HTMLElement {
  const body = h('div', { 'aria-live': 'polite' });
  const detail = h('section', {});
  let month = lastMonth();
  const begin = sequence();
  const load = async () => {
    const current = begin();
    const { items } = await api<Summaries>(`/municipalities/${municipalityId}/statements/${month}`);
    if (!current()) return;
    const action = (s: Summary) => {
      // A running month is not offered for approval: it can still change.
      if (s.status === 'open' && !s.monthEnded)
        return h('span', { class: 'muted' }, t('approveAfterMonth', { month: format.month(month) }));
      const step = s.status === 'open' ? 'approve' : s.status === 'approved' ? 'paid' : null;
      if (!step) return '';
      return h(
        'button',
        {
          type: 'button',
          'aria-label': `${t(step === 'approve' ? 'approve' : 'markPaid')}: ${s.clubName}`,
          onclick: async () => {
            try {
              await api(`/clubs/${s.clubId}/statements/${month}/${step}`, { method: 'POST' });
              await load();
              announce(t('saved'));
            } catch (e) {
              announce(e instanceof ApiError ? e.message : t('unknownError'));
              body.prepend(
                h(
                  'p',
                  { class: 'error', role: 'alert' },
                  e instanceof ApiError ? e.message : t('unknownError'),
                ),
              );
            }
          },
        },
        t(step === 'approve' ? 'approve' : 'markPaid'),
      );
    };
    const linesButton = (s: Summary) =>
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          'aria-label': `${t('statementLines')}: ${s.clubName}`,
          onclick: () => void showLines(s),
        },
        t('statementLines'),
      );
    body.replaceChildren(
      table(
        t('statements'),
        [t('club'), t('status'), t('sales'), t('municipalityShare'), t('actions')],
        items.map((s) => [
          s.clubName,
          t(STATUS[s.status]),
          String(s.totals.lines),
          format.cents(s.totals.municipalityShare),
          h('span', {}, action(s), ' ', linesButton(s)),
        ]),
      ),
    );
    detail.replaceChildren();
  };
  /** For audit: each sale of one club's month with its number and time, never the person. */
  const showLines = async (club: Summary) => {
    const path = `/clubs/${club.clubId}/statements/${month}/lines`;
    try {
      const a = await api<Audit>(path);
      const heading = h(
        'h2',
        { tabindex: '-1' },
        `${t('statementLines')}: ${a.clubName} · ${format.month(a.month)}`,
      );
      detail.replaceChildren(
        heading,
        h('p', { class: 'muted' }, t('statementLinesNote')),
        a.lines.length === 0
          ? h('p', {}, t('noStatementLines'))
          : table(
              t('statementLines'),
              [
                t('statementSale'),
                t('when'),
                t('activity'),
                t('regularPrice'),
                t('paidAmount'),
                t('clubShare'),
                t('municipalityShare'),
              ],
              a.lines.map((l) => [
                h('code', {}, l.saleId),
                format.dateTime(l.at),
                l.kind === 'correction' ? `${l.description} (${t('correction')})` : l.description,
                format.cents(l.regularPrice),
                format.cents(l.paid),
                format.cents(l.clubShare),
                format.cents(l.municipalityShare),
              ]),
            ),
        h(
          'p',
          { class: 'no-print' },
          h(
            'button',
            {
              type: 'button',
              onclick: () => void downloadCsv(path, `buurtpas-${month}-${a.clubName}-lines.csv`),
            },
            t('downloadCsv'),
          ),
        ),
      );
      heading.focus();
    } catch (e) {
      detail.replaceChildren(
        h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : t('unknownError')),
      );
    }
  };
  void load();
  return h(
    'div',
    {},
    h('h1', {}, t('statements')),
    monthPicker((m) => {
      month = m;
      void load();
    }),
    body,
    detail,
  );
}
