import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import { brusselsDate } from '../lib/time.ts';
import { sessionUser } from '../auth/session.ts';
import { lookUpAtDoor } from '../door/service.ts';
import { requireClubStaff } from '../auth/access.ts';
import { displayName } from '../passes/people.ts';
import { municipalityRegion } from '../places/repo.ts';
import * as repo from './repo.ts';
import {
  MunicipalityParams,
  PriceAnswerSchema,
  TariffQuerySchema,
  TariffRuleInputSchema,
  TariffRuleListSchema,
} from './schema.ts';
import { DOOR_PROBLEMS, lookUp, lookupAudit, priceAnswer } from './service.ts';

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
    await sessionUser(c);
    const user = requireClubStaff(c);
    const target: repo.Target = { kind: 'membership', offerId: query.offerId! };
    const { facts, holder, notices } = await lookUp(c, user, target, query);
    const { answer } = await priceAnswer(c.env.SIGNING_KEYS, facts, holder, target, c.var.now);
    await lookupAudit(c.env.DB, holder.id, user, 'door_price', facts.seller.title, c.var.now).run();
    const passholder = { displayName: displayName(holder.firstName, holder.lastName) };
    return c.json({ passholder, ...answer, messages: notices }, 200);
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
    const input = c.req.valid('json');
    const today = brusselsDate(c.var.now);
    const validFrom = input.validFrom ?? today;
    if (validFrom < today) {
      throw new Problem('validation_failed', {
        detail: 'A rule cannot start in the past',
        fields: [
          {
            pointer: '/validFrom',
            code: 'invalid',
            messages: {
              nl: 'Een regel kan niet in het verleden beginnen.',
              fr: 'Une règle ne peut pas commencer dans le passé.',
              en: 'A rule cannot start in the past.',
            },
          },
        ],
      });
    }
    const owner =
      input.scope === 'region'
        ? { municipalityId: null, regionId: await municipalityRegion(c.env.DB, municipalityId) }
        : { municipalityId, regionId: null };
    await repo.addRuleVersion(c.env.DB, owner, input, validFrom, user.id, c.var.now.toISOString());
    return c.json({ items: await repo.listRules(c.env.DB, municipalityId) }, 201);
  },
);

export default app;
