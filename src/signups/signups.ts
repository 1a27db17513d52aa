import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { findActivity } from '../activities/repo.ts';
import { managedClub, passholderAccess } from '../auth/access.ts';
import { requireUser } from '../auth/guard.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import * as repo from './repo.ts';
import {
  ActivityParams,
  ActivitySignupsSchema,
  SignupInputSchema,
  SignupParams,
  SignupSchema,
  SignupsAnswer,
} from './schema.ts';
import * as service from './service.ts';

/** An activity's sign-ups: signing up (oneself, household members, or at the counter), cancelling, the lists. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'post',
    path: '/activities/{activityId}/signups',
    tags: ['activities'],
    summary:
      'Sign up oneself and household members (or, at the counter, a resident): confirmed while places are left, waitlisted after',
    security: SECURITY,
    request: { params: ActivityParams, body: jsonBody(SignupInputSchema) },
    responses: {
      201: jsonResponse(SignupsAnswer, 'Signed up'),
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
    await service.openForSignup(c.env.DB, activityId, c.var.now);
    for (const id of ids) await passholderAccess(c, id, true);
    const signups = await service.signUp(c.env.DB, {
      activityId,
      passholderIds: ids,
      by: user.id,
      now: c.var.now,
    });
    return c.json({ signups }, 201);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/signups/{signupId}/cancel',
    tags: ['activities'],
    summary: 'Cancel a sign-up; the first on the waiting list gets the place and is told',
    security: SECURITY,
    request: { params: SignupParams },
    responses: {
      200: jsonResponse(SignupSchema, 'Cancelled'),
      ...problems('unauthenticated', 'forbidden', 'not_found', 'signup_cancelled_already'),
    },
  }),
  async (c) => {
    const signup = await service.loadSignup(c.env.DB, c.req.valid('param').signupId);
    await passholderAccess(c, signup.passholderId, true);
    return c.json(await service.cancel(c.env.DB, signup, c.var.now), 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/activities/{activityId}/signups',
    tags: ['activities'],
    summary: 'Who is signed up and who waits: names and pass numbers only (club staff)',
    security: SECURITY,
    request: { params: ActivityParams },
    responses: {
      200: jsonResponse(ActivitySignupsSchema, 'The lists'),
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

export default app;
