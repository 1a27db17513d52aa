import { api, ApiError, type Answer } from '../api.ts';
import { announce, formValues, h } from '../dom.ts';
import { format, t, tn, type MessageKey } from '../i18n.ts';
import { field, section, table, fewCount } from '../components.ts';
import { sendForm } from '../forms.ts';
import { CATEGORIES } from './activities.ts';

type Rules = Answer<'/api/v1/municipalities/{municipalityId}/tariff-rules'>;
type Rule = Rules['items'][number];
type Key = Rule['key'];
/** A year's budget and what was used of it: the answer of GET and of PUT (set it). */
type Budget = Answer<'/api/v1/municipalities/{municipalityId}/budgets/{year}'>;

const pct = format.percent;
/** An activity category ('sport', 'culture', …) in the user's language. */
export const categoryLabel = (code: string): string =>
  t(CATEGORIES.find(([c]) => c === code)?.[1] ?? 'kindOther');
const PERIODS: Record<string, MessageKey> = {
  DAY: 'periodDay',
  WEEK: 'periodWeek',
  MONTH: 'periodMonth',
  QUARTER: 'periodQuarter',
  YEAR: 'periodYear',
};
/** "10 per maand", "€ 50,00 per jaar": a cap per period in words. */
const periodCapText = (p: { period: string; count?: number | null; amountCents?: number | null }) =>
  t('capPerPeriod', {
    what: [p.count ?? null, p.amountCents ? format.cents(p.amountCents) : null]
      .filter((x) => x !== null)
      .join(' · '),
    period: t(PERIODS[p.period] ?? 'periodMonth'),
  });
const keyText = (k: Key) => `${pct(k.participantBp)} / ${pct(k.clubBp)} / ${pct(k.municipalityBp)}`;
const capsText = (r: Rule) =>
  [
    r.caps.perActivity ? t('capActivityText', { count: r.caps.perActivity }) : '',
    ...(r.caps.perPeriod ?? []).map(periodCapText),
  ]
    .filter(Boolean)
    .join(', ') || '—';
const categoriesText = (r: Rule) =>
  r.categories === null ? t('munAllCategories') : r.categories.map(categoryLabel).join(', ');
const KINDS: Record<string, MessageKey> = {
  living_wage: 'kindLivingWage',
  increased_allowance: 'kindIncreasedAllowance',
  debt_mediation: 'kindDebtMediation',
  child_benefit_supplement: 'kindChildBenefit',
  other: 'reasonOther',
};

