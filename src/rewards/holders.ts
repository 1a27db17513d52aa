import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { passholderAccess } from '../auth/access.ts';
import { jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { ownHolder } from './access.ts';
import * as repo from './repo.ts';
import { MyRedemptionListSchema, PassholderParams, PassholderQuery, WelcomeGrantSchema } from './schema.ts';
import * as service from './service.ts';

/** What a holder has: welcome rewards granted at the counter, and their redemptions. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/welcome-rewards',
    tags: ['rewards'],
    summary:
      'Grant the welcome rewards a resident has not had yet, e.g. after an account set up at the counter (counter staff). Each welcome reward is granted once per holder, however often this is called',
    security: SECURITY,
    request: { params: PassholderParams },
    responses: {
      200: jsonResponse(WelcomeGrantSchema, 'Granted (0 when there was nothing new)'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const access = await passholderAccess(c, passholderId, false);
    const granted = await service.grantWelcome(c.env.DB, passholderId, access.user.id, c.var.now);
    return c.json({ granted }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/me/redemptions',
    tags: ['rewards'],
    summary: 'My redeemed and welcome rewards',
    security: SECURITY,
    request: { query: PassholderQuery },
    responses: {
      200: jsonResponse(MyRedemptionListSchema, 'Redemptions'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = await ownHolder(c, c.req.valid('query').passholderId);
    return c.json({ items: await repo.myRedemptions(c.env.DB, passholderId) }, 200);
  },
);

export default app;
