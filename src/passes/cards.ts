import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { passholderAccess } from '../auth/access.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { CardBlockSchema, PassholderParams, PassholderSchema } from './schema.ts';
import * as service from './service.ts';

/** The card: blocking it (lost, stolen) and issuing a new version. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/card/block',
    tags: ['passes'],
    summary: 'Block the current card, e.g. when lost or stolen (counter staff, the holder or their guardian)',
    security: SECURITY,
    request: { params: PassholderParams, body: jsonBody(CardBlockSchema) },
    responses: {
      200: jsonResponse(PassholderSchema, 'Blocked'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found', 'card_blocked_already'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const access = await passholderAccess(c, passholderId, true);
    const { reason } = c.req.valid('json');
    return c.json(await service.blockCard(c.env.DB, passholderId, reason, access.user.id, c.var.now), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/card/replace',
    tags: ['passes'],
    summary:
      'Issue a new card version; the old card stops working at once, everything else stays (counter staff)',
    security: SECURITY,
    request: { params: PassholderParams },
    responses: {
      200: jsonResponse(PassholderSchema, 'Replaced'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const access = await passholderAccess(c, passholderId, false);
    return c.json(await service.replaceCard(c.env.DB, passholderId, access.user.id, c.var.now), 200);
  },
);

export default app;
