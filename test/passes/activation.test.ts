import { describe, expect, it } from 'vitest';
import { call, expectProblem, json, loginAs } from '../helpers/api.ts';
import { registerResident } from '../helpers/fixtures.ts';

type Session = { token: string; user: { roles: string[]; passholderId: string } };

describe('activating a pass', () => {
  it('activates with the letter’s code, signs in, and the code works only once', async () => {
    const person = await registerResident(await loginAs('counter'));
    const typed = person.activationCode.toLowerCase().replace('-', ' ');
    const session = await json<Session>('/api/v1/auth/activate', 201, {
      body: { passNumber: person.passholder.passNumber, activationCode: typed, password: 'my-own-password' },
    });
    expect(session.user).toMatchObject({ roles: ['resident'], passholderId: person.passholder.id });
    await json('/api/v1/me/pass', 200, { token: session.token });
    await json('/api/v1/auth/login', 200, {
      body: { login: person.passholder.passNumber, password: 'my-own-password' },
    });
    await expectProblem(
      await call('/api/v1/auth/activate', {
        body: {
          passNumber: person.passholder.passNumber,
          activationCode: person.activationCode,
          password: 'another-password',
        },
      }),
      409,
      'already_activated',
    );
  });

  it('refuses a wrong or expired code and throttles guessing', async () => {
    const person = await registerResident(await loginAs('counter'));
    const attempt = (code: string, now?: string) =>
      call('/api/v1/auth/activate', {
        body: { passNumber: person.passholder.passNumber, activationCode: code, password: 'my-own-password' },
        ...(now ? { now } : {}),
      });
    const expired = new Date(Date.parse(person.activationExpiresAt) + 1000).toISOString();
    await expectProblem(await attempt(person.activationCode, expired), 401, 'activation_failed');
    for (let i = 0; i < 3; i++) await expectProblem(await attempt('AAAA-AAAA'), 401, 'activation_failed');
    await expectProblem(await attempt('AAAA-AAAA'), 401, 'activation_failed');
    await expectProblem(await attempt(person.activationCode), 429, 'login_throttled');
  });

  it('lets the counter give a new code, or set up the account directly', async () => {
    const counter = await loginAs('counter');
    const person = await registerResident(counter);
    const fresh = await json<{ activationCode: string }>(
      `/api/v1/passholders/${person.passholder.id}/activation-code`,
      200,
      {
        method: 'POST',
        token: counter,
      },
    );
    await expectProblem(
      await call('/api/v1/auth/activate', {
        body: {
          passNumber: person.passholder.passNumber,
          activationCode: person.activationCode,
          password: 'my-own-password',
        },
      }),
      401,
      'activation_failed',
    );
    await json('/api/v1/auth/activate', 201, {
      body: {
        passNumber: person.passholder.passNumber,
        activationCode: fresh.activationCode,
        password: 'my-own-password',
        email: `${person.passholder.id}@mail.test`,
      },
    });

    const other = await registerResident(counter);
    await expectProblem(
      await call(`/api/v1/passholders/${other.passholder.id}/account`, {
        token: counter,
        body: { password: 'set-at-counter', email: `${person.passholder.id}@mail.test` },
      }),
      409,
      'email_taken',
    );
    const record = await json<{ account: { active: boolean } }>(
      `/api/v1/passholders/${other.passholder.id}/account`,
      201,
      {
        token: counter,
        body: { password: 'set-at-counter' },
      },
    );
    expect(record.account.active).toBe(true);
    await json('/api/v1/auth/login', 200, {
      body: { login: other.passholder.passNumber, password: 'set-at-counter' },
    });
    await expectProblem(
      await call(`/api/v1/passholders/${other.passholder.id}/activation-code`, {
        method: 'POST',
        token: counter,
      }),
      409,
      'already_activated',
    );
  });
});

describe('audit log', () => {
  it('records every staff read and change, and the holder sees who looked and why', async () => {
    const counter = await loginAs('counter');
    const person = await registerResident(counter);
    await json(`/api/v1/passholders/${person.passholder.id}?reason=phone_call`, 200, { token: counter });
    await json(`/api/v1/passholders/${person.passholder.id}`, 200, {
      method: 'PATCH',
      token: counter,
      body: { phone: '+32 9 123 45 67' },
    });
    await json(`/api/v1/passholders/${person.passholder.id}/card`, 200, { token: counter });
    const account = await json<Session>('/api/v1/auth/activate', 201, {
      body: {
        passNumber: person.passholder.passNumber,
        activationCode: person.activationCode,
        password: 'my-own-password',
      },
    });
    await json(`/api/v1/passholders/${person.passholder.id}`, 200, { token: account.token });
    const { items } = await json<{
      items: { actor: string; role: string; action: string; reason: string }[];
    }>(`/api/v1/passholders/${person.passholder.id}/audit`, 200, { token: account.token });
    expect(items.map((e) => `${e.action}:${e.reason}`)).toEqual([
      'card_print:card',
      'update:correction',
      'read:phone_call',
      'register:counter_visit',
    ]);
    expect(items.every((e) => e.actor === 'Bart De Smet' && e.role === 'counter')).toBe(true);
    await expectProblem(
      await call(`/api/v1/passholders/${person.passholder.id}/audit`, { token: await loginAs('neighbour') }),
      403,
      'forbidden',
    );
  });
});
