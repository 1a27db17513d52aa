import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { counterMunicipality, passholderAccess } from '../auth/access.ts';
import { requireUser } from '../auth/guard.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import * as repo from './repo.ts';
import {
  HouseholdMoveSchema,
  PassholderParams,
  PassholderPatchSchema,
  PassholderSchema,
  PassholderSearchQuery,
  ReadReasonQuery,
  RegisteredSchema,
  RegisterSchema,
  SearchResultListSchema,
} from './schema.ts';
import * as service from './service.ts';

/** A resident's record at the counter: registering, finding, reading, correcting, moving household. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders',
    tags: ['passes'],
    summary: 'Register a resident and make their pass (counter staff)',
    description:
      'Answers the new pass number and a one-time activation code for the welcome letter. A pass for the same name and birth date in the municipality is flagged with 409 `possible_duplicate` unless `confirmDuplicate` is true.',
    security: SECURITY,
    // One closed object: `.extend` of a named schema would be an allOf of two closed objects, which no
    // request can satisfy.
    request: { body: jsonBody(RegisterSchema) },
    responses: {
      201: jsonResponse(RegisteredSchema, 'Registered'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'possible_duplicate'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const { municipalityId: asked, confirmDuplicate, ...input } = c.req.valid('json');
    const municipalityId = counterMunicipality(user, asked);
    const registered = await service.register(
      c.env.DB,
      municipalityId,
      input,
      confirmDuplicate,
      user.id,
      c.var.now,
    );
    return c.json(registered, 201);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/passholders',
    tags: ['passes'],
    summary: 'Find residents by name, pass number or birth date (counter staff)',
    security: SECURITY,
    request: { query: PassholderSearchQuery },
    responses: {
      200: jsonResponse(SearchResultListSchema, 'Matches'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const query = c.req.valid('query');
    const municipalityId = counterMunicipality(user, query.municipalityId);
    return c.json({ items: await service.search(c.env.DB, municipalityId, query) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/passholders/{passholderId}',
    tags: ['passes'],
    summary:
      'A passholder’s record (counter staff: written to the audit log with the reason; or the holder or their guardian)',
    security: SECURITY,
    request: { params: PassholderParams, query: ReadReasonQuery },
    responses: {
      200: jsonResponse(PassholderSchema, 'The record'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const access = await passholderAccess(c, passholderId, true);
    const audit = access.asStaff
      ? {
          actorUserId: access.user.id,
          action: 'read' as const,
          reason: c.req.valid('query').reason,
          at: c.var.now.toISOString(),
        }
      : undefined;
    const record = await repo.readRecord(c.env.DB, passholderId, audit);
    if (!record) throw new Problem('not_found');
    return c.json(record, 200);
  },
);

app.openapi(
  createRoute({
    method: 'patch',
    path: '/passholders/{passholderId}',
    tags: ['passes'],
    summary: 'Correct a record, or move the resident to another municipality of the region (counter staff)',
    security: SECURITY,
    request: { params: PassholderParams, body: jsonBody(PassholderPatchSchema) },
    responses: {
      200: jsonResponse(PassholderSchema, 'Updated'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const patch = c.req.valid('json');
    const access = await passholderAccess(c, passholderId, false);
    return c.json(await service.correct(c.env.DB, passholderId, access, patch, c.var.now), 200);
  },
);

app.openapi(
  createRoute({
    method: 'put',
    path: '/passholders/{passholderId}/household',
    tags: ['passes'],
    summary: 'Move a resident into another household of the municipality, or a new one (counter staff)',
    security: SECURITY,
    request: { params: PassholderParams, body: jsonBody(HouseholdMoveSchema) },
    responses: {
      200: jsonResponse(PassholderSchema, 'Moved'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const { householdId } = c.req.valid('json');
    const access = await passholderAccess(c, passholderId, false);
    return c.json(await service.moveHousehold(c.env.DB, passholderId, access, householdId, c.var.now), 200);
  },
);

export default app;
