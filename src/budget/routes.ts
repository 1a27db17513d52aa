import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { IdSchema, jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { BudgetInputSchema, BudgetSchema } from '../statements/schema.ts';
import { brusselsMidnight } from '../lib/periods.ts';
import { budgetUse, setBudget } from './repo.ts';

const app = new OpenAPIHono<AppEnv>();
const Params = z.object({ municipalityId: IdSchema, year: z.coerce.number().int().min(2020).max(2100) });

async function answer(db: D1Database, municipalityId: string, year: number) {
  const range = {
    start: brusselsMidnight(`${year}-01-01`).toISOString(),
    end: brusselsMidnight(`${year + 1}-01-01`).toISOString(),
  };
  const use = await budgetUse(db, municipalityId, range, year);
  const usedCents = use.byCategory.reduce((sum, c) => sum + c.cents, 0);
  const usedPct = use.amountCents ? Math.round((usedCents / use.amountCents) * 1000) / 10 : null;
  return {
    municipalityId,
    year,
    amountCents: use.amountCents,
    warningPct: use.warningPct,
    usedCents,
    remainingCents: use.amountCents === null ? null : use.amountCents - usedCents,
    usedPct,
    warning: usedPct !== null && usedPct >= use.warningPct,
    byCategory: use.byCategory,
    byClub: use.byClub,
  };
}

app.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{municipalityId}/budgets/{year}',
    tags: ['statements'],
    summary:
      'The year’s budget for the social tariff and its use, per category and per club, with the warning (municipality admin)',
    security: SECURITY,
    request: { params: Params },
    responses: {
      200: jsonResponse(BudgetSchema, 'Budget use'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const { municipalityId, year } = c.req.valid('param');
    allow(hasMunicipalityRole(requireUser(c), municipalityId, 'municipality_admin'));
    return c.json(await answer(c.env.DB, municipalityId, year), 200);
  },
);

app.openapi(
  createRoute({
    method: 'put',
    path: '/municipalities/{municipalityId}/budgets/{year}',
    tags: ['statements'],
    summary: 'Set the year’s budget and the warning threshold (municipality admin)',
    security: SECURITY,
    request: { params: Params, body: jsonBody(BudgetInputSchema) },
    responses: {
      200: jsonResponse(BudgetSchema, 'Budget use'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const { municipalityId, year } = c.req.valid('param');
    allow(hasMunicipalityRole(requireUser(c), municipalityId, 'municipality_admin'));
    const input = c.req.valid('json');
    await setBudget(c.env.DB, municipalityId, year, input.amountCents, input.warningPct);
    return c.json(await answer(c.env.DB, municipalityId, year), 200);
  },
);

export default app;
