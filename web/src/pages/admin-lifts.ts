import { api, ApiError, sequence, type Answer, type Schema } from '../api.ts';
import { announce, formValues, h } from '../dom.ts';
import { dayOf, format, t, tn } from '../i18n.ts';
import { choice, emptyState, field, loadingNote, section, table, fewCount } from '../components.ts';
import { sendForm } from '../forms.ts';

type Settings = Schema<'RideSettings'>;
type Report = Answer<'/api/v1/municipalities/{municipalityId}/ride-report/{month}'>;

/** The bonus and caps in one sentence ("5 punten per meegenomen buur; per chauffeur hoogstens …"). */
export const liftRulesText = (s: Settings) =>
  t('munLiftRules', {
    points: tn('munLiftPoints', s.bonusPoints),
    perActivity: s.capPerActivity,
    perMonth: s.capPerMonth,
    hours: tn('munLiftHours', s.lateCancelHours),
  });

/** The last twelve months, this one first, as [value "2026-10", words "oktober 2026"]. */
function lastMonths(count = 12): [string, string][] {
  const [y, m] = dayOf(new Date()).split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(Date.UTC(y, m - 1 - i, 15));
    const value = date.toISOString().slice(0, 7);
    return [value, format.month(value)];
  });
}

const FIELDS: [keyof Settings, Parameters<typeof t>[0], number][] = [
  ['bonusPoints', 'munLiftBonusField', 100],
  ['capPerActivity', 'munLiftCapActivityField', 20],
  ['capPerMonth', 'munLiftCapMonthField', 500],
  ['lateCancelHours', 'munLiftLateField', 168],
];

/** Municipality admin: the lift bonus and its caps, and the monthly lift report per neighbourhood. */
export function adminLiftsPage(municipalityId: string): HTMLElement {
  const base = `/municipalities/${municipalityId}`;

  const settings = section('lift-settings', 'munLiftSettingsTitle', async (body) => {
    const current = await api<Settings>(`${base}/ride-settings`);
    const now = h(
      'p',
      { class: 'big', id: 'lift-rules-now' },
      t('munLiftRulesNow', { rules: liftRulesText(current) }),
    );
    const status = h('p', { role: 'status', id: 'lift-settings-status' });
    const form = h(
      'form',
      { 'aria-labelledby': 'lift-settings-title', id: 'lift-settings-form', novalidate: true },
      ...FIELDS.map(([name, label, max]) =>
        field(`lift-${name}`, name, t(label), {
          type: 'number',
          inputmode: 'numeric',
          min: 0,
          max,
          step: 1,
          value: current[name],
          required: true,
        }),
      ),
      h('button', { type: 'submit' }, t('save')),
      status,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const v = formValues(form);
      // An empty field is left out, so the answer names it as required; anything else goes as typed.
      const body = Object.fromEntries(
        FIELDS.filter(([name]) => (v[name] ?? '').trim() !== '').map(([name]) => [name, Number(v[name])]),
      );
      void sendForm(form, status, async () => {
        const saved = await api<Settings>(`${base}/ride-settings`, { method: 'PUT', body });
        // The form keeps the saved values after it is reset.
        for (const [name] of FIELDS) {
          const input = form.querySelector<HTMLInputElement>(`[name="${name}"]`);
          if (input) input.defaultValue = String(saved[name]);
        }
        now.textContent = t('munLiftRulesNow', { rules: liftRulesText(saved) });
        return t('munLiftRulesSaved', { rules: liftRulesText(saved) });
      });
    });
    body.replaceChildren(h('p', {}, t('munLiftSettingsIntro')), now, form);
  });

  const report = section('lift-report', 'munLiftReportTitle', async (body) => {
    const months = lastMonths();
    const result = h('div', { id: 'lift-report-result' });
    const picker = choice('lift-report-month', 'month', t('munLiftReportMonth'), months, months[0]![0]);
    const select = picker.querySelector('select')!;
    const next = sequence();
    const load = async (month: string) => {
      const mine = next();
      result.replaceChildren(loadingNote());
      try {
        const r = await api<Report>(`${base}/ride-report/${month}`);
        if (!mine()) return;
        result.replaceChildren(...reportView(r, month));
      } catch (e) {
        if (!mine()) return;
        result.replaceChildren(
          h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : t('unknownError')),
        );
      }
    };
    select.addEventListener('change', () => {
      void load(select.value).then(() => announce(result.querySelector('h3, .empty p')?.textContent ?? ''));
    });
    body.replaceChildren(h('p', {}, t('munLiftReportIntro')), picker, result);
    await load(select.value);
  });

  return h('div', {}, h('h1', {}, t('munLiftsTitle')), settings, report);
}

function reportView(r: Report, month: string): Node[] {
  const words = format.month(month);
  if (r.requested === 0 && r.offered === 0) return [emptyState(t('munLiftReportEmpty', { month: words }))];
  const totals: [Parameters<typeof t>[0], Node][] = [
    ['munLiftOffered', fewCount(r.offered)],
    ['munLiftRequests', fewCount(r.requested)],
    ['munLiftMatched', fewCount(r.matched)],
    ['munLiftCompleted', fewCount(r.completed)],
    ['munLiftBonusPaid', document.createTextNode(String(r.bonusPoints))],
  ];
  const headers = [
    t('neighbourhood'),
    t('munLiftRequests'),
    t('munLiftServed'),
    t('munLiftUnserved'),
    t('munLiftBonusPaid'),
  ];
  return [
    h('h3', {}, t('munLiftTotalsCaption', { month: words })),
    h(
      'ul',
      { class: 'lift-totals' },
      ...totals.map(([key, value]) => h('li', {}, t('munLabel', { label: t(key) }), h('strong', {}, value))),
    ),
    h('h3', {}, t('munLiftReportCaption', { month: words })),
    table(
      t('munLiftReportCaption', { month: words }),
      headers,
      r.byNeighbourhood.map((n) => [
        n.neighbourhood ?? t('munUnknownNeighbourhood'),
        fewCount(n.requests),
        fewCount(n.served),
        n.unserved > 0 ? h('strong', { class: 'unserved' }, fewCount(n.unserved)) : fewCount(n.unserved),
        String(n.bonusPoints),
      ]),
    ),
    h('p', { class: 'muted' }, t('munLiftUnservedNote')),
  ];
}
