import { env } from 'cloudflare:workers';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.ts';
import { formatPassNumber } from '../../src/lib/pass-number.ts';
import { call, demo, expectProblem, json, loginAs, unique } from '../helpers/api.ts';
import { createStaffUser } from '../helpers/fixtures.ts';

type Session = {
  token: string;
  expiresAt: string;
  user: { id: string; roles: string[]; passholderId: string | null };
};

describe('login', () => {
  it('signs in by email with a token and an httpOnly session cookie', async () => {
    const response = await call('/api/v1/auth/login', {
      body: { login: 'ADMIN@demo.local', password: DEMO_PASSWORD },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Session;
    expect(body.token.split('.')).toHaveLength(3);
    expect(body.user).toMatchObject({
      id: await demo.user('admin'),
      roles: ['municipality_admin'],
      passholderId: null,
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^bp_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Secure/i);
  });

  it('signs in a resident by pass number, also typed with spaces', async () => {
    const passNumber = await demo.passNumber('resident');
    const body = await json<Session>('/api/v1/auth/login', 200, {
      body: { login: formatPassNumber(passNumber), password: DEMO_PASSWORD },
    });
    expect(body.user.roles).toEqual(['resident']);
    expect(body.user.passholderId).toBe(await demo.id('passholder:resident'));
  });

  it('refuses a wrong password and an unknown login with the same problem', async () => {
    const wrong = await expectProblem(
      await call('/api/v1/auth/login', { body: { login: 'counter@demo.local', password: 'nope' } }),
      401,
      'invalid_credentials',
    );
    const unknown = await expectProblem(
      await call('/api/v1/auth/login', { body: { login: 'nobody@demo.local', password: 'nope' } }),
      401,
      'invalid_credentials',
    );
    expect(wrong.message).toBe(unknown.message);
    expect(wrong.message).toBe(wrong.messages.nl);
  });

  it('lists invalid fields with JSON pointers, in the asked language', async () => {
    const response = await call('/api/v1/auth/login', {
      body: { login: '' },
      headers: { 'accept-language': 'en' },
    });
    const body = await expectProblem(response, 400, 'validation_failed');
    expect(body.message).toBe(body.messages.en);
    const pointers = (body.fields as { pointer: string; code: string }[])
      .map((f) => `${f.pointer}:${f.code}`)
      .sort();
    expect(pointers).toEqual(['/login:too_small', '/password:required']);
  });

  it('answers malformed JSON, a wrong media type and an oversized body with problems', async () => {
    await expectProblem(await call('/api/v1/auth/login', { body: '{"login":' }), 400, 'malformed_json');
    await expectProblem(
      await call('/api/v1/auth/login', {
        body: 'login=a',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
      'unsupported_media_type',
    );
    await expectProblem(
      await call('/api/v1/auth/login', { body: { login: 'x'.repeat(70_000), password: 'y' } }),
      413,
      'payload_too_large',
    );
  });
});

describe('sessions', () => {
  it('answers /me by bearer token and by cookie', async () => {
    const response = await call('/api/v1/auth/login', {
      body: { login: 'club@demo.local', password: DEMO_PASSWORD },
    });
    const { token } = (await response.json()) as Session;
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    const expected = {
      id: await demo.user('club'),
      roles: ['club_admin'],
      municipalityId: null,
      clubIds: [await demo.sportsClub()],
      passholderId: null,
    };
    expect(await json('/api/v1/me', 200, { token })).toMatchObject(expected);
    expect(await json('/api/v1/me', 200, { headers: { cookie } })).toMatchObject(expected);
  });

  it('requires a session for /me', async () => {
    await expectProblem(await call('/api/v1/me'), 401, 'unauthenticated');
  });

  it('revokes the session at logout', async () => {
    const token = await loginAs('counter');
    await json('/api/v1/me', 200, { token });
    const response = await call('/api/v1/auth/logout', { method: 'POST', token });
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toMatch(/bp_session=;/);
    await expectProblem(await call('/api/v1/me', { token }), 401, 'unauthenticated');
  });

  it('refuses expired, tampered, foreign and unsigned tokens', async () => {
    const token = await loginAs('neighbour');
    const later = new Date(Date.now() + 16 * 60_000).toISOString();
    await expectProblem(await call('/api/v1/me', { token, now: later }), 401, 'unauthenticated');

    const [header, payload, signature] = token.split('.') as [string, string, string];
    // Change a character in the middle of the signature (never a padding bit).
    const middle = Math.floor(signature.length / 2);
    const flipped =
      signature.slice(0, middle) + (signature[middle] === 'A' ? 'B' : 'A') + signature.slice(middle + 1);
    await expectProblem(
      await call('/api/v1/me', { token: `${header}.${payload}.${flipped}` }),
      401,
      'unauthenticated',
    );

    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const none = `${btoa(JSON.stringify({ alg: 'none', typ: 'session+jwt' })).replace(/=+$/, '')}.${payload}.`;
    await expectProblem(await call('/api/v1/me', { token: none }), 401, 'unauthenticated');

    const foreignKey = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const [ours] = JSON.parse(env.SIGNING_KEYS) as { kid: string }[];
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', kid: ours!.kid, typ: 'session+jwt' })
      .sign(foreignKey.privateKey);
    await expectProblem(await call('/api/v1/me', { token: forged }), 401, 'unauthenticated');

    const { importJWK } = await import('jose');
    const realKey = await importJWK(JSON.parse(env.SIGNING_KEYS)[0], 'EdDSA');
    const wrongAudience = await new SignJWT({ ...claims, aud: 'someone-else' })
      .setProtectedHeader({ alg: 'EdDSA', kid: ours!.kid, typ: 'session+jwt' })
      .sign(realKey);
    await expectProblem(await call('/api/v1/me', { token: wrongAudience }), 401, 'unauthenticated');
    const wrongType = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', kid: ours!.kid, typ: 'JWT' })
      .sign(realKey);
    await expectProblem(await call('/api/v1/me', { token: wrongType }), 401, 'unauthenticated');
    const genuine = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', kid: ours!.kid, typ: 'session+jwt' })
      .sign(realKey);
    await json('/api/v1/me', 200, { token: genuine });
  });

  it('renews the cookie token when half its life is gone', async () => {
    const response = await call('/api/v1/auth/login', {
      body: { login: 'door@demo.local', password: DEMO_PASSWORD },
    });
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    const fresh = await call('/api/v1/me', { headers: { cookie } });
    expect(fresh.headers.get('set-cookie')).toBeNull();
    const later = new Date(Date.now() + 10 * 60_000).toISOString();
    const renewed = await call('/api/v1/me', { headers: { cookie }, now: later });
    expect(renewed.status).toBe(200);
    expect(renewed.headers.get('set-cookie')).toMatch(/^bp_session=/);
  });

  it('changes the preferred language', async () => {
    const token = await loginAs('neighbour');
    expect(await json('/api/v1/me', 200, { method: 'PATCH', token, body: { locale: 'fr' } })).toMatchObject({
      locale: 'fr',
    });
    expect(await json('/api/v1/me', 200, { token })).toMatchObject({ locale: 'fr' });
    await expectProblem(
      await call('/api/v1/me', { method: 'PATCH', token, body: { locale: 'de' } }),
      400,
      'validation_failed',
    );
    await json('/api/v1/me', 200, { method: 'PATCH', token, body: { locale: 'nl' } });
  });

  it('signs out other sessions when the password changes', async () => {
    const person = await createStaffUser('counter');
    const first = await json<Session>('/api/v1/auth/login', 200, {
      body: { login: person.email, password: person.password },
    });
    const second = await json<Session>('/api/v1/auth/login', 200, {
      body: { login: person.email, password: person.password },
    });
    await expectProblem(
      await call('/api/v1/me/password', {
        token: second.token,
        body: { currentPassword: 'wrong', newPassword: 'a-new-password' },
      }),
      401,
      'invalid_credentials',
    );
    const changed = await call('/api/v1/me/password', {
      token: second.token,
      body: { currentPassword: person.password, newPassword: 'a-new-password' },
    });
    expect(changed.status).toBe(204);
    await expectProblem(await call('/api/v1/me', { token: first.token }), 401, 'unauthenticated');
    await json('/api/v1/me', 200, { token: second.token });
    await json('/api/v1/auth/login', 200, { body: { login: person.email, password: 'a-new-password' } });
  });
});

describe('throttling', () => {
  it('locks an account after five failures, even for the right password, then lets it in later', async () => {
    const person = await createStaffUser('counter');
    for (let i = 1; i <= 4; i++) {
      await expectProblem(
        await call('/api/v1/auth/login', { body: { login: person.email, password: `wrong-${i}` } }),
        401,
        'invalid_credentials',
      );
    }
    const locking = await call('/api/v1/auth/login', { body: { login: person.email, password: 'wrong-5' } });
    await expectProblem(locking, 429, 'login_throttled');
    const locked = await call('/api/v1/auth/login', {
      body: { login: person.email, password: person.password },
    });
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
    const body = await expectProblem(locked, 429, 'login_throttled');
    expect(body.messages.nl).toContain('1 minuten');

    const afterLock = new Date(Date.now() + 61_000).toISOString();
    await json('/api/v1/auth/login', 200, {
      body: { login: person.email, password: person.password },
      now: afterLock,
    });
    // A success forgets the failures: one more mistake is a plain 401 again.
    await expectProblem(
      await call('/api/v1/auth/login', { body: { login: person.email, password: 'wrong' }, now: afterLock }),
      401,
      'invalid_credentials',
    );
  });

  it('doubles the lock with every further failure', async () => {
    const person = await createStaffUser('counter');
    // Every attempt at a moment the test sets: five real PBKDF2 checks can take more than a second on a
    // loaded machine, and the lock counts from the fifth failure.
    const start = Date.now();
    const first = new Date(start).toISOString();
    for (let i = 0; i < 5; i++)
      await call('/api/v1/auth/login', { body: { login: person.email, password: 'wrong' }, now: first });
    const afterFirst = new Date(start + 61_000).toISOString();
    await expectProblem(
      await call('/api/v1/auth/login', { body: { login: person.email, password: 'wrong' }, now: afterFirst }),
      429,
      'login_throttled',
    );
    // The sixth failure locks for two minutes from then.
    const stillLocked = new Date(start + 61_000 + 100_000).toISOString();
    await expectProblem(
      await call('/api/v1/auth/login', {
        body: { login: person.email, password: person.password },
        now: stillLocked,
      }),
      429,
      'login_throttled',
    );
    const free = new Date(start + 61_000 + 121_000).toISOString();
    await json('/api/v1/auth/login', 200, {
      body: { login: person.email, password: person.password },
      now: free,
    });
  });

  it('throttles unknown logins too', async () => {
    const login = `${unique('ghost')}@demo.local`;
    for (let i = 0; i < 4; i++) await call('/api/v1/auth/login', { body: { login, password: 'x' } });
    await expectProblem(
      await call('/api/v1/auth/login', { body: { login, password: 'x' } }),
      429,
      'login_throttled',
    );
  });
});
