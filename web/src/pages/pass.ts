import { api, ApiError, type Answer, type Me } from '../api.ts';
import { h } from '../dom.ts';
import type { paths } from '../api-types.ts';
import { format, locale, t, type MessageKey } from '../i18n.ts';
import { emptyState, section, table } from '../components.ts';
import { myOutreachSection } from './outreach-contacts.ts';
import { myRightsSection } from './rights-section.ts';

type PassItem = Answer<'/api/v1/me/passes'>['items'][number];
type MyPass = Answer<'/api/v1/me/pass'>;
type Card = Answer<'/api/v1/me/card'>;
type AuditEntry = Answer<'/api/v1/passholders/{passholderId}/audit'>['items'][number];

const ACTIONS: Record<string, MessageKey> = {
  read: 'auditRead',
  register: 'auditRegister',
  update: 'auditUpdate',
  move: 'auditMove',
  household: 'auditHousehold',
  guardian: 'auditGuardian',
  card_block: 'auditCardBlock',
  card_replace: 'auditCardReplace',
  card_print: 'auditCardPrint',
  activation_code: 'auditActivationCode',
  account: 'auditAccount',
  door_price: 'auditDoorPrice',
  door_sale: 'auditDoorSale',
};

/** Why staff open a record: the API's `AuditReasonSchema`, which the counter chooses from before a record shows. */
export type AuditReason = NonNullable<
  NonNullable<paths['/api/v1/passholders/{passholderId}']['get']['parameters']['query']>['reason']
>;
/** The reasons in words, every one of the API's values (the type checks that none is missing). */
export const AUDIT_REASONS: Record<AuditReason, MessageKey> = {
  counter_visit: 'reasonCounterVisit',
  phone_call: 'reasonPhoneCall',
  correction: 'reasonCorrection',
  household: 'reasonHousehold',
  card: 'reasonCard',
  social_work: 'reasonSocialWork',
  other: 'reasonOther',
};
/** What counter staff did to the social status ("social_status:grant"), besides reading it for a reason. */
const STATUS_STEPS: Record<string, MessageKey> = {
  ...AUDIT_REASONS,
  grant: 'auditStatusGrant',
  extend: 'auditStatusExtend',
  end: 'auditStatusEnd',
  suspend: 'auditStatusSuspend',
  lift: 'auditStatusLift',
};
const ENTITLEMENT_KINDS: Record<string, MessageKey> = {
  living_wage: 'kindLivingWage',
  increased_allowance: 'kindIncreasedAllowance',
  debt_mediation: 'kindDebtMediation',
  child_benefit_supplement: 'kindChildBenefit',
  other: 'reasonOther',
};
/** Areas of the record a line was about, written before the reason ("social_status:counter_visit", "entitlement:living_wage"). */
const AREAS: Record<string, [MessageKey, Record<string, MessageKey>]> = {
  social_status: ['auditAreaStatus', STATUS_STEPS],
  entitlement: ['auditAreaEntitlement', ENTITLEMENT_KINDS],
  rights: ['rightsAuditArea', { ...AUDIT_REASONS, use: 'rightsAuditUse' }],
  outreach: [
    'outreachAuditArea',
    { ...AUDIT_REASONS, worklist: 'outreachAuditWorklist', contact: 'outreachAuditContact' },
  ],
};
const label = (map: Record<string, MessageKey>, value: string) => (map[value] ? t(map[value]) : value);
/** A known value in words, in lower case inside the line ("Leefloon" becomes "leefloon"); anything else as it is. */
const words = (map: Record<string, MessageKey>, value: string) => {
  const key = map[value];
  return key ? t(key).charAt(0).toLocaleLowerCase(locale()) + t(key).slice(1) : value;
};

/** The reason of an audit line in words: never a raw key on screen; free text (an activity's title) stays as it is. */
export function auditReasonText(reason: string): string {
  const colon = reason.indexOf(':');
  const area = colon > 0 ? AREAS[reason.slice(0, colon)] : undefined;
  if (!area) return words(AUDIT_REASONS, reason);
  return `${t(area[0])}: ${words(area[1], reason.slice(colon + 1))}`;
}

/** Who read or changed a record, when, what and why: the holder's "who looked" and the counter's audit part. */
export function auditTable(items: AuditEntry[], caption: string): HTMLElement {
  return table(
    caption,
    [t('when'), t('who'), t('why')],
    items.map((e) => [
      format.dateTime(e.at),
      e.actor,
      `${label(ACTIONS, e.action)} · ${auditReasonText(e.reason)}`,
    ]),
  );
}

