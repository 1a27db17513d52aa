import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { managedClub } from '../auth/access.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import {
  ActivityInputSchema,
  ActivityParams,
  ActivityPatchSchema,
  ActivitySchema,
  ChangedSchema,
  ClubParams,
  PublishedSchema,
} from './schema.ts';
import * as service from './service.ts';

/** What a club admin does with the club's activities: publish (or draft), change, publish a draft, cancel. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'post',
    path: '/clubs/{clubId}/activities',
    tags: ['activities'],
    summary: 'Publish an activity, optionally repeated weekly (club admin)',
    security: SECURITY,
    request: { params: ClubParams, body: jsonBody(ActivityInputSchema) },
    responses: {
      201: jsonResponse(PublishedSchema, 'Published, or saved as a draft'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found', 'club_not_approved'),
    },
  }),
  async (c) => {
    const { club } = await managedClub(c, c.req.valid('param').clubId, 'club_admin');
    return c.json(await service.publish(c.env.DB, club, c.req.valid('json'), c.var.now), 201);
  },
);

app.openapi(
  createRoute({
    method: 'patch',
    path: '/activities/{activityId}',
    tags: ['activities'],
    summary: 'Change an activity, also once published (club admin)',
    description:
      'When the time, the venue or the number of places (fewer) changes, everyone signed up or on the waiting list gets a message in their own language, in the same transaction; `notified` says how many.',
    security: SECURITY,
    request: { params: ActivityParams, body: jsonBody(ActivityPatchSchema) },
    responses: {
      200: jsonResponse(ChangedSchema, 'Changed'),
      ...problems(
        'validation_failed',
        'unauthenticated',
        'forbidden',
        'not_found',
        'activity_cancelled',
        'activity_changed',
      ),
    },
  }),
  async (c) => {
    const row = await service.loadActivity(c.env.DB, c.req.valid('param').activityId);
    const { club } = await managedClub(c, row.club_id, 'club_admin');
    return c.json(await service.change(c.env.DB, row, club, c.req.valid('json'), c.var.now), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/activities/{activityId}/publish',
    tags: ['activities'],
    summary: 'Publish a draft: residents find it and can sign up (club admin of an approved club)',
    security: SECURITY,
    request: { params: ActivityParams },
    responses: {
      200: jsonResponse(ActivitySchema, 'Published'),
      ...problems('unauthenticated', 'forbidden', 'not_found', 'club_not_approved', 'already_published'),
    },
  }),
  async (c) => {
    const row = await service.loadActivity(c.env.DB, c.req.valid('param').activityId);
    const { club } = await managedClub(c, row.club_id, 'club_admin');
    return c.json(await service.publishDraft(c.env.DB, row.id, club, c.var.now), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/activities/{activityId}/cancel',
    tags: ['activities'],
    summary: 'Cancel an activity; everyone signed up is told, in their language (club admin)',
    security: SECURITY,
    request: { params: ActivityParams },
    responses: {
      200: jsonResponse(ActivitySchema, 'Cancelled'),
      ...problems('unauthenticated', 'forbidden', 'not_found', 'activity_cancelled'),
    },
  }),
  async (c) => {
    const row = await service.loadActivity(c.env.DB, c.req.valid('param').activityId);
    await managedClub(c, row.club_id, 'club_admin');
    return c.json(await service.cancel(c.env.DB, row, c.var.now), 200);
  },
);

export default app;
