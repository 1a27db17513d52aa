import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { brusselsDate } from '../lib/time.ts';
import {
  LocalRightSchema,
  MunicipalityParams,
  RightInputSchema,
  RightListQuery,
  RightListSchema,
  RightParams,
  RightPatchSchema,
} from './schema.ts';
import * as service from './service.ts';

/** The municipality's local rights: what it offers, linked to the status or an entitlement, and how many hold and use each. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{municipalityId}/rights',
    tags: ['local rights'],
    summary:
      'The municipality’s local rights with their texts; for the municipality admin also counts per right (holding now, opened and used in the period), 1 to 4 as "< 5" (municipality admin, counter staff)',
    security: SECURITY,
    request: { params: MunicipalityParams, query: RightListQuery },
    responses: {
      200: jsonResponse(RightListSchema, 'The rights, active first'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const { municipalityId } = c.req.valid('param');
    const user = requireUser(c);
    allow(hasMunicipalityRole(user, municipalityId, 'municipality_admin', 'counter'));
    const withCounts = hasMunicipalityRole(user, municipalityId, 'municipality_admin');
    const today = brusselsDate(c.var.now);
    return c.json(
      await service.listRights(c.env.DB, municipalityId, c.req.valid('query'), withCounts, today),
      200,
    );
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/municipalities/{municipalityId}/rights',
    tags: ['local rights'],
    summary:
      'Add a local right, linked to the social status or an entitlement; the people who qualify get it without a new inquiry (municipality admin)',
    description:
      'Names, descriptions and how to use it in nl, fr and en are all required. People who qualify hold it from the next change of their status or entitlement, or from the nightly job.',
    security: SECURITY,
    request: { params: MunicipalityParams, body: jsonBody(RightInputSchema) },
    responses: {
      201: jsonResponse(LocalRightSchema, 'The new right'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const { municipalityId } = c.req.valid('param');
    const user = requireUser(c);
    allow(hasMunicipalityRole(user, municipalityId, 'municipality_admin'));
    const at = c.var.now.toISOString();
    return c.json(await service.createRight(c.env.DB, municipalityId, c.req.valid('json'), user.id, at), 201);
  },
);

app.openapi(
  createRoute({
    method: 'patch',
    path: '/municipalities/{municipalityId}/rights/{rightId}',
    tags: ['local rights'],
    summary:
      'Change a right’s texts or grantor, or switch it off (its holdings end today) or on again (municipality admin)',
    security: SECURITY,
    request: { params: RightParams, body: jsonBody(RightPatchSchema) },
    responses: {
      200: jsonResponse(LocalRightSchema, 'The right'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { municipalityId, rightId } = c.req.valid('param');
    allow(hasMunicipalityRole(requireUser(c), municipalityId, 'municipality_admin'));
    const patch = c.req.valid('json');
    const today = brusselsDate(c.var.now);
    const at = c.var.now.toISOString();
    return c.json(await service.updateRight(c.env.DB, municipalityId, rightId, patch, at, today), 200);
  },
);

export default app;
