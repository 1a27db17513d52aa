import { api, ApiError, type Answer } from '../api.ts';
import { formValues, h } from '../dom.ts';
import { format, t, type MessageKey } from '../i18n.ts';
import { field, section, table } from '../components.ts';
import { sendForm } from '../forms.ts';

type Rules = Answer<'/api/v1/municipalities/{municipalityId}/tariff-rules'>;
type Key = Rules['items'][number]['key'];
/** A year's budget and what was used of it: the answer of GET and of PUT (set it). */
type Budget = Answer<'/api/v1/municipalities/{municipalityId}/budgets/{year}'>;

const pct = format.percent;
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
    const render = async () => {
      const { items } = await api<Rules>(`${base}/tariff-rules`);
      const status = h('p', { role: 'status' });
      const form = h(
        'form',
        { 'aria-labelledby': 'new-rule-title' },
        h('h3', { id: 'new-rule-title' }, t('newRuleVersion')),
        field('rule-from', 'validFrom', t('validFrom'), { type: 'date' }),
        field('rule-participant', 'participant', t('participantPct'), {
          type: 'number',
          min: 1,
          max: 25,
          value: 20,
          required: true,
        }),
        field('rule-club', 'club', t('clubPct'), {
          type: 'number',
          min: 10,
          max: 99,
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
        void sendForm(form, status, async () => {
          await api(`${base}/tariff-rules`, {
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
          await render();
          return t('saved');
        });
      });
      body.replaceChildren(
        table(
          t('tariffRules'),
          [t('version'), t('from'), t('to'), t('keyColumns'), t('minPrice'), t('caps')],
          items.map((r) => [
            `${r.version}${r.scope === 'region' ? ` (${t('region')})` : ''}`,
            format.date(r.validFrom),
            r.validUntil ? format.date(r.validUntil) : '—',
            keyText(r.key) +
              (r.nonresidentKey ? ` · ${t('otherResidents')}: ${keyText(r.nonresidentKey)}` : ''),
            format.cents(r.minPriceCents),
            [
              r.caps.perActivity ? t('capActivityText', { count: r.caps.perActivity }) : '',
              ...(r.caps.perPeriod ?? []).map(periodCapText),
            ]
              .filter(Boolean)
              .join(', '),
          ]),
        ),
        form,
      );
    };
    await render();
  });

  const entitlementRules = section('entitlement-rules', 'entitlementRules', async (body) => {
    const { items } = await api<Answer<'/api/v1/municipalities/{municipalityId}/entitlement-rules'>>(
      `${base}/entitlement-rules`,
    );
    body.replaceChildren(
      table(
        t('entitlementRules'),
        [t('kind'), t('opensStatus'), t('duration'), t('graceDays')],
        items.map((r) => {
          const toggle = h('input', {
            type: 'checkbox',
            checked: r.opensStatus,
            'aria-label': `${t('opensStatus')}: ${t(KINDS[r.kind] ?? 'reasonOther')}`,
          }) as HTMLInputElement;
          toggle.addEventListener('change', async () => {
            try {
              await api(`${base}/entitlement-rules/${r.kind}`, {
                method: 'PUT',
                body: { opensStatus: toggle.checked, duration: r.duration, graceDays: r.graceDays },
              });
            } catch (e) {
              toggle.checked = !toggle.checked;
              alert(e instanceof ApiError ? e.message : t('unknownError'));
            }
          });
          return [
            t(KINDS[r.kind] ?? 'reasonOther'),
            toggle,
            r.duration === 'months_12'
              ? t('twelveMonths')
              : r.duration === 'entitlement'
                ? t('asEntitlement')
                : t('april30'),
            String(r.graceDays),
          ];
        }),
      ),
    );
  });

  const budget = section('budget', 'budget', async (body) => {
    const year = new Date().getFullYear();
    const render = async (b: Budget) => {
      const status = h('p', { role: 'status' });
      const form = h(
        'form',
        { 'aria-labelledby': 'budget-form-title' },
        h('h3', { id: 'budget-form-title' }, t('setBudget')),
        field('budget-amount', 'amount', t('budgetAmount'), {
          type: 'number',
          min: 0,
          step: 1,
          value: b.amountCents === null ? '' : b.amountCents / 100,
          required: true,
        }),
        field('budget-warning', 'warning', t('warningPct'), {
          type: 'number',
          min: 1,
          max: 100,
          value: b.warningPct,
          required: true,
        }),
        h('button', { type: 'submit' }, t('save')),
        status,
      );
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const v = formValues(form);
        void sendForm(form, status, async () => {
          await render(
            await api<Budget>(`${base}/budgets/${year}`, {
              method: 'PUT',
              body: { amountCents: Math.round(Number(v.amount) * 100), warningPct: Number(v.warning) },
            }),
          );
          return t('saved');
        });
      });
      body.replaceChildren(
        h(
          'p',
          { class: 'big' },
          t('budgetUsed', {
            used: format.cents(b.usedCents),
            total: b.amountCents === null ? '—' : format.cents(b.amountCents),
            year,
          }),
        ),
        b.warning
          ? h('p', { class: 'error', role: 'alert' }, t('budgetWarning', { pct: b.usedPct ?? 0 }))
          : '',
        table(
          t('byCategory'),
          [t('kind'), t('municipalityShare')],
          b.byCategory.map((c) => [c.category, format.cents(c.cents)]),
        ),
        table(
          t('byClub'),
          [t('club'), t('municipalityShare')],
          b.byClub.map((c) => [c.clubName, format.cents(c.cents)]),
        ),
        form,
      );
    };
    await render(await api<Budget>(`${base}/budgets/${year}`));
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
