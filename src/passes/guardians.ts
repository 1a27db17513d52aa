import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { passholderAccess } from '../auth/access.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { GuardianParams, GuardianshipSchema, PassholderSchema } from './schema.ts';
import * as service from './service.ts';

/** Guardians: who else may manage a pass (a minor's, or a consenting adult's). */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'put',
    path: '/passholders/{passholderId}/guardians/{guardianId}',
    tags: ['passes'],
    summary: 'Let a guardian manage this pass: for a minor, or for an adult who consents (counter staff)',
    security: SECURITY,
    request: { params: GuardianParams, body: jsonBody(GuardianshipSchema) },
    responses: {
      200: jsonResponse(PassholderSchema, 'The ward’s record'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId, guardianId } = c.req.valid('param');
    const { basis } = c.req.valid('json');
    const access = await passholderAccess(c, passholderId, false);
    return c.json(
      await service.addGuardian(c.env.DB, passholderId, guardianId, basis, access, c.var.now),
      200,
    );
  },
);

app.openapi(
  createRoute({
    method: 'delete',
    path: '/passholders/{passholderId}/guardians/{guardianId}',
    tags: ['passes'],
    summary: 'End a guardianship (counter staff)',
    security: SECURITY,
    request: { params: GuardianParams },
    responses: { 204: { description: 'Ended' }, ...problems('unauthenticated', 'forbidden', 'not_found') },
  }),
  async (c) => {
    const { passholderId, guardianId } = c.req.valid('param');
    const access = await passholderAccess(c, passholderId, false);
    await service.removeGuardian(c.env.DB, passholderId, guardianId, access.user.id, c.var.now);
    return c.body(null, 204);
  },
);

export default app;
