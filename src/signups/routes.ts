import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { requireUser } from '../auth/guard.ts';
import { managedClub } from '../auth/access.ts';
import { fillAll } from '../lib/i18n.ts';
import { newId } from '../lib/ids.ts';
import { NOTICES } from '../lib/notices.ts';
import { IdSchema, jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import { brusselsDateTime } from '../lib/time.ts';
import { passholderAccess } from '../auth/access.ts';
import { AuditReasonSchema } from '../passes/schema.ts';
import { passesOf } from '../passes/repo.ts';
import { findActivity, isPublic } from '../activities/repo.ts';
import { holderPrices } from '../tariffs/service.ts';
import * as repo from './repo.ts';

const app = new OpenAPIHono<AppEnv>();

const SignupSchema = z
  .object({
    id: z.string(),
    activityId: z.string(),
    passholderId: z.string(),
    status: z.enum(['confirmed', 'waitlisted', 'cancelled']),
    waitlistPosition: z.number().int().nullable(),
    priceCents: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'What this person will pay (their own price)' }),
  })
  .openapi('Signup');

function localizedNotice(code: 'signup_promoted', title: string, startsAt: string) {
  const texts = NOTICES[code];
  return {
    nl: fillAll(texts, { title, date: brusselsDateTime(startsAt, 'nl') }).nl,
    fr: fillAll(texts, { title, date: brusselsDateTime(startsAt, 'fr') }).fr,
    en: fillAll(texts, { title, date: brusselsDateTime(startsAt, 'en') }).en,
  };
}

/** Each person's own price for the activity (one round trip). */
async function pricesFor(
  c: Context<AppEnv>,
  activityId: string,
  passholderIds: string[],
): Promise<Map<string, number>> {
  const target = { kind: 'ticket' as const, activityId };
  const prices = await holderPrices(
    c.env.DB,
    passholderIds.map((passholderId) => ({ target, passholderId })),
    c.var.now,
  );
  const byHolder = new Map<string, number>();
  for (const [i, id] of passholderIds.entries()) {
    const price = prices[i];
    if (price) byHolder.set(id, price.priceCents);
  }
  return byHolder;
}

