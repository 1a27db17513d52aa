import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { call, loginAs } from '../helpers/api.ts';

type Doc = { paths: Record<string, Record<string, unknown>> };

const weird = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '..',
    '%00',
    '\u0000',
    '😀',
    'null',
    '-1',
    '1e309',
    "' OR 1=1 --",
    '<script>',
    'a'.repeat(300),
  ),
);
const json = fc.jsonValue({ maxDepth: 3 });

/**
 * Property: whatever arrives at any route of the OpenAPI document (random, malformed or oversized bodies,
 * odd path parameters and query strings, wrong media types), the answer is never a 5xx, and every error is
 * problem+json.
 */
describe('hostile input against every route', () => {
  it('never answers 5xx, and errors are problem+json', async () => {
    const doc = (await (await call('/api/openapi.json')).json()) as Doc;
    const tokens = [
      undefined,
      await loginAs('admin'),
      await loginAs('door'),
      await loginAs('resident'),
      await loginAs('counter'),
    ];
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ path, method: method.toUpperCase() })),
    );
    expect(routes.length).toBeGreaterThan(80);
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          fc.array(weird, { minLength: 3, maxLength: 3 }),
          fc.oneof(json, fc.string({ maxLength: 200 }), fc.constant(undefined)),
          fc.dictionary(
            fc.constantFrom(
              'limit',
              'cursor',
              'passNumber',
              'code',
              'from',
              'near',
              'km',
              'q',
              'birthDate',
              'activityId',
              'reason',
            ),
            weird,
            { maxKeys: 3 },
          ),
          fc.constantFrom(
            'application/json',
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/json; charset=utf-8',
          ),
          fc.integer({ min: 0, max: tokens.length - 1 }),
          async (params, body, query, contentType, who) => {
            let i = 0;
            const path = route.path.replace(/\{[^}]+\}/g, () =>
              encodeURIComponent(params[i++ % params.length] || 'x'),
            );
            const qs = new URLSearchParams(query).toString();
            const response = await call(`${path}${qs ? `?${qs}` : ''}`, {
              method: route.method,
              token: tokens[who],
              headers: { 'content-type': contentType },
              ...(route.method === 'GET' || body === undefined
                ? {}
                : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
            });
            const text = await response.text();
            expect(response.status, `${route.method} ${path}?${qs}: ${text.slice(0, 300)}`).toBeLessThan(500);
            if (response.status >= 400)
              expect(response.headers.get('content-type')).toBe('application/problem+json');
          },
        ),
        { numRuns: 12, seed: 20261122 },
      );
    }
  });

  it('answers an oversized body with 413 and an oversized page with 400', async () => {
    const admin = await loginAs('admin');
    const big = await call('/api/v1/auth/login', {
      body: JSON.stringify({ login: 'x'.repeat(100_000), password: 'y' }),
    });
    expect(big.status).toBe(413);
    const page = await call('/api/v1/activities?limit=100000');
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toBe('application/problem+json');
    const deep = await call('/api/v1/me', {
      method: 'PATCH',
      token: admin,
      body: '['.repeat(5000) + ']'.repeat(5000),
    });
    expect(deep.status).toBe(400);
  });
});
