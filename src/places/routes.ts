import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import * as repo from './repo.ts';
import {
  MunicipalityParams,
  NeighbourhoodInputSchema,
  NeighbourhoodListSchema,
  NeighbourhoodParams,
  NeighbourhoodPatchSchema,
  NeighbourhoodSchema,
  RegionListSchema,
} from './schema.ts';
import * as service from './service.ts';
import socialHouse from './social-house.ts';

/**
 * Places: the regions with their municipalities, a municipality's neighbourhoods, and its Social House's
 * phone and address (social-house.ts).
 */
const app = new OpenAPIHono<AppEnv>();
app.route('/', socialHouse);

app.openapi(
  createRoute({
    method: 'get',
    path: '/regions',
    tags: ['places'],
    summary: 'Regions (card systems) and their municipalities (public)',
    responses: { 200: jsonResponse(RegionListSchema, 'All regions') },
  }),
  async (c) => c.json({ items: await repo.listRegions(c.env.DB) }, 200),
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{municipalityId}/neighbourhoods',
    tags: ['places'],
    summary: 'Neighbourhoods of a municipality (public)',
    request: { params: MunicipalityParams },
    responses: {
      200: jsonResponse(NeighbourhoodListSchema, 'Neighbourhoods'),
      ...problems('not_found'),
    },
  }),
  async (c) => {
    const { municipalityId } = c.req.valid('param');
    return c.json({ items: await service.neighbourhoodsOf(c.env.DB, municipalityId) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/municipalities/{municipalityId}/neighbourhoods',
    tags: ['places'],
    summary: 'Add a neighbourhood (municipality admin)',
    security: SECURITY,
    request: { params: MunicipalityParams, body: jsonBody(NeighbourhoodInputSchema) },
    responses: {
      201: jsonResponse(NeighbourhoodSchema, 'Created'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'neighbourhood_name_taken'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const { municipalityId } = c.req.valid('param');
    allow(hasMunicipalityRole(user, municipalityId, 'municipality_admin'));
    return c.json(await service.add(c.env.DB, municipalityId, c.req.valid('json'), c.var.now), 201);
  },
);

app.openapi(
  createRoute({
    method: 'patch',
    path: '/neighbourhoods/{neighbourhoodId}',
    tags: ['places'],
    summary: 'Change a neighbourhood (municipality admin)',
    security: SECURITY,
    request: { params: NeighbourhoodParams, body: jsonBody(NeighbourhoodPatchSchema) },
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
    const current = await service.loadNeighbourhood(c.env.DB, c.req.valid('param').neighbourhoodId);
    allow(hasMunicipalityRole(user, current.municipalityId, 'municipality_admin'));
    return c.json(await service.change(c.env.DB, current, c.req.valid('json')), 200);
  },
);

export default app;
