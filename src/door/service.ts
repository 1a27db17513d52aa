import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { allowClub, allowClubStaff } from '../auth/access.ts';
import { sessionUserStatement, toSessionUser, type SessionRow } from '../auth/repo.ts';
import { caller, sessionConfirmed, sessionRefused } from '../auth/session.ts';
import { newId } from '../lib/ids.ts';
import { notice, type Notice } from '../lib/notices.ts';
import { isLocale } from '../lib/i18n.ts';
import { Problem } from '../lib/problem.ts';
import { brusselsDate } from '../lib/time.ts';
import { checkCard, readPass } from '../passes/door.ts';
import type { PassCode } from '../passes/code.ts';
import { deriveStatus, tariffApplies, type Grant, type Suspension } from '../status/derive.ts';
import {
  doorFactsStatement,
  ruleFromJson,
  toDoorFacts,
  usageFrom,
  type DoorFactsRow,
} from '../tariffs/repo.ts';
import { checkSeller, clockFor, holderNotice, targetKey } from '../tariffs/service.ts';
import { openPrice, sealContext, sealedOf, sealPrice } from '../tariffs/quote-token.ts';
import { quote, type Quote } from '../tariffs/tariff.ts';
import { isCapViolation } from '../sales/repo.ts';
import * as repo from './repo.ts';

/** A pass as the door got it: a scanned code or a typed number. */
export type PassInput = { code?: string | undefined; passNumber?: string | undefined };

/** What the door shows of a holder at an activity (never a status, a reason or a cap). */
export type DoorAnswer = {
  row: repo.AnswerRow;
  code: PassCode | null;
  notices: Notice[];
  /** The price to charge, sealed in `tariffId` for the till to bring back. */
  price: { regularPrice: number; price: number; currency: 'EUR'; tariffId: string };
};

type Prepared = { params: (string | number | null)[]; passNumber: string; code: PassCode | null };

async function prepareRequest(
  c: Context<AppEnv>,
  activityId: string,
  pass: PassInput,
  marker: string,
): Promise<Prepared> {
  const { passNumber, code } = await readPass(c, pass);
  const clock = clockFor(c.var.now);
  const { userId, sessionId } = caller(c);
  const params = repo.doorParams({
    activityId,
    passNumber,
    sessionId,
    userId,
    now: c.var.now.toISOString(),
    via: code?.kind ?? 'number',
    cardVersion: code?.kind === 'card' ? code.version : null,
    marker,
    today: clock.today,
    minorCutoff: clock.minorCutoff,
    periodStarts: clock.periodStarts,
    userLocale: c.req.header('accept-language') === undefined,
  });
  return { params, passNumber, code };
}

type PricingJson = {
  grants: Grant[];
  suspensions: Suspension[];
  holderMunicipalityId: string;
  holderRegionId: string;
  sellerMunicipalityId: string;
  sellerRegionId: string;
  /** A rule row as tariffs' RULE_JSON writes it. */
  rule: object | null;
  usedHere: number;
  usedPeriods: number[];
};

/** The holder's price from one answer row: the regular price unless their grants give a status. */
export function quoteOf(row: repo.AnswerRow, today: string): Quote {
  const pricing = row.pricing ? (JSON.parse(row.pricing) as PricingJson) : null;
  const status = pricing ? deriveStatus(pricing.grants, pricing.suspensions, today).status : 'NONE';
  return quote({
    regularPriceCents: row.regular_price_cents,
    category: row.category,
    statusApplies: tariffApplies(status),
    holder: { municipalityId: pricing?.holderMunicipalityId ?? '', regionId: pricing?.holderRegionId ?? '' },
    seller: { municipalityId: pricing?.sellerMunicipalityId ?? '', regionId: pricing?.sellerRegionId ?? '' },
    rule: pricing?.rule ? ruleFromJson(pricing.rule) : null,
    usage: usageFrom(pricing?.usedHere ?? 0, pricing?.usedPeriods ?? []),
  });
}

