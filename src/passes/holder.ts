import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { passholderAccess } from '../auth/access.ts';
import { requireUser } from '../auth/guard.ts';
import { jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import * as repo from './repo.ts';
import {
  AuditEntryListSchema,
  CardCodeSchema,
  MyPassesSchema,
  MyPassSchema,
  PassholderParams,
  PassQuery,
} from './schema.ts';
import * as service from './service.ts';

/** What a holder (or their guardian) sees of a pass: the passes, the codes, the printed card, the audit log. */
const app = new OpenAPIHono<AppEnv>();

/** The passholder a resident asks for: themself by default, or a ward with `?passholderId=`. */
async function ownPass(c: Context<AppEnv>, asked: string | undefined): Promise<string> {
  const user = requireUser(c);
  const id = asked ?? user.passholderId;
  if (!id) throw new Problem('not_found', { detail: 'This account has no pass' });
  await passholderAccess(c, id, true);
  return id;
}

app.openapi(
  createRoute({
    method: 'get',
    path: '/me/passes',
    tags: ['my pass'],
    summary: 'The passes I may show: mine and those of the people I am guardian of',
    security: SECURITY,
    responses: { 200: jsonResponse(MyPassesSchema, 'Passes'), ...problems('unauthenticated') },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json({ items: user.passholderId ? await repo.passesOf(c.env.DB, user.passholderId) : [] }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/me/pass',
    tags: ['my pass'],
    summary: 'My pass with its rotating code (valid about a minute) and QR',
    security: SECURITY,
    request: { query: PassQuery },
    responses: {
      200: jsonResponse(MyPassSchema, 'The pass'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const id = await ownPass(c, c.req.valid('query').passholderId);
    const pass = await service.rotatingPass(c.env.DB, c.env.SIGNING_KEYS, id, c.var.now);
    c.header('Cache-Control', 'no-store');
    return c.json(pass, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/me/card',
    tags: ['my pass'],
    summary: 'The static code of my current card: what the app shows when offline',
    security: SECURITY,
    request: { query: PassQuery },
    responses: {
      200: jsonResponse(CardCodeSchema, 'The card code'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const id = await ownPass(c, c.req.valid('query').passholderId);
    return c.json(await service.card(c.env.DB, c.env.SIGNING_KEYS, id), 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/passholders/{passholderId}/card',
    tags: ['passes'],
    summary:
      'The printable card: number, name and static code of the current card version (counter staff, logged; or the holder)',
    security: SECURITY,
    request: { params: PassholderParams },
    responses: {
      200: jsonResponse(CardCodeSchema, 'The card'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const access = await passholderAccess(c, passholderId, true);
    const staff = access.asStaff ? access.user.id : null;
    return c.json(
      await service.printedCard(c.env.DB, c.env.SIGNING_KEYS, passholderId, staff, c.var.now),
      200,
    );
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/passholders/{passholderId}/audit',
    tags: ['passes'],
    summary: 'Who read or changed this record, when and why (the holder, their guardian, or counter staff)',
    security: SECURITY,
    request: { params: PassholderParams },
    responses: {
      200: jsonResponse(AuditEntryListSchema, 'Entries, newest first'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    await passholderAccess(c, passholderId, true);
    return c.json({ items: await repo.auditEntries(c.env.DB, passholderId, 100) }, 200);
  },
);

export default app;
