import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { newId } from '../lib/ids.ts';
import { IdSchema, jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import * as repo from './repo.ts';
import {
  NeighbourhoodInputSchema,
  NeighbourhoodPatchSchema,
  NeighbourhoodSchema,
  RegionSchema,
} from './schema.ts';

const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/regions',
    tags: ['places'],
    summary: 'Regions (card systems) and their municipalities (public)',
    responses: { 200: jsonResponse(z.object({ items: z.array(RegionSchema) }), 'All regions') },
  }),
  async (c) => c.json({ items: await repo.listRegions(c.env.DB) }, 200),
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{municipalityId}/neighbourhoods',
    tags: ['places'],
    summary: 'Neighbourhoods of a municipality (public)',
    request: { params: z.object({ municipalityId: IdSchema }) },
    responses: {
      200: jsonResponse(z.object({ items: z.array(NeighbourhoodSchema) }), 'Neighbourhoods'),
      ...problems('not_found'),
    },
  }),
  async (c) => {
    const { municipalityId } = c.req.valid('param');
    if (!(await repo.municipalityExists(c.env.DB, municipalityId))) throw new Problem('not_found');
    return c.json({ items: await repo.listNeighbourhoods(c.env.DB, municipalityId) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/municipalities/{municipalityId}/neighbourhoods',
    tags: ['places'],
    summary: 'Add a neighbourhood (municipality admin)',
    security: SECURITY,
    request: { params: z.object({ municipalityId: IdSchema }), body: jsonBody(NeighbourhoodInputSchema) },
    responses: {
      201: jsonResponse(NeighbourhoodSchema, 'Created'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'neighbourhood_name_taken'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const { municipalityId } = c.req.valid('param');
    allow(hasMunicipalityRole(user, municipalityId, 'municipality_admin'));
    const created = await repo.insertNeighbourhood(
      c.env.DB,
      newId(),
      municipalityId,
      c.req.valid('json'),
      c.var.now.toISOString(),
    );
    if (!created)
      throw new Problem('neighbourhood_name_taken', { detail: 'A neighbourhood with this name exists' });
    return c.json(created, 201);
  },
);

app.openapi(
  createRoute({
    method: 'patch',
    path: '/neighbourhoods/{neighbourhoodId}',
    tags: ['places'],
    summary: 'Change a neighbourhood (municipality admin)',
    security: SECURITY,
    request: { params: z.object({ neighbourhoodId: IdSchema }), body: jsonBody(NeighbourhoodPatchSchema) },
    responses: {
      200: jsonResponse(NeighbourhoodSchema, 'Updated'),
      ...problems(
        'validation_failed',
        'unauthenticated',
        'forbidden',
        'not_found',
        'neighbourhood_name_taken',
      ),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const current = await repo.findNeighbourhood(c.env.DB, c.req.valid('param').neighbourhoodId);
    if (!current) throw new Problem('not_found');
    allow(hasMunicipalityRole(user, current.municipalityId, 'municipality_admin'));
    const updated = await repo.updateNeighbourhood(c.env.DB, current, c.req.valid('json'));
    if (!updated)
      throw new Problem('neighbourhood_name_taken', { detail: 'A neighbourhood with this name exists' });
    return c.json(updated, 200);
  },
);

export default app;
