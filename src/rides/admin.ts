import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import { passholderAccess } from '../auth/access.ts';
import { monthRange } from '../lib/periods.ts';
import { asDriversAdmin, loadOffer, loadRequest } from './access.ts';
import * as repo from './repo.ts';
import {
  MunicipalityParams,
  NoShowsSchema,
  OkSchema,
  PassholderParams,
  ReportParams,
  RequestParams,
  ReverseBody,
  RideReportSchema,
  RideSettingsSchema,
} from './schema.ts';

/** Rides for staff: the municipality's bonus settings and monthly report, taking a bonus back, no-shows. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{municipalityId}/ride-settings',
    tags: ['rides'],
    summary: 'Bonus per passenger, caps, and when a cancellation counts as late (municipality admin)',
    security: SECURITY,
    request: { params: MunicipalityParams },
    responses: {
      200: jsonResponse(RideSettingsSchema, 'Settings'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const { municipalityId } = c.req.valid('param');
    allow(hasMunicipalityRole(requireUser(c), municipalityId, 'municipality_admin'));
    return c.json(await repo.settings(c.env.DB, municipalityId), 200);
  },
);

app.openapi(
  createRoute({
    method: 'put',
    path: '/municipalities/{municipalityId}/ride-settings',
    tags: ['rides'],
    summary: 'Set the ride bonus and caps (municipality admin)',
    security: SECURITY,
    request: { params: MunicipalityParams, body: jsonBody(RideSettingsSchema) },
    responses: {
      200: jsonResponse(RideSettingsSchema, 'Settings'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const { municipalityId } = c.req.valid('param');
    allow(hasMunicipalityRole(requireUser(c), municipalityId, 'municipality_admin'));
    await repo.saveSettings(c.env.DB, municipalityId, c.req.valid('json'), c.var.now.toISOString());
    return c.json(await repo.settings(c.env.DB, municipalityId), 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{municipalityId}/ride-report/{month}',
    tags: ['rides'],
    summary:
      'Rides offered, requested, matched, completed, passengers served, bonus points paid, and per neighbourhood requests, served, unserved and bonus points: aggregates only (municipality admin)',
    security: SECURITY,
    request: { params: ReportParams },
    responses: {
      200: jsonResponse(RideReportSchema, 'The report'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const { municipalityId, month } = c.req.valid('param');
    allow(hasMunicipalityRole(requireUser(c), municipalityId, 'municipality_admin'));
    return c.json(await repo.rideReport(c.env.DB, municipalityId, monthRange(month)), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/ride-requests/{requestId}/bonus/reverse',
    tags: ['rides'],
    summary: 'Take a ride bonus back, with a reason (municipality admin of the driver’s municipality)',
    security: SECURITY,
    request: { params: RequestParams, body: jsonBody(ReverseBody) },
    responses: {
      200: jsonResponse(OkSchema, 'Reversed'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found', 'ride_no_bonus'),
    },
  }),
  async (c) => {
    const r = await loadRequest(c, c.req.valid('param').requestId);
    const user = await asDriversAdmin(c, await loadOffer(c, r.offerId ?? ''));
    const at = c.var.now.toISOString();
    if (!(await repo.reverseBonus(c.env.DB, r.id, c.req.valid('json').reason, user.id, at)))
      throw new Problem('ride_no_bonus', { detail: 'No bonus to reverse' });
    return c.json({ ok: true as const }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/passholders/{passholderId}/rides',
    tags: ['rides'],
    summary: 'No-shows recorded against a resident, as driver and as passenger (counter staff)',
    security: SECURITY,
    request: { params: PassholderParams },
    responses: {
      200: jsonResponse(NoShowsSchema, 'No-shows'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    allow((await passholderAccess(c, passholderId, false)).asStaff);
    return c.json(await repo.noShows(c.env.DB, passholderId), 200);
  },
);

export default app;
