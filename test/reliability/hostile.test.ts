import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/demo/seed.ts';
import { BASE, call, demo, loginAs, type DemoRole } from '../helpers/api.ts';
import {
  AnswerChecker,
  harvest,
  idName,
  operationsOf,
  SchemaArbitraries,
  type Document,
  type FuzzRequest,
  type Operation,
  type Pools,
} from '../helpers/openapi-fuzz.ts';

/**
 * Cases per operation and caller: a first round of valid and nearly valid requests; where some answer is
 * none of 401, 403 and 404 (the caller gets past access checks and look-ups), a second, larger round.
 */
const FIRST_ROUND = { valid: 2, nearlyValid: 2 };
const SECOND_ROUND = { valid: 6, nearlyValid: 3 };
const SEED = 20261123;
/** Changes to a path parameter that make the URL another route's (or none): no longer this operation. */
const RESHAPES_PATH = /^path \w+: (empty|encoded slash)$/;

type Caller = {
  name: string;
  role: DemoRole | null;
  /** How the session travels: a bearer token, or the cookie (with our own Origin, as the browser app). */
  via: 'bearer' | 'cookie' | null;
  token?: string;
};

async function signIn(caller: Caller): Promise<void> {
  if (!caller.role) return;
  if (caller.via === 'bearer') {
    caller.token = await loginAs(caller.role);
    return;
  }
  const response = await call('/api/v1/auth/login', {
    body: { login: DEMO_ACCOUNTS[caller.role], password: DEMO_PASSWORD },
  });
  expect(response.status).toBe(200);
  caller.token = response.headers.get('set-cookie')!.match(/bp_session=([^;]+)/)![1];
}

function send(request: FuzzRequest, caller: Caller, method: string): Promise<Response> {
  const headers = { ...request.headers };
  if (caller.via === 'bearer') headers.authorization = `Bearer ${caller.token}`;
  if (caller.via === 'cookie') {
    headers.cookie = `bp_session=${caller.token}`;
    headers.origin = BASE;
  }
  return call(`${request.path}${request.query ? `?${request.query}` : ''}`, {
    method,
    headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  });
}

/**
 * Property: for every operation of the OpenAPI document and every role, requests generated from the
 * document's own schemas (valid ones, and nearly valid ones with one thing broken) are answered with a
 * status the document lists for that operation, with the documented media type and a body valid under the
 * documented schema (checked by @cfworker/json-schema); never a 5xx.
 */
