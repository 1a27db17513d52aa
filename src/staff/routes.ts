import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv, SessionUser } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { hashPassword } from '../auth/passwords.ts';
import { managedClub } from '../auth/access.ts';
import { newId } from '../lib/ids.ts';
import { IdSchema, jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import * as repo from './repo.ts';
import {
  ClubStaffInputSchema,
  MunicipalityStaffInputSchema,
  StaffMemberSchema,
  type StaffInput,
} from './schema.ts';

const StaffList = z.object({ items: z.array(StaffMemberSchema) });
const app = new OpenAPIHono<AppEnv>();

/** Who may manage the staff of a scope: a club's admins or its municipality's admin; a municipality's admin. */
async function authorizeScope(c: Context<AppEnv>, user: SessionUser, scope: repo.Scope): Promise<void> {
  if (scope.clubId !== null) {
    await managedClub(c, scope.clubId, 'club_admin');
  } else {
    allow(hasMunicipalityRole(user, scope.municipalityId, 'municipality_admin'));
  }
}

async function add(c: Context<AppEnv>, user: SessionUser, scope: repo.Scope, input: StaffInput) {
  await authorizeScope(c, user, scope);
  const existing = await repo.findUserByEmail(c.env.DB, input.email);
  if (!existing && !input.password) {
    throw new Problem('validation_failed', {
      detail: 'A first password is needed for a new account',
      fields: [
        {
          pointer: '/password',
          code: 'required',
          messages: {
            nl: 'Geef een eerste wachtwoord.',
            fr: 'Donnez un premier mot de passe.',
            en: 'Give a first password.',
          },
        },
      ],
    });
  }
  const added = await repo.addStaff(
    c.env.DB,
    {
      newUserId: newId(),
      email: input.email,
      displayName: input.displayName,
      passwordHash: existing ? null : await hashPassword(input.password!),
      role: input.role,
    },
    scope,
    c.var.now.toISOString(),
  );
  if (!added) throw new Problem('role_exists', { detail: 'This person already has this role here' });
  return { items: await repo.listStaff(c.env.DB, scope) };
}

async function remove(
  c: Context<AppEnv>,
  user: SessionUser,
  scope: repo.Scope,
  userId: string,
): Promise<void> {
  await authorizeScope(c, user, scope);
  if (userId === user.id) throw new Problem('own_role', { detail: 'You cannot remove your own role' });
  if (!(await repo.removeStaff(c.env.DB, userId, scope))) throw new Problem('not_found');
}

const ClubParams = z.object({ clubId: IdSchema });
const MunicipalityParams = z.object({ municipalityId: IdSchema });
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
      200: jsonResponse(StaffList, 'Staff'),
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
      201: jsonResponse(StaffList, 'Added; the club’s staff now'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found', 'role_exists'),
    },
  }),
  async (c) =>
    c.json(await add(c, requireUser(c), clubScope(c.req.valid('param').clubId), c.req.valid('json')), 201),
);

app.openapi(
  createRoute({
    method: 'delete',
    path: '/clubs/{clubId}/staff/{userId}',
    tags: ['staff'],
    summary: 'Take a person’s roles in a club away',
    security: SECURITY,
    request: { params: ClubParams.extend({ userId: IdSchema }) },
    responses: {
      204: { description: 'Removed' },
      ...problems('unauthenticated', 'forbidden', 'not_found', 'own_role'),
    },
  }),
  async (c) => {
    const { clubId, userId } = c.req.valid('param');
    await remove(c, requireUser(c), clubScope(clubId), userId);
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
    responses: { 200: jsonResponse(StaffList, 'Staff'), ...problems('unauthenticated', 'forbidden') },
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
      201: jsonResponse(StaffList, 'Added; the municipality’s staff now'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'role_exists'),
    },
  }),
  async (c) =>
    c.json(
      await add(
        c,
        requireUser(c),
        municipalityScope(c.req.valid('param').municipalityId),
        c.req.valid('json'),
      ),
      201,
    ),
);

app.openapi(
  createRoute({
    method: 'delete',
    path: '/municipalities/{municipalityId}/staff/{userId}',
    tags: ['staff'],
    summary: 'Take a person’s roles in a municipality away',
    security: SECURITY,
    request: { params: MunicipalityParams.extend({ userId: IdSchema }) },
    responses: {
      204: { description: 'Removed' },
      ...problems('unauthenticated', 'forbidden', 'not_found', 'own_role'),
    },
  }),
  async (c) => {
    const { municipalityId, userId } = c.req.valid('param');
    await remove(c, requireUser(c), municipalityScope(municipalityId), userId);
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
      request: { params: z.object({ userId: IdSchema }) },
      responses: {
        204: { description: 'Done' },
        ...problems('unauthenticated', 'forbidden', 'not_found', 'own_account'),
      },
    }),
    async (c) => {
      const user = requireUser(c);
      const { userId } = c.req.valid('param');
      if (userId === user.id) throw new Problem('own_account', { detail: 'You cannot block yourself' });
      const target = await repo.userMunicipalities(c.env.DB, userId);
      if (!target.exists) throw new Problem('not_found');
      const asAdmin = target.staff.some((m) => hasMunicipalityRole(user, m, 'municipality_admin'));
      const asCounter =
        target.staff.length === 0 &&
        target.resident !== null &&
        hasMunicipalityRole(user, target.resident, 'municipality_admin', 'counter');
      allow(asAdmin || asCounter);
      await repo.setBlocked(c.env.DB, userId, action === 'block', c.var.now.toISOString());
      return c.body(null, 204);
    },
  );
}

export default app;
