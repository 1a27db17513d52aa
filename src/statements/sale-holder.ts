import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { passholderAccess } from '../auth/access.ts';
import { allow, requireUser } from '../auth/guard.ts';
import { jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { PassholderSchema } from '../passes/schema.ts';
import { ReasonQuery, SaleParams } from './schema.ts';
import * as service from './service.ts';

/** The one way from a statement line to a person: counter staff, written to the holder's audit log. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/ticket-sales/{saleId}/passholder',
    tags: ['statements'],
    summary:
      'From a sale to the person: the passholder’s record, written to their audit log with the reason (counter staff of the holder’s municipality)',
    description:
      'The one way from a statement line to a person. Clubs and the municipality’s admins see statements without people.',
    security: SECURITY,
    request: { params: SaleParams, query: ReasonQuery },
    responses: {
      200: jsonResponse(PassholderSchema, 'The record'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    allow(
      user.staffRoles.some((r) => r.role === 'counter'),
      'Counter staff only',
    );
    const passholderId = await service.saleHolderId(c.env.DB, c.req.valid('param').saleId);
    const access = await passholderAccess(c, passholderId, false);
    const record = await service.holderRecord(c.env.DB, passholderId, {
      actorUserId: access.user.id,
      reason: c.req.valid('query').reason,
      now: c.var.now,
    });
    return c.json(record, 200);
  },
);

export default app;
