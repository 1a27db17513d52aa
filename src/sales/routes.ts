import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv, SessionUser } from '../env.ts';
import { newId } from '../lib/ids.ts';
import { idempotent } from '../lib/idempotency.ts';
import { IdSchema, jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import { addSeconds } from '../lib/time.ts';
import { sellAtDoor } from '../door/service.ts';
import { checkCard, readPass } from '../passes/door.ts';
import { allowClub, requireClubStaff } from '../auth/access.ts';
import { notice } from '../lib/notices.ts';
import { PERIODS, type Target } from '../tariffs/repo.ts';
import {
  checkSeller,
  clockFor,
  DOOR_PROBLEMS,
  holderNotice,
  lookupAudit,
  priceAnswer,
  readFacts,
} from '../tariffs/service.ts';
import * as repo from './repo.ts';
import { MembershipInputSchema, SaleSchema, TicketSalesInputSchema, type Sale } from './schema.ts';

const app = new OpenAPIHono<AppEnv>();
const DEFAULT_CANCEL_HOURS = 72;

type Item = {
  target: Target;
  pass: { code?: string | undefined; passNumber?: string | undefined };
  tariffId: string;
  /** For a membership: the club of the till (the offer must be this club's). */
  clubId?: string;
};

/**
 * Prices every item again from one read (one round trip for all), checks each against the price the till
 * showed, and builds the writes: per reduced sale a cap guard, then the sale. Written all-or-nothing.
 */
async function prepareSales(
  c: Context<AppEnv>,
  user: SessionUser,
  items: Item[],
): Promise<{ sales: Sale[]; writes: D1PreparedStatement[] }> {
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

/** Registers prepared sales, idempotently; a cap reached meanwhile rolls everything back. */
async function register(
  c: Context<AppEnv>,
  user: SessionUser,
  request: unknown,
  prepare: () => Promise<{ sales: Sale[]; writes: D1PreparedStatement[] }>,
) {
  try {
    return await idempotent(c, user.id, request, async () => {
      const { sales, writes } = await prepare();
      return { status: 201 as const, body: { sales }, writes };
    });
  } catch (error) {
    // A cap reached meanwhile means the price changed: the same answer as any other price change, so the
    // till never learns that a reduction (and so a status) was involved.
    if (repo.isCapViolation(error))
      throw new Problem('tariff_changed', { detail: 'The price changed meanwhile; look it up again' });
    throw error;
  }
}

const SalesAnswer = z.object({ sales: z.array(SaleSchema) });
const saleProblems = problems(...DOOR_PROBLEMS, 'tariff_changed', 'idempotency_mismatch');

app.openapi(
  createRoute({
    method: 'post',
    path: '/ticket-sales',
    tags: ['till'],
    summary: 'Register one or more ticket sales, all-or-nothing, before payment (door staff, club admin)',
    description:
      'Send the tariffId of the price shown. Caps are enforced atomically. Accepts an `Idempotency-Key` header.',
    security: SECURITY,
    'x-session-in-batch': true,
    request: {
      body: jsonBody(TicketSalesInputSchema),
      headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
    },
    responses: {
      201: jsonResponse(SalesAnswer, 'Registered'),
      ...saleProblems,
    },
  }),
  async (c) => {
    const body = c.req.valid('json');
    if (c.get('token')) {
      // The door's usual request: checks, price and writes in one round trip.
      const sold = await sellAtDoor(c, body.sales);
      const sales = sold.map(({ id, ...s }) => ({ id, kind: 'ticket' as const, ...s, cancelledAt: null }));
      return c.json({ sales }, 201);
    }
    // With an Idempotency-Key the stored answer is per user: the session is loaded first, and the sale is
    // priced again from one read and written with its stored answer.
    const user = requireClubStaff(c);
    const items = body.sales.map((s) => ({
      target: { kind: 'ticket' as const, activityId: s.activityId },
      pass: s,
      tariffId: s.tariffId,
    }));
    const result = await register(c, user, body, () => prepareSales(c, user, items));
    return c.json(result.body, result.status);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/clubs/{clubId}/memberships',
    tags: ['till'],
    summary:
      'Register a membership fee for one of the club’s membership offers at the price shown (club admin, door staff of the club)',
    description:
      'The season and the regular price come from the offer. Counts against the account’s hourly limit of membership look-ups.',
    security: SECURITY,
    request: {
      params: z.object({ clubId: IdSchema }),
      body: jsonBody(MembershipInputSchema),
      headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
    },
    responses: {
      201: jsonResponse(SalesAnswer, 'Registered'),
      ...saleProblems,
    },
  }),
  async (c) => {
    const user = requireClubStaff(c);
    const { clubId } = c.req.valid('param');
    allowClub(user, clubId);
    const body = c.req.valid('json');
    const target: Target = { kind: 'membership', offerId: body.offerId };
    const result = await register(c, user, { clubId, ...body }, () =>
      prepareSales(c, user, [{ target, pass: body, tariffId: body.tariffId, clubId }]),
    );
    return c.json(result.body, result.status);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/ticket-sales/{saleId}/cancel',
    tags: ['till'],
    summary:
      'Cancel a sale within its window; after its statement was approved it becomes a correction in the next one',
    security: SECURITY,
    request: { params: z.object({ saleId: IdSchema }) },
    responses: {
      200: jsonResponse(SaleSchema, 'Cancelled'),
      ...problems(
        'unauthenticated',
        'forbidden',
        'not_found',
        'sale_cancelled_already',
        'cancel_window_passed',
      ),
    },
  }),
  async (c) => {
    const user = requireClubStaff(c);
    const { saleId } = c.req.valid('param');
    const sale = await repo.findSale(c.env.DB, saleId);
    if (!sale) throw new Problem('not_found');
    allowClub(user, sale.clubId);
    if (sale.cancelledAt) throw new Problem('sale_cancelled_already', { detail: 'Cancelled already' });
    if (!(await repo.cancelSale(c.env.DB, saleId, user.id, c.var.now.toISOString())))
      throw new Problem('cancel_window_passed');
    const { clubId: _club, ...cancelled } = (await repo.findSale(c.env.DB, saleId))!;
    return c.json(cancelled, 200);
  },
);

export default app;
