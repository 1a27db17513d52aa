import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { passholderAccess } from '../auth/access.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { brusselsDate } from '../lib/time.ts';
import { ReadReasonQuery } from '../passes/schema.ts';
import { asCounter } from './access.ts';
import {
  EndSchema,
  ExtendSchema,
  GrantInputSchema,
  GrantParams,
  PassholderParams,
  SocialStatusSchema,
  SuspendSchema,
  SuspensionParams,
} from './schema.ts';
import * as service from './service.ts';

/** A passholder's social status: reading it, granting, extending, ending, suspending and lifting. */
const app = new OpenAPIHono<AppEnv>();

const counterOnly = problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found');

app.openapi(
  createRoute({
    method: 'get',
    path: '/passholders/{passholderId}/status',
    tags: ['social status'],
    summary: 'Social status with its records (counter staff, logged; or the holder and their guardian)',
    security: SECURITY,
    request: { params: PassholderParams, query: ReadReasonQuery },
    responses: {
      200: jsonResponse(SocialStatusSchema, 'The status'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const access = await passholderAccess(c, passholderId, true);
    const today = brusselsDate(c.var.now);
    if (access.asStaff) {
      const audit = {
        actorUserId: access.user.id,
        action: 'read' as const,
        reason: `social_status:${c.req.valid('query').reason}`,
        at: c.var.now.toISOString(),
      };
      return c.json(await service.readAsStaff(c.env.DB, passholderId, audit, today), 200);
    }
    return c.json(await service.socialStatus(c.env.DB, passholderId, today), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/status/grants',
    tags: ['social status'],
    summary: 'Grant the social status for a period (counter staff)',
    security: SECURITY,
    request: { params: PassholderParams, body: jsonBody(GrantInputSchema) },
    responses: { 200: jsonResponse(SocialStatusSchema, 'The status now'), ...counterOnly },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const input = c.req.valid('json');
    const by = await asCounter(c, passholderId, 'social_status:grant');
    return c.json(await service.grant(c.env.DB, passholderId, input, by, brusselsDate(c.var.now)), 200);
  },
);

app.openapi(
  createRoute({
    method: 'patch',
    path: '/passholders/{passholderId}/status/grants/{grantId}',
    tags: ['social status'],
    summary: 'Extend (or shorten) a grant (counter staff)',
    security: SECURITY,
    request: { params: GrantParams, body: jsonBody(ExtendSchema) },
    responses: { 200: jsonResponse(SocialStatusSchema, 'The status now'), ...counterOnly },
  }),
  async (c) => {
    const { passholderId, grantId } = c.req.valid('param');
    const { audit } = await asCounter(c, passholderId, 'social_status:extend');
    const { validUntil } = c.req.valid('json');
    const today = brusselsDate(c.var.now);
    return c.json(await service.extend(c.env.DB, passholderId, grantId, validUntil, audit, today), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/status/end',
    tags: ['social status'],
    summary: 'End the social status now (no grace period) (counter staff)',
    security: SECURITY,
    request: { params: PassholderParams, body: jsonBody(EndSchema) },
    responses: { 200: jsonResponse(SocialStatusSchema, 'The status now'), ...counterOnly },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const { audit } = await asCounter(c, passholderId, 'social_status:end');
    const today = brusselsDate(c.var.now);
    const endedOn = c.req.valid('json').endedOn ?? today;
    return c.json(await service.end(c.env.DB, passholderId, endedOn, audit, today), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/status/suspensions',
    tags: ['social status'],
    summary: 'Suspend the social status, from a date and optionally until one (counter staff)',
    security: SECURITY,
    request: { params: PassholderParams, body: jsonBody(SuspendSchema) },
    responses: { 200: jsonResponse(SocialStatusSchema, 'The status now'), ...counterOnly },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const input = c.req.valid('json');
    const by = await asCounter(c, passholderId, 'social_status:suspend');
    return c.json(await service.suspend(c.env.DB, passholderId, input, by, brusselsDate(c.var.now)), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/status/suspensions/{suspensionId}/lift',
    tags: ['social status'],
    summary: 'Lift a suspension today (counter staff)',
    security: SECURITY,
    request: { params: SuspensionParams },
    responses: { 200: jsonResponse(SocialStatusSchema, 'The status now'), ...counterOnly },
  }),
  async (c) => {
    const { passholderId, suspensionId } = c.req.valid('param');
    const { audit } = await asCounter(c, passholderId, 'social_status:lift');
    const today = brusselsDate(c.var.now);
    return c.json(await service.lift(c.env.DB, passholderId, suspensionId, audit, today), 200);
  },
);

export default app;
