import type { Context } from 'hono';
import type { AppEnv, SessionUser } from '../env.ts';
import { allowClub } from '../auth/access.ts';
import { sellAtDoor, type SaleItem } from '../door/service.ts';
import { newId } from '../lib/ids.ts';
import { idempotent } from '../lib/idempotency.ts';
import { notice } from '../lib/notices.ts';
import { Problem } from '../lib/problem.ts';
import { addSeconds } from '../lib/time.ts';
import { checkCard, readPass } from '../passes/door.ts';
import { PERIODS, type Target } from '../tariffs/repo.ts';
import {
  checkSeller,
  clockFor,
  holderNotice,
  lookupAudit,
  priceAnswer,
  readFacts,
} from '../tariffs/service.ts';
import * as repo from './repo.ts';
import type { Sale } from './schema.ts';

// Sales: the door's one-batch path, the till's idempotent path (tickets and memberships), cancelling.

const DEFAULT_CANCEL_HOURS = 72;

export type Item = {
  target: Target;
  pass: { code?: string | undefined; passNumber?: string | undefined };
  tariffId: string;
  /** For a membership: the club of the till (the offer must be this club's). */
  clubId?: string;
};

type Prepared = { sales: Sale[]; writes: D1PreparedStatement[] };

/** The door's usual request: checks, price and writes in one round trip. */
export async function sellTicketsAtDoor(c: Context<AppEnv>, items: SaleItem[]): Promise<Sale[]> {
  const sold = await sellAtDoor(c, items);
  return sold.map(({ id, ...s }) => ({ id, kind: 'ticket' as const, ...s, cancelledAt: null }));
}

/**
 * Prices every item again from one read (one round trip for all), checks each against the price the till
 * showed, and builds the writes: per reduced sale a cap guard, then the sale. Written all-or-nothing.
 */
export async function prepareSales(c: Context<AppEnv>, user: SessionUser, items: Item[]): Promise<Prepared> {
  const db = c.env.DB;
  const now = c.var.now;
  const clock = clockFor(now);
  const passes = await Promise.all(items.map((item) => readPass(c, item.pass)));
  const { facts: read, lookups } = await readFacts(
    db,
    user,
    items.map((item, i) => ({ target: item.target, passNumber: passes[i]!.passNumber })),
    now,
  );
  const starts = Object.fromEntries(PERIODS.map((period, i) => [period, clock.periodStarts[i]!]));
  const soldAt = now.toISOString();
  const sales: Sale[] = [];
  const writes: D1PreparedStatement[] = [];
  for (const [i, item] of items.entries()) {
    const facts = read[i];
    if (!facts || (item.clubId !== undefined && facts.seller.clubId !== item.clubId))
      throw new Problem('not_found', { detail: `Item ${i}: no such activity or membership offer` });
    allowClub(user, facts.seller.clubId);
    checkSeller(facts.seller, now, lookups);
    const holder = facts.holder;
    if (!holder) throw new Problem('pass_not_found', { detail: `Item ${i}: no pass with this number` });
    checkCard(passes[i]!.code, holder, c.var.locale);
    const { answer, quote } = await priceAnswer(c.env.SIGNING_KEYS, facts, holder, item.target, now);
    if (answer.tariffId !== item.tariffId)
      throw new Problem('tariff_changed', { detail: `Item ${i}: the price is now ${answer.price} cents` });
    const cancelUntil = addSeconds(
      now,
      (facts.rule?.cancelWindowHours ?? DEFAULT_CANCEL_HOURS) * 3600,
    ).toISOString();
    const sale: repo.NewSale = {
      id: newId(),
      clubId: facts.seller.clubId,
      target: item.target,
      description: facts.seller.title,
      category: facts.seller.category,
      passholderId: holder.id,
      passNumber: holder.passNumber,
      regularPriceCents: facts.seller.regularPriceCents,
      quote,
      payingMunicipalityId: facts.seller.municipalityId,
      soldAt,
      soldBy: user.id,
      cancelUntil,
    };
    const guard = quote.reduced && facts.rule ? repo.guardStatement(db, sale, facts.rule.caps, starts) : null;
    if (guard) writes.push(guard);
    writes.push(repo.insertSaleStatement(db, sale));
    writes.push(lookupAudit(db, holder.id, user, 'door_sale', sale.description, now));
    // Why the reduction did not apply goes to the holder alone, in their messages; never to the till.
    const code = holderNotice(quote);
    if (code)
      writes.push(
        repo.holderMessageStatement(db, {
          passholderId: holder.id,
          activityId: facts.seller.activityId,
          message: notice(code, holder.locale).message,
          at: soldAt,
        }),
      );
    sales.push({
      id: sale.id,
      kind: item.target.kind,
      activityId: facts.seller.activityId,
      description: sale.description,
      passNumber: holder.passNumber,
      regularPrice: sale.regularPriceCents,
      price: quote.priceCents,
      soldAt,
      cancelUntil,
      cancelledAt: null,
    });
  }
  writes.push(repo.clearGuardsStatement(db));
  return { sales, writes };
}

/**
 * Registers the till's sales, idempotently: priced again and written with the stored answer (the answer
 * per user, so the session is loaded first); a cap reached meanwhile rolls everything back.
 */
export async function register(
  c: Context<AppEnv>,
  user: SessionUser,
  request: unknown,
  items: Item[],
): Promise<{ status: 201; body: { sales: Sale[] } }> {
  try {
    const result = await idempotent(c, user.id, request, async () => {
      const { sales, writes } = await prepareSales(c, user, items);
      return { status: 201 as const, body: { sales }, writes };
    });
    return { status: result.status, body: result.body };
  } catch (error) {
    // A cap reached meanwhile means the price changed: the same answer as any other price change, so the
    // till never learns that a reduction (and so a status) was involved.
    if (repo.isCapViolation(error))
      throw new Problem('tariff_changed', { detail: 'The price changed meanwhile; look it up again' });
    throw error;
  }
}

export async function loadSale(db: D1Database, id: string): Promise<Sale & { clubId: string }> {
  const sale = await repo.findSale(db, id);
  if (!sale) throw new Problem('not_found');
  return sale;
}

/** Cancels a sale within its window (once); after its statement was approved it becomes a correction. */
export async function cancel(
  db: D1Database,
  sale: Sale & { clubId: string },
  by: string,
  now: Date,
): Promise<Sale> {
  if (sale.cancelledAt) throw new Problem('sale_cancelled_already', { detail: 'Cancelled already' });
  if (!(await repo.cancelSale(db, sale.id, by, now.toISOString()))) throw new Problem('cancel_window_passed');
  const { clubId: _club, ...cancelled } = (await repo.findSale(db, sale.id))!;
  return cancelled;
}
