import { api, ApiError, sequence, type Answer } from '../api.ts';
import { horizontalBars, progressBar, stackedBars, type Series } from '../charts.ts';
import { h } from '../dom.ts';
import { format, locale, t } from '../i18n.ts';
import { choice, emptyState, loadingNote } from '../components.ts';
import { CATEGORIES } from './activities.ts';

type Figures = Answer<'/api/v1/municipalities/{municipalityId}/figures/{year}'>;
type Budget = Answer<'/api/v1/municipalities/{municipalityId}/budgets/{year}'>;

/** How many clubs get their own colour in the monthly chart; the rest are added up as "other clubs". */
const CLUB_SERIES = 5;

const categoryName = (code: string) => t(CATEGORIES.find(([c]) => c === code)?.[1] ?? 'kindOther');
const shortMonth = (month: string) =>
  new Intl.DateTimeFormat(`${locale()}-BE`, { month: 'short', timeZone: 'UTC' }).format(
    new Date(`${month}-15T12:00:00Z`),
  );
/** Counts of 1 to 4 are shown as "< 5" and not drawn, so no small group (one person) can be singled out. */
const small = (n: number) => n > 0 && n < 5;
const count = (n: number) =>
  small(n) ? t('figuresFewerThanFive') : new Intl.NumberFormat(`${locale()}-BE`).format(n);
/** Whole euros, for the axis and for sums where cents would only add noise. */
const euros = (cents: number) =>
  new Intl.NumberFormat(`${locale()}-BE`, {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);

/** The policy team's year in pictures: budget, money paid back, lifts and the social tariff's use. */
export function figuresPage(municipalityId: string): HTMLElement {
  const thisYear = Number(
    new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Europe/Brussels' }).format(new Date()),
  );
  const years = [thisYear, thisYear - 1, thisYear - 2].map((y): [string, string] => [String(y), String(y)]);
  const title = h('h1', { id: 'figures-title' }, t('figuresTitle', { year: thisYear }));
  const yearPicker = choice('figures-year', 'year', t('figuresYear'), years, String(thisYear));
  const body = h('div', { 'aria-live': 'polite' }, loadingNote());
  const next = sequence();
  const load = async (year: number) => {
    const current = next();
    title.textContent = t('figuresTitle', { year });
    body.setAttribute('aria-busy', 'true');
    const [figures, budget] = await Promise.all([
      api<Figures>(`/municipalities/${municipalityId}/figures/${year}`),
      api<Budget>(`/municipalities/${municipalityId}/budgets/${year}`),
    ]);
    // A year picked later has overtaken this answer: leave the page to that one.
    if (!current()) return;
    body.removeAttribute('aria-busy');
    body.replaceChildren(
      budgetSection(budget, year),
      reimbursedSection(figures, year),
      liftSection(figures, year),
      tariffSection(figures, year),
    );
  };
  const show = (year: number) =>
    load(year).catch((e: unknown) => {
      body.removeAttribute('aria-busy');
      body.replaceChildren(
        h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : t('unknownError')),
      );
    });
  yearPicker.querySelector('select')!.addEventListener('change', (event) => {
    void show(Number((event.target as HTMLSelectElement).value));
  });
  void show(thisYear);
  return h(
    'div',
    { class: 'figures' },
    title,
    h('p', {}, t('figuresIntro')),
    h(
      'div',
      { class: 'no-print figures-controls' },
      yearPicker,
      h('button', { type: 'button', class: 'secondary', onclick: () => print() }, t('figuresPrint')),
    ),
    body,
  );
}

function part(id: string, title: string, ...children: (Node | null)[]): HTMLElement {
  return h(
    'section',
    { class: 'card figures-part', 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title),
    ...children,
  );
}

