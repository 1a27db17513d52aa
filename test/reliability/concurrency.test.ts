import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, demo, json, loginAs } from '../helpers/api.ts';
import { bulkPassholders, createActivity, givePoints, registerResident } from '../helpers/fixtures.ts';

const count = async (sql: string, ...values: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...values)
    .first<{ n: number }>())!.n;

/** The concurrency invariants of every issue, together, at higher counts. */
describe('concurrency invariants at higher counts', () => {
  it('400 sign-ups for 100 places: exactly 100 confirmed, in arrival order', async () => {
    const activity = await createActivity({
      startsAt: '2027-09-01T10:00:00Z',
      endsAt: '2027-09-01T12:00:00Z',
      capacity: 100,
    });
    const ids = await bulkPassholders(400);
    const counter = await loginAs('counter');
    const responses = await Promise.all(
      ids.map((id) =>
        call(`/api/v1/activities/${activity.id}/signups`, { token: counter, body: { passholderIds: [id] } }),
      ),
    );
    expect(responses.every((r) => r.status === 201)).toBe(true);
    expect(
      await count(
        "SELECT count(*) AS n FROM signups WHERE activity_id = ?1 AND status = 'confirmed'",
        activity.id,
      ),
    ).toBe(100);
    expect(
      await count(
        "SELECT count(*) AS n FROM signups WHERE activity_id = ?1 AND status = 'confirmed' AND position > 100",
        activity.id,
      ),
    ).toBe(0);
  });

  it('50 duplicate check-ins at once: one check-in, one points line', async () => {
    const activity = await createActivity({ points: 4 });
    const person = await registerResident(await loginAs('counter'));
    const door = await loginAs('door');
    await Promise.all(
      Array.from({ length: 50 }, () =>
        call(`/api/v1/activities/${activity.id}/checkins`, {
          token: door,
          body: { passNumber: person.passholder.passNumber },
        }),
      ),
    );
    expect(await count('SELECT count(*) AS n FROM checkins WHERE activity_id = ?1', activity.id)).toBe(1);
    expect(
      await count(
        'SELECT coalesce(sum(points), 0) AS n FROM points_ledger WHERE passholder_id = ?1',
        person.passholder.id,
      ),
    ).toBe(4);
  });

  it('60 holders race for a stock of 10 rewards: exactly 10', async () => {
    const reward = await json<{ id: string }>(`/api/v1/clubs/${await demo.sportsClub()}/rewards`, 201, {
      token: await loginAs('club'),
      body: { title: 'Race', pointsCost: 1, stock: 10 },
    });
    const ids = await bulkPassholders(60);
    await givePoints(ids, 3);
    const numbers = (
      await env.DB.prepare(
        'SELECT pass_number FROM passholders WHERE id IN (SELECT value FROM json_each(?1))',
      )
        .bind(JSON.stringify(ids))
        .all<{ pass_number: string }>()
    ).results;
    const door = await loginAs('door');
    // Holders are at the club: a typed number counts while the door of one of its activities is open.
    const open = await createActivity();
    const responses = await Promise.all(
      numbers.map((n) =>
        call(`/api/v1/rewards/${reward.id}/redemptions`, {
          token: door,
          body: { passNumber: n.pass_number, activityId: open.id },
        }),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(10);
    expect(await count('SELECT redeemed AS n FROM rewards WHERE id = ?1', reward.id)).toBe(10);
  });

  it('30 requests accepted at once onto 4 seats: exactly 4', async () => {
    const people = await bulkPassholders(31);
    const [driver, ...passengers] = people;
    const activity = await createActivity({ capacity: 100 });
    const counter = await loginAs('counter');
    for (const id of people)
      await json(`/api/v1/activities/${activity.id}/signups`, 201, {
        token: counter,
        body: { passholderIds: [id] },
      });
    const offer = await json<{ id: string }>(`/api/v1/activities/${activity.id}/ride-offers`, 201, {
      token: counter,
      body: { passholderId: driver, seats: 4, departsAt: new Date().toISOString() },
    });
    const requests: string[] = [];
    for (const p of passengers)
      requests.push(
        (
          await json<{ id: string }>(`/api/v1/ride-offers/${offer.id}/requests`, 201, {
            token: counter,
            body: { passholderId: p, address: 'Kerkstraat 1' },
          })
        ).id,
      );
    await Promise.all(
      requests.map((r) => call(`/api/v1/ride-requests/${r}/accept`, { token: counter, body: {} })),
    );
    expect(await count('SELECT seats_taken AS n FROM ride_offers WHERE id = ?1', offer.id)).toBe(4);
    expect(
      await count(
        "SELECT count(*) AS n FROM ride_requests WHERE offer_id = ?1 AND status = 'accepted'",
        offer.id,
      ),
    ).toBe(4);
  });
});
