import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv, SessionUser } from '../env.ts';
import { managedClub } from '../auth/access.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import * as repo from './repo.ts';
import {
  ClubParams,
  ClubStaffInputSchema,
  ClubStaffParams,
  MunicipalityParams,
  MunicipalityStaffInputSchema,
  MunicipalityStaffParams,
  StaffListSchema,
  UserParams,
} from './schema.ts';
import * as service from './service.ts';

/** Staff: the roles of a club's and a municipality's staff, and blocking an account. */
const app = new OpenAPIHono<AppEnv>();

/** Who may manage the staff of a scope: a club's admins or its municipality's admin; a municipality's admin. */
async function authorizeScope(c: Context<AppEnv>, user: SessionUser, scope: repo.Scope): Promise<void> {
  if (scope.clubId !== null) {
    await managedClub(c, scope.clubId, 'club_admin');
  } else {
    allow(hasMunicipalityRole(user, scope.municipalityId, 'municipality_admin'));
  }
}

const clubScope = (clubId: string): repo.Scope => ({ municipalityId: null, clubId });
const municipalityScope = (municipalityId: string): repo.Scope => ({ municipalityId, clubId: null });

app.openapi(
  createRoute({
    method: 'get',
    path: '/clubs/{clubId}/staff',
    tags: ['staff'],
    summary: 'A club’s staff (its club admins, or its municipality admin)',
    security: SECURITY,
    request: { params: ClubParams },
    responses: {
      200: jsonResponse(StaffListSchema, 'Staff'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const scope = clubScope(c.req.valid('param').clubId);
    await authorizeScope(c, requireUser(c), scope);
    return c.json({ items: await repo.listStaff(c.env.DB, scope) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/clubs/{clubId}/staff',
    tags: ['staff'],
    summary: 'Give someone a club role (club admin or door staff); creates the account when needed',
    security: SECURITY,
    request: { params: ClubParams, body: jsonBody(ClubStaffInputSchema) },
    responses: {
      201: jsonResponse(StaffListSchema, 'Added; the club’s staff now'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found', 'role_exists'),
    },
  }),
  async (c) => {
    const scope = clubScope(c.req.valid('param').clubId);
    await authorizeScope(c, requireUser(c), scope);
    return c.json({ items: await service.addStaff(c.env.DB, scope, c.req.valid('json'), c.var.now) }, 201);
  },
);

app.openapi(
  createRoute({
    method: 'delete',
    path: '/clubs/{clubId}/staff/{userId}',
    tags: ['staff'],
    summary: 'Take a person’s roles in a club away',
    security: SECURITY,
    request: { params: ClubStaffParams },
    responses: {
      204: { description: 'Removed' },
      ...problems('unauthenticated', 'forbidden', 'not_found', 'own_role'),
    },
  }),
  async (c) => {
    const { clubId, userId } = c.req.valid('param');
    const user = requireUser(c);
    const scope = clubScope(clubId);
    await authorizeScope(c, user, scope);
    await service.removeStaff(c.env.DB, scope, userId, user);
    return c.body(null, 204);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{municipalityId}/staff',
    tags: ['staff'],
    summary: 'A municipality’s admins and counter staff (municipality admin)',
    security: SECURITY,
    request: { params: MunicipalityParams },
    responses: { 200: jsonResponse(StaffListSchema, 'Staff'), ...problems('unauthenticated', 'forbidden') },
  }),
  async (c) => {
    const scope = municipalityScope(c.req.valid('param').municipalityId);
    await authorizeScope(c, requireUser(c), scope);
    return c.json({ items: await repo.listStaff(c.env.DB, scope) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/municipalities/{municipalityId}/staff',
    tags: ['staff'],
    summary: 'Give someone a municipality role (admin or counter staff); creates the account when needed',
    security: SECURITY,
    request: { params: MunicipalityParams, body: jsonBody(MunicipalityStaffInputSchema) },
    responses: {
      201: jsonResponse(StaffListSchema, 'Added; the municipality’s staff now'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'role_exists'),
    },
  }),
  async (c) => {
    const scope = municipalityScope(c.req.valid('param').municipalityId);
    await authorizeScope(c, requireUser(c), scope);
    return c.json({ items: await service.addStaff(c.env.DB, scope, c.req.valid('json'), c.var.now) }, 201);
  },
);

app.openapi(
  createRoute({
    method: 'delete',
    path: '/municipalities/{municipalityId}/staff/{userId}',
    tags: ['staff'],
    summary: 'Take a person’s roles in a municipality away',
    security: SECURITY,
    request: { params: MunicipalityStaffParams },
    responses: {
      204: { description: 'Removed' },
      ...problems('unauthenticated', 'forbidden', 'not_found', 'own_role'),
    },
  }),
  async (c) => {
    const { municipalityId, userId } = c.req.valid('param');
    const user = requireUser(c);
    const scope = municipalityScope(municipalityId);
    await authorizeScope(c, user, scope);
    await service.removeStaff(c.env.DB, scope, userId, user);
    return c.body(null, 204);
  },
);

for (const action of ['block', 'unblock'] as const) {
  app.openapi(
    createRoute({
      method: 'post',
      path: `/users/{userId}/${action}`,
      tags: ['staff'],
      summary:
        action === 'block'
          ? 'Block an account and revoke its sessions (municipality admin for its staff and clubs’ staff; admin or counter for its residents)'
          : 'Unblock an account',
      security: SECURITY,
      request: { params: UserParams },
      responses: {
        204: { description: 'Done' },
        ...problems('unauthenticated', 'forbidden', 'not_found', 'own_account'),
      },
    }),
    async (c) => {
      const user = requireUser(c);
      const { userId } = c.req.valid('param');
      await service.setBlocked(c.env.DB, user, userId, action === 'block', c.var.now);
      return c.body(null, 204);
    },
  );
}

export default app;
