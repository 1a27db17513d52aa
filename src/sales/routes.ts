import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv, SessionUser } from '../env.ts';
import { newId } from '../lib/ids.ts';
import { idempotent } from '../lib/idempotency.ts';
import { IdSchema, jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import { addSeconds } from '../lib/time.ts';
import { allowClub, checkCard, readPass, requireClubStaff } from '../passes/door.ts';
import { doorFactsStatement, PERIODS, toDoorFacts, type DoorFactsRow, type Target } from '../tariffs/repo.ts';
import { clockFor, DOOR_PROBLEMS, priceAnswer } from '../tariffs/service.ts';
import * as repo from './repo.ts';
import { MembershipInputSchema, SaleSchema, TicketSalesInputSchema, type Sale } from './schema.ts';

const app = new OpenAPIHono<AppEnv>();
const DEFAULT_CANCEL_HOURS = 72;

type Item = {
  target: Target;
  pass: { code?: string | undefined; passNumber?: string | undefined };
  tariffId: string;
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
  const clock = clockFor(c.var.now);
  const passes = await Promise.all(items.map((item) => readPass(c, item.pass)));
  const rows = await db.batch<DoorFactsRow>(
    items.map((item, i) => doorFactsStatement(db, item.target, passes[i]!.passNumber, clock)),
  );
  const starts = Object.fromEntries(PERIODS.map((period, i) => [period, clock.periodStarts[i]!]));
  const soldAt = c.var.now.toISOString();
  const sales: Sale[] = [];
  const writes: D1PreparedStatement[] = [];
  for (const [i, item] of items.entries()) {
    const facts = toDoorFacts(rows[i]?.results[0]);
    if (!facts) throw new Problem('not_found', { detail: `Item ${i}: no such activity or club` });
    allowClub(user, facts.seller.clubId);
    const holder = facts.holder;
    if (!holder) throw new Problem('pass_not_found', { detail: `Item ${i}: no pass with this number` });
    checkCard(passes[i]!.code, holder, c.var.locale);
    const { answer, quote } = await priceAnswer(c.env.SIGNING_KEYS, facts, holder, item.target, c.var.now);
    if (answer.tariffId !== item.tariffId)
      throw new Problem('tariff_changed', { detail: `Item ${i}: the price is now ${answer.price} cents` });
    const cancelUntil = addSeconds(
      c.var.now,
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
  request: unknown,
  prepare: () => Promise<{ sales: Sale[]; writes: D1PreparedStatement[] }>,
) {
  try {
    return await idempotent(c, request, async () => {
      const { sales, writes } = await prepare();
      return { status: 201 as const, body: { sales }, writes };
    });
  } catch (error) {
    if (repo.isCapViolation(error)) throw new Problem('limit_reached');
    throw error;
  }
}

const SalesAnswer = z.object({ sales: z.array(SaleSchema) });
const saleProblems = problems(...DOOR_PROBLEMS, 'tariff_changed', 'limit_reached', 'idempotency_mismatch');

app.openapi(
  createRoute({
    method: 'post',
    path: '/ticket-sales',
    tags: ['till'],
    summary: 'Register one or more ticket sales, all-or-nothing, before payment (door staff, club admin)',
    description:
      'Send the tariffId of the price shown. Caps are enforced atomically. Accepts an `Idempotency-Key` header.',
    security: SECURITY,
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
    const user = requireClubStaff(c);
    const body = c.req.valid('json');
    const items = body.sales.map((s) => ({
      target: { kind: 'ticket' as const, activityId: s.activityId },
      pass: s,
      tariffId: s.tariffId,
    }));
    const result = await register(c, body, () => prepareSales(c, user, items));
    if (result.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(result.body, result.status);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/clubs/{clubId}/memberships',
    tags: ['till'],
    summary: 'Register a season membership fee at the price shown (club admin, door staff)',
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
    const body = c.req.valid('json');
    const target: Target = {
      kind: 'membership',
      clubId,
      season: body.season,
      regularPriceCents: body.regularPriceCents,
      category: body.category,
    };
    const result = await register(c, { clubId, ...body }, () =>
      prepareSales(c, user, [{ target, pass: body, tariffId: body.tariffId }]),
    );
    if (result.replayed) c.header('Idempotent-Replayed', 'true');
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
      ...problems('unauthenticated', 'forbidden', 'not_found', 'conflict', 'cancel_window_passed'),
    },
  }),
  async (c) => {
    const user = requireClubStaff(c);
    const { saleId } = c.req.valid('param');
    const sale = await repo.findSale(c.env.DB, saleId);
    if (!sale) throw new Problem('not_found');
    allowClub(user, sale.clubId);
    if (sale.cancelledAt) throw new Problem('conflict', { detail: 'Cancelled already' });
    if (!(await repo.cancelSale(c.env.DB, saleId, user.id, c.var.now.toISOString())))
      throw new Problem('cancel_window_passed');
    const { clubId: _club, ...cancelled } = (await repo.findSale(c.env.DB, saleId))!;
    return c.json(cancelled, 200);
  },
);

export default app;
