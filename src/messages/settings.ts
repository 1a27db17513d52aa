import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { passholderAccess } from '../auth/access.ts';
import { requireUser } from '../auth/guard.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import { ReadReasonQuery } from '../passes/schema.ts';
import * as repo from './repo.ts';
import { NotificationSettingsBody, NotificationSettingsSchema, PassholderParams } from './schema.ts';
import * as service from './service.ts';

/** How a person hears from us: the channels (app always, e-mail, SMS, letter) and the language. */
const app = new OpenAPIHono<AppEnv>();

const DESCRIPTION =
  'The app channel is always on. E-mail and SMS need the address on the record. Nothing chosen yet: e-mail when ' +
  'there is an address, else SMS when there is a phone number, else a letter. The language is the one messages ' +
  'are written in (and the account’s).';

function ownPassholder(c: Parameters<typeof requireUser>[0]): string {
  const user = requireUser(c);
  if (!user.passholderId) throw new Problem('not_found', { detail: 'This account has no pass' });
  return user.passholderId;
}

app.openapi(
  createRoute({
    method: 'get',
    path: '/me/notification-settings',
    tags: ['messages'],
    summary: 'How I get my messages: channels and language',
    description: DESCRIPTION,
    security: SECURITY,
    responses: {
      200: jsonResponse(NotificationSettingsSchema, 'The settings in force'),
      ...problems('unauthenticated', 'not_found'),
    },
  }),
  async (c) => c.json(await service.settingsOf(c.env.DB, ownPassholder(c)), 200),
);

app.openapi(
  createRoute({
    method: 'put',
    path: '/me/notification-settings',
    tags: ['messages'],
    summary: 'Choose how I get my messages: channels and language',
    description: DESCRIPTION,
    security: SECURITY,
    request: { body: jsonBody(NotificationSettingsBody) },
    responses: {
      200: jsonResponse(NotificationSettingsSchema, 'The settings in force'),
      ...problems('validation_failed', 'unauthenticated', 'not_found'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const passholderId = ownPassholder(c);
    const input = c.req.valid('json');
    return c.json(
      await service.updateSettings(c.env.DB, {
        passholderId,
        input,
        by: user.id,
        now: c.var.now,
        audit: null,
      }),
      200,
    );
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/passholders/{passholderId}/notification-settings',
    tags: ['messages'],
    summary:
      'How a resident gets their messages (counter staff of their municipality, audited; or their guardian)',
    description: DESCRIPTION,
    security: SECURITY,
    request: { params: PassholderParams, query: ReadReasonQuery },
    responses: {
      200: jsonResponse(NotificationSettingsSchema, 'The settings in force'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const access = await passholderAccess(c, passholderId, true);
    if (access.asStaff)
      await repo.auditRead(c.env.DB, passholderId, {
        actorUserId: access.user.id,
        action: 'read',
        reason: c.req.valid('query').reason,
        at: c.var.now.toISOString(),
      });
    return c.json(await service.settingsOf(c.env.DB, passholderId), 200);
  },
);

app.openapi(
  createRoute({
    method: 'put',
    path: '/passholders/{passholderId}/notification-settings',
    tags: ['messages'],
    summary:
      'Set how a resident gets their messages, on their behalf (counter staff of their municipality, audited; or their guardian)',
    description: DESCRIPTION,
    security: SECURITY,
    request: { params: PassholderParams, query: ReadReasonQuery, body: jsonBody(NotificationSettingsBody) },
    responses: {
      200: jsonResponse(NotificationSettingsSchema, 'The settings in force'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const access = await passholderAccess(c, passholderId, true);
    const now = c.var.now;
    const audit = access.asStaff
      ? {
          actorUserId: access.user.id,
          action: 'update' as const,
          reason: c.req.valid('query').reason,
          at: now.toISOString(),
        }
      : null;
    const input = c.req.valid('json');
    return c.json(
      await service.updateSettings(c.env.DB, { passholderId, input, by: access.user.id, now, audit }),
      200,
    );
  },
);

export default app;