/**
 * Why the door refused: a second read, of the session and the facts, in the order the door checks them.
 * `fallback` is the answer when every check passes now (a sale's price changed, or the facts changed back).
 */
async function refusal(
  c: Context<AppEnv>,
  activityId: string,
  passNumber: string,
  code: PassCode | null,
  closed: 'door_closed' | 'checkin_closed',
  fallback: Problem,
): Promise<never> {
  const db = c.env.DB;
  const { userId, sessionId } = caller(c);
  const [session, facts] = await db.batch<SessionRow | DoorFactsRow>([
    sessionUserStatement(db, sessionId, c.var.now.toISOString()),
    doorFactsStatement(db, { kind: 'ticket', activityId }, { passNumber }, clockFor(c.var.now)),
  ]);
  const user = toSessionUser(session?.results[0] as SessionRow | undefined, sessionId);
  if (!user || user.id !== userId) sessionRefused(c);
  useUserLocale(c, user.locale);
  allowClubStaff(user);
  const found = toDoorFacts(facts?.results[0] as DoorFactsRow | undefined);
  if (!found) throw new Problem('not_found', { detail: 'No such activity' });
  allowClub(user, found.seller.clubId);
  checkSeller(found.seller, c.var.now, null, closed);
  if (!found.holder) throw new Problem('pass_not_found');
  checkCard(code, found.holder, c.var.locale);
  throw fallback;
}

/** Without an Accept-Language, answers speak the user's own language (as for every other request). */
function useUserLocale(c: Context<AppEnv>, locale: string | null): void {
  if (!c.req.header('accept-language') && isLocale(locale)) c.set('locale', locale);
}

/** Notices about the card (never about a reduction). */
function cardNotices(c: Context<AppEnv>, row: repo.AnswerRow): Notice[] {
  return row.card_blocked_at !== null ? [notice('card_blocked_phone_ok', c.var.locale)] : [];
}

/**
 * A scan or a price look-up at an activity's door, in one round trip: the checks and the line in the
 * holder's "who looked at my record" in one guarded write, then the answer. Problems (4xx) otherwise.
 */
export async function lookUpAtDoor(
  c: Context<AppEnv>,
  activityId: string,
  pass: PassInput,
): Promise<DoorAnswer> {
  const db = c.env.DB;
  const { params, passNumber, code } = await prepareRequest(c, activityId, pass, newId());
  const [read, marker] = await db.batch<repo.AnswerRow>([
    repo.doorAnswer(db, params),
    repo.auditMarker(db, params, 'door_price'),
  ]);
  const row = read?.results[0];
  if (!row || marker?.meta.changes !== 1)
    return refusal(c, activityId, passNumber, code, 'door_closed', new Problem('conflict'));
  await sessionConfirmed(c);
  useUserLocale(c, row.user_locale);
  const today = brusselsDate(c.var.now);
  const q = quoteOf(row, today);
  const tariffId = await sealPrice(
    c.env.SIGNING_KEYS,
    sealedOf(q, row.regular_price_cents),
    sealContext(row.pass_number, targetKey({ kind: 'ticket', activityId }), today),
  );
  return {
    row,
    code,
    notices: cardNotices(c, row),
    price: { regularPrice: row.regular_price_cents, price: q.priceCents, currency: 'EUR', tariffId },
  };
}

/** A door check-in in one round trip; points exactly once. */
export async function checkInAtDoor(
  c: Context<AppEnv>,
  activityId: string,
  pass: PassInput,
): Promise<{ row: repo.CheckinRow; notices: Notice[] }> {
  const db = c.env.DB;
  const { params, passNumber, code } = await prepareRequest(c, activityId, pass, crypto.randomUUID());
  const results = await db.batch<repo.CheckinRow>(repo.checkinStatements(db, params));
  const row = results[2]?.results[0];
  if (!row) return refusal(c, activityId, passNumber, code, 'checkin_closed', new Problem('conflict'));
  await sessionConfirmed(c);
  useUserLocale(c, row.user_locale);
  return { row, notices: cardNotices(c, row) };
}

