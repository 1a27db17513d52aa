import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import { findHousehold } from './repo.ts';
import { HouseholdParams, HouseholdSchema } from './schema.ts';

const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/households/{householdId}',
    tags: ['households'],
    summary: 'A household and its members (its own members, or counter staff of its municipality)',
    security: SECURITY,
    request: { params: HouseholdParams },
    responses: {
      200: jsonResponse(HouseholdSchema, 'The household'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const household = await findHousehold(c.env.DB, c.req.valid('param').householdId);
    if (!household) throw new Problem('not_found');
    allow(
      user.householdId === household.id || hasMunicipalityRole(user, household.municipalityId, 'counter'),
    );
    return c.json(household, 200);
  },
);

export default app;
