import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { asHoldersAdmin, pointsHolder } from './access.ts';
import { CorrectionInput, LedgerSchema, PassholderParams, PassholderQuery } from './schema.ts';
import * as service from './service.ts';

/** A holder's points: the balance and history, and the municipality's corrections. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/me/points',
    tags: ['points'],
    summary: 'My points: the balance (the sum of the ledger) and the history; `passholderId` for a ward',
    security: SECURITY,
    request: { query: PassholderQuery },
    responses: {
      200: jsonResponse(LedgerSchema, 'Points'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const passholderId = await pointsHolder(c, c.req.valid('query').passholderId);
    return c.json(await service.points(c.env.DB, passholderId), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/points/corrections',
    tags: ['points'],
    summary: 'Correct a passholder’s points with a reason (municipality admin of their municipality)',
    security: SECURITY,
    request: { params: PassholderParams, body: jsonBody(CorrectionInput) },
    responses: {
      200: jsonResponse(LedgerSchema, 'Points now'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const user = await asHoldersAdmin(c, passholderId);
    const { points, reason } = c.req.valid('json');
    return c.json(
      await service.correct(c.env.DB, { passholderId, points, reason, by: user.id, now: c.var.now }),
      200,
    );
  },
);

export default app;
