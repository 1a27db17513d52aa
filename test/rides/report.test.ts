import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { rotatingCode } from '../../src/passes/code.ts';
import { runRideBonuses } from '../../src/rides/job.ts';
import { call, demo, expectProblem, json, loginAs, unique } from '../helpers/api.ts';
import { bulkPassholders, createActivity } from '../helpers/fixtures.ts';

type Report = {
  offered: number;
  requested: number;
  matched: number;
  completed: number;
  passengersServed: number;
  bonusPoints: number;
  byNeighbourhood: {
    neighbourhoodId: string | null;
    neighbourhood: string | null;
    requests: number;
    served: number;
    unserved: number;
    bonusPoints: number;
  }[];
  unservedByNeighbourhood: { neighbourhood: string; unserved: number }[];
};

const passNumber = async (id: string) =>
  (await env.DB.prepare('SELECT pass_number FROM passholders WHERE id = ?1')
    .bind(id)
    .first<{ pass_number: string }>())!.pass_number;

/** A neighbourhood of Demostad of this test only, so its counts are exact. */
async function neighbourhood(): Promise<{ id: string; name: string }> {
  const hood = { id: crypto.randomUUID(), name: unique('Wijk') };
  await env.DB.prepare(
    'INSERT INTO neighbourhoods (id, municipality_id, name, created_at) VALUES (?1, ?2, ?3, ?4)',
  )
    .bind(hood.id, await demo.demostad(), hood.name, new Date().toISOString())
    .run();
  return hood;
}