function budgetSection(budget: Budget, year: number): HTMLElement {
  if (budget.amountCents === null)
    return part(
      'figures-budget',
      t('figuresBudget'),
      h('p', {}, t('figuresNoBudget', { year }), ' ', h('a', { href: '#/admin' }, t('tillNav'))),
    );
  const warning = format.percent(budget.warningPct * 100);
  const share = format.percent(Math.round((budget.usedCents / Math.max(1, budget.amountCents)) * 10_000));
  return part(
    'figures-budget',
    t('figuresBudget'),
    budget.warning ? h('p', { class: 'error' }, t('figuresBudgetWarning', { warning })) : null,
    progressBar({
      title: t('figuresBudgetUsed'),
      description: t('figuresBudgetDesc', {
        used: format.cents(budget.usedCents),
        total: format.cents(budget.amountCents),
        share,
        warning,
      }),
      used: budget.usedCents,
      total: budget.amountCents,
      warningShare: budget.warningPct / 100,
      warning: budget.warning,
      format: format.cents,
      headers: [t('figuresWhat'), t('figuresAmount')],
      tableCaption: t('figuresBudgetRows'),
      rows: [
        [t('figuresBudgetTotal'), format.cents(budget.amountCents)],
        [t('figuresBudgetSpent'), `${format.cents(budget.usedCents)} (${share})`],
        [t('figuresBudgetLeft'), format.cents(budget.remainingCents ?? 0)],
        [t('figuresWarningAt'), warning],
      ],
    }),
    budget.byClub.length
      ? horizontalBars({
          title: t('figuresPerClub'),
          description: t('figuresPerClubDesc'),
          items: budget.byClub.map((c) => ({ label: c.clubName, value: c.cents })),
          format: format.cents,
          rowHeader: t('figuresClub'),
          valueHeader: t('figuresAmount'),
          tableCaption: t('figuresNumbers'),
        })
      : emptyState(t('figuresNothing', { year })),
    budget.byCategory.length
      ? horizontalBars({
          title: t('figuresPerCategory'),
          description: t('figuresPerCategoryDesc'),
          items: budget.byCategory.map((c) => ({ label: categoryName(c.category), value: c.cents })),
          format: format.cents,
          rowHeader: t('figuresCategory'),
          valueHeader: t('figuresAmount'),
          tableCaption: t('figuresNumbers'),
        })
      : null,
  );
}

/** One value per month for each key, in the year's month order. */
function perMonth<R extends { month: string }>(
  months: string[],
  rows: R[],
  key: (row: R) => string,
  value: (row: R) => number,
): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const row of rows) {
    const values = out.get(key(row)) ?? months.map(() => 0);
    values[months.indexOf(row.month)]! += value(row);
    out.set(key(row), values);
  }
  return out;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function monthAxis(figures: Figures) {
  return {
    labels: figures.months.map(format.month),
    shortLabels: figures.months.map(shortMonth),
    rowHeader: t('figuresMonth'),
    totalHeader: t('figuresTotal'),
    tableCaption: t('figuresNumbers'),
  };
}

function reimbursedSection(figures: Figures, year: number): HTMLElement {
  if (!figures.reimbursed.length)
    return part('figures-reimbursed', t('figuresReimbursed'), emptyState(t('figuresNothing', { year })));
  const names = new Map(figures.reimbursed.map((r) => [r.clubId, r.clubName]));
  const byClub = [
    ...perMonth(
      figures.months,
      figures.reimbursed,
      (r) => r.clubId,
      (r) => r.cents,
    ),
  ].sort((a, b) => sum(b[1]) - sum(a[1]));
  const series: Series[] = byClub
    .slice(0, CLUB_SERIES)
    .map(([id, values]) => ({ name: names.get(id)!, values }));
  if (byClub.length > CLUB_SERIES) {
    const rest = byClub.slice(CLUB_SERIES).map(([, values]) => values);
    series.push({
      name: t('figuresOtherClubs'),
      values: figures.months.map((_, i) => sum(rest.map((v) => v[i]!))),
    });
  }
  const totals = figures.months.map((_, i) => sum(series.map((s) => s.values[i]!)));
  const top = totals.indexOf(Math.max(...totals));
  return part(
    'figures-reimbursed',
    t('figuresReimbursed'),
    stackedBars({
      ...monthAxis(figures),
      title: t('figuresReimbursed'),
      description: t('figuresReimbursedDesc', {
        total: format.cents(sum(totals)),
        month: format.month(figures.months[top]!),
      }),
      series,
      format: euros,
      minStep: 100,
    }),
  );
}

