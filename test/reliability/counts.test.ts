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
  it('a door scan: three round trips (the session, one query for everything, the audit line), few rows', async () => {
    const door = await loginAs('door');
    const activity = await createActivity({ regularPriceCents: 400 });
    const r = await call('/api/v1/scans', {
      token: door,
      body: { activityId: activity.id, passNumber: await demo.passNumber('resident') },
    });
    expect(r.status).toBe(200);
    const m = metrics(r);
    console.log('scan', JSON.stringify(m));
    expect(m.roundTrips).toBe(3);
    // The only write: the look-up in the holder's "who looked at my record" (a row and its index).
    expect(m.rowsWritten).toBeLessThanOrEqual(3);
    expect(m.rowsRead).toBeLessThanOrEqual(25);
  });

  it('a check-in: the session, the lookup and one batch for check-in and points', async () => {
    const activity = await createActivity();
    const person = await registerResident(await loginAs('counter'));
    const r = await call(`/api/v1/activities/${activity.id}/checkins`, {
      token: await loginAs('door'),
      body: { passNumber: person.passholder.passNumber },
    });
    expect(r.status).toBe(200);
    const m = metrics(r);
    console.log('checkin', JSON.stringify(m));
    expect(m.roundTrips).toBe(3);
    expect(m.rowsWritten).toBeGreaterThan(0);
  });

  it('a sign-up and a ticket sale stay within a few round trips', async () => {
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
    expect(metrics(sale).roundTrips).toBe(3);
  });
});