/** Timer of the rotating code; cleared when the page is left. */
let refresh: ReturnType<typeof setTimeout> | undefined;

function qr(svg: string): HTMLElement {
  const holder = h('div', { class: 'qr' });
  // The SVG comes from our own API and contains only the QR's paths and an aria-label.
  holder.innerHTML = svg;
  return holder;
}

/** Shows one pass: the rotating QR online, the card's static QR (cached by the service worker) offline. */
async function showPass(target: HTMLElement, passholderId: string, self: boolean): Promise<void> {
  clearTimeout(refresh);
  const query = self ? '' : `?passholderId=${encodeURIComponent(passholderId)}`;
  try {
    const pass = await api<MyPass>(`/me/pass${query}`);
    target.replaceChildren(
      qr(pass.qrSvg),
      h('p', { class: 'pass big' }, format.passNumber(pass.passNumber)),
      h('p', { class: 'muted' }, t('codeRenews')),
    );
    const wait = Math.max(5_000, Date.parse(pass.expiresAt) - Date.now() - 10_000);
    refresh = setTimeout(() => void showPass(target, passholderId, self), wait);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 0) throw e;
    const card = await api<Card>(`/me/card${query}`);
    target.replaceChildren(
      qr(card.qrSvg),
      h('p', { class: 'pass big' }, format.passNumber(card.passNumber)),
      h('p', { class: 'muted', role: 'status' }, t('offlineCard')),
    );
    refresh = setTimeout(() => void showPass(target, passholderId, self), 30_000);
  }
}

/** Where the service worker keeps API answers for offline use (see web/public/sw.js; emptied at sign-out). */
const OFFLINE_CACHE = 'buurtpas-data';

/**
 * Keeps what the pass page needs offline (who I am, the household's passes, and the static card code of each)
 * whenever the page is visited online: offline, the service worker answers these from this cache.
 */
async function keepCardsForOffline(me: Me, passes: { items: PassItem[] }): Promise<void> {
  if (!('caches' in window)) return;
  const cache = await caches.open(OFFLINE_CACHE);
  // What the page already holds is stored as it is; only the card codes are fetched.
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  await Promise.all([
    cache.put('/api/v1/me', json(me)),
    cache.put('/api/v1/me/passes', json(passes)),
    ...passes.items.map(async (p) => {
      const url = `/api/v1/me/card${p.self ? '' : `?passholderId=${encodeURIComponent(p.passholderId)}`}`;
      const response = await fetch(url, { credentials: 'same-origin' });
      if (response.ok) await cache.put(url, response);
    }),
  ]);
}

/** The resident's pass page: the QR large, the number under it, the household's passes, who looked at the record. */
export async function passPage(me: Me, signal: AbortSignal): Promise<HTMLElement> {
  signal.addEventListener('abort', () => clearTimeout(refresh));
  const passes = await api<{ items: PassItem[] }>('/me/passes');
  const current = h('div', { class: 'pass-card', 'aria-live': 'polite' });
  const mine = passes.items.find((p) => p.self) ?? passes.items[0];
  const picker =
    passes.items.length > 1
      ? h(
          'div',
          { role: 'group', 'aria-label': t('whosePass'), class: 'pickers' },
          ...passes.items.map((p) =>
            h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                'aria-pressed': String(p === mine),
                onclick: (event: Event) => {
                  document
                    .querySelectorAll('.pickers button')
                    .forEach((b) => b.setAttribute('aria-pressed', 'false'));
                  (event.currentTarget as HTMLElement).setAttribute('aria-pressed', 'true');
                  void showPass(current, p.passholderId, p.self);
                },
              },
              `${p.firstName} ${p.lastName}`,
            ),
          ),
        )
      : null;
  if (mine) await showPass(current, mine.passholderId, mine.self);
  if (navigator.onLine) void keepCardsForOffline(me, passes).catch(() => undefined);
  const audit = me.passholderId
    ? section('audit', 'whoLooked', async (body) => {
        const { items } = await api<{ items: AuditEntry[] }>(`/passholders/${me.passholderId}/audit`);
        body.replaceChildren(
          items.length === 0 ? emptyState(t('nobodyLooked')) : auditTable(items, t('whoLooked')),
        );
      })
    : null;
  return h(
    'div',
    {},
    h('h1', {}, t('myPass')),
    picker,
    current,
    me.passholderId ? myRightsSection() : null,
    me.passholderId ? myOutreachSection() : null,
    h('p', {}, h('a', { href: '#/settings' }, t('msgSettingsLink'))),
    audit,
  );
}