export type SaleItem = PassInput & { activityId: string; tariffId: string };

export type SoldItem = {
  id: string;
  activityId: string;
  description: string;
  passNumber: string;
  regularPrice: number;
  price: number;
  soldAt: string;
  cancelUntil: string;
};

/**
 * Ticket sales at the door, all-or-nothing, in one round trip: each item at the price its tariff id
 * holds, written only when the door's checks pass, the price is still the one shown and the caps allow it.
 * A price that no longer holds answers `tariff_changed`, the same for every holder.
 */
export async function sellAtDoor(c: Context<AppEnv>, items: SaleItem[]): Promise<SoldItem[]> {
  const db = c.env.DB;
  const today = brusselsDate(c.var.now);
  const writes: D1PreparedStatement[] = [];
  const prepared: (Prepared & { activityId: string })[] = [];
  const saleIds: string[] = [];
  for (const [i, item] of items.entries()) {
    const marker = newId();
    const p = await prepareRequest(c, item.activityId, item, marker);
    prepared.push({ ...p, activityId: item.activityId });
    const price = await openPrice(
      c.env.SIGNING_KEYS,
      item.tariffId,
      sealContext(p.passNumber, targetKey({ kind: 'ticket', activityId: item.activityId }), today),
    );
    if (!price) {
      // Not a price shown today for this pass here: the door's own problem first (the door may be closed).
      const changed = new Problem('tariff_changed', { detail: `Item ${i}: look the price up again` });
      await refusalIfAny(c, prepared.at(-1)!, changed);
      throw changed;
    }
    const saleId = newId();
    saleIds.push(saleId);
    writes.push(
      repo.auditMarker(db, p.params, 'door_sale', repo.SALE_CHECKS, repo.saleCheckParams(price)),
      repo.requireMarker(db, marker),
    );
    if (price.reduced && price.rule)
      writes.push(repo.capGuard(db, p.params, price.rule, price.regularPriceCents - price.priceCents));
    writes.push(repo.insertSale(db, p.params, saleId, price));
    // Why the reduction did not apply goes to the holder alone, in their messages; never to the till.
    const reason = holderNotice(price);
    if (reason) writes.push(repo.holderMessage(db, p.params, notice(reason, 'nl').messages));
  }
  writes.push(...repo.clearGuards(db), repo.soldRows(db, saleIds));
  let results: D1Result[];
  try {
    results = await db.batch(writes);
  } catch (error) {
    if (repo.isDoorRefusal(error)) {
      const changed = new Problem('tariff_changed', { detail: 'The price changed; look it up again' });
      for (const p of prepared) await refusalIfAny(c, p, changed);
      throw changed;
    }
    // A cap reached meanwhile means the price changed: the same answer as any other price change, so the
    // till never learns that a reduction (and so a status) was involved.
    if (isCapViolation(error))
      throw new Problem('tariff_changed', { detail: 'The price changed meanwhile; look it up again' });
    throw error;
  }
  await sessionConfirmed(c);
  const rows = (results.at(-1)?.results ?? []) as repo.SoldRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return saleIds.map((id) => {
    const r = byId.get(id)!;
    return {
      id,
      activityId: r.activity_id,
      description: r.description,
      passNumber: r.pass_number,
      regularPrice: r.regular_price_cents,
      price: r.price_cents,
      soldAt: r.sold_at,
      cancelUntil: r.cancel_until,
    };
  });
}

/** Throws the door's problem for this item when there is one; returns when the item would pass. */
async function refusalIfAny(
  c: Context<AppEnv>,
  p: Prepared & { activityId: string },
  last: Problem,
): Promise<void> {
  try {
    await refusal(c, p.activityId, p.passNumber, p.code, 'door_closed', last);
  } catch (problem) {
    if (problem === last) return;
    throw problem;
  }
}