describe('requests generated from the OpenAPI document, against every operation and role', () => {
  it('answers every case with a documented status and body, never a 5xx', { timeout: 240_000 }, async () => {
    const doc = (await (await call('/api/openapi.json')).json()) as Document;
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(100);
    const callers: Caller[] = [
      { name: 'anonymous', role: null, via: null },
      ...(['admin', 'counter', 'club', 'door', 'resident', 'neighbour'] as const).map((role): Caller => ({
        name: role,
        role,
        via: 'bearer',
      })),
      { name: 'resident (cookie)', role: 'resident', via: 'cookie' },
    ];
    await Promise.all(callers.map(signIn));

    // Ids, pass numbers and codes seen in answers make later requests reach further than a 404; the
    // demo accounts' own user ids are left out so that no case blocks or removes a caller.
    const excluded = new Set(
      await Promise.all((Object.keys(DEMO_ACCOUNTS) as DemoRole[]).map((role) => demo.user(role))),
    );
    const pools: Pools = new Map([
      ['passNumber', await Promise.all(['resident', 'neighbour'].map((k) => demo.passNumber(k)))],
      ['municipalityId', [await demo.demostad(), await demo.buurdorp()]],
      ['clubId', [await demo.sportsClub(), await demo.cultureClub(), await demo.pendingClub()]],
    ]);
    const arbitraries = new SchemaArbitraries(doc, pools);
    const checker = new AnswerChecker(doc);

    const failures = new Map<string, string>();
    const statuses = new Map<number, number>();
    const succeeded = new Set<string>();
    let cases = 0;

    const run = async (op: Operation, caller: Caller, request: FuzzRequest): Promise<number> => {
      let response = await send(request, caller, op.method);
      let text = await response.text();
      if (response.status === 401 && caller.role && /"unauthenticated"/.test(text)) {
        // The case signed the caller out (logout, password change): sign in again and retry once.
        await signIn(caller);
        response = await send(request, caller, op.method);
        text = await response.text();
      }
      cases++;
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const where = `${op.method} ${op.path} [${caller.name}]`;
      if (response.status >= 200 && response.status < 300) {
        succeeded.add(`${op.method} ${op.path}`);
        if (/json/.test(response.headers.get('content-type') ?? ''))
          harvest(
            pools,
            JSON.parse(text),
            excluded,
            idName(
              op.path
                .split('/')
                .filter((p) => p && !p.startsWith('{'))
                .at(-1)!,
            ),
          );
      }
      const signedOutFirst =
        op.signInRequired && !caller.role && response.status !== 401 && !RESHAPES_PATH.test(request.mutation);
      const problem =
        response.status >= 500
          ? { kind: 'server error', detail: text.slice(0, 300) }
          : signedOutFirst
            ? { kind: 'signed out but not 401', detail: text.slice(0, 200) }
            : checker.check(op, response.status, response.headers.get('content-type'), text);
      if (problem) {
        const key = `${where} ${response.status} ${problem.kind}`;
        if (!failures.has(key))
          failures.set(
            key,
            `${key}: ${problem.detail}\n    ${request.mutation}: ${op.method} ${request.path}?${request.query} ${request.body?.slice(0, 200) ?? ''}`,
          );
      }
      return response.status;
    };

    // GET operations first, so that their answers fill the pools for the writes.
    const ordered = [
      ...operations.filter((o) => o.method === 'GET'),
      ...operations.filter((o) => o.method !== 'GET'),
    ];
    for (const [i, op] of ordered.entries()) {
      const valid = arbitraries.validRequest(op);
      const nearlyValid = arbitraries.nearlyValidRequest(op);
      const sample = (round: typeof FIRST_ROUND, seed: number) => [
        ...fc.sample(valid, { numRuns: round.valid, seed }),
        ...fc.sample(nearlyValid, { numRuns: round.nearlyValid, seed }),
      ];
      await Promise.all(
        callers.map(async (caller, j) => {
          const seed = SEED + i * 31 + j;
          let reached = false;
          for (const request of sample(FIRST_ROUND, seed))
            reached = ![401, 403, 404].includes(await run(op, caller, request)) || reached;
          if (reached) for (const request of sample(SECOND_ROUND, seed + 1)) await run(op, caller, request);
        }),
      );
    }

    const count = (test: (status: number) => boolean) =>
      [...statuses].filter(([s]) => test(s)).reduce((sum, [, n]) => sum + n, 0);
    const serverErrors = count((s) => s >= 500);
    const undocumented = [...failures.keys()].filter((k) => k.endsWith('undocumented status')).length;
    const byKind = (kind: string) => [...failures.keys()].filter((k) => k.endsWith(kind)).length;
    console.log(
      `${cases} cases over ${operations.length} operations and ${callers.length} callers: ` +
        `${serverErrors} server errors, ${undocumented} undocumented statuses, ${byKind('not as documented')} bodies not as documented, ` +
        `${byKind('signed out but not 401')} signed-out answers other than 401, ${failures.size} failures in all; ` +
        `${succeeded.size} operations answered 2xx at least once; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect([...failures.values()].join('\n')).toBe('');
    expect(serverErrors).toBe(0);
    // Most operations are reached past validation and access checks by some caller.
    expect(succeeded.size).toBeGreaterThan(operations.length / 2);
  });
});

describe('limits', () => {
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