/** Municipality admin: the social tariff rules (versions), the entitlement rules and the budget. */
export function adminRulesPage(municipalityId: string): HTMLElement {
  const base = `/municipalities/${municipalityId}`;
  const rules = section('tariff-rules', 'tariffRules', async (body) => {
    const list = h('div', {});
    const show = (items: Rule[]) =>
      list.replaceChildren(
        table(
          t('tariffRules'),
          [t('version'), t('from'), t('to'), t('keyColumns'), t('minPrice'), t('munCategories'), t('caps')],
          items.map((r) => [
            `${r.version}${r.scope === 'region' ? ` (${t('region')})` : ''}`,
            format.date(r.validFrom),
            // A version replaced on or before its first day was never in force: say so, not "until the day before".
            r.validUntil && r.validUntil < r.validFrom
              ? t('munNeverInForce')
              : r.validUntil
                ? format.date(r.validUntil)
                : '—',
            keyText(r.key) +
              (r.nonresidentKey ? ` · ${t('otherResidents')}: ${keyText(r.nonresidentKey)}` : ''),
            format.cents(r.minPriceCents),
            categoriesText(r),
            capsText(r),
          ]),
        ),
      );
    show((await api<Rules>(`${base}/tariff-rules`)).items);
    const status = h('p', { role: 'status' });
    const form = h(
      'form',
      { 'aria-labelledby': 'new-rule-title', id: 'new-rule', novalidate: true },
      h('h3', { id: 'new-rule-title' }, t('newRuleVersion')),
      field('rule-from', 'validFrom', t('validFrom'), { type: 'date' }),
      field('rule-participant', 'participant', t('participantPct'), {
        type: 'number',
        min: 1,
        max: 25,
        step: 0.01,
        value: 20,
        required: true,
      }),
      field('rule-club', 'club', t('clubPct'), {
        type: 'number',
        min: 10,
        max: 99,
        step: 0.01,
        value: 40,
        required: true,
      }),
      field('rule-min', 'min', t('minPrice'), {
        type: 'number',
        min: 0.01,
        step: 0.01,
        value: 1,
        required: true,
      }),
      field('rule-per-activity', 'perActivity', t('capPerActivity'), { type: 'number', min: 1, value: 1 }),
      field('rule-per-month', 'perMonth', t('capPerMonth'), { type: 'number', min: 1 }),
      h('button', { type: 'submit' }, t('save')),
      status,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const v = formValues(form);
      const participantBp = Math.round(Number(v.participant) * 100);
      const clubBp = Math.round(Number(v.club) * 100);
      void sendForm(
        form,
        status,
        async () => {
          const { items } = await api<Rules>(`${base}/tariff-rules`, {
            body: {
              ...(v.validFrom ? { validFrom: v.validFrom } : {}),
              key: { participantBp, clubBp, municipalityBp: 10000 - participantBp - clubBp },
              minPriceCents: Math.round(Number(v.min) * 100),
              caps: {
                ...(v.perActivity ? { perActivity: Number(v.perActivity) } : {}),
                ...(v.perMonth ? { perPeriod: [{ period: 'MONTH', count: Number(v.perMonth) }] } : {}),
              },
            },
          });
          show(items);
          const saved = items[0]!;
          return t('munRuleSaved', {
            version: saved.version,
            from: format.date(saved.validFrom),
            participant: pct(saved.key.participantBp),
            club: pct(saved.key.clubBp),
            municipality: pct(saved.key.municipalityBp),
            min: format.cents(saved.minPriceCents),
          });
        },
        {
          '/key/participantBp': 'participant',
          '/key/clubBp': 'club',
          '/key/municipalityBp': 'club',
          '/key': 'participant',
          '/minPriceCents': 'min',
          '/caps/perActivity': 'perActivity',
          '/caps/perPeriod/0/count': 'perMonth',
        },
      );
    });
    body.replaceChildren(list, form);
  });

  const entitlementRules = section('entitlement-rules', 'entitlementRules', async (body) => {
    const { items } = await api<Answer<'/api/v1/municipalities/{municipalityId}/entitlement-rules'>>(
      `${base}/entitlement-rules`,
    );
    const status = h('p', { role: 'status' });
    body.replaceChildren(
      table(
        t('entitlementRules'),
        [t('kind'), t('opensStatus'), t('duration'), t('graceDays')],
        items.map((r) => {
          const kind = t(KINDS[r.kind] ?? 'reasonOther');
          const toggle = h('input', {
            type: 'checkbox',
            checked: r.opensStatus,
            'aria-label': `${t('opensStatus')}: ${kind}`,
          }) as HTMLInputElement;
          toggle.addEventListener('change', async () => {
            status.className = '';
            try {
              await api(`${base}/entitlement-rules/${r.kind}`, {
                method: 'PUT',
                body: { opensStatus: toggle.checked, duration: r.duration, graceDays: r.graceDays },
              });
              status.className = 'ok';
              status.textContent = t(toggle.checked ? 'munOpensNow' : 'munOpensNoMore', { kind });
            } catch (e) {
              toggle.checked = !toggle.checked;
              status.className = 'error';
              status.textContent = e instanceof ApiError ? e.message : t('unknownError');
            }
            announce(status.textContent ?? '');
          });
          return [
            kind,
            toggle,
            r.duration === 'months_12'
              ? t('twelveMonths')
              : r.duration === 'entitlement'
                ? t('asEntitlement')
                : t('april30'),
            tn('munDays', r.graceDays),
          ];
        }),
      ),
      status,
    );
  });

  const budget = section('budget', 'budget', async (body) => {
    const year = new Date().getFullYear();
    const summary = h('div', {});
    /** What was used of the year's budget: the sentence, the warning, per category and per club. */
    const show = (b: Budget) =>
      summary.replaceChildren(
        h(
          'p',
          { class: 'big' },
          t('budgetUsed', {
            used: format.cents(b.usedCents),
            total: b.amountCents === null ? '—' : format.cents(b.amountCents),
            year,
          }),
        ),
        b.usedPct !== null && !b.warning
          ? h('p', {}, t('munBudgetUsedPct', { pct: pct(b.usedPct * 100) }))
          : '',
        b.warning
          ? h(
              'p',
              { class: 'error', role: 'alert' },
              t('munBudgetWarning', { pct: pct((b.usedPct ?? 0) * 100) }),
            )
          : '',
        h('h3', {}, t('byCategory')),
        table(
          t('byCategory'),
          [t('kind'), t('munSales'), t('municipalityShare')],
          b.byCategory.map((c) => [categoryLabel(c.category), fewCount(c.sales), format.cents(c.cents)]),
        ),
        h('h3', {}, t('byClub')),
        table(
          t('byClub'),
          [t('club'), t('municipalityShare')],
          b.byClub.map((c) => [c.clubName, format.cents(c.cents)]),
        ),
        h('p', {}, h('a', { href: '#/admin/figures' }, t('figuresSeeCharts'))),
      );
    const first = await api<Budget>(`${base}/budgets/${year}`);
    show(first);
    const status = h('p', { role: 'status' });
    const form = h(
      'form',
      { 'aria-labelledby': 'budget-form-title', id: 'budget-form', novalidate: true },
      h('h3', { id: 'budget-form-title' }, t('setBudget')),
      field('budget-amount', 'amount', t('budgetAmount'), {
        type: 'number',
        min: 0,
        step: 1,
        value: first.amountCents === null ? '' : first.amountCents / 100,
        required: true,
      }),
      field('budget-warning', 'warning', t('warningPct'), {
        type: 'number',
        min: 1,
        max: 100,
        value: first.warningPct,
        required: true,
      }),
      h('button', { type: 'submit' }, t('save')),
      status,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const v = formValues(form);
      void sendForm(
        form,
        status,
        async () => {
          const b = await api<Budget>(`${base}/budgets/${year}`, {
            method: 'PUT',
            body: {
              ...(v.amount?.trim() ? { amountCents: Math.round(Number(v.amount) * 100) } : {}),
              ...(v.warning?.trim() ? { warningPct: Number(v.warning) } : {}),
            },
          });
          show(b);
          // The form keeps the saved values after it is reset.
          form.querySelector<HTMLInputElement>('[name=amount]')!.defaultValue =
            b.amountCents === null ? '' : String(b.amountCents / 100);
          form.querySelector<HTMLInputElement>('[name=warning]')!.defaultValue = String(b.warningPct);
          return t('munBudgetSaved', {
            year,
            amount: b.amountCents === null ? '—' : format.cents(b.amountCents),
            pct: pct(b.warningPct * 100),
          });
        },
        { '/amountCents': 'amount', '/warningPct': 'warning' },
      );
    });
    body.replaceChildren(summary, form);
  });

  return h(
    'div',
    {},
    h('h1', {}, t('rulesAndBudget')),
    rules,
    entitlementRules,
    budget,
    h('p', {}, h('a', { href: '#/admin/statements', class: 'button' }, t('statements'))),
  );
}
