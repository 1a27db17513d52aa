import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { MunicipalityMonthParams, StatementSummaryListSchema } from './schema.ts';
import * as service from './service.ts';

/** A municipality's month: every club's statement, with totals and status. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{municipalityId}/statements/{month}',
    tags: ['statements'],
    summary:
      'Every club’s statement of a month, with totals and status (municipality admin); the lines of one club are at `/clubs/{clubId}/statements/{month}/lines`',
    security: SECURITY,
    request: { params: MunicipalityMonthParams },
    responses: {
      200: jsonResponse(StatementSummaryListSchema, 'Statements'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const { municipalityId, month } = c.req.valid('param');
    allow(hasMunicipalityRole(requireUser(c), municipalityId, 'municipality_admin'));
    return c.json({ items: await service.summaries(c.env.DB, municipalityId, month, c.var.now) }, 200);
  },
);

export default app;
