import { api, ApiError } from '../api.ts';
import { announce, h } from '../dom.ts';
import { format, locale, t } from '../i18n.ts';
import { table } from '../roles/common.ts';

type Totals = {
  lines: number;
  regularPrice: number;
  paid: number;
  clubShare: number;
  municipalityShare: number;
};
type Statement = {
  clubName: string;
  month: string;
  status: 'open' | 'approved' | 'paid';
  lines: {
    kind: string;
    date: string;
    description: string;
    passNumber: string;
    regularPrice: number;
    paid: number;
    clubShare: number;
    municipalityShare: number;
  }[];
  totals: Totals;
};
type Summary = { clubId: string; clubName: string; status: Statement['status']; totals: Totals };

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

/** Club admin: the monthly statement, as a table, a CSV download and a printable page. */
export function clubStatementsPage(clubId: string): HTMLElement {
  const body = h('div', { 'aria-live': 'polite' });
  const load = async (month: string) => {
    try {
      const s = await api<Statement>(`/clubs/${clubId}/statements/${month}`);
      body.replaceChildren(
        h('p', { class: 'big' }, `${s.clubName} · ${s.month} · ${t(STATUS[s.status])}`),
        h('p', {}, t('owed', { amount: format.cents(s.totals.municipalityShare) })),
        table(
          t('statement'),
          [
            t('when'),
            t('activity'),
            t('passNumber'),
            t('regularPrice'),
            t('paidAmount'),
            t('clubShare'),
            t('municipalityShare'),
          ],
          [
            ...s.lines.map((l) => [
              `${l.date.slice(0, 10)}${l.kind === 'correction' ? ` (${t('correction')})` : ''}`,
              l.description,
              format.passNumber(l.passNumber),
              format.cents(l.regularPrice),
              format.cents(l.paid),
              format.cents(l.clubShare),
              format.cents(l.municipalityShare),
            ]),
            [
              t('total'),
              '',
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
      body.replaceChildren(
        h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : t('unknownError')),
      );
    }
  };
  void load(lastMonth());
  return h(
    'div',
    {},
    h('h1', {}, t('statements')),
    h(
      'div',
      { class: 'no-print' },
      monthPicker((m) => void load(m)),
    ),
    body,
  );
}

/** Municipality admin: every club's statement of a month, to approve and mark paid. */
export function adminStatementsPage(municipalityId: string): HTMLElement {
  const body = h('div', { 'aria-live': 'polite' });
  let month = lastMonth();
  const load = async () => {
    const { items } = await api<{ items: Summary[] }>(
      `/municipalities/${municipalityId}/statements/${month}`,
    );
    const action = (s: Summary) => {
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
    body.replaceChildren(
      table(
        t('statements'),
        [t('club'), t('status'), t('sales'), t('municipalityShare'), t('actions')],
        items.map((s) => [
          s.clubName,
          t(STATUS[s.status]),
          String(s.totals.lines),
          format.cents(s.totals.municipalityShare),
          action(s),
        ]),
      ),
    );
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
  );
}
