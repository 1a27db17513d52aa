import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { MunicipalityParams, TakeUpQuery, TakeUpSchema } from './schema.ts';
import * as service from './service.ts';

/** The policy team's take-up dashboard: aggregates per neighbourhood and month, small counts as "< 5". */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{municipalityId}/take-up',
    tags: ['outreach'],
    summary:
      'Take-up per neighbourhood and month: entitled, status active, pass activated, pass used in six months, rights opened (aggregates only; municipality admin or counter staff)',
    security: SECURITY,
    request: { params: MunicipalityParams, query: TakeUpQuery },
    responses: {
      200: jsonResponse(TakeUpSchema, 'The counts'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const { municipalityId } = c.req.valid('param');
    allow(hasMunicipalityRole(requireUser(c), municipalityId, 'municipality_admin', 'counter'));
    return c.json(await service.takeUp(c.env.DB, municipalityId, c.req.valid('query'), c.var.now), 200);
  },
);

export default app;
