import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { brusselsDate } from '../lib/time.ts';
import { asCounter } from './access.ts';
import * as repo from './repo.ts';
import {
  EntitlementInputSchema,
  EntitlementParams,
  EntitlementRuleInputSchema,
  EntitlementRuleListSchema,
  EntitlementRuleParams,
  MunicipalityParams,
  PassholderParams,
  SocialStatusSchema,
} from './schema.ts';
import * as service from './service.ts';

/** Entitlements (living wage, increased allowance, ...) and the municipality's rules on what they open. */
const app = new OpenAPIHono<AppEnv>();

const counterOnly = problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found');

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/entitlements',
    tags: ['social status'],
    summary:
      'Record an entitlement; where the municipality’s rule says so, it opens the status at once (counter staff)',
    security: SECURITY,
    request: { params: PassholderParams, body: jsonBody(EntitlementInputSchema) },
    responses: { 200: jsonResponse(SocialStatusSchema, 'The status now'), ...counterOnly },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const input = c.req.valid('json');
    const by = await asCounter(c, passholderId, `entitlement:${input.kind}`);
    return c.json(
      await service.recordEntitlement(c.env.DB, passholderId, input, by, brusselsDate(c.var.now)),
      200,
    );
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/entitlements/{entitlementId}/end',
    tags: ['social status'],
    summary: 'End an entitlement today, and the status it opened (counter staff)',
    security: SECURITY,
    request: { params: EntitlementParams },
    responses: { 200: jsonResponse(SocialStatusSchema, 'The status now'), ...counterOnly },
  }),
  async (c) => {
    const { passholderId, entitlementId } = c.req.valid('param');
    const { audit } = await asCounter(c, passholderId, 'entitlement:end');
    const today = brusselsDate(c.var.now);
    return c.json(await service.endEntitlement(c.env.DB, passholderId, entitlementId, audit, today), 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{municipalityId}/entitlement-rules',
    tags: ['social status'],
    summary:
      'Which entitlements open the status, for how long, with what grace (municipality admin, counter staff)',
    security: SECURITY,
    request: { params: MunicipalityParams },
    responses: {
      200: jsonResponse(EntitlementRuleListSchema, 'Rules'),
      ...problems('unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const { municipalityId } = c.req.valid('param');
    allow(hasMunicipalityRole(requireUser(c), municipalityId, 'municipality_admin', 'counter'));
    return c.json({ items: await repo.entitlementRules(c.env.DB, municipalityId) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'put',
    path: '/municipalities/{municipalityId}/entitlement-rules/{kind}',
    tags: ['social status'],
    summary: 'Set the rule for one entitlement kind (municipality admin)',
    security: SECURITY,
    request: { params: EntitlementRuleParams, body: jsonBody(EntitlementRuleInputSchema) },
    responses: {
      200: jsonResponse(EntitlementRuleListSchema, 'Rules'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const { municipalityId, kind } = c.req.valid('param');
    const user = requireUser(c);
    allow(hasMunicipalityRole(user, municipalityId, 'municipality_admin'));
    const rule = { kind, ...c.req.valid('json') };
    const at = c.var.now.toISOString();
    return c.json(
      { items: await service.setEntitlementRule(c.env.DB, municipalityId, rule, user.id, at) },
      200,
    );
  },
);

export default app;
