import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { passholderAccess } from '../auth/access.ts';
import { requireUser } from '../auth/guard.ts';
import { jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { ReadReasonQuery } from '../passes/schema.ts';
import { CounterSignupsSchema, MySignupsSchema, PassholderParams } from './schema.ts';
import * as service from './service.ts';

/** A resident's coming sign-ups: their own (and their wards'), or at the counter to act for them. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/me/signups',
    tags: ['activities'],
    summary: 'My coming activities, and those of the people I am guardian of',
    security: SECURITY,
    responses: {
      200: jsonResponse(MySignupsSchema, 'Sign-ups'),
      ...problems('unauthenticated'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json({ items: await service.mySignups(c.env.DB, user.passholderId, c.var.now) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/passholders/{passholderId}/signups',
    tags: ['activities'],
    summary:
      'A resident’s coming sign-ups and waiting-list places, each with its live lift request, so the counter can act for them (counter staff of the resident’s municipality; written to the audit log with the reason, once per visit)',
    security: SECURITY,
    request: { params: PassholderParams, query: ReadReasonQuery },
    responses: {
      200: jsonResponse(CounterSignupsSchema, 'Sign-ups'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    // Counter staff only: the holder and their guardian have /me/signups.
    const access = await passholderAccess(c, passholderId, false);
    const view = await service.counterView(c.env.DB, passholderId, {
      actorUserId: access.user.id,
      reason: c.req.valid('query').reason,
      now: c.var.now,
    });
    return c.json(view, 200);
  },
);

export default app;
