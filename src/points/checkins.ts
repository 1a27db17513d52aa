import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { passholderAccess, requireClubStaff } from '../auth/access.ts';
import { requireUser } from '../auth/guard.ts';
import { idempotent } from '../lib/idempotency.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import { DOOR_PROBLEMS } from '../tariffs/service.ts';
import {
  ActivityParams,
  CheckinSchema,
  DoorCheckinInput,
  IdempotencyHeaders,
  SelfCheckinAnswer,
  SelfCheckinInput,
  type Checkin,
} from './schema.ts';
import * as service from './service.ts';

/** Check-ins: at the door by club staff, or by residents themselves with the venue's code. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'post',
    path: '/activities/{activityId}/checkins',
    tags: ['check-in'],
    summary:
      'Check a pass in at the door: once per holder per activity, in the activity’s window; points exactly once (door staff)',
    description:
      'Retries, duplicate scans and a repeated `Idempotency-Key` all answer consistently and award points once.',
    security: SECURITY,
    'x-session-in-batch': true,
    request: { params: ActivityParams, body: jsonBody(DoorCheckinInput), headers: IdempotencyHeaders },
    responses: {
      200: jsonResponse(CheckinSchema, 'Checked in (or already)'),
      ...problems(...DOOR_PROBLEMS, 'checkin_closed', 'idempotency_mismatch'),
    },
  }),
  async (c) => {
    const { activityId } = c.req.valid('param');
    const input = c.req.valid('json');
    if (c.get('token')) return c.json(await service.doorCheckin(c, activityId, input), 200);
    // With an Idempotency-Key the stored answer is per user: the session is loaded first.
    const user = requireClubStaff(c);
    const result = await idempotent(c, user.id, { activityId, ...input }, async () => ({
      status: 200 as const,
      body: await service.doorCheckin(c, activityId, input),
      writes: [],
    }));
    return c.json(result.body, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/me/checkins',
    tags: ['check-in'],
    summary:
      'Self check-in with the activity’s QR code shown at the venue (for oneself and household members)',
    security: SECURITY,
    request: { body: jsonBody(SelfCheckinInput) },
    responses: {
      200: jsonResponse(SelfCheckinAnswer, 'Checked in'),
      ...problems(
        'validation_failed',
        'unauthenticated',
        'forbidden',
        'not_found',
        'code_invalid',
        'code_expired',
        'checkin_closed',
        'activity_cancelled',
      ),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const body = c.req.valid('json');
    const activity = await service.activityOfCode(c.env, body.code, c.var.now);
    const ids = body.passholderIds ?? (user.passholderId ? [user.passholderId] : []);
    if (ids.length === 0) throw new Problem('forbidden', { detail: 'This account has no pass' });
    const checkins: Checkin[] = [];
    // One at a time, each after its own access check: the holders before a refused one stay checked in.
    for (const passholderId of ids) {
      await passholderAccess(c, passholderId, true);
      checkins.push(
        await service.checkInSelf(c.env.DB, activity, {
          passholderId,
          by: user.id,
          now: c.var.now,
          locale: c.var.locale,
        }),
      );
    }
    return c.json({ activity: { id: activity.id, title: activity.title }, checkins }, 200);
  },
);

export default app;