app.openapi(
  createRoute({
    method: 'post',
    path: '/activities/{activityId}/signups',
    tags: ['activities'],
    summary:
      'Sign up oneself and household members (or, at the counter, a resident): confirmed while places are left, waitlisted after',
    security: SECURITY,
    request: {
      params: z.object({ activityId: IdSchema }),
      body: jsonBody(
        z
          .object({
            passholderIds: z
              .array(IdSchema)
              .min(1)
              .max(12)
              .optional()
              .openapi({ description: 'Default: oneself' }),
          })
          .strict(),
      ),
    },
    responses: {
      201: jsonResponse(z.object({ signups: z.array(SignupSchema) }), 'Signed up'),
      ...problems(
        'validation_failed',
        'unauthenticated',
        'forbidden',
        'not_found',
        'signup_closed',
        'already_signed_up',
        'activity_cancelled',
      ),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const { activityId } = c.req.valid('param');
    const ids = [
      ...new Set(c.req.valid('json').passholderIds ?? (user.passholderId ? [user.passholderId] : [])),
    ];
    if (ids.length === 0)
      throw new Problem('validation_failed', {
        detail: 'Whom to sign up?',
        fields: [
          {
            pointer: '/passholderIds',
            code: 'required',
            messages: {
              nl: 'Kies wie je inschrijft.',
              fr: 'Choisissez qui inscrire.',
              en: 'Choose whom to sign up.',
            },
          },
        ],
      });
    const activity = await findActivity(c.env.DB, activityId);
    if (!activity || !isPublic(activity)) throw new Problem('not_found');
    if (activity.cancelled_at) throw new Problem('activity_cancelled');
    const now = c.var.now.toISOString();
    if (
      !activity.signup_required ||
      activity.ends_at <= now ||
      (activity.signup_deadline && activity.signup_deadline < now)
    )
      throw new Problem('signup_closed');
    for (const id of ids) await passholderAccess(c, id, true);
    const signups = ids.map((passholderId) => ({
      id: newId(),
      activityId,
      passholderId,
      by: user.id,
      at: now,
    }));
    try {
      await c.env.DB.batch(signups.map((s) => repo.signupStatement(c.env.DB, s)));
    } catch (error) {
      if (repo.isDuplicateSignup(error)) throw new Problem('already_signed_up');
      throw error;
    }
    const [stored, prices] = await Promise.all([
      repo.findSignups(
        c.env.DB,
        signups.map((s) => s.id),
      ),
      pricesFor(c, activityId, ids),
    ]);
    return c.json(
      { signups: stored.map((s) => ({ ...s, priceCents: prices.get(s.passholderId) ?? null })) },
      201,
    );
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/signups/{signupId}/cancel',
    tags: ['activities'],
    summary: 'Cancel a sign-up; the first on the waiting list gets the place and is told',
    security: SECURITY,
    request: { params: z.object({ signupId: IdSchema }) },
    responses: {
      200: jsonResponse(SignupSchema, 'Cancelled'),
      ...problems('unauthenticated', 'forbidden', 'not_found', 'signup_cancelled_already'),
    },
  }),
  async (c) => {
    const signup = await repo.findSignup(c.env.DB, c.req.valid('param').signupId);
    if (!signup) throw new Problem('not_found');
    await passholderAccess(c, signup.passholderId, true);
    const activity = (await findActivity(c.env.DB, signup.activityId))!;
    if (
      !(await repo.cancelSignup(
        c.env.DB,
        signup,
        localizedNotice('signup_promoted', activity.title, activity.starts_at),
        c.var.now.toISOString(),
      ))
    ) {
      throw new Problem('signup_cancelled_already', { detail: 'Cancelled already' });
    }
    return c.json({ ...(await repo.findSignup(c.env.DB, signup.id))!, priceCents: null }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/activities/{activityId}/signups',
    tags: ['activities'],
    summary: 'Who is signed up and who waits: names and pass numbers only (club staff)',
    security: SECURITY,
    request: { params: z.object({ activityId: IdSchema }) },
    responses: {
      200: jsonResponse(
        z.object({
          confirmed: z.array(
            z.object({
              signupId: z.string(),
              name: z.string(),
              passNumber: z.string(),
              checkedIn: z.boolean(),
            }),
          ),
          waitlisted: z.array(
            z.object({
              signupId: z.string(),
              name: z.string(),
              passNumber: z.string(),
              checkedIn: z.boolean(),
            }),
          ),
        }),
        'The lists',
      ),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { activityId } = c.req.valid('param');
    const activity = await findActivity(c.env.DB, activityId);
    if (!activity) throw new Problem('not_found');
    await managedClub(c, activity.club_id, 'club_admin', 'door');
    return c.json(await repo.activitySignups(c.env.DB, activityId), 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/me/signups',
    tags: ['activities'],
    summary: 'My coming activities, and those of the people I am guardian of',
    security: SECURITY,
    responses: {
      200: jsonResponse(
        z.object({
          items: z.array(
            SignupSchema.omit({ priceCents: true }).extend({
              title: z.string(),
              startsAt: z.string(),
              activityCancelled: z.boolean(),
              firstName: z.string(),
            }),
          ),
        }),
        'Sign-ups',
      ),
      ...problems('unauthenticated'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    if (!user.passholderId) return c.json({ items: [] }, 200);
    const ids = (await passesOf(c.env.DB, user.passholderId)).map((p) => p.passholderId);
    return c.json(
      {
        items: await repo.mySignups(c.env.DB, ids, new Date(c.var.now.getTime() - 86_400_000).toISOString()),
      },
      200,
    );
  },
);

const LiftStatus = z.enum(['open', 'requested', 'proposed', 'accepted']);

app.openapi(
  createRoute({
    method: 'get',
    path: '/passholders/{passholderId}/signups',
    tags: ['activities'],
    summary:
      'A resident’s coming sign-ups and waiting-list places, each with its live lift request, so the counter can act for them (counter staff of the resident’s municipality; written to the audit log with the reason, once per visit)',
    security: SECURITY,
    request: {
      params: z.object({ passholderId: IdSchema }),
      query: z.object({ reason: AuditReasonSchema.default('counter_visit') }),
    },
    responses: {
      200: jsonResponse(
        z
          .object({
            holder: z.object({
              id: z.string(),
              firstName: z.string(),
              locale: z.enum(['nl', 'fr', 'en']).openapi({
                description: 'The resident’s language: confirmations read out or printed for them use it',
              }),
              address: z.string().nullable().openapi({ description: 'Default pickup address for a lift' }),
            }),
            items: z.array(
              SignupSchema.omit({ priceCents: true }).extend({
                title: z.string(),
                startsAt: z.string(),
                endsAt: z.string(),
                activityCancelled: z.boolean(),
                venue: z.object({ name: z.string().nullable(), address: z.string().nullable() }),
                clubName: z.string(),
                lift: z
                  .object({
                    id: z.string(),
                    status: LiftStatus,
                    driverFirstName: z.string().nullable(),
                  })
                  .nullable()
                  .openapi({ description: 'The resident’s live request for a lift to this activity' }),
              }),
            ),
          })
          .openapi('CounterSignups'),
        'Sign-ups',
      ),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    // Counter staff only: the holder and their guardian have /me/signups.
    const access = await passholderAccess(c, passholderId, false);
    const view = await repo.counterView(
      c.env.DB,
      passholderId,
      new Date(c.var.now.getTime() - 86_400_000).toISOString(),
      { actorUserId: access.user.id, reason: c.req.valid('query').reason, at: c.var.now.toISOString() },
    );
    if (!view) throw new Problem('not_found');
    return c.json(view, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/me/notifications',
    tags: ['activities'],
    summary: 'Messages for me and the people I am guardian of (a place came free, an activity was cancelled)',
    security: SECURITY,
    responses: {
      200: jsonResponse(
        z.object({
          items: z.array(
            z.object({
              id: z.string(),
              kind: z.string(),
              message: z.string(),
              createdAt: z.string(),
              activityId: z.string().nullable(),
            }),
          ),
        }),
        'Messages, newest first',
      ),
      ...problems('unauthenticated'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    if (!user.passholderId) return c.json({ items: [] }, 200);
    const ids = (await passesOf(c.env.DB, user.passholderId)).map((p) => p.passholderId);
    return c.json({ items: await repo.notifications(c.env.DB, ids) }, 200);
  },
);

export default app;
