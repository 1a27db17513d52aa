import { env } from 'cloudflare:workers';
import { importJWK, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { call, demo, loginAs, type DemoRole } from '../helpers/api.ts';

type Doc = { paths: Record<string, Record<string, { security?: unknown[] }>> };

/** A fingerprint of every table's row count: a forbidden call must not change it. */
async function fingerprint(): Promise<string> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'",
  ).all<{ name: string }>();
  const counts = await env.DB.batch(
    results.map((t) => env.DB.prepare(`SELECT count(*) AS n FROM "${t.name}"`)),
  );
  return results.map((t, i) => `${t.name}:${(counts[i]!.results[0] as { n: number }).n}`).join(',');
}

describe('every role against every protected route, in another scope', () => {
  it('forbidden calls get 401/403/404 (or a 4xx problem) and change nothing', async () => {
    const doc = (await (await call('/api/openapi.json')).json()) as Doc;
    // Resources that belong to nobody signing in here: Buurdorp's club, household, resident and activity.
    const foreign: Record<string, string> = {
      clubId: await demo.cultureClub(),
      municipalityId: await demo.buurdorp(),
      householdId: await demo.household('h9'),
      passholderId: await demo.id('passholder:r15'),
      activityId: await demo.id('activity:concert'),
      userId: await demo.id('user:admin'),
    };
    const roles: (DemoRole | null)[] = [null, 'resident', 'neighbour', 'door', 'club', 'counter', 'admin'];
    const tokens = await Promise.all(roles.map((r) => (r ? loginAs(r) : Promise.resolve(undefined))));
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(
          ([, op]) =>
            op.security?.length &&
            /\{(clubId|municipalityId|householdId|passholderId|activityId|userId)\}/.test(path),
        )
        .map(([method]) => ({ path, method: method.toUpperCase() })),
    );
    expect(routes.length).toBeGreaterThan(40);
    // Activities are open to every resident of the region: signing up (and sharing lifts) for another
    // municipality's activity is allowed, not a scope breach.
    const open = (who: string, path: string) =>
      ['resident', 'neighbour'].includes(who) &&
      /^\/api\/v1\/activities\/\{activityId\}\/(signups|ride-offers|ride-requests)$/.test(path);
    const unexpected: string[] = [];
    for (const route of routes) {
      for (const [i, token] of tokens.entries()) {
        const who = roles[i] ?? 'anonymous';
        if (open(who, route.path)) continue;
        const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => foreign[name] ?? 'nope');
        const before = route.method === 'GET' ? '' : await fingerprint();
        const response = await call(path, {
          method: route.method,
          token,
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: {} }),
        });

        if (response.status >= 500)
          unexpected.push(`${who} ${route.method} ${route.path}: ${response.status}`);
        if (response.status < 300)
          unexpected.push(`${who} ${route.method} ${route.path}: allowed (${response.status})`);
        if (response.status >= 400)
          expect(response.headers.get('content-type')).toBe('application/problem+json');
        if (route.method !== 'GET' && (await fingerprint()) !== before)
          unexpected.push(`${who} ${route.method} ${route.path}: changed data`);
        if (!token) expect([400, 401], `${route.method} ${path}`).toContain(response.status);
      }
    }
    expect(unexpected).toEqual([]);
  });
});

describe('token abuse', () => {
  it('refuses algorithm confusion, wrong issuer, not yet valid, unknown key and oversized tokens', async () => {
    const session = (await (
      await call('/api/v1/auth/login', { body: { login: 'counter@demo.local', password: 'demo-password' } })
    ).json()) as { token: string };
    const claims = JSON.parse(
      atob(session.token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')),
    ) as Record<string, unknown>;
    const [jwk] = JSON.parse(env.SIGNING_KEYS) as (Record<string, string> & { kid: string })[];
    const key = await importJWK(jwk!, 'EdDSA');
    const sign = (payload: Record<string, unknown>, header: Record<string, unknown> = {}) =>
      new SignJWT(payload)
        .setProtectedHeader({ alg: 'EdDSA', kid: jwk!.kid, typ: 'session+jwt', ...header })
        .sign(key);
    const hmacKey = new TextEncoder().encode(jwk!.x);
    const confused = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: jwk!.kid, typ: 'session+jwt' })
      .sign(hmacKey);
    const cases = {
      confused,
      wrongIssuer: await sign({ ...claims, iss: 'elsewhere' }),
      notYetValid: await sign({ ...claims, nbf: Math.floor(Date.now() / 1000) + 3600 }),
      unknownKid: await sign(claims, { kid: 'nope' }),
      oversized: (await sign(claims)) + 'A'.repeat(5000),
      garbage: 'not.a.token',
    };
    for (const [name, token] of Object.entries(cases)) {
      const response = await call('/api/v1/me', { token });
      expect(response.status, name).toBe(401);
    }
    expect((await call('/api/v1/me', { token: await sign(claims) })).status).toBe(200);
  });
});
