import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { yearMonths } from './months.ts';
import { yearFigures } from './repo.ts';
import { FiguresParams, FiguresSchema } from './schema.ts';

const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{municipalityId}/figures/{year}',
    tags: ['statements'],
    summary:
      'The year in figures for the policy team: reimbursed per club and month, lifts per neighbourhood and month, social-tariff use per category and month (aggregates only; municipality admin)',
    security: SECURITY,
    request: { params: FiguresParams },
    responses: {
      200: jsonResponse(FiguresSchema, 'The figures'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const { municipalityId, year } = c.req.valid('param');
    allow(hasMunicipalityRole(requireUser(c), municipalityId, 'municipality_admin'));
    const figures = await yearFigures(c.env.DB, municipalityId, year);
    return c.json({ municipalityId, year, months: yearMonths(year), ...figures }, 200);
  },
);

export default app;
