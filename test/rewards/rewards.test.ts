import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import { bulkPassholders, givePoints, registerResident } from '../helpers/fixtures.ts';

const give = (passholderId: string, points: number) => givePoints([passholderId], points);

describe('rewards', () => {
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
      numbers.map((n) =>
        call(`/api/v1/rewards/${reward.id}/redemptions`, {
          token: door,
          body: { passNumber: n.pass_number },
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

  it('is confirmed at the club’s counter by scanning the pass', async () => {
    const counter = await loginAs('counter');
    const person = await registerResident(counter);
    await give(person.passholder.id, 5);
    const door = await loginAs('door');
    const club = await demo.sportsClub();
    await json(`/api/v1/rewards/${await demo.id('reward:drink')}/redemptions`, 201, {
      token: door,
      body: { passNumber: person.passholder.passNumber },
    });
    const open = await json<{ items: { id: string; title: string }[] }>(
      `/api/v1/clubs/${club}/redemptions?passNumber=${person.passholder.passNumber}`,
      200,
      { token: door },
    );
    expect(open.items.map((r) => r.title)).toEqual(['Gratis drankje na het sporten']);
    expect(
      (
        await call(`/api/v1/clubs/${club}/redemptions/${open.items[0]!.id}/hand-over`, {
          method: 'POST',
          token: door,
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await json<{ items: unknown[] }>(
          `/api/v1/clubs/${club}/redemptions?passNumber=${person.passholder.passNumber}`,
          200,
          { token: door },
        )
      ).items,
    ).toEqual([]);
    await expectProblem(
      await call(
        `/api/v1/clubs/${await demo.cultureClub()}/redemptions?passNumber=${person.passholder.passNumber}`,
        { token: door },
      ),
      403,
      'forbidden',
    );
  });

  it('grants the welcome reward when a pass is activated', async () => {
    const person = await registerResident(await loginAs('counter'));
    const session = await json<{ token: string }>('/api/v1/auth/activate', 201, {
      body: {
        passNumber: person.passholder.passNumber,
        activationCode: person.activationCode,
        password: 'my-own-password',
      },
    });
    const mine = await json<{ items: { title: string; welcome: boolean; points: number }[] }>(
      '/api/v1/me/redemptions',
      200,
      { token: session.token },
    );
    expect(mine.items).toEqual([
      expect.objectContaining({ title: 'Welkom: eerste zwembeurt gratis', welcome: true, points: 0 }),
    ]);
  });
});
