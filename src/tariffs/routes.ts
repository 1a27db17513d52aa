import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { lookUpAtDoor } from '../door/service.ts';
import { displayName } from '../passes/people.ts';
import * as repo from './repo.ts';
import {
  MunicipalityParams,
  PriceAnswerSchema,
  TariffQuerySchema,
  TariffRuleInputSchema,
  TariffRuleListSchema,
} from './schema.ts';
import { addRule, DOOR_PROBLEMS, membershipPrice } from './service.ts';

const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/tariffs',
    tags: ['till'],
    summary:
      'The price for one passholder: a ticket for an activity, or a club’s season membership (door staff, club admin)',
    description:
      'Only while the activity’s door is open (tickets), or within the account’s hourly limit (memberships), for an approved club. Everyone who pays the same price gets the same answer; caps and the region are applied, and why a reduction does not apply is told to the holder alone. The look-up is logged for the holder.',
    security: SECURITY,
    'x-session-in-batch': true,
    request: { query: TariffQuerySchema },
    responses: {
      200: jsonResponse(PriceAnswerSchema, 'The price (messages: about the card, never about reductions)'),
      ...problems(...DOOR_PROBLEMS),
    },
  }),
  async (c) => {
    const query = c.req.valid('query');
    if (query.activityId) {
      const { row, notices, price } = await lookUpAtDoor(c, query.activityId, query);
      const passholder = { displayName: displayName(row.first_name, row.last_name) };
      return c.json({ passholder, ...price, messages: notices }, 200);
    }
    // A membership has no door window: the till's own checks, with the session loaded first.
    return c.json(await membershipPrice(c, query.offerId!, query), 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{municipalityId}/tariff-rules',
    tags: ['till'],
    summary:
      'Every version of the social tariff rules the municipality uses, its own and its region’s (municipality admin)',
    security: SECURITY,
    request: { params: MunicipalityParams },
    responses: {
      200: jsonResponse(TariffRuleListSchema, 'Rule versions, newest first'),
      ...problems('unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const { municipalityId } = c.req.valid('param');
    allow(hasMunicipalityRole(requireUser(c), municipalityId, 'municipality_admin'));
    return c.json({ items: await repo.listRules(c.env.DB, municipalityId) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/municipalities/{municipalityId}/tariff-rules',
    tags: ['till'],
    summary:
      'A new version of the social tariff rule, from a date on; past sales keep their version (municipality admin)',
    security: SECURITY,
    request: { params: MunicipalityParams, body: jsonBody(TariffRuleInputSchema) },
    responses: {
      201: jsonResponse(TariffRuleListSchema, 'Rule versions, newest first'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const { municipalityId } = c.req.valid('param');
    const user = requireUser(c);
    allow(hasMunicipalityRole(user, municipalityId, 'municipality_admin'));
    await addRule(c.env.DB, municipalityId, c.req.valid('json'), user.id, c.var.now);
    return c.json({ items: await repo.listRules(c.env.DB, municipalityId) }, 201);
  },
);

export default app;
