import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import * as repo from './repo.ts';
import { MunicipalityParams, RenewalListSchema } from './schema.ts';

/** The renewal list: statuses ending soon or in their grace period, as the nightly job found them. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{municipalityId}/renewals',
    tags: ['social status'],
    summary:
      'Statuses ending within 60 days or in their grace period, as the nightly job found them (municipality admin, counter staff)',
    security: SECURITY,
    request: { params: MunicipalityParams },
    responses: {
      200: jsonResponse(RenewalListSchema, 'The renewal list'),
      ...problems('unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const { municipalityId } = c.req.valid('param');
    allow(hasMunicipalityRole(requireUser(c), municipalityId, 'municipality_admin', 'counter'));
    return c.json({ items: await repo.renewals(c.env.DB, municipalityId) }, 200);
  },
);

export default app;
