import { describe, expect, it } from 'vitest';
import { formatPassNumber } from '../../src/lib/pass-number.ts';
import { call, expectProblem, json, loginAs, unique } from '../helpers/api.ts';
import { registerResident } from '../helpers/fixtures.ts';

describe('sign-in answers per login name', () => {
  it('never tell that an e-mail and a pass number belong to one account', async () => {
    const counter = await loginAs('counter');
    const person = await registerResident(counter);
    const email = `${unique('r')}@test.local`;
    const password = 'a-long-password-1';
    await json(`/api/v1/passholders/${person.passholder.id}/account`, 201, {
      token: counter,
      body: { email, password },
    });
    const passNumber = person.passholder.passNumber;
    const attempt = (login: string, pw = 'wrong-password') =>
      call('/api/v1/auth/login', { body: { login, password: pw } });

    for (let i = 0; i < 4; i++) await expectProblem(await attempt(passNumber), 401, 'invalid_credentials');
    await expectProblem(await attempt(formatPassNumber(passNumber)), 429, 'login_throttled');
    await expectProblem(await attempt(passNumber, password), 429, 'login_throttled');

    // The same account's e-mail answers exactly like an unknown e-mail.
    const own = await expectProblem(await attempt(email), 401, 'invalid_credentials');
    const unknown = await expectProblem(
      await attempt(`${unique('nobody')}@test.local`),
      401,
      'invalid_credentials',
    );
    expect(own.messages).toEqual(unknown.messages);
    expect(own.detail).toBe(unknown.detail);
    await json('/api/v1/auth/login', 200, { body: { login: email, password } });
  });
});
