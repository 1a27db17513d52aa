import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { brusselsDate } from '../lib/time.ts';
import { municipalityImport } from './access.ts';
import {
  ConfirmedImportSchema,
  ImportAnswerSchema,
  ImportInputSchema,
  ImportParams,
  MunicipalityParams,
} from './schema.ts';
import * as service from './service.ts';

/** Lists of entitled people (CSV): a dry run, reading it back, and confirming it. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'post',
    path: '/municipalities/{municipalityId}/status-imports',
    tags: ['social status'],
    summary:
      'Dry run of a list of entitled people (CSV): matched, unmatched, ambiguous and unreadable rows with reason codes and file line numbers (municipality admin, counter staff)',
    description:
      'CSV with a header: `passNumber`, or `firstName`, `lastName`, `birthDate`, `postalCode` (Dutch and French names work too; comma or semicolon). Birth dates as `17/08/1948`, `17-08-1948`, `17.08.1948` or `1948-08-17`. Nothing is granted until the import is confirmed.',
    security: SECURITY,
    request: { params: MunicipalityParams, body: jsonBody(ImportInputSchema) },
    responses: {
      201: jsonResponse(ImportAnswerSchema, 'The dry run'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'payload_too_large'),
    },
  }),
  async (c) => {
    const { municipalityId } = c.req.valid('param');
    const user = requireUser(c);
    allow(hasMunicipalityRole(user, municipalityId, 'municipality_admin', 'counter'));
    const input = c.req.valid('json');
    const today = brusselsDate(c.var.now);
    return c.json(await service.dryRun(c.env.DB, municipalityId, input, user.id, c.var.now, today), 201);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/status-imports/{importId}',
    tags: ['social status'],
    summary: 'An import and its rows; the unmatched ones are the outreach list',
    security: SECURITY,
    request: { params: ImportParams },
    responses: {
      200: jsonResponse(ImportAnswerSchema, 'The import'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => c.json(service.importAnswer(await municipalityImport(c, c.req.valid('param').importId)), 200),
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/status-imports/{importId}/confirm',
    tags: ['social status'],
    summary:
      'Confirm an import: the matched people get the status. The same file confirmed twice changes nothing',
    security: SECURITY,
    request: { params: ImportParams },
    responses: {
      200: jsonResponse(ConfirmedImportSchema, 'Confirmed'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { importId } = c.req.valid('param');
    await municipalityImport(c, importId);
    const today = brusselsDate(c.var.now);
    return c.json(await service.confirmImport(c.env.DB, importId, requireUser(c).id, c.var.now, today), 200);
  },
);

export default app;
