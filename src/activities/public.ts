import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { jsonResponse, problems } from '../lib/openapi.ts';
import { activityEvent, icsFile } from './ics.ts';
import { withMyPrices } from './prices.ts';
import * as repo from './repo.ts';
import { ActivityListSchema, ActivityParams, ActivityQuerySchema, ActivitySchema } from './schema.ts';
import * as service from './service.ts';

/** What anyone may read: finding activities, one activity, its calendar file. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/activities',
    tags: ['activities'],
    summary:
      'Find activities (public): by date, category, municipality, neighbourhood, accessibility, free, or near a point',
    description:
      'Cursor pagination: pass `nextCursor` back as `cursor`. A signed-in resident also sees their own price (`myPrice`).',
    request: { query: ActivityQuerySchema },
    responses: {
      200: jsonResponse(ActivityListSchema, 'Activities by start'),
      ...problems('validation_failed'),
    },
  }),
  async (c) => {
    const { items, nextCursor } = await service.search(c.env.DB, c.req.valid('query'), c.var.now);
    const priced = await withMyPrices(c.env.DB, c.get('user')?.passholderId, items, c.var.now);
    return c.json({ items: priced, nextCursor }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/activities/{activityId}',
    tags: ['activities'],
    summary: 'One activity (public); a signed-in resident sees their own price',
    request: { params: ActivityParams },
    responses: { 200: jsonResponse(ActivitySchema, 'The activity'), ...problems('not_found') },
  }),
  async (c) => {
    const row = await service.visibleActivity(c.env.DB, c.req.valid('param').activityId, c.get('user'));
    const [activity] = await withMyPrices(
      c.env.DB,
      c.get('user')?.passholderId,
      [repo.toActivity(row)],
      c.var.now,
    );
    return c.json(activity!, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/activities/{activityId}/calendar.ics',
    tags: ['activities'],
    summary: 'The activity as an iCalendar file, for one’s own calendar (public)',
    request: { params: ActivityParams },
    responses: {
      200: { description: 'iCalendar', content: { 'text/calendar': { schema: z.string() } } },
      ...problems('not_found'),
    },
  }),
  async (c) => {
    const row = await service.visibleActivity(c.env.DB, c.req.valid('param').activityId, c.get('user'));
    const a = repo.toActivity(row);
    const body = icsFile(activityEvent(a, new URL(c.req.url).origin, c.var.locale), c.var.now);
    return c.body(body, 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="buurtpas-${a.id}.ics"`,
    });
  },
);

export default app;