const brusselsMonth = (d: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit' })
    .format(d)
    .slice(0, 7);

describe('the municipality’s ride settings and monthly report', () => {
  it('refuses a bonus out of range on its field, in three languages, and keeps the old settings', async () => {
    const admin = await loginAs('admin');
    const municipality = await demo.demostad();
    const path = `/api/v1/municipalities/${municipality}/ride-settings`;
    const before = await json(path, 200, { token: admin });
    const problem = await expectProblem(
      await call(path, {
        method: 'PUT',
        token: admin,
        body: { bonusPoints: 500, capPerActivity: 2, capPerMonth: 10, lateCancelHours: 6 },
      }),
      400,
      'validation_failed',
    );
    const fields = problem.fields as { pointer: string; messages: Record<string, string> }[];
    expect(fields.map((f) => f.pointer)).toEqual(['/bonusPoints']);
    expect(Object.keys(fields[0]!.messages).sort()).toEqual(['en', 'fr', 'nl']);
    expect(await json(path, 200, { token: admin })).toEqual(before);
    await expectProblem(
      await call(path, {
        method: 'PUT',
        token: await loginAs('counter'),
        body: { bonusPoints: 1, capPerActivity: 1, capPerMonth: 1, lateCancelHours: 1 },
      }),
      403,
      'forbidden',
    );
  });

  it('counts per neighbourhood the requests, the served, the unserved and the bonus points paid, without names', async () => {
    const admin = await loginAs('admin');
    const municipality = await demo.demostad();
    await json(`/api/v1/municipalities/${municipality}/ride-settings`, 200, {
      method: 'PUT',
      token: admin,
      body: { bonusPoints: 9, capPerActivity: 4, capPerMonth: 20, lateCancelHours: 6 },
    });
    const [north, south] = [await neighbourhood(), await neighbourhood()];
    const [driver, served, stranded, alone] = await bulkPassholders(4);
    const activity = await createActivity({ capacity: 50, venue: { name: 'Zaal', lat: 50.93, lon: 4.04 } });
    const counter = await loginAs('counter');
    for (const id of [driver!, served!, stranded!, alone!])
      await json(`/api/v1/activities/${activity.id}/signups`, 201, {
        token: counter,
        body: { passholderIds: [id] },
      });
    const offer = await json<{ id: string }>(`/api/v1/activities/${activity.id}/ride-offers`, 201, {
      token: counter,
      body: { passholderId: driver, seats: 3, departsAt: new Date(Date.now() + 3_600_000).toISOString() },
    });
    // Served: asked on the offer, agreed, picked up, checked in: the driver earns the bonus.
    const lift = await json<{ id: string }>(`/api/v1/ride-offers/${offer.id}/requests`, 201, {
      token: counter,
      body: { passholderId: served, address: 'Kerkstraat 1', neighbourhoodId: north.id },
    });
    await json(`/api/v1/ride-requests/${lift.id}/accept`, 200, { token: counter, body: {} });
    const { code } = await rotatingCode(env.SIGNING_KEYS, await passNumber(served!), new Date());
    await json(`/api/v1/ride-requests/${lift.id}/pickup`, 200, { token: counter, body: { passCode: code } });
    await json(`/api/v1/activities/${activity.id}/checkins`, 200, {
      token: await loginAs('door'),
      body: { passNumber: await passNumber(served!) },
    });
    // Unserved: open requests nobody took, one in each neighbourhood.
    for (const [who, hood] of [
      [stranded!, north],
      [alone!, south],
    ] as const)
      await json(`/api/v1/activities/${activity.id}/ride-requests`, 201, {
        token: counter,
        body: { passholderId: who, address: 'Molenstraat 8', neighbourhoodId: hood.id },
      });
    await runRideBonuses(env.DB, new Date(Date.now() + 3 * 3_600_000));

    const month = brusselsMonth(new Date(Date.parse(String(activity.startsAt))));
    const response = await call(`/api/v1/municipalities/${municipality}/ride-report/${month}`, {
      token: admin,
    });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const report = JSON.parse(text) as Report;
    expect(report.byNeighbourhood.find((h) => h.neighbourhoodId === north.id)).toEqual({
      neighbourhoodId: north.id,
      neighbourhood: north.name,
      requests: 2,
      served: 1,
      unserved: 1,
      bonusPoints: 9,
    });
    expect(report.byNeighbourhood.find((h) => h.neighbourhoodId === south.id)).toEqual({
      neighbourhoodId: south.id,
      neighbourhood: south.name,
      requests: 1,
      served: 0,
      unserved: 1,
      bonusPoints: 0,
    });
    expect(report.bonusPoints).toBe(report.byNeighbourhood.reduce((s, h) => s + h.bonusPoints, 0));
    expect(report.requested).toBe(report.byNeighbourhood.reduce((s, h) => s + h.requests, 0));
    expect(report.unservedByNeighbourhood).toContainEqual({ neighbourhood: south.name, unserved: 1 });
    // Most unserved first.
    const unserved = report.byNeighbourhood.map((h) => h.unserved);
    expect(unserved).toEqual([...unserved].sort((a, b) => b - a));
    // Aggregates only: no one's name, pass number, id or address.
    for (const id of [driver!, served!, stranded!, alone!]) {
      expect(text).not.toContain(id);
      expect(text).not.toContain(await passNumber(id));
    }
    expect(text).not.toMatch(/Bulk|Kerkstraat|Molenstraat/);

    // A reversed bonus is not counted as paid.
    await json(`/api/v1/ride-requests/${lift.id}/bonus/reverse`, 200, {
      token: admin,
      body: { reason: 'test of the report' },
    });
    const after = await json<Report>(`/api/v1/municipalities/${municipality}/ride-report/${month}`, 200, {
      token: admin,
    });
    expect(after.byNeighbourhood.find((h) => h.neighbourhoodId === north.id)?.bonusPoints).toBe(0);
  });

  it('an empty month has no neighbourhoods and zero everywhere', async () => {
    const report = await json<Report>(
      `/api/v1/municipalities/${await demo.demostad()}/ride-report/2019-02`,
      200,
      { token: await loginAs('admin') },
    );
    expect(report).toEqual({
      offered: 0,
      requested: 0,
      matched: 0,
      completed: 0,
      passengersServed: 0,
      bonusPoints: 0,
      byNeighbourhood: [],
      unservedByNeighbourhood: [],
    });
  });
});
