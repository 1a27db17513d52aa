import type { Context } from 'hono';
import type { AppEnv, SessionUser } from '../env.ts';
import { Problem } from '../lib/problem.ts';
import { checkCard, readPass } from '../passes/door.ts';
import { allowClub, requireClubStaff } from '../auth/access.ts';
import { sessionUser } from '../auth/session.ts';
import { displayName } from '../passes/people.ts';
import { municipalityRegion } from '../places/repo.ts';
import { notice, type Notice, type NoticeCode } from '../lib/notices.ts';
import { doorOpen } from '../activities/window.ts';
import { auditStatement } from '../passes/repo.ts';
import { brusselsDate } from '../lib/time.ts';
import { deriveStatus, tariffApplies } from '../status/derive.ts';
import { minorCutoff } from '../status/repo.ts';
import { periodStart } from '../lib/periods.ts';
import {
  addRuleVersion,
  countLookupStatement,
  doorFactsStatement,
  PERIODS,
  toDoorFacts,
  type Clock,
  type DoorFacts,
  type DoorFactsRow,
  type Holder,
  type HolderKey,
  type Target,
} from './repo.ts';
import { sealContext, sealedOf, sealPrice } from './quote-token.ts';
import type { TariffRuleInput } from './schema.ts';
import { quote, type Quote } from './tariff.ts';

export function clockFor(now: Date): Clock {
  const today = brusselsDate(now);
  return { today, minorCutoff: minorCutoff(today), periodStarts: PERIODS.map((p) => periodStart(p, now)) };
}

/**
 * What the door and the till show: the same keys, types and messages for everyone who pays the same price.
 * Prices in cents. Nothing in it tells whether a reduction applied, why not, or how many are left:
 * `tariffId` is opaque (the price sealed for this pass, target and day: see quote-token.ts), and a sale must bring it back so the price
 * charged is the price shown.
 */
export type PriceAnswer = {
  regularPrice: number;
  price: number;
  currency: 'EUR';
  tariffId: string;
};

/** What only the holder sees of their own price: why a reduction did not apply, and how many are left. */
export type HolderPrice = { priceCents: number; remaining: number | null; messages: Notice[] };

