import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { BudgetInputSchema, BudgetParams, BudgetSchema } from './schema.ts';
import * as service from './service.ts';

/** A municipality's yearly budget for the social tariff, and its use. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{municipalityId}/budgets/{year}',
    tags: ['statements'],
    summary:
      'The year’s budget for the social tariff and its use, per category and per club, with the warning (municipality admin)',
    security: SECURITY,
    request: { params: BudgetParams },
    responses: {
      200: jsonResponse(BudgetSchema, 'Budget use'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const { municipalityId, year } = c.req.valid('param');
    allow(hasMunicipalityRole(requireUser(c), municipalityId, 'municipality_admin'));
    return c.json(await service.budgetOf(c.env.DB, municipalityId, year), 200);
  },
);

app.openapi(
  createRoute({
    method: 'put',
    path: '/municipalities/{municipalityId}/budgets/{year}',
    tags: ['statements'],
    summary: 'Set the year’s budget and the warning threshold (municipality admin)',
    security: SECURITY,
    request: { params: BudgetParams, body: jsonBody(BudgetInputSchema) },
    responses: {
      200: jsonResponse(BudgetSchema, 'Budget use'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const { municipalityId, year } = c.req.valid('param');
    allow(hasMunicipalityRole(requireUser(c), municipalityId, 'municipality_admin'));
    return c.json(await service.setBudget(c.env.DB, municipalityId, year, c.req.valid('json')), 200);
  },
);

export default app;
