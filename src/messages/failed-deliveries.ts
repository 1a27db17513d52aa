import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import * as repo from './repo.ts';
import {
  DeliveryParams,
  FailedDeliveriesSchema,
  MunicipalityParams,
  ResolveBody,
  ResolvedSchema,
} from './schema.ts';
import * as service from './service.ts';

/** Messages that did not arrive: who the counter should call. Never dropped until someone handled them. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{municipalityId}/failed-deliveries',
    tags: ['messages'],
    summary:
      'E-mails, SMS and letters that could not be delivered, with who to call (counter staff of the municipality; each person listed is audited)',
    security: SECURITY,
    request: { params: MunicipalityParams },
    responses: {
      200: jsonResponse(FailedDeliveriesSchema, 'Failed deliveries nobody handled yet, oldest first'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const { municipalityId } = c.req.valid('param');
    const user = requireUser(c);
    allow(hasMunicipalityRole(user, municipalityId, 'counter'), 'Counter staff of this municipality only');
    const items = await repo.failedDeliveries(c.env.DB, municipalityId, {
      actorUserId: user.id,
      reason: 'phone_call',
      at: c.var.now.toISOString(),
    });
    return c.json({ items }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/municipalities/{municipalityId}/failed-deliveries/{deliveryId}',
    tags: ['messages'],
    summary:
      'Mark a failed delivery handled (the person was reached), or send it as a letter in today’s batch (counter staff; audited)',
    security: SECURITY,
    request: { params: DeliveryParams, body: jsonBody(ResolveBody) },
    responses: {
      200: jsonResponse(ResolvedSchema, 'Handled'),
      ...problems(
        'validation_failed',
        'unauthenticated',
        'forbidden',
        'not_found',
        'delivery_not_failed',
        'delivery_not_by_letter',
      ),
    },
  }),
  async (c) => {
    const { municipalityId, deliveryId } = c.req.valid('param');
    const user = requireUser(c);
    allow(hasMunicipalityRole(user, municipalityId, 'counter'), 'Counter staff of this municipality only');
    const { action } = c.req.valid('json');
    return c.json(
      await service.resolve(c.env.DB, { municipalityId, deliveryId, action, by: user.id, now: c.var.now }),
      200,
    );
  },
);

export default app;
