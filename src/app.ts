import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { Context } from 'hono';
import type { AppEnv } from './env.ts';
import activityRoutes from './activities/routes.ts';
import authRoutes, { jwks } from './auth/routes.ts';
import { loadSession } from './auth/session.ts';
import clubRoutes from './clubs/routes.ts';
import { renderDocs } from './docs/page.ts';
import householdRoutes from './households/routes.ts';
import { probeDatabase, type Fault, type Probe } from './lib/d1-probe.ts';
import { negotiateLocale } from './lib/i18n.ts';
import { finishDocument, type OpenApiDocument } from './lib/openapi-document.ts';
import {
  checkParameters,
  compileRoutes,
  findOperation,
  operationTable,
  unmatchedProblem,
} from './lib/operations.ts';
import { Problem, problemBody } from './lib/problem.ts';
import { validationProblem } from './lib/validation.ts';
import { relay } from './messages/outbox.ts';
import messageRoutes from './messages/routes.ts';
import passRoutes from './passes/routes.ts';
import placeRoutes from './places/routes.ts';
import pointRoutes from './points/routes.ts';
import rewardRoutes from './rewards/routes.ts';
import rideRoutes from './rides/routes.ts';
import rightsRoutes from './rights/routes.ts';
import signupRoutes from './signups/routes.ts';
import budgetRoutes from './budget/routes.ts';
import figureRoutes from './figures/routes.ts';
import outreachRoutes from './outreach/routes.ts';
import salesRoutes from './sales/routes.ts';
import membershipRoutes from './memberships/routes.ts';
import statementRoutes from './statements/routes.ts';
import scanRoutes from './scans/routes.ts';
import statusRoutes from './status/routes.ts';
import tariffRoutes from './tariffs/routes.ts';
import staffRoutes from './staff/routes.ts';

/** Largest JSON body the API reads. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Largest body of a status import (a CSV of some tens of thousands of people). */
export const MAX_IMPORT_BYTES = 3 * 1024 * 1024;

const OPENAPI_CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'Buurtpas',
    version: '0.1.0',
    description:
      'One pass for every resident, a fair price for some, a lift for all. JSON under /api/v1; errors are RFC 9457 problem+json.',
  },
};

function renderProblem(c: Context<AppEnv>, problem: Problem): Response {
  const body = problemBody(
    problem,
    c.get('locale') ?? 'nl',
    new URL(c.req.url).pathname,
    c.get('requestId') ?? '',
  );
  c.header('X-Request-Id', body.requestId);
  return c.newResponse(JSON.stringify(body), body.status as 400, {
    'content-type': 'application/problem+json',
    ...problem.options.headers,
  });
}

function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  if (error instanceof HTTPException) {
    if (error.status === 400 && /json/i.test(error.message))
      return new Problem('malformed_json', { detail: error.message });
    if (error.status === 413) return new Problem('payload_too_large');
    if (error.status === 415) return new Problem('unsupported_media_type', { detail: error.message });
    if (error.status === 401) return new Problem('unauthenticated');
    if (error.status === 404) return new Problem('not_found');
    if (error.status < 500) return new Problem('validation_failed', { detail: error.message });
  }
  // Faults injected by the tests' D1 probe are expected; anything else is worth a log line.
  if (!String(error).includes('injected D1 failure')) console.error('unhandled error', error);
  return new Problem('internal_error');
}

