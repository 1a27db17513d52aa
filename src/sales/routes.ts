import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { allowClub, requireClubStaff } from '../auth/access.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import type { Target } from '../tariffs/repo.ts';
import { DOOR_PROBLEMS } from '../tariffs/service.ts';
import {
  ClubParams,
  IdempotencyHeaders,
  MembershipInputSchema,
  SaleParams,
  SaleSchema,
  SalesAnswer,
  TicketSalesInputSchema,
} from './schema.ts';
import * as service from './service.ts';

/** The till: ticket sales (at the door in one round trip, or idempotently), membership fees, cancelling. */
const app = new OpenAPIHono<AppEnv>();

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
    request: { body: jsonBody(TicketSalesInputSchema), headers: IdempotencyHeaders },
    responses: {
      201: jsonResponse(SalesAnswer, 'Registered'),
      ...saleProblems,
    },
  }),
  async (c) => {
    const body = c.req.valid('json');
    // The door's usual request: checks, price and writes in one round trip.
    if (c.get('token')) return c.json({ sales: await service.sellTicketsAtDoor(c, body.sales) }, 201);
    // With an Idempotency-Key the stored answer is per user: the session is loaded first, and the sale is
    // priced again from one read and written with its stored answer.
    const user = requireClubStaff(c);
    const items = body.sales.map((s) => ({
      target: { kind: 'ticket' as const, activityId: s.activityId },
      pass: s,
      tariffId: s.tariffId,
    }));
    const result = await service.register(c, user, body, items);
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
    request: { params: ClubParams, body: jsonBody(MembershipInputSchema), headers: IdempotencyHeaders },
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
    const item = { target, pass: body, tariffId: body.tariffId, clubId };
    const result = await service.register(c, user, { clubId, ...body }, [item]);
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
    request: { params: SaleParams },
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
    const sale = await service.loadSale(c.env.DB, c.req.valid('param').saleId);
    allowClub(user, sale.clubId);
    return c.json(await service.cancel(c.env.DB, sale, user.id, c.var.now), 200);
  },
);

export default app;
