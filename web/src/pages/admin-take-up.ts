import { api, ApiError, sequence, type Answer } from '../api.ts';
import { stackedBars } from '../charts.ts';
import { h } from '../dom.ts';
import { showProblem, clearProblems } from '../forms.ts';
import { dayOf, format, locale, t, type MessageKey } from '../i18n.ts';
import { emptyState, field, loadingNote, table } from '../components.ts';

type TakeUp = Answer<'/api/v1/municipalities/{municipalityId}/take-up'>;
type Count = TakeUp['rows'][number]['entitled'];
type Measure = 'entitled' | 'active' | 'activated' | 'used' | 'rightsOpened';

const MEASURES: [Measure, MessageKey, MessageKey][] = [
  ['entitled', 'takeUpEntitled', 'takeUpEntitledDesc'],
  ['active', 'takeUpActive', 'takeUpActiveDesc'],
  ['activated', 'takeUpActivated', 'takeUpActivatedDesc'],
  ['used', 'takeUpUsed', 'takeUpUsedDesc'],
  ['rightsOpened', 'takeUpRightsOpened', 'takeUpRightsOpenedDesc'],
];

/** "< 5" travels to the chart as -1: not drawn (its bar would tell the number), and written as "< 5". */
const SMALL = -1;
const toValue = (c: Count) => (c === '< 5' ? SMALL : c);
const number = (n: number) => new Intl.NumberFormat(`${locale()}-BE`).format(n);
const chartText = (n: number) => (n === SMALL ? '< 5' : number(n));
const shortMonth = (month: string) =>
  new Intl.DateTimeFormat(`${locale()}-BE`, { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(
    new Date(`${month}-15T12:00:00Z`),
  );

/** A count in a table cell: "< 5" is read out as "fewer than five"; a withheld total as "hidden". */
function cell(c: Count | null): Node {
  if (c === null)
    return h(
      'span',
      {},
      h('span', { 'aria-hidden': 'true' }, '–'),
      h('span', { class: 'visually-hidden' }, t('takeUpHidden')),
    );
  if (c === '< 5')
    return h(
      'span',
      { class: 'few' },
      h('span', { 'aria-hidden': 'true' }, '< 5'),
      h('span', { class: 'visually-hidden' }, t('munFewerThanFive')),
    );
  return document.createTextNode(number(c));
}

const thisMonth = () => dayOf(new Date()).slice(0, 7);
function monthsBack(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + m - 1 - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The policy team's take-up dashboard: a chart per measure (neighbourhoods stacked) and every number in a table. */
export function takeUpPage(municipalityId: string): HTMLElement {
  const to = thisMonth();
  const from = monthsBack(to, 11);
  const form = h(
    'form',
    { class: 'no-print figures-controls', id: 'take-up-range', novalidate: true },
    field('take-up-from', 'from', t('takeUpFrom'), { type: 'month', value: from, required: true }),
    field('take-up-to', 'to', t('takeUpTo'), { type: 'month', value: to, required: true }),
    h('button', { type: 'submit' }, t('takeUpShow')),
    h('button', { type: 'button', class: 'secondary', onclick: () => print() }, t('takeUpPrint')),
  );
  const body = h('div', { 'aria-live': 'polite' }, loadingNote());
  const next = sequence();
  const load = async () => {
    const current = next();
    const values = new FormData(form);
    const query = new URLSearchParams({ from: String(values.get('from')), to: String(values.get('to')) });
    body.setAttribute('aria-busy', 'true');
    try {
      const answer = await api<TakeUp>(`/municipalities/${municipalityId}/take-up?${query}`);
      if (!current()) return;
      clearProblems(form);
      body.replaceChildren(...render(answer));
    } catch (e) {
      if (!current()) return;
      if (e instanceof ApiError && e.fields.length) {
        showProblem(form, e);
        body.replaceChildren();
      } else
        body.replaceChildren(
          h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : t('unknownError')),
        );
    } finally {
      body.removeAttribute('aria-busy');
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void load();
  });
  void load();
  return h(
    'div',
    { class: 'figures take-up' },
    h('h1', {}, t('takeUpTitle')),
    h('p', {}, t('takeUpIntro')),
    form,
    h('p', { class: 'muted' }, t('takeUpFewNote')),
    h('p', { class: 'muted' }, t('takeUpHiddenNote')),
    body,
  );
}

function render(answer: TakeUp): HTMLElement[] {
  const hoodName = (id: string | null) =>
    answer.neighbourhoods.find((n) => n.id === id)?.name ?? t('takeUpNoHood');
  const rowOf = (month: string, hood: string | null) =>
    answer.rows.find((r) => r.month === month && r.neighbourhoodId === hood)!;
  const nobody = answer.rows.every((r) => r.entitled === 0);
  const charts = nobody
    ? [emptyState(t('takeUpNobody'))]
    : MEASURES.flatMap(([measure, title, description]) => {
        const series = answer.neighbourhoods.map((n) => ({
          name: hoodName(n.id),
          values: answer.months.map((m) => toValue(rowOf(m, n.id)[measure])),
        }));
        const values = series.flatMap((one) => one.values);
        // Nothing to draw while every count is 0 or "< 5": say so under the empty chart.
        const allSmall = values.includes(SMALL) && values.every((v) => v === SMALL || v === 0);
        const chart = stackedBars({
          title: t(title),
          description: `${t(description)} ${t('takeUpChartDesc', { measure: t(title) })}`,
          labels: answer.months.map(format.month),
          shortLabels: answer.months.map(shortMonth),
          rowHeader: t('takeUpMonth'),
          tableCaption: t('takeUpChartTable'),
          series,
          format: chartText,
          minStep: 1,
          hidden: (value) => value === SMALL,
        });
        return allSmall ? [chart, h('p', { class: 'muted' }, t('takeUpAllSmall'))] : [chart];
      });
  const headers = [t('takeUpMonth'), t('takeUpHood'), ...MEASURES.map(([, title]) => t(title))];
  const rows = answer.months.flatMap((month) => {
    const total = answer.totals.find((r) => r.month === month)!;
    return [
      ...answer.neighbourhoods.map((n) => {
        const r = rowOf(month, n.id);
        return [format.month(month), hoodName(n.id), ...MEASURES.map(([m]) => cell(r[m]))];
      }),
      [format.month(month), h('strong', {}, t('takeUpTotal')), ...MEASURES.map(([m]) => cell(total[m]))],
    ];
  });
  return [
    h(
      'section',
      { class: 'card figures-part', 'aria-labelledby': 'take-up-charts-title' },
      h('h2', { id: 'take-up-charts-title' }, t('takeUpCharts')),
      ...charts,
    ),
    h(
      'section',
      { class: 'card figures-part', 'aria-labelledby': 'take-up-table-title' },
      h('h2', { id: 'take-up-table-title' }, t('takeUpTable')),
      table(t('takeUpTable'), headers, rows),
    ),
  ];
}
