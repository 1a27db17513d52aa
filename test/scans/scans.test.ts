import { env } from 'cloudflare:workers';
import { CompactSign, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../src/auth/jwt.ts';
import { rotatingCode } from '../../src/passes/code.ts';
import { luhnCheckDigit } from '../../src/lib/pass-number.ts';
import { call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import { createActivity, registerResident } from '../helpers/fixtures.ts';

type Scan = {
  passholder: { displayName: string };
  pass: { number: string; status: string; via: string };
  points: number;
  messages: { code: string }[];
};
/** An activity of the sports club whose door is open now (it started ten minutes ago). */
let open: Promise<string> | undefined;
const swim = () => (open ??= createActivity({ regularPriceCents: 400 }).then((a) => a.id));
const scan = async (token: string, body: Record<string, unknown>, now?: string) =>
  call('/api/v1/scans', { token, body, ...(now ? { now } : {}) });

async function myPassCode(role: 'resident' | 'neighbour' = 'resident'): Promise<string> {
  return (await json<{ code: string }>('/api/v1/me/pass', 200, { token: await loginAs(role) })).code;
}

describe('door scan', () => {
  it('accepts the phone code, the card code and the typed number, and shows only a display name', async () => {
    const door = await loginAs('door');
    const activityId = await swim();
    const card = await json<{ code: string; version: number }>('/api/v1/me/card', 200, {
      token: await loginAs('resident'),
    });
    const number = await demo.passNumber('resident');
    for (const [body, via] of [
      [{ code: await myPassCode() }, 'phone'],
      [{ code: card.code }, 'card'],
      [{ passNumber: `${number.slice(0, 4)} ${number.slice(4)}` }, 'number'],
    ] as const) {
      const result = await json<Scan>('/api/v1/scans', 200, { token: door, body: { activityId, ...body } });
      expect(result).toMatchObject({
        passholder: { displayName: 'Samira E.' },
        pass: { number, status: 'active', via },
        points: expect.any(Number),
      });
    }
  });

  it('keeps codes short enough for a sparse QR', async () => {
    const code = await myPassCode();
    expect(code.length).toBeLessThan(200);
    const card = await json<{ code: string }>('/api/v1/me/card', 200, { token: await loginAs('resident') });
    expect(card.code.length).toBeLessThan(200);
  });

  it('refuses every single flipped character of a code', async () => {
    const door = await loginAs('door');
    const activityId = await swim();
    const code = await myPassCode();
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < code.length; i++) {
      if (code[i] === '.') continue;
      // Flip the top bit of the 6-bit value: always a data bit, never base64 padding.
      const flipped = code.slice(0, i) + alphabet[alphabet.indexOf(code[i]!) ^ 32] + code.slice(i + 1);
      const response = await scan(door, { activityId, code: flipped });
      expect(response.status, `position ${i}`).toBe(422);
      expect(((await response.json()) as { code: string }).code).toBe('code_invalid');
    }
  });

  it('refuses alg none, a key from another deployment, and a session token', async () => {
    const door = await loginAs('door');
    const activityId = await swim();
    const [, payload] = (await myPassCode()).split('.');
    const b64 = (o: unknown) =>
      btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    await expectProblem(
      await scan(door, { activityId, code: `${b64({ alg: 'none' })}.${payload}.` }),
      422,
      'code_invalid',
    );

    const foreign = await generateSigningKey();
    const [ours] = JSON.parse(env.SIGNING_KEYS) as { kid: string }[];
    for (const kid of [foreign.kid!, ours!.kid]) {
      const forged = await new CompactSign(
        new TextEncoder().encode(JSON.stringify({ c: await demo.passNumber('resident'), v: 1 })),
      )
        .setProtectedHeader({ alg: 'EdDSA', kid })
        .sign(await importJWK(foreign, 'EdDSA'));
      await expectProblem(await scan(door, { activityId, code: forged }), 422, 'code_invalid');
    }
    await expectProblem(
      await scan(door, { activityId, code: await loginAs('resident') }),
      422,
      'code_invalid',
    );
  });

  it('refuses an expired phone code', async () => {
    const door = await loginAs('door');
    const code = await myPassCode('neighbour');
    const later = new Date(Date.now() + 2 * 60_000).toISOString();
    await json('/api/v1/scans', 200, { token: door, body: { activityId: await swim(), code } });
    await expectProblem(await scan(door, { activityId: await swim(), code }, later), 422, 'code_expired');
  });

  it('stops a replaced card at once and accepts the new one, keeping the pass number', async () => {
    const counter = await loginAs('counter');
    const door = await loginAs('door');
    const activityId = await swim();
    const person = await registerResident(counter);
    const oldCard = await json<{ code: string; version: number }>(
      `/api/v1/passholders/${person.passholder.id}/card`,
      200,
      { token: counter },
    );
    expect(oldCard.version).toBe(1);
    await json('/api/v1/scans', 200, { token: door, body: { activityId, code: oldCard.code } });

    const replaced = await json<{ card: { version: number }; passNumber: string }>(
      `/api/v1/passholders/${person.passholder.id}/card/replace`,
      200,
      {
        method: 'POST',
        token: counter,
      },
    );
    expect(replaced).toMatchObject({ card: { version: 2 }, passNumber: person.passholder.passNumber });
    await expectProblem(await scan(door, { activityId, code: oldCard.code }), 422, 'card_replaced');
    const newCard = await json<{ code: string }>(`/api/v1/passholders/${person.passholder.id}/card`, 200, {
      token: counter,
    });
    await json('/api/v1/scans', 200, { token: door, body: { activityId, code: newCard.code } });
  });

  it('refuses a blocked card and its typed number, but still accepts the holder’s phone', async () => {
    const counter = await loginAs('counter');
    const door = await loginAs('door');
    const activityId = await swim();
    const person = await registerResident(counter);
    const card = await json<{ code: string }>(`/api/v1/passholders/${person.passholder.id}/card`, 200, {
      token: counter,
    });
    await json(`/api/v1/passholders/${person.passholder.id}/card/block`, 200, {
      token: counter,
      body: { reason: 'lost' },
    });
    await expectProblem(
      await call(`/api/v1/passholders/${person.passholder.id}/card/block`, {
        token: counter,
        body: { reason: 'lost' },
      }),
      409,
      'card_blocked_already',
    );
    await expectProblem(await scan(door, { activityId, code: card.code }), 423, 'pass_blocked');
    await expectProblem(
      await scan(door, { activityId, passNumber: person.passholder.passNumber }),
      423,
      'pass_blocked',
    );
    // The holder's phone code (made as /me/pass makes it; this test resident has no account).
    const phone = (await rotatingCode(env.SIGNING_KEYS, person.passholder.passNumber, new Date())).code;
    const ok = await json<Scan>('/api/v1/scans', 200, { token: door, body: { activityId, code: phone } });
    expect(ok.messages.map((m) => m.code)).toContain('card_blocked_phone_ok');
  });

  it('tells unknown and mistyped numbers apart', async () => {
    const door = await loginAs('door');
    const activityId = await swim();
    const body = '000000000000';
    await expectProblem(
      await scan(door, { activityId, passNumber: body + luhnCheckDigit(body) }),
      404,
      'pass_not_found',
    );
    await expectProblem(
      await scan(door, { activityId, passNumber: body + ((luhnCheckDigit(body) + 1) % 10) }),
      400,
      'pass_number_invalid',
    );
    await expectProblem(await scan(door, { activityId }), 400, 'validation_failed');
    // Not 13 digits: not a pass number at all, said on the field in the door's words.
    for (const typed of ['12345', '4143 3760 4089 99', 'abcdefghijklm']) {
      const problem = await expectProblem(
        await scan(door, { activityId, passNumber: typed }),
        400,
        'validation_failed',
      );
      expect(problem.fields).toEqual([
        expect.objectContaining({
          pointer: '/passNumber',
          messages: expect.objectContaining({ nl: 'Dit is geen pasnummer: een pasnummer heeft 13 cijfers.' }),
        }),
      ]);
    }
    await expectProblem(
      await scan(door, { activityId, passNumber: body + '0', code: 'x'.repeat(30) }),
      400,
      'validation_failed',
    );
  });

  it('says when the holder was checked in, in the same shape as before the check-in', async () => {
    const door = await loginAs('door');
    const activity = await createActivity({ regularPriceCents: 300 });
    const body = { activityId: activity.id, passNumber: await demo.passNumber('neighbour') };
    const before = await json<Scan & { checkedIn: boolean; checkedInAt: string | null }>(
      '/api/v1/scans',
      200,
      {
        token: door,
        body,
      },
    );
    expect(before).toMatchObject({ checkedIn: false, checkedInAt: null });
    const checkin = await json<{ checkedInAt: string }>(`/api/v1/activities/${activity.id}/checkins`, 200, {
      token: door,
      body: { passNumber: body.passNumber },
    });
    const after = await json<Scan & { checkedIn: boolean; checkedInAt: string | null }>(
      '/api/v1/scans',
      200,
      {
        token: door,
        body,
      },
    );
    expect(after).toMatchObject({ checkedIn: true, checkedInAt: checkin.checkedInAt });
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  });

  it('is for the activity’s own club only', async () => {
    const code = await myPassCode();
    await expectProblem(
      await scan(await loginAs('door'), { activityId: await demo.id('activity:concert'), code }),
      403,
      'forbidden',
    );
    await expectProblem(
      await scan(await loginAs('resident'), { activityId: await swim(), code }),
      403,
      'forbidden',
    );
    await expectProblem(
      await scan(await loginAs('counter'), { activityId: await swim(), code }),
      403,
      'forbidden',
    );
    await expectProblem(await scan(await loginAs('door'), { activityId: 'nope', code }), 404, 'not_found');
    await json('/api/v1/scans', 200, {
      token: await loginAs('club'),
      body: { activityId: await swim(), code },
    });
  });

  it('notes when the activity is not today (a door that opens the evening before)', async () => {
    const activity = await createActivity({
      startsAt: '2027-03-02T00:30:00.000Z',
      endsAt: '2027-03-02T02:00:00.000Z',
      checkinBeforeMinutes: 120,
    });
    // 23:45 in Brussels on 1 March: the door is open, the activity is on 2 March.
    const now = '2027-03-01T22:45:00.000Z';
    const result = await json<Scan>('/api/v1/scans', 200, {
      token: await loginAs('door', now),
      now,
      body: { activityId: activity.id, passNumber: await demo.passNumber('neighbour') },
    });
    expect(result.messages.map((m) => m.code)).toEqual(['activity_not_today']);
  });

  it('publishes the verification keys as a JWK set without private parts', async () => {
    const { keys } = await json<{ keys: Record<string, unknown>[] }>('/.well-known/jwks.json', 200);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatchObject({
        kty: 'OKP',
        crv: 'Ed25519',
        alg: 'EdDSA',
        kid: expect.any(String),
        x: expect.any(String),
      });
      expect(key).not.toHaveProperty('d');
    }
  });
});
