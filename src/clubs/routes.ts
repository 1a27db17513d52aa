import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { managedClub } from '../auth/access.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import * as repo from './repo.ts';
import {
  ActivitySummaryListSchema,
  ClubInputSchema,
  ClubListSchema,
  ClubParams,
  ClubQuery,
  ClubSchema,
  MunicipalityParams,
  PublicClubListSchema,
} from './schema.ts';
import * as service from './service.ts';

/** Clubs: the public list, registration and approval by the municipality, a club's coming activities. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/clubs',
    tags: ['clubs'],
    summary: 'Approved clubs (public), optionally of one municipality',
    request: { query: ClubQuery },
    responses: {
      200: jsonResponse(PublicClubListSchema, 'Clubs'),
      ...problems('validation_failed'),
    },
  }),
  async (c) => {
    const clubs = await repo.listApprovedClubs(c.env.DB, c.req.valid('query').municipalityId ?? null);
    return c.json(
      { items: clubs.map(({ id, municipalityId, name, kind }) => ({ id, municipalityId, name, kind })) },
      200,
    );
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{municipalityId}/clubs',
    tags: ['clubs'],
    summary: 'Every club of a municipality, pending ones included (municipality admin)',
    security: SECURITY,
    request: { params: MunicipalityParams },
    responses: {
      200: jsonResponse(ClubListSchema, 'Clubs'),
      ...problems('unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const { municipalityId } = c.req.valid('param');
    allow(hasMunicipalityRole(user, municipalityId, 'municipality_admin'));
    return c.json({ items: await repo.listMunicipalityClubs(c.env.DB, municipalityId) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/municipalities/{municipalityId}/clubs',
    tags: ['clubs'],
    summary: 'Register a club; it waits for approval (municipality admin)',
    security: SECURITY,
    request: { params: MunicipalityParams, body: jsonBody(ClubInputSchema) },
    responses: {
      201: jsonResponse(ClubSchema, 'Registered, pending approval'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found', 'club_name_taken'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const { municipalityId } = c.req.valid('param');
    allow(hasMunicipalityRole(user, municipalityId, 'municipality_admin'));
    return c.json(await service.register(c.env.DB, municipalityId, c.req.valid('json'), c.var.now), 201);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/clubs/{clubId}',
    tags: ['clubs'],
    summary: 'A club’s details (its staff, or its municipality admin)',
    security: SECURITY,
    request: { params: ClubParams },
    responses: {
      200: jsonResponse(ClubSchema, 'The club'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { club } = await managedClub(c, c.req.valid('param').clubId, 'club_admin', 'door');
    return c.json((await repo.findClub(c.env.DB, club.id))!, 200);
  },
);

for (const [action, status] of [
  ['approve', 'approved'],
  ['suspend', 'suspended'],
] as const) {
  app.openapi(
    createRoute({
      method: 'post',
      path: `/clubs/{clubId}/${action}`,
      tags: ['clubs'],
      summary: `${action === 'approve' ? 'Approve' : 'Suspend'} a club (admin of its municipality)`,
      security: SECURITY,
      request: { params: ClubParams },
      responses: {
        200: jsonResponse(ClubSchema, 'The club'),
        ...problems('unauthenticated', 'forbidden', 'not_found'),
      },
    }),
    async (c) => {
      const { user, club } = await managedClub(c, c.req.valid('param').clubId);
      const updated = await repo.setClubStatus(c.env.DB, club.id, status, user.id, c.var.now.toISOString());
      if (!updated) throw new Problem('not_found');
      return c.json(updated, 200);
    },
  );
}

app.openapi(
  createRoute({
    method: 'get',
    path: '/clubs/{clubId}/activities',
    tags: ['clubs'],
    summary: 'A club’s coming activities (its staff, or its municipality admin)',
    security: SECURITY,
    request: { params: ClubParams },
    responses: {
      200: jsonResponse(ActivitySummaryListSchema, 'Coming activities'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { club } = await managedClub(c, c.req.valid('param').clubId, 'club_admin', 'door');
    return c.json(
      { items: await repo.listClubActivities(c.env.DB, club.id, c.var.now.toISOString(), 100) },
      200,
    );
  },
);

export default app;
