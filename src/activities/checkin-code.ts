import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { managedClub } from '../auth/access.ts';
import { jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { ActivityParams, CheckinCodeSchema } from './schema.ts';
import * as service from './service.ts';

/** The self check-in code a club shows at the venue. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/activities/{activityId}/checkin-code',
    tags: ['check-in'],
    summary: 'A rotating code for self check-in, to show at the venue (club staff)',
    security: SECURITY,
    request: { params: ActivityParams },
    responses: {
      200: jsonResponse(CheckinCodeSchema, 'The code'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const row = await service.loadActivity(c.env.DB, c.req.valid('param').activityId);
    await managedClub(c, row.club_id, 'club_admin', 'door');
    const origin = new URL(c.req.url).origin;
    const code = await service.checkinCode(c.env.SIGNING_KEYS, row, origin, c.var.now);
    c.header('Cache-Control', 'no-store');
    return c.json(code, 200);
  },
);

export default app;
