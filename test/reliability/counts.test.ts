import { describe, expect, it } from 'vitest';
import { call, demo, loginAs } from '../helpers/api.ts';
import { createActivity, registerResident } from '../helpers/fixtures.ts';

const metrics = (r: Response) => ({
  roundTrips: Number(r.headers.get('x-d1-round-trips')),
  rowsRead: Number(r.headers.get('x-d1-rows-read')),
  rowsWritten: Number(r.headers.get('x-d1-rows-written')),
});

/** Counts that hold on any machine: D1 round trips and rows per request on the hot paths. */
describe('D1 work per request on hot paths', () => {
  it('a door scan: one round trip (session, checks, audit line and answer in one batch), at most 10 rows', async () => {
    const door = await loginAs('door');
    const activity = await createActivity({ regularPriceCents: 400 });
    const person = await registerResident(await loginAs('counter'));
    const r = await call('/api/v1/scans', {
      token: door,
      body: { activityId: activity.id, passNumber: person.passholder.passNumber },
    });
    expect(r.status).toBe(200);
    const m = metrics(r);
    console.log('scan', JSON.stringify(m));
    expect(m.roundTrips).toBe(1);
    // The only write: the look-up in the holder's "who looked at my record" (a row and its index).
    expect(m.rowsWritten).toBeLessThanOrEqual(3);
    expect(m.rowsRead).toBeLessThanOrEqual(10);
  });

  it('a price look-up at the door: one round trip, at most 10 rows', async () => {
    const activity = await createActivity({ regularPriceCents: 400 });
    const person = await registerResident(await loginAs('counter'));
    const r = await call(
      `/api/v1/tariffs?activityId=${activity.id}&passNumber=${person.passholder.passNumber}`,
      {
        token: await loginAs('door'),
      },
    );
    expect(r.status).toBe(200);
    const m = metrics(r);
    console.log('price', JSON.stringify(m));
    expect(m.roundTrips).toBe(1);
    expect(m.rowsRead).toBeLessThanOrEqual(10);
  });

  it('a check-in: one round trip for checks, check-in, points and answer; a repeat writes no points', async () => {
    const activity = await createActivity();
    const person = await registerResident(await loginAs('counter'));
    const door = await loginAs('door');
    const checkIn = () =>
      call(`/api/v1/activities/${activity.id}/checkins`, {
        token: door,
        body: { passNumber: person.passholder.passNumber },
      });
    const first = await checkIn();
    expect(first.status).toBe(200);
    console.log('checkin', JSON.stringify(metrics(first)));
    expect(metrics(first).roundTrips).toBe(1);
    expect(metrics(first).rowsWritten).toBeGreaterThan(0);
    // Every write checks the foreign keys of its row (a read of each parent row), so a check-in reads more
    // than a scan; the count stays fixed whatever the size of the database.
    expect(metrics(first).rowsRead).toBeLessThanOrEqual(20);
    const again = await checkIn();
    expect(again.status).toBe(200);
    expect(((await again.json()) as { alreadyCheckedIn: boolean }).alreadyCheckedIn).toBe(true);
    expect(metrics(again).roundTrips).toBe(1);
  });

  it('a sign-up stays within a few round trips, a ticket sale takes one', async () => {
    const resident = await loginAs('resident');
    const signup = await call(`/api/v1/activities/${await demo.id('activity:football')}/signups`, {
      token: resident,
      body: {},
    });
    expect(signup.status).toBe(201);
    console.log('signup', JSON.stringify(metrics(signup)));
    expect(metrics(signup).roundTrips).toBeLessThanOrEqual(7);
    const door = await loginAs('door');
    const activityId = (await createActivity({ regularPriceCents: 800 })).id;
    const quote = (await (
      await call(
        `/api/v1/tariffs?activityId=${activityId}&passNumber=${await demo.passNumber('neighbour')}`,
        { token: door },
      )
    ).json()) as { tariffId: string };
    const sale = await call('/api/v1/ticket-sales', {
      token: door,
      body: {
        sales: [{ activityId, passNumber: await demo.passNumber('neighbour'), tariffId: quote.tariffId }],
      },
    });
    expect(sale.status).toBe(201);
    console.log('sale', JSON.stringify(metrics(sale)));
    expect(metrics(sale).roundTrips).toBe(1);
    expect(metrics(sale).rowsRead).toBeLessThanOrEqual(25);
  });
});
