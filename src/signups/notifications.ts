import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { requireUser } from '../auth/guard.ts';
import { jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { NotificationsSchema } from './schema.ts';
import * as service from './service.ts';

/** Messages for a resident and their wards: a place came free, an activity was cancelled. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/me/notifications',
    tags: ['activities'],
    summary: 'Messages for me and the people I am guardian of (a place came free, an activity was cancelled)',
    security: SECURITY,
    responses: {
      200: jsonResponse(NotificationsSchema, 'Messages, newest first'),
      ...problems('unauthenticated'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json({ items: await service.myNotifications(c.env.DB, user.passholderId) }, 200);
  },
);

export default app;
