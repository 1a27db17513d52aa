import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { fieldProblem } from '../lib/validation.ts';
import { passholderAccess } from '../auth/access.ts';
import { allow, requireUser } from '../auth/guard.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { brusselsDate } from '../lib/time.ts';
import {
  HolderRightsSchema,
  MyRightsSchema,
  PassholderParams,
  PassholderRightParams,
  ReadReasonQuery,
  UseInputSchema,
  UseSchema,
} from './schema.ts';
import * as service from './service.ts';

/** A holder's rights: "your rights" for the resident, the record's rights for the counter, and their uses. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/me/rights',
    tags: ['local rights'],
    summary:
      'Your rights: the local rights you (and the people you are guardian of) hold now, with how to use them, and those ended in the last 90 days',
    security: SECURITY,
    responses: {
      200: jsonResponse(MyRightsSchema, 'One entry per pass: yours first'),
      ...problems('unauthenticated'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const today = brusselsDate(c.var.now);
    return c.json(await service.myRights(c.env.DB, user.passholderId, today, c.var.locale), 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/passholders/{passholderId}/rights',
    tags: ['local rights'],
    summary:
      'A resident’s local rights, held and recently ended (counter staff of their municipality, logged with the reason)',
    security: SECURITY,
    request: { params: PassholderParams, query: ReadReasonQuery },
    responses: {
      200: jsonResponse(HolderRightsSchema, 'The rights'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const access = await passholderAccess(c, passholderId, false);
    allow(access.asStaff);
    const audit = {
      actorUserId: access.user.id,
      action: 'read' as const,
      reason: `rights:${c.req.valid('query').reason}`,
      at: c.var.now.toISOString(),
    };
    const today = brusselsDate(c.var.now);
    return c.json(await service.rightsAsStaff(c.env.DB, passholderId, audit, today, c.var.locale), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/rights/{rightId}/uses',
    tags: ['local rights'],
    summary: 'Record that a resident used a right they hold (counter staff of their municipality, logged)',
    security: SECURITY,
    request: { params: PassholderRightParams, body: jsonBody(UseInputSchema) },
    responses: {
      201: jsonResponse(UseSchema, 'The use'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found', 'right_not_held'),
    },
  }),
  async (c) => {
    const { passholderId, rightId } = c.req.valid('param');
    const access = await passholderAccess(c, passholderId, false);
    const today = brusselsDate(c.var.now);
    const usedOn = c.req.valid('json').usedOn ?? today;
    if (usedOn > today)
      throw fieldProblem('/usedOn', 'invalid', 'usedOn is in the future', {
        nl: 'Deze datum ligt in de toekomst. Noteer een gebruik pas als het gebeurd is.',
        fr: 'Cette date est dans le futur. Notez une utilisation une fois qu’elle a eu lieu.',
        en: 'This date is in the future. Record a use once it has happened.',
      });
    const audit = {
      actorUserId: access.user.id,
      action: 'update' as const,
      reason: `rights:use`,
      at: c.var.now.toISOString(),
    };
    const holder = { passholderId, municipalityId: access.municipalityId };
    return c.json(await service.recordUse(c.env.DB, holder, rightId, usedOn, access.user.id, audit), 201);
  },
);

export default app;
