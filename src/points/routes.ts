import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { verifyCompact } from '../auth/jwt.ts';
import { findActivity } from '../activities/repo.ts';
import { doorOpen } from '../activities/window.ts';
import { idempotent } from '../lib/idempotency.ts';
import { notice, type Notice } from '../lib/notices.ts';
import { IdSchema, jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import { brusselsDateTime } from '../lib/time.ts';
import { passholderAccess } from '../auth/access.ts';
import { checkInAtDoor } from '../door/service.ts';
import { requireClubStaff } from '../auth/access.ts';
import { displayName } from '../passes/people.ts';
import { passholderScope } from '../auth/repo.ts';
import { DOOR_PROBLEMS, lookUp } from '../tariffs/service.ts';
import * as repo from './repo.ts';

const app = new OpenAPIHono<AppEnv>();

/** Is `now` inside the check-in window of the activity (the door window: a margin before the start and after the end)? */
export const checkinOpen = doorOpen;

const CheckinSchema = z
  .object({
    passholder: z.object({ displayName: z.string() }),
    checkedInAt: z.string(),
    alreadyCheckedIn: z.boolean(),
    pointsAwarded: z.number().int(),
    points: z.number().int().openapi({ description: 'Balance after the check-in' }),
    signup: z.enum(['confirmed', 'waitlisted']).nullable(),
    messages: z.array(
      z.object({
        code: z.string(),
        message: z.string(),
        messages: z.object({ nl: z.string(), fr: z.string(), en: z.string() }),
      }),
    ),
  })
  .openapi('Checkin');

type Checkin = z.infer<typeof CheckinSchema>;

function answer(
  c: Context<AppEnv>,
  r: repo.CheckinResult,
  points: number,
  name: string,
  signup: Checkin['signup'],
  messages: Notice[],
): Checkin {
  const fresh = r.new_checkin === 1;
  if (!fresh)
    messages.push(notice('already_checked_in', c.var.locale, { time: brusselsDateTime(r.at, c.var.locale) }));
  return {
    passholder: { displayName: name },
    checkedInAt: r.at,
    alreadyCheckedIn: !fresh,
    pointsAwarded: fresh ? points : 0,
    points: r.balance,
    signup,
    messages,
  };
}

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
    request: {
      params: z.object({ activityId: IdSchema }),
      body: jsonBody(
        z
          .object({
            code: z.string().min(20).max(1024).optional(),
            passNumber: z.string().min(13).max(20).optional(),
          })
          .strict()
          .refine((v) => (v.code === undefined) !== (v.passNumber === undefined), {
            message: 'Give either code or passNumber',
            path: ['code'],
          }),
      ),
      headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
    },
    responses: {
      200: jsonResponse(CheckinSchema, 'Checked in (or already)'),
      ...problems(...DOOR_PROBLEMS, 'checkin_closed', 'idempotency_mismatch'),
    },
  }),
  async (c) => {
    const { activityId } = c.req.valid('param');
    const input = c.req.valid('json');
    const checkIn = async () => {
      const { row, notices } = await checkInAtDoor(c, activityId, input);
      if (row.signup_status === null) notices.push(notice('not_signed_up', c.var.locale));
      if (row.signup_status === 'waitlisted') notices.push(notice('waitlisted', c.var.locale));
      const result = {
        at: row.checked_in_at!,
        new_checkin: row.new_checkin,
        balance: row.points_balance,
        first_name: row.first_name,
        last_name: row.last_name,
      };
      const name = displayName(row.first_name, row.last_name);
      return answer(c, result, row.activity_points, name, row.signup_status, notices);
    };
    if (c.get('token')) return c.json(await checkIn(), 200);
    // With an Idempotency-Key the stored answer is per user: the session is loaded first.
    const user = requireClubStaff(c);
    const result = await idempotent(c, user.id, { activityId, ...input }, async () => ({
      status: 200 as const,
      body: await checkIn(),
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
    request: {
      body: jsonBody(
        z
          .object({
            code: z.string().min(20).max(1024),
            passholderIds: z.array(IdSchema).min(1).max(12).optional(),
          })
          .strict(),
      ),
    },
    responses: {
      200: jsonResponse(
        z.object({
          activity: z.object({ id: z.string(), title: z.string() }),
          checkins: z.array(CheckinSchema),
        }),
        'Checked in',
      ),
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
    let payload: { k?: unknown; x?: unknown };
    try {
      payload = (await verifyCompact(c.env.SIGNING_KEYS, body.code)) as typeof payload;
    } catch {
      throw new Problem('code_invalid');
    }
    if (typeof payload.k !== 'string' || typeof payload.x !== 'number') throw new Problem('code_invalid');
    if (payload.x * 1000 + 10_000 < c.var.now.getTime()) throw new Problem('code_expired');
    const activity = await findActivity(c.env.DB, payload.k);
    if (!activity) throw new Problem('not_found');
    if (activity.cancelled_at) throw new Problem('activity_cancelled');
    if (
      !checkinOpen(
        {
          startsAt: activity.starts_at,
          endsAt: activity.ends_at,
          before: activity.checkin_before_minutes,
          after: activity.checkin_after_minutes,
        },
        c.var.now,
      )
    ) {
      throw new Problem('checkin_closed');
    }
    const ids = body.passholderIds ?? (user.passholderId ? [user.passholderId] : []);
    if (ids.length === 0) throw new Problem('forbidden', { detail: 'This account has no pass' });
    const checkins: Checkin[] = [];
    for (const passholderId of ids) {
      await passholderAccess(c, passholderId, true);
      const r = await repo.checkIn(c.env.DB, {
        activityId: activity.id,
        passholderId,
        points: activity.points,
        by: user.id,
        via: 'self',
        at: c.var.now.toISOString(),
      });
      checkins.push(answer(c, r, activity.points, displayName(r.first_name, r.last_name), null, []));
    }
    return c.json({ activity: { id: activity.id, title: activity.title }, checkins }, 200);
  },
);

const LedgerSchema = z
  .object({
    balance: z.number().int(),
    items: z.array(
      z.object({
        at: z.string(),
        points: z.number().int(),
        kind: z.string(),
        note: z.string().nullable(),
        activityTitle: z.string().nullable(),
      }),
    ),
  })
  .openapi('Points');

app.openapi(
  createRoute({
    method: 'get',
    path: '/me/points',
    tags: ['points'],
    summary: 'My points: the balance (the sum of the ledger) and the history; `passholderId` for a ward',
    security: SECURITY,
    request: { query: z.object({ passholderId: IdSchema.optional() }) },
    responses: {
      200: jsonResponse(LedgerSchema, 'Points'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const id = c.req.valid('query').passholderId ?? user.passholderId;
    if (!id) throw new Problem('not_found', { detail: 'This account has no pass' });
    await passholderAccess(c, id, true);
    return c.json(await repo.ledger(c.env.DB, id, 100), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/points/corrections',
    tags: ['points'],
    summary: 'Correct a passholder’s points with a reason (municipality admin of their municipality)',
    security: SECURITY,
    request: {
      params: z.object({ passholderId: IdSchema }),
      body: jsonBody(
        z
          .object({
            points: z
              .number()
              .int()
              .min(-10_000)
              .max(10_000)
              .refine((p) => p !== 0),
            reason: z.string().trim().min(3).max(200),
          })
          .strict(),
      ),
    },
    responses: {
      200: jsonResponse(LedgerSchema, 'Points now'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const { passholderId } = c.req.valid('param');
    const facts = await passholderScope(c.env.DB, passholderId, null);
    if (!facts) throw new Problem('not_found');
    allow(hasMunicipalityRole(user, facts.municipalityId, 'municipality_admin'));
    const body = c.req.valid('json');
    await repo.correct(c.env.DB, passholderId, body.points, body.reason, user.id, c.var.now.toISOString());
    return c.json(await repo.ledger(c.env.DB, passholderId, 100), 200);
  },
);

export default app;
