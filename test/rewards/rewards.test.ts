import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { rotatingCode } from '../../src/passes/code.ts';
import { newPassNumber } from '../../src/lib/pass-number.ts';
import { call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import {
  bulkPassholders,
  createActivity,
  givePoints,
  registerResident,
  type Registered,
} from '../helpers/fixtures.ts';

const give = (passholderId: string, points: number) => givePoints([passholderId], points);
const phoneCode = async (passNumber: string) =>
  (await rotatingCode(env.SIGNING_KEYS, passNumber, new Date())).code;
const WELCOME_TITLE = 'Welkom: eerste zwembeurt gratis';

async function activate(person: Registered): Promise<string> {
  return (
    await json<{ token: string }>('/api/v1/auth/activate', 201, {
      body: {
        passNumber: person.passholder.passNumber,
        activationCode: person.activationCode,
        password: 'my-own-password',
      },
    })
  ).token;
}

async function welcomeRows(passholderId: string) {
  return (
    await env.DB.prepare(
      'SELECT id, welcome, handed_over_at FROM redemptions WHERE passholder_id = ?1 AND reward_id = ?2',
    )
      .bind(passholderId, await demo.id('reward:welcome'))
      .all<{ id: string; welcome: number; handed_over_at: string | null }>()
  ).results;
}

describe('rewards', () => {
  it('tells the holder where and until when to collect a reward', async () => {
    const clubId = await demo.sportsClub();
    const reward = await json<{ id: string }>(`/api/v1/clubs/${clubId}/rewards`, 201, {
      token: await loginAs('club'),
      body: { title: 'Drinkbus', pointsCost: 1, validUntil: '2099-12-31' },
    });
    const club = await env.DB.prepare('SELECT name FROM clubs WHERE id = ?1')
      .bind(clubId)
      .first<{ name: string }>();
    const person = await registerResident(await loginAs('counter'));
    const resident = await activate(person);
    await give(person.passholder.id, 5);
    const offered = await json<{ items: { id: string; collectAt?: unknown }[] }>('/api/v1/rewards', 200, {
      token: resident,
    });
    expect(offered.items.find((r) => r.id === reward.id)?.collectAt).toEqual({
      kind: 'club',
      name: club!.name,
    });
    await json(`/api/v1/rewards/${reward.id}/redemptions`, 201, { token: resident, body: {} });
    const mine = await json<{ items: { title: string; validUntil: string | null; collectAt: unknown }[] }>(
      '/api/v1/me/redemptions',
      200,
      { token: resident },
    );
    expect(mine.items.find((r) => r.title === 'Drinkbus')).toMatchObject({
      validUntil: '2099-12-31',
      collectAt: { kind: 'club', name: club!.name },
    });
  });

  it('keeps the stock under concurrency: 30 holders race for 5', async () => {
    const club = await loginAs('club');
    const reward = await json<{ id: string }>(`/api/v1/clubs/${await demo.sportsClub()}/rewards`, 201, {
      token: club,
      body: { title: 'Sporttas', pointsCost: 2, stock: 5 },
    });
    const ids = await bulkPassholders(30);
    for (const id of ids) await give(id, 10);
    const numbers = (
      await env.DB.prepare(
        'SELECT pass_number FROM passholders WHERE id IN (SELECT value FROM json_each(?1))',
      )
        .bind(JSON.stringify(ids))
        .all<{ pass_number: string }>()
    ).results;
    const door = await loginAs('door');
    const responses = await Promise.all(
      numbers.map(async (n) =>
        call(`/api/v1/rewards/${reward.id}/redemptions`, {
          token: door,
          body: { code: await phoneCode(n.pass_number) },
        }),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(5);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(25);
    const stored = await env.DB.prepare(
      'SELECT redeemed, (SELECT count(*) FROM redemptions WHERE reward_id = ?1) AS n FROM rewards WHERE id = ?1',
    )
      .bind(reward.id)
      .first();
    expect(stored).toEqual({ redeemed: 5, n: 5 });
    const debited = await env.DB.prepare(
      "SELECT count(*) AS n FROM points_ledger WHERE kind = 'reward' AND passholder_id IN (SELECT value FROM json_each(?1))",
    )
      .bind(JSON.stringify(ids))
      .first<{ n: number }>();
    expect(debited!.n).toBe(5);
  });

  it('redeems once when 20 calls for a reward allowed once arrive together', async () => {
    const reward = await json<{ id: string }>(`/api/v1/clubs/${await demo.sportsClub()}/rewards`, 201, {
      token: await loginAs('club'),
      body: { title: 'Eenmalig', pointsCost: 1, limit: { count: 1, period: 'EVER' } },
    });
    const person = await registerResident(await loginAs('counter'));
    await give(person.passholder.id, 50);
    const door = await loginAs('door');
    const code = await phoneCode(person.passholder.passNumber);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        call(`/api/v1/rewards/${reward.id}/redemptions`, { token: door, body: { code } }),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(19);
    const stored = await env.DB.prepare(
      `SELECT (SELECT count(*) FROM redemptions WHERE reward_id = ?1) AS redemptions,
              (SELECT coalesce(sum(points), 0) FROM points_ledger WHERE passholder_id = ?2) AS balance`,
    )
      .bind(reward.id, person.passholder.id)
      .first();
    expect(stored).toEqual({ redemptions: 1, balance: 49 });
  });

  it('asks first, then redeems within the points and the limit per holder', async () => {
    const resident = await loginAs('resident');
    const drink = await demo.id('reward:drink');
    const check = await json<{ redeemable: boolean; balance: number }>(
      `/api/v1/rewards/${drink}/check`,
      200,
      { token: resident },
    );
    expect(check).toMatchObject({ redeemable: true, balance: 5 });
    const list = await json<{
      items: { title: string; check: { redeemable: boolean; reason: string | null } }[];
    }>('/api/v1/rewards', 200, { token: resident });
    expect(list.items.find((r) => r.title.startsWith('Filmticket'))!.check).toMatchObject({
      redeemable: false,
      reason: 'not_enough_points',
    });
    const done = await json<{ balance: number }>(`/api/v1/rewards/${drink}/redemptions`, 201, {
      token: resident,
      body: {},
    });
    expect(done.balance).toBe(2);
    const again = await expectProblem(
      await call(`/api/v1/rewards/${drink}/redemptions`, { token: resident, body: {} }),
      409,
      'reward_unavailable',
    );
    expect(again.detail).toBe('not_enough_points');
  });

  it('is handed over at the club’s counter to the holder who shows their pass, once', async () => {
    const counter = await loginAs('counter');
    const person = await registerResident(counter);
    await give(person.passholder.id, 5);
    const door = await loginAs('door');
    const club = await demo.sportsClub();
    const code = await phoneCode(person.passholder.passNumber);
    await json(`/api/v1/rewards/${await demo.id('reward:drink')}/redemptions`, 201, {
      token: door,
      body: { code },
    });
    const open = await json<{ items: { id: string; title: string; welcome: boolean }[] }>(
      `/api/v1/clubs/${club}/redemptions?code=${encodeURIComponent(code)}`,
      200,
      { token: door },
    );
    expect(open.items.map((r) => [r.title, r.welcome])).toEqual([['Gratis drankje na het sporten', false]]);
    const handOver = `/api/v1/clubs/${club}/redemptions/${open.items[0]!.id}/hand-over`;
    // Another holder's pass does not take it.
    const other = await registerResident(counter);
    await expectProblem(
      await call(handOver, { token: door, body: { code: await phoneCode(other.passholder.passNumber) } }),
      404,
      'not_found',
    );
    expect((await call(handOver, { token: door, body: { code } })).status).toBe(204);
    await expectProblem(await call(handOver, { token: door, body: { code } }), 409, 'already_handed_over');
    expect(
      (
        await json<{ items: unknown[] }>(
          `/api/v1/clubs/${club}/redemptions?code=${encodeURIComponent(code)}`,
          200,
          { token: door },
        )
      ).items,
    ).toEqual([]);
    await expectProblem(
      await call(`/api/v1/clubs/${await demo.cultureClub()}/redemptions?code=${encodeURIComponent(code)}`, {
        token: door,
      }),
      403,
      'forbidden',
    );
  });

  it('needs the holder present: a typed number only while the door of one of the club’s activities is open', async () => {
    const counter = await loginAs('counter');
    const person = await registerResident(counter);
    await give(person.passholder.id, 20);
    const door = await loginAs('door');
    const club = await demo.sportsClub();
    const drink = await demo.id('reward:drink');
    const open = await createActivity();
    const later = await createActivity({
      startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 2 * 86_400_000 + 3_600_000).toISOString(),
    });
    const number = person.passholder.passNumber;

    // Outside the door window, or without an activity: refused, the same for every pass number.
    for (const passNumber of [number, newPassNumber()]) {
      for (const body of [{ passNumber }, { passNumber, activityId: later.id }]) {
        const refused = await expectProblem(
          await call(`/api/v1/rewards/${drink}/redemptions`, { token: door, body }),
          409,
          'presence_required',
        );
        expect(refused.message).toContain('Scan de pas');
      }
      await expectProblem(
        await call(`/api/v1/clubs/${club}/redemptions?passNumber=${passNumber}&activityId=${later.id}`, {
          token: door,
        }),
        409,
        'presence_required',
      );
    }
    await expectProblem(
      await call(`/api/v1/rewards/${drink}/redemptions`, {
        token: door,
        body: { passNumber: number, activityId: await demo.id('activity:concert') },
      }),
      403,
      'forbidden',
    );
    expect(
      await env.DB.prepare('SELECT count(*) AS n FROM redemptions WHERE passholder_id = ?1')
        .bind(person.passholder.id)
        .first(),
    ).toEqual({ n: 0 });

    // While the door is open, the typed number works.
    await json(`/api/v1/rewards/${drink}/redemptions`, 201, {
      token: door,
      body: { passNumber: number, activityId: open.id },
    });
    const [redemption] = (
      await json<{ items: { id: string }[] }>(
        `/api/v1/clubs/${club}/redemptions?passNumber=${number}&activityId=${open.id}`,
        200,
        { token: door },
      )
    ).items;
    const handOver = `/api/v1/clubs/${club}/redemptions/${redemption!.id}/hand-over`;
    await expectProblem(
      await call(handOver, { token: door, body: { passNumber: number, activityId: later.id } }),
      409,
      'presence_required',
    );
    await expectProblem(
      await call(handOver, { token: door, body: { passNumber: number } }),
      409,
      'presence_required',
    );
    await expectProblem(await call(handOver, { token: door, body: {} }), 400, 'validation_failed');
    expect(
      (await env.DB.prepare('SELECT handed_over_at FROM redemptions WHERE id = ?1')
        .bind(redemption!.id)
        .first<{ handed_over_at: string | null }>())!.handed_over_at,
    ).toBeNull();
    // A scanned code proves presence at any time.
    expect(
      (
        await call(handOver, {
          token: door,
          body: { code: await phoneCode(number) },
        })
      ).status,
    ).toBe(204);
  });

  it('grants the welcome reward when a pass is activated', async () => {
    const person = await registerResident(await loginAs('counter'));
    const token = await activate(person);
    const mine = await json<{ items: { title: string; welcome: boolean; points: number }[] }>(
      '/api/v1/me/redemptions',
      200,
      { token },
    );
    expect(mine.items).toEqual([expect.objectContaining({ title: WELCOME_TITLE, welcome: true, points: 0 })]);
  });

  it('grants a welcome reward once per holder, however often and however concurrently it is granted', async () => {
    const counter = await loginAs('counter');
    const person = await registerResident(counter);
    const regrant = () =>
      json<{ granted: number }>(`/api/v1/passholders/${person.passholder.id}/welcome-rewards`, 200, {
        token: counter,
        method: 'POST',
      });
    const first = await Promise.all(Array.from({ length: 20 }, regrant));
    expect(first.reduce((sum, r) => sum + r.granted, 0)).toBe(1);
    await activate(person);
    expect((await regrant()).granted).toBe(0);
    expect(await welcomeRows(person.passholder.id)).toEqual([expect.objectContaining({ welcome: 1 })]);

    // The database itself refuses a second grant, and a welcome reward "redeemed" as a points reward.
    const welcome = await demo.id('reward:welcome');
    const insert = (isWelcome: number) =>
      env.DB.prepare(
        'INSERT INTO redemptions (id, reward_id, passholder_id, points, created_at, welcome) VALUES (?1, ?2, ?3, 0, ?4, ?5)',
      )
        .bind(crypto.randomUUID(), welcome, person.passholder.id, new Date().toISOString(), isWelcome)
        .run();
    await expect(insert(1)).rejects.toThrow(/UNIQUE/);
    await expect(insert(0)).rejects.toThrow(/welcome_reward_not_redeemable/);
    expect(await welcomeRows(person.passholder.id)).toHaveLength(1);

    // Only counter staff of the holder's municipality grant.
    await expectProblem(
      await call(`/api/v1/passholders/${person.passholder.id}/welcome-rewards`, {
        method: 'POST',
        token: await loginAs('door'),
      }),
      403,
      'forbidden',
    );
  });

  it('never redeems a welcome reward for points, and hands it over once even with 20 concurrent calls', async () => {
    const person = await registerResident(await loginAs('counter'));
    const token = await activate(person);
    const welcome = await demo.id('reward:welcome');
    const check = await json<{ redeemable: boolean; reason: string }>(
      `/api/v1/rewards/${welcome}/check`,
      200,
      { token },
    );
    expect(check).toMatchObject({ redeemable: false, reason: 'welcome' });
    const door = await loginAs('door');
    const code = await phoneCode(person.passholder.passNumber);
    for (const [who, body] of [
      [token, {}],
      [door, { code }],
    ] as const) {
      const refused = await expectProblem(
        await call(`/api/v1/rewards/${welcome}/redemptions`, { token: who, body }),
        409,
        'reward_unavailable',
      );
      expect(refused.detail).toBe('welcome');
    }
    expect(await welcomeRows(person.passholder.id)).toHaveLength(1);

    const club = await demo.sportsClub();
    const open = await json<{ items: { id: string; title: string; welcome: boolean }[] }>(
      `/api/v1/clubs/${club}/redemptions?code=${encodeURIComponent(code)}`,
      200,
      { token: door },
    );
    expect(open.items).toEqual([expect.objectContaining({ title: WELCOME_TITLE, welcome: true })]);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        call(`/api/v1/clubs/${club}/redemptions/${open.items[0]!.id}/hand-over`, {
          token: door,
          body: { code },
        }),
      ),
    );
    expect(responses.filter((r) => r.status === 204)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(19);
    const [row] = await welcomeRows(person.passholder.id);
    expect(row!.handed_over_at).not.toBeNull();
    expect(
      (
        await json<{ items: unknown[] }>(
          `/api/v1/clubs/${club}/redemptions?code=${encodeURIComponent(code)}`,
          200,
          { token: door },
        )
      ).items,
    ).toEqual([]);
  });

  it('grants the welcome reward when the counter sets up the account, once', async () => {
    const counter = await loginAs('counter');
    const person = await registerResident(counter);
    await json(`/api/v1/passholders/${person.passholder.id}/account`, 201, {
      token: counter,
      body: { password: 'a-long-password-1' },
    });
    expect(await welcomeRows(person.passholder.id)).toHaveLength(1);
    const again = await json<{ granted: number }>(
      `/api/v1/passholders/${person.passholder.id}/welcome-rewards`,
      200,
      {
        method: 'POST',
        token: counter,
      },
    );
    expect(again.granted).toBe(0);
    expect(await welcomeRows(person.passholder.id)).toHaveLength(1);
  });
});
