import { api, ApiError, type Schema } from '../api.ts';
import { announce, formValues, h } from '../dom.ts';
import { format, t, type MessageKey } from '../i18n.ts';
import { button, choice, confirmStep, field, section, table } from '../components.ts';
import type { AuditReason } from './pass.ts';

/** The social status with its grants, suspensions and entitlements: the answer of GET /status and of every action on it. */
type Status = Schema<'SocialStatus'>;

const STATUS: Record<Status['status'], MessageKey> = {
  ACTIVE: 'statusActive',
  IN_GRACE: 'statusInGrace',
  SUSPENDED: 'statusSuspendedNow',
  EXPIRED: 'statusExpired',
  NONE: 'statusNone',
};
const KINDS: [string, MessageKey][] = [
  ['living_wage', 'kindLivingWage'],
  ['increased_allowance', 'kindIncreasedAllowance'],
  ['debt_mediation', 'kindDebtMediation'],
  ['child_benefit_supplement', 'kindChildBenefit'],
  ['other', 'reasonOther'],
];
const REASONS: [string, MessageKey][] = [
  ...KINDS.slice(0, 4),
  ['low_income', 'reasonLowIncome'],
  ['social_inquiry', 'reasonSocialInquiry'],
  ['other', 'reasonOther'],
];
/** Grants also come from a municipality's list of entitled people; the counter does not choose that one. */
const GRANT_REASONS: [string, MessageKey][] = [...REASONS, ['import', 'reasonImport']];
const labelOf = (list: [string, MessageKey][], value: string) => {
  const found = list.find(([v]) => v === value);
  return found ? t(found[1]) : value;
};

/**
 * Counter: the social status of a resident, with grants, suspensions and entitlements, and the actions on them.
 * The status is read for `reason`, the reason the counter gave for opening the record (logged for the holder);
 * `name` is the resident's name, for the confirmation before the status ends.
 */
export function statusSection(
  passholderId: string,
  reason: AuditReason = 'counter_visit',
  name: () => string = () => '',
): HTMLElement {
  const base = `/passholders/${passholderId}`;
  return section('social-status', 'statusAndEntitlements', async (body) => {
    const render = (s: Status, message?: string) => {
      /** A failed action says why, visibly, in the section (and to screen readers). */
      const problem = h('div', {});
      const act = (path: string, payload: unknown, done: MessageKey) => async () => {
        try {
          render(await api<Status>(`${base}${path}`, { body: payload }), t(done));
        } catch (e) {
          const text = e instanceof ApiError ? e.message : t('unknownError');
          problem.replaceChildren(h('p', { class: 'error', role: 'alert' }, text));
          announce(text);
        }
      };
      /** Ending the status now has no grace period: the counter confirms, knowing what follows. */
      const end = async () => {
        const yes = await confirmStep({
          question: t('recordEndQuestion', { name: name() }),
          details: [t('recordEndEffect', { name: name() }), t('recordEndHousehold'), t('recordEndUndo')],
          yes: t('endStatus'),
          danger: true,
        });
        if (yes) await act('/status/end', {}, 'recordEndDone')();
      };
      const form = (
        id: string,
        title: MessageKey,
        fields: HTMLElement[],
        path: string,
        toBody: (v: Record<string, string>) => unknown,
        done: MessageKey,
      ) => {
        const f = h(
          'form',
          { 'aria-labelledby': `${id}-title` },
          h('h3', { id: `${id}-title` }, t(title)),
          ...fields,
          h('button', { type: 'submit' }, t(title)),
        );
        f.addEventListener('submit', (event) => {
          event.preventDefault();
          void act(path, toBody(formValues(f)), done)();
        });
        return f;
      };
      body.replaceChildren(
        h(
          'p',
          { class: 'big' },
          h('strong', {}, t(STATUS[s.status])),
          s.validUntil ? ` · ${t('until', { date: format.date(s.validUntil) })}` : '',
          s.status === 'IN_GRACE' && s.graceUntil
            ? ` · ${t('graceUntil', { date: format.date(s.graceUntil) })}`
            : '',
        ),
        message ? h('p', { class: 'ok', role: 'status', tabindex: '-1' }, message) : '',
        problem,
        s.grants.length
          ? table(
              t('grants'),
              [t('why'), t('from'), t('to'), ''],
              s.grants.map((g) => [
                `${labelOf(GRANT_REASONS, g.reason)}${g.inherited ? ` (${t('viaHousehold')})` : ''}`,
                format.date(g.validFrom),
                g.endedOn ? t('endedOn', { date: format.date(g.endedOn) }) : format.date(g.validUntil),
                '',
              ]),
            )
          : '',
        ...s.suspensions
          .filter((x) => !x.liftedOn)
          .map((x) =>
            h(
              'p',
              {},
              `${t('suspendedSince', { date: format.date(x.fromDate) })}: ${x.reason} `,
              h(
                'button',
                {
                  type: 'button',
                  class: 'secondary',
                  onclick: act(`/status/suspensions/${x.id}/lift`, undefined, 'saved'),
                },
                t('lift'),
              ),
            ),
          ),
        s.entitlements.length
          ? table(
              t('entitlements'),
              [t('kind'), t('from'), t('to'), t('actions')],
              s.entitlements.map((e) => [
                labelOf(KINDS, e.kind),
                format.date(e.validFrom),
                e.endedOn
                  ? t('endedOn', { date: format.date(e.endedOn) })
                  : e.validUntil
                    ? format.date(e.validUntil)
                    : '—',
                e.endedOn
                  ? ''
                  : h(
                      'button',
                      {
                        type: 'button',
                        class: 'secondary',
                        onclick: act(`/entitlements/${e.id}/end`, undefined, 'saved'),
                      },
                      t('end'),
                    ),
              ]),
            )
          : '',
        form(
          'entitlement',
          'recordEntitlement',
          [
            choice(
              'ent-kind',
              'kind',
              t('kind'),
              KINDS.map(([v, k]) => [v, t(k)]),
            ),
          ],
          '/entitlements',
          (v) => ({ kind: v.kind }),
          'saved',
        ),
        form(
          'grant',
          'grantStatus',
          [
            choice(
              'grant-reason',
              'reason',
              t('why'),
              REASONS.map(([v, k]) => [v, t(k)]),
            ),
            field('grant-until', 'validUntil', t('untilOptional'), { type: 'date' }),
          ],
          '/status/grants',
          (v) => ({ reason: v.reason, ...(v.validUntil ? { validUntil: v.validUntil } : {}) }),
          'saved',
        ),
        s.status === 'ACTIVE' || s.status === 'IN_GRACE'
          ? form(
              'suspend',
              'suspendStatus',
              [field('suspend-reason', 'reason', t('why'), { required: true, minlength: 2 })],
              '/status/suspensions',
              (v) => ({ reason: v.reason }),
              'saved',
            )
          : '',
        // Only the holder's own grants can end here; a minor's status through the household ends with the adult's.
        s.status !== 'NONE' && s.status !== 'EXPIRED' && s.grants.some((g) => !g.inherited && !g.endedOn)
          ? h('p', {}, button(t('endStatus'), 'danger', { onclick: end }))
          : '',
      );
      if (message) {
        announce(message);
        body.querySelector<HTMLElement>('.ok[role=status]')?.focus();
      }
    };
    render(await api<Status>(`${base}/status?reason=${reason}`));
  });
}
