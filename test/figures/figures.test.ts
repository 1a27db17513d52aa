import { describe, expect, it } from 'vitest';
import { call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import { createActivity, registerResident, residentWithStatus } from '../helpers/fixtures.ts';
import { sellAt } from '../statements/sell.ts';

type Figures = {
  months: string[];
  reimbursed: { month: string; clubName: string; cents: number }[];
  lifts: {
    month: string;
    neighbourhood: string | null;
    requested: number;
    served: number;
    unserved: number;
    bonusPoints: number;
  }[];
  tariffUse: { month: string; category: string; tickets: number; memberships: number }[];
};

describe('the policy team’s figures for a year', () => {
  it('puts each reduced sale in its Belgian month, per club and category, and leaves out full-price sales', async () => {
    const counter = await loginAs('counter');
    const door = await loginAs('door');
    const reduced = await residentWithStatus(counter);
    const full = await registerResident(counter);
    // 23:30 UTC on 28 February is 00:30 on 1 March in Brussels: a March sale.
    await sellAt(door, reduced.passholder.passNumber, '2026-02-28T23:30:00.000Z', {
      regularPriceCents: 1000,
    });
    await sellAt(door, reduced.passholder.passNumber, '2026-02-10T10:00:00.000Z', {
      regularPriceCents: 1000,
    });
    await sellAt(door, full.passholder.passNumber, '2026-02-11T10:00:00.000Z', { regularPriceCents: 1000 });
    const figures = await json<Figures>(`/api/v1/municipalities/${await demo.demostad()}/figures/2026`, 200, {
      token: await loginAs('admin'),
    });
    expect(figures.months[0]).toBe('2026-01');
    const feb = figures.reimbursed.filter((r) => r.month === '2026-02');
    const mar = figures.reimbursed.filter((r) => r.month === '2026-03');
    expect(feb).toHaveLength(1);
    expect(mar).toHaveLength(1);
    expect(feb[0]!.clubName).toBe('Sportclub Demostad');
    expect(mar[0]!.cents).toBe(feb[0]!.cents);
    expect(feb[0]!.cents).toBeGreaterThan(0);
    expect(figures.tariffUse.filter((u) => u.month === '2026-02')).toEqual([
      { month: '2026-02', category: 'sport', tickets: 1, memberships: 0 },
    ]);
    expect(figures.tariffUse.filter((u) => u.month === '2026-03')).toEqual([
      { month: '2026-03', category: 'sport', tickets: 1, memberships: 0 },
    ]);
  });

  it('counts lift requests per neighbourhood and month, served and unserved, without naming anyone', async () => {
    const counter = await loginAs('counter');
    const [driver, rider, waiting] = await Promise.all([
      registerResident(counter),
      registerResident(counter),
      registerResident(counter),
    ]);
    const activity = await createActivity({
      capacity: 50,
      venue: { name: 'Zaal', lat: 50.9378, lon: 4.0403 },
    });
    for (const person of [driver, rider, waiting])
      await json(`/api/v1/activities/${activity.id}/signups`, 201, {
        token: counter,
        body: { passholderIds: [person.passholder.id] },
      });
    const centrum = await demo.id('demostad-centrum');
    const offer = await json<{ id: string }>(`/api/v1/activities/${activity.id}/ride-offers`, 201, {
      token: counter,
      body: {
        passholderId: driver.passholder.id,
        seats: 3,
        departsAt: new Date(Date.now() + 3_600_000).toISOString(),
        neighbourhoodId: centrum,
        lat: 50.93,
        lon: 4.05,
      },
    });
    const asked = await json<{ id: string }>(`/api/v1/ride-offers/${offer.id}/requests`, 201, {
      token: counter,
      body: {
        passholderId: rider.passholder.id,
        address: 'Kerkstraat 12',
        lat: 50.93,
        lon: 4.05,
        neighbourhoodId: centrum,
      },
    });
    await json(`/api/v1/ride-requests/${asked.id}/accept`, 200, { token: counter, body: {} });
    await json(`/api/v1/activities/${activity.id}/ride-requests`, 201, {
      token: counter,
      body: { passholderId: waiting.passholder.id, address: 'Kerkstraat 14', neighbourhoodId: centrum },
    });
    const year = new Date(String(activity.startsAt)).getUTCFullYear();
    const figures = await json<Figures>(
      `/api/v1/municipalities/${await demo.demostad()}/figures/${year}`,
      200,
      {
        token: await loginAs('admin'),
      },
    );
    const row = figures.lifts.find((l) => l.neighbourhood === 'Centrum');
    expect(row).toMatchObject({ requested: 2, served: 1, unserved: 1, bonusPoints: 0 });
    expect(Object.keys(row!).sort()).toEqual([
      'bonusPoints',
      'month',
      'neighbourhood',
      'neighbourhoodId',
      'requested',
      'served',
      'unserved',
    ]);
  });

  it('is for the municipality’s policy team only', async () => {
    const url = `/api/v1/municipalities/${await demo.demostad()}/figures/2026`;
    await expectProblem(await call(url, { token: await loginAs('counter') }), 403, 'forbidden');
    await expectProblem(await call(url, { token: await loginAs('club') }), 403, 'forbidden');
    await expectProblem(
      await call(`${url.slice(0, -4)}1999`, { token: await loginAs('admin') }),
      400,
      'validation_failed',
    );
  });
});
