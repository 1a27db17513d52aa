import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { counterMunicipality, passholderAccess } from '../auth/access.ts';
import { allow, requireUser } from '../auth/guard.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import * as repo from './repo.ts';
import {
  ContactInputSchema,
  ContactListSchema,
  ContactSchema,
  ContactsReadQuery,
  PassholderParams,
  WorklistQuery,
  WorklistSchema,
} from './schema.ts';
import * as service from './service.ts';

/** Counter staff's outreach: the worklist of people to reach, and the contacts they log. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/outreach',
    tags: ['outreach'],
    summary:
      'People of the counter’s municipality to reach: not activated 30 days after the letter, not used for six months, or status ending within 60 days; each with the next step. Every person listed is written to their audit log (counter staff)',
    description: 'Cursor pagination: pass `nextCursor` back as `cursor`.',
    security: SECURITY,
    request: { query: WorklistQuery },
    responses: {
      200: jsonResponse(WorklistSchema, 'The worklist'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const query = c.req.valid('query');
    const municipalityId = counterMunicipality(user, query.municipalityId);
    return c.json(await service.worklist(c.env.DB, municipalityId, query, user.id, c.var.now), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/outreach/{passholderId}/contacts',
    tags: ['outreach'],
    summary:
      'Log a contact with a resident: how, when, the outcome and a short note the resident can read (counter staff of their municipality)',
    security: SECURITY,
    request: { params: PassholderParams, body: jsonBody(ContactInputSchema) },
    responses: {
      201: jsonResponse(ContactSchema, 'The contact'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const access = await passholderAccess(c, passholderId, false);
    const contact = await service.addContact(
      c.env.DB,
      passholderId,
      access.municipalityId,
      c.req.valid('json'),
      access.user.id,
      c.var.now,
    );
    return c.json(contact, 201);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/outreach/{passholderId}/contacts',
    tags: ['outreach'],
    summary:
      'The contacts logged with a resident, newest first (counter staff of their municipality, logged)',
    security: SECURITY,
    request: { params: PassholderParams, query: ContactsReadQuery },
    responses: {
      200: jsonResponse(ContactListSchema, 'The contacts'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const access = await passholderAccess(c, passholderId, false);
    const items = await repo.contactsOf(c.env.DB, passholderId, {
      actorUserId: access.user.id,
      at: c.var.now.toISOString(),
      reason: `outreach:${c.req.valid('query').reason}`,
    });
    return c.json({ items }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/me/outreach-contacts',
    tags: ['my pass'],
    summary:
      'When and how the Social House tried to reach me, why, what came of it and the note (the signed-in resident)',
    security: SECURITY,
    responses: {
      200: jsonResponse(ContactListSchema, 'The contacts'),
      ...problems('unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    allow(user.passholderId !== null, 'This account has no pass');
    return c.json({ items: await repo.contactsOf(c.env.DB, user.passholderId!) }, 200);
  },
);

export default app;
