import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/demo/seed.ts';
import { BASE, call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import { createActivity } from '../helpers/fixtures.ts';

/** Signs in as the browser app does and returns the session cookie's value. */
async function cookieOf(role: keyof typeof DEMO_ACCOUNTS): Promise<string> {
  const response = await call('/api/v1/auth/login', {
    body: { login: DEMO_ACCOUNTS[role], password: DEMO_PASSWORD },
  });
  expect(response.status).toBe(200);
  return response.headers.get('set-cookie')!.match(/bp_session=([^;]+)/)![1]!;
}

const withCookie = (cookie: string, headers: Record<string, string> = {}) => ({
  cookie: `bp_session=${cookie}`,
  ...headers,
});

describe('requests from another site (CSRF)', () => {
  it('refuses an unsafe request that relies on the cookie from another origin, and changes nothing', async () => {
    const cookie = await cookieOf('resident');
    const activity = (await createActivity({ capacity: 10 })).id;
    const { signups } = await json<{ signups: { id: string }[] }>(
      `/api/v1/activities/${activity}/signups`,
      201,
      {
        method: 'POST',
        headers: withCookie(cookie, { origin: BASE }),
        body: { passholderIds: [await demo.id('passholder:resident')] },
      },
    );
    const signup = signups[0]!.id;
    for (const headers of <Record<string, string>[]>[
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { origin: BASE.replace('https:', 'http:') },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ]) {
      await expectProblem(
        await call(`/api/v1/signups/${signup}/cancel`, {
          method: 'POST',
          headers: withCookie(cookie, headers),
        }),
        403,
        'forbidden_origin',
      );
      await expectProblem(
        await call('/api/v1/auth/logout', { method: 'POST', headers: withCookie(cookie, headers) }),
        403,
        'forbidden_origin',
      );
    }
    // Still signed in and still signed up.
    await json('/api/v1/me', 200, { headers: withCookie(cookie) });
    const mine = await json<{ items: { id: string; status: string }[] }>('/api/v1/me/signups', 200, {
      headers: withCookie(cookie),
    });
    expect(mine.items.find((s) => s.id === signup)?.status).toBe('confirmed');

    // Reading is not refused; our own pages (and clients that are no browser) may write.
    await json('/api/v1/me', 200, { headers: withCookie(cookie, { origin: 'http://evil.example' }) });
    await json(`/api/v1/signups/${signup}/cancel`, 200, {
      method: 'POST',
      headers: withCookie(cookie, { origin: BASE, 'sec-fetch-site': 'same-origin' }),
    });
    const logout = await call('/api/v1/auth/logout', { method: 'POST', headers: withCookie(cookie) });
    expect(logout.status).toBe(204);
  });

  it('leaves bearer-token clients alone, whatever their origin', async () => {
    const token = await loginAs('resident');
    const response = await call('/api/v1/auth/logout', {
      method: 'POST',
      token,
      headers: { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(response.status).toBe(204);
  });
});

describe('the session cookie', () => {
  const login = (url: string, headers: Record<string, string> = {}) =>
    exports.default.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ login: DEMO_ACCOUNTS.neighbour, password: DEMO_PASSWORD }),
    });

  it('is Secure, httpOnly and SameSite=Lax over https, also behind a proxy that terminates TLS', async () => {
    for (const response of [
      await login(`${BASE}/api/v1/auth/login`),
      await login('http://buurtpas.test/api/v1/auth/login', { 'x-forwarded-proto': 'https' }),
    ]) {
      expect(response.status).toBe(200);
      const cookie = response.headers.get('set-cookie')!;
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
    }
    // Plain http (local development): a Secure cookie would not be stored.
    const plain = await login('http://localhost:8787/api/v1/auth/login');
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/);
  });

  it('is cleared with the same attributes at logout', async () => {
    const cookie = await cookieOf('neighbour');
    const response = await call('/api/v1/auth/logout', {
      method: 'POST',
      headers: withCookie(cookie, { origin: BASE }),
    });
    expect(response.status).toBe(204);
    const cleared = response.headers.get('set-cookie')!;
    expect(cleared).toMatch(/^bp_session=;/);
    expect(cleared).toMatch(/Max-Age=0/);
    expect(cleared).toMatch(/; Secure/);
  });
});
