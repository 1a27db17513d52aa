import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { MunicipalityParams, SocialHouseInputSchema, SocialHouseSchema } from './schema.ts';
import * as service from './service.ts';

/** The Social House's phone and address, named in every e-mail, SMS and letter so a person can call. */
const app = new OpenAPIHono<AppEnv>();

const path = '/municipalities/{municipalityId}/social-house';

app.openapi(
  createRoute({
    method: 'get',
    path,
    tags: ['places'],
    summary: 'The Social House’s phone and address (counter staff or admin of the municipality)',
    description: 'Both are null until the municipality admin sets them.',
    security: SECURITY,
    request: { params: MunicipalityParams },
    responses: {
      200: jsonResponse(SocialHouseSchema, 'The phone and address'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { municipalityId } = c.req.valid('param');
    allow(
      hasMunicipalityRole(requireUser(c), municipalityId, 'counter', 'municipality_admin'),
      'Counter staff or admins of this municipality only',
    );
    return c.json(await service.socialHouseOf(c.env.DB, municipalityId), 200);
  },
);

app.openapi(
  createRoute({
    method: 'put',
    path,
    tags: ['places'],
    summary: 'Set the Social House’s phone and address (municipality admin)',
    description:
      'The phone is printed as given on every letter and named in every e-mail and SMS: a Belgian number as people ' +
      'write it (`050 12 34 56`, `+32 50 12 34 56`, `050/12.34.56`); one that is not is a `validation_failed` ' +
      'problem on `/phone`. The address is optional; its lines are trimmed and empty lines left out.',
    security: SECURITY,
    request: { params: MunicipalityParams, body: jsonBody(SocialHouseInputSchema) },
    responses: {
      200: jsonResponse(SocialHouseSchema, 'Saved'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { municipalityId } = c.req.valid('param');
    allow(hasMunicipalityRole(requireUser(c), municipalityId, 'municipality_admin'));
    return c.json(await service.setSocialHouse(c.env.DB, municipalityId, c.req.valid('json')), 200);
  },
);

export default app;