export function targetKey(target: Target): string {
  return target.kind === 'ticket' ? `t:${target.activityId}` : `m:${target.offerId}`;
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

/** The message for the holder when their reduction does not apply here (null when it does, or they have none). */
export function holderNotice(q: Pick<Quote, 'reason'>): NoticeCode | null {
  return q.reason in NOTICE_FOR ? NOTICE_FOR[q.reason as keyof typeof NOTICE_FOR] : null;
}

/** The door's and the till's answer, and the quote behind it (which stays on the server). */
export async function priceAnswer(
  secret: string,
  facts: DoorFacts,
  holder: Holder,
  target: Target,
  now: Date,
): Promise<{ answer: PriceAnswer; quote: Quote }> {
  const today = brusselsDate(now);
  const q = quoteFor(facts, holder, today);
  return {
    quote: q,
    answer: {
      regularPrice: facts.seller.regularPriceCents,
      price: q.priceCents,
      currency: 'EUR',
      tariffId: await sealPrice(
        secret,
        sealedOf(q, facts.seller.regularPriceCents),
        sealContext(holder.passNumber, targetKey(target), today),
      ),
    },
  };
}

/** The holder's own view of their price (their activity page): with the reasons and what is left. */
export function holderPrice(facts: DoorFacts, holder: Holder, now: Date): HolderPrice {
  const q = quoteFor(facts, holder, brusselsDate(now));
  const code = holderNotice(q);
  return {
    priceCents: q.priceCents,
    remaining: q.reduced ? q.remaining : null,
    messages: code ? [notice(code, holder.locale)] : [],
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
  'door_closed',
  'club_not_approved',
  'lookup_limit',
  'activity_cancelled',
  'conflict',
] as const;

/** Membership price look-ups one staff account may make per hour. */
export const MEMBERSHIP_LOOKUPS_PER_HOUR = 60;

/**
 * Checks that may not depend on who the holder is, in this order: the club is approved, and the door of the
 * activity is open (tickets), or the account is under its hourly limit (memberships). Every holder gets the
 * same problem here, found or not.
 */
export function checkSeller(
  seller: DoorFacts['seller'],
  now: Date,
  lookups: number | null,
  closed: 'door_closed' | 'checkin_closed' = 'door_closed',
): void {
  if (seller.clubStatus !== 'approved') throw new Problem('club_not_approved');
  if (seller.activityId !== null) {
    if (seller.cancelled) throw new Problem('activity_cancelled');
    const times = {
      startsAt: seller.startsAt!,
      endsAt: seller.endsAt!,
      before: seller.checkinBeforeMinutes,
      after: seller.checkinAfterMinutes,
    };
    if (!doorOpen(times, now)) throw new Problem(closed);
  } else {
    if (seller.cancelled) throw new Problem('not_found', { detail: 'This membership offer was withdrawn' });
    if (lookups !== null && lookups > MEMBERSHIP_LOOKUPS_PER_HOUR)
      throw new Problem('lookup_limit', { headers: { 'retry-after': String(secondsToNextHour(now)) } });
  }
}

function secondsToNextHour(now: Date): number {
  return 3600 - Math.floor((now.getTime() % 3_600_000) / 1000);
}

/** The hour a look-up counts in (UTC), e.g. 2026-11-23T14. */
export function lookupHour(now: Date): string {
  return now.toISOString().slice(0, 13);
}

/**
 * The one batch pricing read: everything the price of each (target, holder) pair depends on, one statement
 * per pair, all in one round trip. `first` runs before them in the same batch (the till's look-up count).
 * The door's own requests price through src/door, which reads and writes in one guarded batch.
 */
export async function priceBatch(
  db: D1Database,
  items: { target: Target; holder: HolderKey }[],
  now: Date,
  first?: D1PreparedStatement,
): Promise<{ facts: (DoorFacts | null)[]; first: D1Result | null }> {
  const clock = clockFor(now);
  const reads = items.map((item) => doorFactsStatement(db, item.target, item.holder, clock));
  const results = await db.batch<DoorFactsRow>(first ? [first, ...reads] : reads);
  const rows = first ? results.slice(1) : results;
  return {
    facts: rows.map((r) => toDoorFacts(r?.results[0] as DoorFactsRow | undefined)),
    first: first ? results[0]! : null,
  };
}

/** Each holder's own price for one target, with what only they may see (why, and what is left). */
export async function holderPrices(
  db: D1Database,
  items: { target: Target; passholderId: string }[],
  now: Date,
): Promise<(HolderPrice | null)[]> {
  const { facts } = await priceBatch(
    db,
    items.map((i) => ({ target: i.target, holder: { passholderId: i.passholderId } })),
    now,
  );
  return facts.map((f) => (f?.holder ? holderPrice(f, f.holder, now) : null));
}

/**
 * The door's and the till's read of several passes (a membership also counts the look-up against the
 * account's hourly limit, in the same batch).
 */
export async function readFacts(
  db: D1Database,
  user: SessionUser,
  targets: { target: Target; passNumber: string }[],
  now: Date,
): Promise<{ facts: (DoorFacts | null)[]; lookups: number | null }> {
  const memberships = targets.some((t) => t.target.kind === 'membership');
  const { facts, first } = await priceBatch(
    db,
    targets.map((t) => ({ target: t.target, holder: { passNumber: t.passNumber } })),
    now,
    memberships ? countLookupStatement(db, user.id, lookupHour(now)) : undefined,
  );
  return {
    facts,
    lookups: first ? ((first.results[0] as { count: number } | undefined)?.count ?? 0) : null,
  };
}

/** The audit line that puts a staff member's look-up of a price in the holder's "who looked at my record". */
export function lookupAudit(
  db: D1Database,
  holderId: string,
  user: SessionUser,
  action: 'door_price' | 'door_sale',
  description: string,
  now: Date,
): D1PreparedStatement {
  return auditStatement(db, holderId, {
    actorUserId: user.id,
    action,
    reason: description,
    at: now.toISOString(),
  });
}

/**
 * The door and till lookup: reads the code or number, loads every fact in one query, checks that the
 * target belongs to one of the user's clubs, that the club is approved and the door open (or the hourly
 * limit not passed), and only then that the pass exists and the card may be used. Answers 4xx problems
 * otherwise.
 */
export async function lookUp(
  c: Context<AppEnv>,
  user: SessionUser,
  target: Target,
  pass: { code?: string | undefined; passNumber?: string | undefined },
  closed: 'door_closed' | 'checkin_closed' = 'door_closed',
) {
  const { passNumber, code } = await readPass(c, pass);
  const {
    facts: [facts],
    lookups,
  } = await readFacts(c.env.DB, user, [{ target, passNumber }], c.var.now);
  if (!facts)
    throw new Problem('not_found', {
      detail: target.kind === 'ticket' ? 'No such activity' : 'No such membership offer',
    });
  allowClub(user, facts.seller.clubId);
  checkSeller(facts.seller, c.var.now, lookups, closed);
  if (!facts.holder) throw new Problem('pass_not_found');
  const notices = checkCard(code, facts.holder, c.var.locale);
  return { facts, holder: facts.holder, code, notices };
}

/** The till's price of a club's membership offer for one pass (the session loaded first: no door window). */
export async function membershipPrice(
  c: Context<AppEnv>,
  offerId: string,
  pass: { code?: string | undefined; passNumber?: string | undefined },
) {
  await sessionUser(c);
  const user = requireClubStaff(c);
  const target: Target = { kind: 'membership', offerId };
  const { facts, holder, notices } = await lookUp(c, user, target, pass);
  const { answer } = await priceAnswer(c.env.SIGNING_KEYS, facts, holder, target, c.var.now);
  await lookupAudit(c.env.DB, holder.id, user, 'door_price', facts.seller.title, c.var.now).run();
  return {
    passholder: { displayName: displayName(holder.firstName, holder.lastName) },
    ...answer,
    messages: notices,
  };
}

const RULE_IN_THE_PAST = {
  nl: 'Een regel kan niet in het verleden beginnen.',
  fr: 'Une règle ne peut pas commencer dans le passé.',
  en: 'A rule cannot start in the past.',
};

/** A new version of a municipality's (or its region's) rule, from today or a later date. */
export async function addRule(
  db: D1Database,
  municipalityId: string,
  input: TariffRuleInput,
  by: string,
  now: Date,
): Promise<void> {
  const today = brusselsDate(now);
  const validFrom = input.validFrom ?? today;
  if (validFrom < today) {
    throw new Problem('validation_failed', {
      detail: 'A rule cannot start in the past',
      fields: [{ pointer: '/validFrom', code: 'invalid', messages: RULE_IN_THE_PAST }],
    });
  }
  const owner =
    input.scope === 'region'
      ? { municipalityId: null, regionId: await municipalityRegion(db, municipalityId) }
      : { municipalityId, regionId: null };
  await addRuleVersion(db, owner, input, validFrom, by, now.toISOString());
}
