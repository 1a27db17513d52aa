import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { passholderAccess } from '../auth/access.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { AccountSchema, ActivationCodeSchema, PassholderParams, PassholderSchema } from './schema.ts';
import * as service from './service.ts';

/** The resident's account, set up by the counter: a new letter code, or the account itself. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/activation-code',
    tags: ['passes'],
    summary: 'A new activation code for a welcome letter, while the pass has no account (counter staff)',
    security: SECURITY,
    request: { params: PassholderParams },
    responses: {
      200: jsonResponse(ActivationCodeSchema, 'The code, shown once'),
      ...problems('unauthenticated', 'forbidden', 'not_found', 'already_activated'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const access = await passholderAccess(c, passholderId, false);
    return c.json(await service.renewActivationCode(c.env.DB, passholderId, access.user.id, c.var.now), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/account',
    tags: ['passes'],
    summary: 'Set up the resident’s account at the counter (or by phone), instead of the letter',
    security: SECURITY,
    request: { params: PassholderParams, body: jsonBody(AccountSchema) },
    responses: {
      201: jsonResponse(PassholderSchema, 'Account created'),
      ...problems(
        'validation_failed',
        'unauthenticated',
        'forbidden',
        'not_found',
        'already_activated',
        'email_taken',
      ),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const body = c.req.valid('json');
    const access = await passholderAccess(c, passholderId, false);
    return c.json(await service.createAccount(c.env.DB, passholderId, body, access.user.id, c.var.now), 201);
  },
);

export default app;
