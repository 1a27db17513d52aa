import type { Context } from 'hono';
import type { AppEnv, SessionUser } from '../env.ts';
import { toBase64Url } from '../lib/ids.ts';
import { Problem } from '../lib/problem.ts';
import { allowClub, checkCard, readPass } from '../passes/door.ts';
import { notice, type Notice } from '../lib/notices.ts';
import { brusselsDate } from '../lib/time.ts';
import { deriveStatus, tariffApplies } from '../status/derive.ts';
import { minorCutoff } from '../status/repo.ts';
import { periodStart } from './periods.ts';
import { doorFacts, PERIODS, type Clock, type DoorFacts, type Holder, type Target } from './repo.ts';
import { quote, type Quote } from './tariff.ts';

export function clockFor(now: Date): Clock {
  const today = brusselsDate(now);
  return { today, minorCutoff: minorCutoff(today), periodStarts: PERIODS.map((p) => periodStart(p, now)) };
}

/**
 * What the door and the till show: the same shape for everyone. Prices in cents. `tariffId` is opaque
 * (an HMAC of holder, target, price and day): it says nothing about status, and a sale must bring it back
 * so the price charged is the price shown.
 */
export type PriceAnswer = {
  regularPrice: number;
  price: number;
  currency: 'EUR';
  tariffId: string;
  remaining: number | null;
  messages: Notice[];
};

const keys = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle
      .digest('SHA-256', new TextEncoder().encode(`${secret}:tariff-id`))
      .then((raw) => crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']));
    keys.set(secret, key);
  }
  return key;
}

export function targetKey(target: Target): string {
  return target.kind === 'ticket'
    ? `t:${target.activityId}`
    : `m:${target.clubId}:${target.season}:${target.regularPriceCents}:${target.category}`;
}

export async function tariffId(
  secret: string,
  holderId: string,
  target: Target,
  q: Quote,
  today: string,
): Promise<string> {
  const message = [
    holderId,
    targetKey(target),
    q.priceCents,
    q.rule ? `${q.rule.id}:${q.rule.version}` : '-',
    today,
  ].join('|');
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), new TextEncoder().encode(message));
  return `t_${toBase64Url(new Uint8Array(mac).slice(0, 12))}`;
}

const NOTICE_FOR = {
  outside_region: 'outside_region',
  limit_reached: 'limit_reached',
  not_for_category: 'not_for_category',
  no_rule: 'no_rule',
} as const;

/** The quote for a holder at a target, from the facts of one read. */
export function quoteFor(facts: DoorFacts, holder: Holder, today: string): Quote {
  const status = deriveStatus(holder.grants, holder.suspensions, today).status;
  return quote({
    regularPriceCents: facts.seller.regularPriceCents,
    category: facts.seller.category,
    statusApplies: tariffApplies(status),
    holder: { municipalityId: holder.municipalityId, regionId: holder.regionId },
    seller: { municipalityId: facts.seller.municipalityId, regionId: facts.seller.regionId },
    rule: facts.rule,
    usage: facts.usage,
  });
}

export async function priceAnswer(
  secret: string,
  facts: DoorFacts,
  holder: Holder,
  target: Target,
  now: Date,
): Promise<{ answer: PriceAnswer; quote: Quote }> {
  const today = brusselsDate(now);
  const q = quoteFor(facts, holder, today);
  const code = q.reason in NOTICE_FOR ? NOTICE_FOR[q.reason as keyof typeof NOTICE_FOR] : null;
  return {
    quote: q,
    answer: {
      regularPrice: facts.seller.regularPriceCents,
      price: q.priceCents,
      currency: 'EUR',
      tariffId: await tariffId(secret, holder.id, target, q, today),
      remaining: q.remaining,
      messages: code ? [notice(code, holder.locale)] : [],
    },
  };
}

/** The problems a door or till lookup can answer with (for the OpenAPI document). */
export const DOOR_PROBLEMS = [
  'validation_failed',
  'pass_number_invalid',
  'unauthenticated',
  'forbidden',
  'not_found',
  'pass_not_found',
  'code_invalid',
  'code_expired',
  'card_replaced',
  'pass_blocked',
] as const;

/**
 * The door and till lookup: reads the code or number, loads every fact in one query, checks that the
 * target belongs to one of the user's clubs and that the card may be used. Answers 4xx problems otherwise.
 */
export async function lookUp(
  c: Context<AppEnv>,
  user: SessionUser,
  target: Target,
  pass: { code?: string | undefined; passNumber?: string | undefined },
) {
  const { passNumber, code } = await readPass(c, pass);
  const facts = await doorFacts(c.env.DB, target, passNumber, clockFor(c.var.now));
  if (!facts)
    throw new Problem('not_found', {
      detail: target.kind === 'ticket' ? 'No such activity' : 'No such club',
    });
  allowClub(user, facts.seller.clubId);
  if (!facts.holder) throw new Problem('pass_not_found');
  const notices = checkCard(code, facts.holder, c.var.locale);
  return { facts, holder: facts.holder, code, notices };
}