function liftSection(figures: Figures, year: number): HTMLElement {
  if (!figures.lifts.length)
    return part('figures-lifts', t('figuresLifts'), emptyState(t('figuresNothing', { year })));
  const lifts = figures.lifts;
  const monthly = (value: (r: (typeof lifts)[number]) => number) =>
    perMonth(figures.months, lifts, () => 'all', value).get('all')!;
  const served = monthly((r) => r.served);
  const unserved = monthly((r) => r.unserved);
  const bonus = monthly((r) => r.bonusPoints);
  const hoodName = (r: (typeof lifts)[number]) => r.neighbourhood ?? t('figuresNoHood');
  const hoods = [...new Set(lifts.map(hoodName))].sort((a, b) => a.localeCompare(b, locale()));
  const perHood = (value: (r: (typeof lifts)[number]) => number) =>
    hoods.map((hood) => sum(lifts.filter((r) => hoodName(r) === hood).map(value)));
  const hoodUnserved = perHood((r) => r.unserved);
  const worst = hoodUnserved.indexOf(Math.max(...hoodUnserved));
  return part(
    'figures-lifts',
    t('figuresLifts'),
    stackedBars({
      ...monthAxis(figures),
      title: t('figuresLiftsMonth'),
      description: t('figuresLiftsMonthDesc', {
        requested: count(sum(served) + sum(unserved)),
        served: count(sum(served)),
        unserved: count(sum(unserved)),
      }),
      series: [
        { name: t('figuresServed'), values: served },
        { name: t('figuresUnserved'), values: unserved },
      ],
      format: count,
      minStep: 1,
      hidden: small,
    }),
    stackedBars({
      title: t('figuresLiftsHood'),
      description: t('figuresLiftsHoodDesc', { hood: hoods[worst]! }),
      labels: hoods,
      rowHeader: t('figuresHood'),
      totalHeader: t('figuresTotal'),
      tableCaption: t('figuresNumbers'),
      series: [
        { name: t('figuresServed'), values: perHood((r) => r.served) },
        { name: t('figuresUnserved'), values: hoodUnserved },
      ],
      format: count,
      minStep: 1,
      hidden: small,
    }),
    stackedBars({
      ...monthAxis(figures),
      title: t('figuresLiftsBonus'),
      description: t('figuresLiftsBonusDesc', { points: count(sum(bonus)) }),
      series: [{ name: t('figuresBonus'), values: bonus }],
      format: count,
      minStep: 1,
      hidden: small,
    }),
  );
}

function tariffSection(figures: Figures, year: number): HTMLElement {
  if (!figures.tariffUse.length)
    return part('figures-tariff', t('figuresTariff'), emptyState(t('figuresNothing', { year })));
  const use = figures.tariffUse;
  const byCategory = [
    ...perMonth(
      figures.months,
      use,
      (r) => r.category,
      (r) => r.tickets + r.memberships,
    ),
  ].sort((a, b) => sum(b[1]) - sum(a[1]));
  const tickets = perMonth(
    figures.months,
    use,
    () => 'all',
    (r) => r.tickets,
  ).get('all')!;
  const memberships = perMonth(
    figures.months,
    use,
    () => 'all',
    (r) => r.memberships,
  ).get('all')!;
  return part(
    'figures-tariff',
    t('figuresTariff'),
    stackedBars({
      ...monthAxis(figures),
      title: t('figuresTariffCategory'),
      description: t('figuresTariffCategoryDesc', { count: count(sum(tickets) + sum(memberships)) }),
      series: byCategory.map(([code, values]) => ({ name: categoryName(code), values })),
      format: count,
      minStep: 1,
      hidden: small,
    }),
    stackedBars({
      ...monthAxis(figures),
      title: t('figuresTariffKind'),
      description: t('figuresTariffKindDesc', {
        tickets: count(sum(tickets)),
        memberships: count(sum(memberships)),
      }),
      series: [
        { name: t('figuresTickets'), values: tickets },
        { name: t('figuresMemberships'), values: memberships },
      ],
      format: count,
      minStep: 1,
      hidden: small,
    }),
  );
}