/** The whole application: used by the Worker entry and by the tests. */
export function createApp() {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationProblem(result.error, result.target);
    },
  });

  app.use('*', requestId({ headerName: 'X-Request-Id', limitLength: 64 }));
  // After a write, hand the messages it wrote to the outbox queue, once the answer is on its way (the cron
  // relays whatever this misses). Registered before the D1 probe, so it uses the plain database and never
  // counts in a request's round trips. Not after the door's requests: they write no message that leaves
  // the app, and their one round trip stays one.
  app.use('/api/v1/*', async function relayOutbox(c, next) {
    const env = c.env;
    await next();
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.res.status >= 400) return;
    if (operationOf(c)?.sessionInBatch) return;
    c.executionCtx.waitUntil(
      relay(env.DB, env.OUTBOX_QUEUE, new Date()).catch((error: unknown) =>
        console.error('outbox relay after a write', error),
      ),
    );
  });
  app.use('*', async function measure(c, next) {
    const failHeader =
      c.env.TEST_CLOCK === 'on' ? c.req.header('x-test-fail')?.match(/^(\d+):(before|after)$/) : null;
    if (c.env.D1_METRICS !== 'on' && !failHeader) return next();
    const probe: Probe = { roundTrips: 0, rowsRead: 0, rowsWritten: 0 };
    const fault: Fault | null = failHeader
      ? { call: Number(failHeader[1]), when: failHeader[2] as Fault['when'] }
      : null;
    c.env = { ...c.env, DB: probeDatabase(c.env.DB, probe, fault) };
    await next();
    c.res.headers.set('X-D1-Round-Trips', String(probe.roundTrips));
    c.res.headers.set('X-D1-Rows-Read', String(probe.rowsRead));
    c.res.headers.set('X-D1-Rows-Written', String(probe.rowsWritten));
  });
  app.use('*', async function clockAndLocale(c, next) {
    const testNow = c.env.TEST_CLOCK === 'on' ? c.req.header('x-test-now') : undefined;
    c.set('now', testNow && !Number.isNaN(Date.parse(testNow)) ? new Date(testNow) : new Date());
    c.set('locale', negotiateLocale(c.req.header('accept-language')));
    await next();
  });
  // Who is calling, then whether the operation needs a signed-in user: a signed-out call to a protected
  // operation answers 401 before any validation or look-up, so answers never tell what exists.
  let operations: ReturnType<typeof operationTable> | undefined;
  const operationOf = (c: Context<AppEnv>) =>
    findOperation(c, (operations ??= operationTable(app.openAPIRegistry.definitions)));
  // The door's operations check the session in their own batch (one round trip), unless the request has an
  // Idempotency-Key: stored answers are per user, so that user is loaded first.
  const sessionInBatch = (c: Context<AppEnv>) =>
    operationOf(c)?.sessionInBatch === true && !c.req.header('idempotency-key');
  app.use('/api/v1/*', loadSession(sessionInBatch));
  app.use('/api/v1/*', async function guardOperation(c, next) {
    const operation = operationOf(c);
    if (operation) {
      if (operation.signInRequired && !c.get('user') && !c.get('token')) throw new Problem('unauthenticated');
      checkParameters(c, operation);
    }
    await next();
  });
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new Problem('payload_too_large', { detail: `The body is larger than ${maxSize} bytes` });
      },
    });
  const [small, large] = [limit(MAX_BODY_BYTES), limit(MAX_IMPORT_BYTES)];
  app.use('/api/*', function sizeLimit(c, next) {
    return (c.req.path.endsWith('/status-imports') ? large : small)(c, next);
  });
  app.use('/api/v1/*', async function requireJson(c, next) {
    const method = c.req.method;
    const type = c.req.header('content-type');
    if (
      (method === 'POST' || method === 'PUT' || method === 'PATCH') &&
      type &&
      !/^application\/json\b/i.test(type)
    ) {
      throw new Problem('unsupported_media_type', { detail: `Expected application/json, got ${type}` });
    }
    await next();
  });

  app.get('/api/health', (c) => c.json({ status: 'ok' }));
  const features = [
    authRoutes,
    placeRoutes,
    clubRoutes,
    staffRoutes,
    householdRoutes,
    passRoutes,
    scanRoutes,
    statusRoutes,
    tariffRoutes,
    salesRoutes,
    membershipRoutes,
    statementRoutes,
    budgetRoutes,
    figureRoutes,
    activityRoutes,
    signupRoutes,
    pointRoutes,
    rewardRoutes,
    rideRoutes,
    rightsRoutes,
    messageRoutes,
    outreachRoutes,
  ];
  for (const routes of features) app.route('/api/v1', routes);
  app.route('/', jwks);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'cookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'bp_session',
  });
  let document: OpenApiDocument | undefined;
  const openApiDocument = () =>
    (document ??= finishDocument(app.getOpenAPI31Document(OPENAPI_CONFIG) as unknown as OpenApiDocument));
  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/api/docs', (c) => c.html(renderDocs(openApiDocument() as never)));

  let routes: ReturnType<typeof compileRoutes> | undefined;
  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    if (path.startsWith('/api/') || path.startsWith('/.well-known/')) {
      routes ??= compileRoutes(app.routes);
      const problem =
        unmatchedProblem(routes, c.req.method, path) ??
        new Problem('not_found', { detail: `No route ${c.req.method} ${path}` });
      return renderProblem(c, problem);
    }
    return c.env.ASSETS.fetch(c.req.raw);
  });
  app.onError((error, c) => renderProblem(c, toProblem(error)));
  return app;
}
