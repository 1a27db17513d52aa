import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { toMe } from '../auth/me.ts';
import { SessionSchema } from '../auth/schema.ts';
import { issueToken, setSessionCookie } from '../auth/session.ts';
import { jsonBody, jsonResponse, problems } from '../lib/openapi.ts';
import { ActivateSchema } from './schema.ts';
import * as service from './service.ts';

/** Activating a pass with the welcome letter's code: the resident's own account, and signed in. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'post',
    path: '/auth/activate',
    tags: ['auth'],
    summary: 'Activate a pass with the code from the welcome letter and choose a password; signs in',
    request: { body: jsonBody(ActivateSchema) },
    responses: {
      201: jsonResponse(SessionSchema, 'Activated and signed in'),
      ...problems(
        'validation_failed',
        'activation_failed',
        'already_activated',
        'email_taken',
        'login_throttled',
      ),
    },
  }),
  async (c) => {
    const user = await service.activate(c.env.DB, c.req.valid('json'), c.var.now);
    const { token, expiresAt } = await issueToken(c.env, user, c.var.now);
    setSessionCookie(c, token);
    return c.json({ token, expiresAt: expiresAt.toISOString(), user: toMe(user) }, 201);
  },
);

export default app;
