import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { rotatingCode } from '../../src/passes/code.ts';
import { runRideBonuses } from '../../src/rides/job.ts';
import { call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import { bulkPassholders, createActivity, registerResident } from '../helpers/fixtures.ts';

const passNumber = async (id: string) =>
  (await env.DB.prepare('SELECT pass_number FROM passholders WHERE id = ?1')
    .bind(id)
    .first<{ pass_number: string }>())!.pass_number;
const balance = async (id: string) =>
  (await env.DB.prepare('SELECT coalesce(sum(points), 0) AS b FROM points_ledger WHERE passholder_id = ?1')
    .bind(id)
    .first<{ b: number }>())!.b;

/** An activity happening now, with these people signed up (by the counter). */
async function activityWith(people: string[], overrides: Record<string, unknown> = {}) {
  const activity = await createActivity({
    capacity: 50,
    venue: { name: 'Zaal', lat: 50.9378, lon: 4.0403 },
    ...overrides,
  });
  const counter = await loginAs('counter');
  for (const id of people)
    await json(`/api/v1/activities/${activity.id}/signups`, 201, {
      token: counter,
      body: { passholderIds: [id] },
    });
  return { activity, counter };
}

async function offer(counter: string, activityId: string, driver: string, seats = 3) {
  return (
    await json<{ id: string }>(`/api/v1/activities/${activityId}/ride-offers`, 201, {
      token: counter,
      body: {
        passholderId: driver,
        seats,
        departsAt: new Date(Date.now() + 3_600_000).toISOString(),
        neighbourhoodId: await demo.id('demostad-molenhoek'),
        lat: 50.9271,
        lon: 4.0589,
      },
    })
  ).id;
}

async function ask(counter: string, offerId: string, passenger: string) {
  return (
    await json<{ id: string }>(`/api/v1/ride-offers/${offerId}/requests`, 201, {
      token: counter,
      body: {
        passholderId: passenger,
        address: 'Kerkstraat 12',
        lat: 50.93,
        lon: 4.05,
        neighbourhoodId: await demo.id('demostad-centrum'),
      },
    })
  ).id;
}

/** Accept, confirm pickup by scanning the passenger's pass, check the passenger in. */
async function completeRide(
  counter: string,
  requestId: string,
  passenger: string,
  activityId: string,
  checkIn = true,
) {
  await json(`/api/v1/ride-requests/${requestId}/accept`, 200, { token: counter, body: {} });
  const { code } = await rotatingCode(env.SIGNING_KEYS, await passNumber(passenger), new Date());
  await json(`/api/v1/ride-requests/${requestId}/pickup`, 200, { token: counter, body: { passCode: code } });
  if (checkIn)
    await json(`/api/v1/activities/${activityId}/checkins`, 200, {
      token: await loginAs('door'),
      body: { passNumber: await passNumber(passenger) },
    });
}

const afterActivity = () => new Date(Date.now() + 3 * 3_600_000);

describe('rides', () => {
  it('awards the driver once, only for a confirmed pickup of a passenger who checked in', async () => {
    const [driver, passenger, noCheckin, noPickup] = await bulkPassholders(4);
    const { activity, counter } = await activityWith([driver!, passenger!, noCheckin!, noPickup!]);
    const o = await offer(counter, activity.id, driver!);
    const r1 = await ask(counter, o, passenger!);
    const r2 = await ask(counter, o, noCheckin!);
    const r3 = await ask(counter, o, noPickup!);
    await completeRide(counter, r1, passenger!, activity.id);
    await completeRide(counter, r2, noCheckin!, activity.id, false);
    await json(`/api/v1/ride-requests/${r3}/accept`, 200, { token: counter, body: {} });
    await json(`/api/v1/activities/${activity.id}/checkins`, 200, {
      token: await loginAs('door'),
      body: { passNumber: await passNumber(noPickup!) },
    });
    const before = await balance(driver!);
    expect(await runRideBonuses(env.DB, new Date())).toMatchObject({ awarded: 0 });
    expect(await runRideBonuses(env.DB, afterActivity())).toMatchObject({ awarded: 1 });
    expect(await runRideBonuses(env.DB, afterActivity())).toMatchObject({ awarded: 0 });
    expect((await balance(driver!)) - before).toBe(5);
    const line = await env.DB.prepare('SELECT kind, activity_id FROM points_ledger WHERE id = ?1')
      .bind(`ride:${r1}`)
      .first();
    expect(line).toEqual({ kind: 'ride_bonus', activity_id: activity.id });

    // A municipality admin can take it back, with a reason.
    const admin = await loginAs('admin');
    await json(`/api/v1/ride-requests/${r1}/bonus/reverse`, 200, {
      token: admin,
      body: { reason: 'reported as fake' },
    });
    expect((await balance(driver!)) - before).toBe(0);
    await expectProblem(
      await call(`/api/v1/ride-requests/${r1}/bonus/reverse`, { token: admin, body: { reason: 'twice' } }),
      409,
      'ride_no_bonus',
    );
  });

  it('gives nothing for a ride with one’s own household', async () => {
    const counter = await loginAs('counter');
    const [driver, passenger] = await bulkPassholders(2, { sameHousehold: true });
    const { activity } = await activityWith([driver!, passenger!]);
    const o = await offer(counter, activity.id, driver!);
    const r = await ask(counter, o, passenger!);
    await completeRide(counter, r, passenger!, activity.id);
    const before = await balance(driver!);
    expect(await runRideBonuses(env.DB, afterActivity())).toMatchObject({ awarded: 0 });
    expect(await balance(driver!)).toBe(before);
    expect(
      (await env.DB.prepare('SELECT bonus_awarded_at FROM ride_requests WHERE id = ?1')
        .bind(r)
        .first<{ bonus_awarded_at: string | null }>())!.bonus_awarded_at,
    ).toBeNull();
  });

  it('never overbooks seats, whatever the concurrency', async () => {
    const people = await bulkPassholders(11);
    const [driver, ...passengers] = people;
    const { activity, counter } = await activityWith(people);
    const o = await offer(counter, activity.id, driver!, 2);
    const requests = [];
    for (const p of passengers) requests.push(await ask(counter, o, p));
    const responses = await Promise.all(
      requests.map((r) => call(`/api/v1/ride-requests/${r}/accept`, { token: counter, body: {} })),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(2);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(8);
    for (const refused of responses.filter((r) => r.status === 409))
      await expectProblem(refused, 409, 'ride_no_seats');
    const seats = await env.DB.prepare('SELECT seats_taken FROM ride_offers WHERE id = ?1')
      .bind(o)
      .first<{ seats_taken: number }>();
    expect(seats!.seats_taken).toBe(2);
    const accepted = await env.DB.prepare(
      "SELECT count(*) AS n FROM ride_requests WHERE offer_id = ?1 AND status = 'accepted'",
    )
      .bind(o)
      .first<{ n: number }>();
    expect(accepted!.n).toBe(2);
  });

  it('shows only first name and area before acceptance; the pair sees pickup point and phone after', async () => {
    const counter = await loginAs('counter');
    const resident = await loginAs('resident');
    const samira = await demo.id('passholder:resident');
    const jan = await demo.id('passholder:neighbour');
    await env.DB.prepare("UPDATE passholders SET phone = '+32 470 00 00 01' WHERE id = ?1").bind(jan).run();
    const { activity } = await activityWith([samira, jan]);
    const o = await offer(counter, activity.id, jan);
    const offers = await json<{ items: Record<string, unknown>[] }>(
      `/api/v1/activities/${activity.id}/ride-offers?lat=50.93&lon=4.05`,
      200,
      { token: resident },
    );
    expect(offers.items).toHaveLength(1);
    expect(offers.items[0]).toMatchObject({
      driver: { firstName: 'Jan', area: 'Molenhoek' },
      seatsLeft: 3,
      detourKm: expect.any(Number),
    });
    expect(JSON.stringify(offers)).not.toMatch(/Peeters|\+32|lat|lon|address/);
    const { id: r } = await json<{ id: string }>(`/api/v1/ride-offers/${o}/requests`, 201, {
      token: resident,
      body: { address: 'Stationsstraat 3', lat: 50.942, lon: 4.036 },
    });
    const neighbour = await loginAs('neighbour');
    const pending = await json<{ offers: { requests: Record<string, unknown>[] }[] }>(
      '/api/v1/me/rides',
      200,
      { token: neighbour },
    );
    const waiting = pending.offers.find((x) => (x as unknown as { id: string }).id === o)!.requests[0]!;
    expect(waiting).toMatchObject({
      firstName: 'Samira',
      area: 'Stationswijk',
      pickupAddress: null,
      phone: null,
    });
    await json(`/api/v1/ride-requests/${r}/accept`, 200, { token: neighbour, body: {} });
    const accepted = await json<{ offers: { id: string; requests: Record<string, unknown>[] }[] }>(
      '/api/v1/me/rides',
      200,
      { token: neighbour },
    );
    expect(accepted.offers.find((x) => x.id === o)!.requests[0]).toMatchObject({
      pickupAddress: 'Stationsstraat 3',
    });
    const passengerSide = await json<{
      requests: { id: string; driver: { firstName: string; phone: string | null } }[];
    }>('/api/v1/me/rides', 200, { token: resident });
    expect(passengerSide.requests.find((x) => x.id === r)!.driver).toEqual({
      firstName: 'Jan',
      area: 'Molenhoek',
      phone: '+32 470 00 00 01',
    });
    // The passenger confirms the pickup with the driver's six-digit ride code.
    const { code } = await json<{ code: string }>(`/api/v1/ride-offers/${o}/code`, 200, { token: neighbour });
    await expectProblem(
      await call(`/api/v1/ride-requests/${r}/pickup`, {
        token: resident,
        body: { rideCode: code === '000000' ? '000001' : '000000' },
      }),
      422,
      'code_invalid',
    );
    await json(`/api/v1/ride-requests/${r}/pickup`, 200, { token: resident, body: { rideCode: code } });
  });

  it('a second driver who taps "take" just after another hears where the request stands (409), not 403', async () => {
    const samira = await demo.id('passholder:resident');
    const jan = await demo.id('passholder:neighbour');
    const other = await registerResident(await loginAs('counter'));
    const { activity, counter } = await activityWith([samira, jan, other.passholder.id]);
    const janOffer = await offer(counter, activity.id, jan);
    const otherOffer = await offer(counter, activity.id, other.passholder.id);
    const otherDriver = (
      await json<{ token: string }>('/api/v1/auth/activate', 201, {
        body: {
          passNumber: other.passholder.passNumber,
          activationCode: other.activationCode,
          password: 'my-own-password',
        },
      })
    ).token;
    const { id: r } = await json<{ id: string }>(`/api/v1/activities/${activity.id}/ride-requests`, 201, {
      token: await loginAs('resident'),
      body: { address: 'Stationsstraat 3', lat: 50.942, lon: 4.036 },
    });
    await json(`/api/v1/ride-requests/${r}/accept`, 200, {
      token: await loginAs('neighbour'),
      body: { offerId: janOffer },
    });
    const take = () =>
      call(`/api/v1/ride-requests/${r}/accept`, { token: otherDriver, body: { offerId: otherOffer } });
    await expectProblem(await take(), 409, 'ride_awaiting_passenger');
    // Naming someone else's offer is still not theirs to use.
    await expectProblem(
      await call(`/api/v1/ride-requests/${r}/accept`, { token: otherDriver, body: { offerId: janOffer } }),
      403,
      'forbidden',
    );
    await json(`/api/v1/ride-requests/${r}/confirm`, 200, {
      method: 'POST',
      token: await loginAs('resident'),
    });
    await expectProblem(await take(), 409, 'ride_request_not_pending');
    const stored = await env.DB.prepare('SELECT offer_id, status FROM ride_requests WHERE id = ?1')
      .bind(r)
      .first();
    expect(stored).toEqual({ offer_id: janOffer, status: 'accepted' });
  });

  it('a driver taking an open request only proposes: nothing more than first name and area until the passenger confirms', async () => {
    const samira = await demo.id('passholder:resident');
    const jan = await demo.id('passholder:neighbour');
    await env.DB.batch([
      env.DB.prepare("UPDATE passholders SET phone = '+32 470 00 00 01' WHERE id = ?1").bind(jan),
      env.DB.prepare("UPDATE passholders SET phone = '+32 470 00 00 02' WHERE id = ?1").bind(samira),
    ]);
    const { activity, counter } = await activityWith([samira, jan]);
    const o = await offer(counter, activity.id, jan);
    const resident = await loginAs('resident');
    const neighbour = await loginAs('neighbour');
    const { id: r } = await json<{ id: string }>(`/api/v1/activities/${activity.id}/ride-requests`, 201, {
      token: resident,
      body: { address: 'Stationsstraat 3', lat: 50.942, lon: 4.036 },
    });
    const secrets = /Stationsstraat|El Amrani|Peeters|\+32/;

    // The driver sees the open request, and says yes to it: a proposal.
    const open = await json<{ items: { id: string; passenger: unknown }[] }>(
      `/api/v1/activities/${activity.id}/ride-requests`,
      200,
      { token: neighbour },
    );
    expect(open.items.find((x) => x.id === r)!.passenger).toEqual({
      firstName: 'Samira',
      area: 'Stationswijk',
    });
    expect(JSON.stringify(open)).not.toMatch(secrets);
    expect(
      await json(`/api/v1/ride-requests/${r}/accept`, 200, { token: neighbour, body: { offerId: o } }),
    ).toEqual({ ok: true, status: 'proposed' });

    // Before the passenger's yes, neither side sees address, phone or surname.
    const driverBefore = await json<{ offers: { id: string; requests: Record<string, unknown>[] }[] }>(
      '/api/v1/me/rides',
      200,
      { token: neighbour },
    );
    expect(driverBefore.offers.find((x) => x.id === o)!.requests).toEqual([
      expect.objectContaining({
        id: r,
        status: 'proposed',
        firstName: 'Samira',
        area: 'Stationswijk',
        pickupAddress: null,
        phone: null,
      }),
    ]);
    // (Earlier tests' lifts of the same pair are agreed; only this one is looked at.)
    expect(JSON.stringify(driverBefore.offers.find((x) => x.id === o))).not.toMatch(secrets);
    const passengerBefore = await json<{ requests: { id: string; status: string; driver: unknown }[] }>(
      '/api/v1/me/rides',
      200,
      { token: resident },
    );
    expect(passengerBefore.requests.find((x) => x.id === r)).toMatchObject({
      status: 'proposed',
      driver: { firstName: 'Jan', area: 'Molenhoek', phone: null },
    });
    // The passenger sees her own pickup address, nothing of the driver's.
    expect(passengerBefore.requests.find((x) => x.id === r)).toMatchObject({
      pickupAddress: 'Stationsstraat 3',
    });
    expect(JSON.stringify(passengerBefore.requests.find((x) => x.id === r))).not.toMatch(/Peeters|\+32/);
    const told = await json<{ items: { kind: string; message: string }[] }>('/api/v1/me/notifications', 200, {
      token: resident,
    });
    const proposal = told.items.find((n) => n.kind === 'ride_proposed')!;
    expect(proposal.message).toContain('Jan kan je meenemen');
    expect(proposal.message).not.toMatch(secrets);
    // The database refuses an agreed lift without the passenger's yes.
    await expect(
      env.DB.prepare("UPDATE ride_requests SET status = 'accepted' WHERE id = ?1").bind(r).run(),
    ).rejects.toThrow(/ride_not_agreed_by_both/);

    // Only the passenger's side confirms; the driver cannot say yes twice.
    await expectProblem(
      await call(`/api/v1/ride-requests/${r}/confirm`, { method: 'POST', token: neighbour }),
      403,
      'forbidden',
    );
    await expectProblem(
      await call(`/api/v1/ride-requests/${r}/accept`, { token: neighbour, body: { offerId: o } }),
      409,
      'ride_awaiting_passenger',
    );
    expect(
      await json(`/api/v1/ride-requests/${r}/confirm`, 200, { method: 'POST', token: resident }),
    ).toEqual({ ok: true, status: 'accepted' });

    // Now the pair sees pickup address and phone, for this lift.
    const driverAfter = await json<{ offers: { id: string; seatsTaken: number; requests: unknown[] }[] }>(
      '/api/v1/me/rides',
      200,
      { token: neighbour },
    );
    const mine = driverAfter.offers.find((x) => x.id === o)!;
    expect(mine.seatsTaken).toBe(1);
    expect(mine.requests).toEqual([
      expect.objectContaining({
        status: 'accepted',
        pickupAddress: 'Stationsstraat 3',
        phone: '+32 470 00 00 02',
      }),
    ]);
    const passengerAfter = await json<{ requests: { id: string; driver: unknown }[] }>(
      '/api/v1/me/rides',
      200,
      {
        token: resident,
      },
    );
    expect(passengerAfter.requests.find((x) => x.id === r)!.driver).toEqual({
      firstName: 'Jan',
      area: 'Molenhoek',
      phone: '+32 470 00 00 01',
    });
    const driverTold = await json<{ items: { kind: string; message: string }[] }>(
      '/api/v1/me/notifications',
      200,
      {
        token: neighbour,
      },
    );
    expect(driverTold.items.find((n) => n.kind === 'ride_confirmed')!.message).toContain('Samira');
  });

  it('a passenger’s no (or the driver’s withdrawal) opens the request again for other drivers', async () => {
    const [driver, other, passenger] = await bulkPassholders(3);
    const { activity, counter } = await activityWith([driver!, other!, passenger!]);
    const o1 = await offer(counter, activity.id, driver!);
    const o2 = await offer(counter, activity.id, other!);
    const { id: r } = await json<{ id: string }>(`/api/v1/activities/${activity.id}/ride-requests`, 201, {
      token: counter,
      body: { passholderId: passenger, address: 'Kerkstraat 12' },
    });
    const openIds = async () =>
      (
        await json<{ items: { id: string }[] }>(
          `/api/v1/activities/${activity.id}/ride-requests?passholderId=${other}`,
          200,
          { token: counter },
        )
      ).items.map((x) => x.id);
    await json(`/api/v1/ride-requests/${r}/accept`, 200, { token: counter, body: { offerId: o1 } });
    expect(await openIds()).not.toContain(r);
    // Another driver cannot take it while it is proposed.
    await expectProblem(
      await call(`/api/v1/ride-requests/${r}/accept`, { token: counter, body: { offerId: o2 } }),
      409,
      'ride_awaiting_passenger',
    );
    expect(await json(`/api/v1/ride-requests/${r}/decline`, 200, { method: 'POST', token: counter })).toEqual(
      {
        ok: true,
        status: 'open',
      },
    );
    expect(await openIds()).toContain(r);
    // The other driver proposes, then withdraws by cancelling: open again, nothing cancelled.
    await json(`/api/v1/ride-requests/${r}/accept`, 200, { token: counter, body: { offerId: o2 } });
    const stored = await env.DB.prepare(
      'SELECT status, offer_id, driver_agreed_at IS NOT NULL AS driver, passenger_agreed_at IS NOT NULL AS passenger FROM ride_requests WHERE id = ?1',
    )
      .bind(r)
      .first();
    expect(stored).toEqual({ status: 'requested', offer_id: o2, driver: 1, passenger: 0 });
    await expectProblem(
      await call(`/api/v1/ride-requests/${r}/pickup`, { token: counter, body: { rideCode: '123456' } }),
      409,
      'ride_not_agreed',
    );
    expect(
      (await env.DB.prepare('SELECT seats_taken FROM ride_offers WHERE id IN (?1, ?2)').bind(o1, o2).all())
        .results,
    ).toEqual([{ seats_taken: 0 }, { seats_taken: 0 }]);
  });

  it('one proposal wins among 20 drivers at once, and 20 confirmations take the seat once', async () => {
    const people = await bulkPassholders(21);
    const [passenger, ...drivers] = people;
    const { activity, counter } = await activityWith(people);
    const offers: string[] = [];
    for (const d of drivers) offers.push(await offer(counter, activity.id, d, 1));
    const { id: r } = await json<{ id: string }>(`/api/v1/activities/${activity.id}/ride-requests`, 201, {
      token: counter,
      body: { passholderId: passenger, address: 'Kerkstraat 12' },
    });
    const proposals = await Promise.all(
      offers.map((o) => call(`/api/v1/ride-requests/${r}/accept`, { token: counter, body: { offerId: o } })),
    );
    expect(proposals.filter((x) => x.status === 200)).toHaveLength(1);
    expect(proposals.filter((x) => x.status === 409)).toHaveLength(19);
    // Taken by another driver while this one was asking, or already waiting for the passenger.
    for (const refused of proposals.filter((x) => x.status === 409))
      await expectProblem(
        refused,
        409,
        expect.stringMatching(/^ride_(request_not_pending|awaiting_passenger)$/),
      );
    const confirmations = await Promise.all(
      Array.from({ length: 20 }, () =>
        call(`/api/v1/ride-requests/${r}/confirm`, { method: 'POST', token: counter }),
      ),
    );
    expect(confirmations.filter((x) => x.status === 200)).toHaveLength(1);
    expect(confirmations.filter((x) => x.status === 409)).toHaveLength(19);
    for (const refused of confirmations.filter((x) => x.status === 409))
      await expectProblem(refused, 409, 'ride_no_proposal');
    const seats = await env.DB.prepare(
      'SELECT sum(seats_taken) AS n FROM ride_offers WHERE id IN (SELECT value FROM json_each(?1))',
    )
      .bind(JSON.stringify(offers))
      .first<{ n: number }>();
    expect(seats!.n).toBe(1);
    const notes = await env.DB.prepare(
      "SELECT kind, count(*) AS n FROM notifications WHERE activity_id = ?1 AND kind IN ('ride_proposed', 'ride_confirmed') GROUP BY kind ORDER BY kind",
    )
      .bind(activity.id)
      .all();
    expect(notes.results).toEqual([
      { kind: 'ride_confirmed', n: 1 },
      { kind: 'ride_proposed', n: 1 },
    ]);
  });

  it('a proposal confirmed after the car filled up opens the request again', async () => {
    const [driver, first, second] = await bulkPassholders(3);
    const { activity, counter } = await activityWith([driver!, first!, second!]);
    const o = await offer(counter, activity.id, driver!, 1);
    const { id: r } = await json<{ id: string }>(`/api/v1/activities/${activity.id}/ride-requests`, 201, {
      token: counter,
      body: { passholderId: second, address: 'Molenstraat 8' },
    });
    await json(`/api/v1/ride-requests/${r}/accept`, 200, { token: counter, body: { offerId: o } });
    const asked = await ask(counter, o, first!);
    await json(`/api/v1/ride-requests/${asked}/accept`, 200, { token: counter, body: {} });
    await expectProblem(
      await call(`/api/v1/ride-requests/${r}/confirm`, { method: 'POST', token: counter }),
      409,
      'ride_full_request_open',
    );
    expect(
      await env.DB.prepare('SELECT status, offer_id FROM ride_requests WHERE id = ?1').bind(r).first(),
    ).toEqual({ status: 'open', offer_id: null });
    expect(await env.DB.prepare('SELECT seats_taken FROM ride_offers WHERE id = ?1').bind(o).first()).toEqual(
      { seats_taken: 1 },
    );
  });

  it('the database refuses a lift stored as agreed without both yeses', async () => {
    const [driver, passenger] = await bulkPassholders(2);
    const { activity, counter } = await activityWith([driver!, passenger!]);
    const o = await offer(counter, activity.id, driver!);
    const at = new Date().toISOString();
    const insert = (agreed: { passenger: string | null; driver: string | null }) =>
      env.DB.prepare(
        `INSERT INTO ride_requests (id, activity_id, offer_id, passenger_id, seats, status, created_at, accepted_at, passenger_agreed_at, driver_agreed_at)
         VALUES (?1, ?2, ?3, ?4, 1, 'accepted', ?5, ?5, ?6, ?7)`,
      )
        .bind(crypto.randomUUID(), activity.id, o, passenger, at, agreed.passenger, agreed.driver)
        .run();
    await expect(insert({ passenger: null, driver: at })).rejects.toThrow(/ride_not_agreed_by_both/);
    await expect(insert({ passenger: at, driver: null })).rejects.toThrow(/ride_not_agreed_by_both/);
    await insert({ passenger: at, driver: at });
  });

  it('marks a late cancellation, tells the passenger, and the club when the driver drops them', async () => {
    const jan = await demo.id('passholder:neighbour');
    const [passenger] = await bulkPassholders(1);
    const { activity, counter } = await activityWith([jan, passenger!]);
    const o = await offer(counter, activity.id, jan);
    const r = await ask(counter, o, passenger!);
    await json(`/api/v1/ride-requests/${r}/accept`, 200, { token: counter, body: {} });
    const result = await json<{ late: boolean }>(`/api/v1/ride-requests/${r}/cancel`, 200, {
      method: 'POST',
      token: await loginAs('neighbour'),
    });
    expect(result.late).toBe(true);
    const seats = await env.DB.prepare('SELECT seats_taken FROM ride_offers WHERE id = ?1')
      .bind(o)
      .first<{ seats_taken: number }>();
    expect(seats!.seats_taken).toBe(0);
    const note = await env.DB.prepare(
      "SELECT message FROM notifications WHERE passholder_id = ?1 AND kind = 'ride_cancelled'",
    )
      .bind(passenger)
      .first<{ message: string }>();
    expect(note!.message).toContain('geannuleerd');
    const club = await env.DB.prepare('SELECT count(*) AS n FROM club_messages WHERE club_id = ?1')
      .bind(await demo.sportsClub())
      .first<{ n: number }>();
    expect(club!.n).toBe(1);
    // Clubs have no language of their own: the message is in Dutch, naming the activity, not the passenger.
    const clubNote = await env.DB.prepare('SELECT message FROM club_messages WHERE club_id = ?1')
      .bind(await demo.sportsClub())
      .first<{ message: string }>();
    expect(clubNote!.message).toMatch(
      /^Een deelnemer aan ".+" \(.+\) verloor kort voor vertrek zijn lift\.$/,
    );
    expect(clubNote!.message).toContain(`"${String(activity.title)}"`);
    const stored = await env.DB.prepare('SELECT cancelled_by, late_cancel FROM ride_requests WHERE id = ?1')
      .bind(r)
      .first();
    expect(stored).toEqual({ cancelled_by: 'driver', late_cancel: 1 });
  });

  it('records no-shows, which the counter sees', async () => {
    const [driver, passenger] = await bulkPassholders(2);
    const { activity, counter } = await activityWith([driver!, passenger!]);
    const r = await ask(counter, await offer(counter, activity.id, driver!), passenger!);
    await json(`/api/v1/ride-requests/${r}/accept`, 200, { token: counter, body: {} });
    await json(`/api/v1/ride-requests/${r}/no-show`, 200, { token: counter, body: { who: 'passenger' } });
    expect(await json(`/api/v1/passholders/${passenger}/rides`, 200, { token: counter })).toEqual({
      asDriver: 0,
      asPassenger: 1,
    });
  });

  it('lets the municipality set the bonus and read the report, with unserved requests per neighbourhood', async () => {
    const admin = await loginAs('admin');
    const municipality = await demo.demostad();
    await json(`/api/v1/municipalities/${municipality}/ride-settings`, 200, {
      method: 'PUT',
      token: admin,
      body: { bonusPoints: 7, capPerActivity: 2, capPerMonth: 10, lateCancelHours: 6 },
    });
    const [driver, passenger, alone] = await bulkPassholders(3);
    const { activity, counter } = await activityWith([driver!, passenger!, alone!]);
    const o = await offer(counter, activity.id, driver!);
    const r = await ask(counter, o, passenger!);
    await completeRide(counter, r, passenger!, activity.id);
    await json(`/api/v1/activities/${activity.id}/ride-requests`, 201, {
      token: counter,
      body: {
        passholderId: alone,
        address: 'Molenstraat 8',
        neighbourhoodId: await demo.id('demostad-molenhoek'),
      },
    });
    const month = new Date().toISOString().slice(0, 7);
    const report = await json<{
      offered: number;
      requested: number;
      matched: number;
      completed: number;
      passengersServed: number;
      unservedByNeighbourhood: { neighbourhood: string; unserved: number }[];
    }>(`/api/v1/municipalities/${municipality}/ride-report/${month}`, 200, { token: admin });
    expect(report.offered).toBeGreaterThanOrEqual(1);
    expect(report.completed).toBeGreaterThanOrEqual(1);
    expect(
      report.unservedByNeighbourhood.find((u) => u.neighbourhood === 'Molenhoek')?.unserved,
    ).toBeGreaterThanOrEqual(1);
    await expectProblem(
      await call(`/api/v1/municipalities/${municipality}/ride-report/${month}`, {
        token: await loginAs('club'),
      }),
      403,
      'forbidden',
    );
  });

  it('needs a pickup address: missing or empty, the address field is named with what to do', async () => {
    const [driver, passenger] = await bulkPassholders(2);
    const { activity, counter } = await activityWith([driver!, passenger!]);
    const o = await offer(counter, activity.id, driver!);
    for (const [path, body] of [
      [`/api/v1/activities/${activity.id}/ride-requests`, { passholderId: passenger, address: '   ' }],
      [`/api/v1/ride-offers/${o}/requests`, { passholderId: passenger, address: '' }],
      [`/api/v1/ride-offers/${o}/requests`, { passholderId: passenger }],
    ] as const) {
      const problem = await expectProblem(
        await call(path, { token: counter, body }),
        400,
        'validation_failed',
      );
      expect(problem.fields).toEqual([
        {
          pointer: '/address',
          code: 'required',
          messages: { nl: expect.any(String), fr: expect.any(String), en: expect.any(String) },
        },
      ]);
    }
    const stored = await env.DB.prepare('SELECT count(*) AS n FROM ride_requests WHERE passenger_id = ?1')
      .bind(passenger)
      .first<{ n: number }>();
    expect(stored!.n).toBe(0);
  });

  it('a wrong ride code is refused on the rideCode field; the passenger sees their own pickup address', async () => {
    const [driver, passenger] = await bulkPassholders(2);
    const { activity, counter } = await activityWith([driver!, passenger!]);
    const o = await offer(counter, activity.id, driver!);
    const r = await ask(counter, o, passenger!);
    await json(`/api/v1/ride-requests/${r}/accept`, 200, { token: counter, body: {} });
    const { code } = await json<{ code: string }>(`/api/v1/ride-offers/${o}/code`, 200, { token: counter });
    const problem = await expectProblem(
      await call(`/api/v1/ride-requests/${r}/pickup`, {
        token: counter,
        body: { rideCode: code === '000000' ? '000001' : '000000' },
      }),
      422,
      'code_invalid',
    );
    expect(problem.fields).toMatchObject([{ pointer: '/rideCode', code: 'invalid' }]);
    expect((problem.fields as { messages: { en: string } }[])[0]!.messages.en).toContain('driver’s code');
  });

  it('the driver cancels an offer: asked and agreed lifts end and are told, a proposal is open again', async () => {
    const [driver, agreed, asked, proposed] = await bulkPassholders(4);
    const { activity, counter } = await activityWith([driver!, agreed!, asked!, proposed!]);
    const o = await offer(counter, activity.id, driver!);
    const rAgreed = await ask(counter, o, agreed!);
    await json(`/api/v1/ride-requests/${rAgreed}/accept`, 200, { token: counter, body: {} });
    const rAsked = await ask(counter, o, asked!);
    const { id: rProposed } = await json<{ id: string }>(
      `/api/v1/activities/${activity.id}/ride-requests`,
      201,
      { token: counter, body: { passholderId: proposed, address: 'Kerkstraat 1' } },
    );
    await json(`/api/v1/ride-requests/${rProposed}/accept`, 200, { token: counter, body: { offerId: o } });
    // Only the driver's side may cancel the offer.
    await expectProblem(
      await call(`/api/v1/ride-offers/${o}/cancel`, { method: 'POST', token: await loginAs('resident') }),
      403,
      'forbidden',
    );

    // The offer leaves within the hour: late for the passenger who counted on it.
    expect(await json(`/api/v1/ride-offers/${o}/cancel`, 200, { method: 'POST', token: counter })).toEqual({
      late: true,
    });
    const rows = await env.DB.prepare(
      'SELECT id, status, offer_id FROM ride_requests WHERE id IN (?1, ?2, ?3) ORDER BY id',
    )
      .bind(rAgreed, rAsked, rProposed)
      .all<{ id: string; status: string; offer_id: string | null }>();
    const byId = new Map(rows.results.map((x) => [x.id, x]));
    expect(byId.get(rAgreed)).toMatchObject({ status: 'cancelled' });
    expect(
      await env.DB.prepare(
        'SELECT cancelled_by, late_cancel FROM ride_requests WHERE id IN (?1, ?2) ORDER BY late_cancel',
      )
        .bind(rAsked, rAgreed)
        .all(),
    ).toMatchObject({
      results: [
        { cancelled_by: 'driver', late_cancel: 0 },
        { cancelled_by: 'driver', late_cancel: 1 },
      ],
    });
    expect(byId.get(rAsked)).toMatchObject({ status: 'cancelled' });
    expect(byId.get(rProposed)).toMatchObject({ status: 'open', offer_id: null });
    const told = await env.DB.prepare(
      'SELECT passholder_id, kind FROM notifications WHERE activity_id = ?1 AND kind IN (?2, ?3)',
    )
      .bind(activity.id, 'ride_cancelled', 'ride_proposal_withdrawn')
      .all<{ passholder_id: string; kind: string }>();
    expect(told.results.map((x) => `${x.passholder_id}:${x.kind}`).sort()).toEqual(
      [`${agreed}:ride_cancelled`, `${asked}:ride_cancelled`, `${proposed}:ride_proposal_withdrawn`].sort(),
    );
    expect(
      await env.DB.prepare('SELECT status, seats_taken FROM ride_offers WHERE id = ?1').bind(o).first(),
    ).toEqual({ status: 'cancelled', seats_taken: 0 });
    // Twice changes nothing; the cancelled offer takes no more requests.
    await expectProblem(
      await call(`/api/v1/ride-offers/${o}/cancel`, { method: 'POST', token: counter }),
      409,
      'ride_offer_cancelled',
    );
    await expectProblem(
      await call(`/api/v1/ride-offers/${o}/requests`, {
        token: counter,
        body: { passholderId: asked, address: 'Kerkstraat 2' },
      }),
      409,
      'ride_offer_cancelled',
    );
  });

  it('an offer whose passenger was picked up cannot be cancelled any more', async () => {
    const [driver, passenger] = await bulkPassholders(2);
    const { activity, counter } = await activityWith([driver!, passenger!]);
    const o = await offer(counter, activity.id, driver!);
    const r = await ask(counter, o, passenger!);
    await completeRide(counter, r, passenger!, activity.id, false);
    await expectProblem(
      await call(`/api/v1/ride-offers/${o}/cancel`, { method: 'POST', token: counter }),
      409,
      'ride_took_place',
    );
    expect(await env.DB.prepare('SELECT status FROM ride_requests WHERE id = ?1').bind(r).first()).toEqual({
      status: 'accepted',
    });
    expect(await env.DB.prepare('SELECT status FROM ride_offers WHERE id = ?1').bind(o).first()).toEqual({
      status: 'open',
    });
  });

  it('my lifts name the offer’s area and, for the passenger, their own pickup address', async () => {
    const samira = await demo.id('passholder:resident');
    const jan = await demo.id('passholder:neighbour');
    const { activity, counter } = await activityWith([samira, jan]);
    const o = await offer(counter, activity.id, jan);
    const r = await ask(counter, o, samira);
    const mine = await json<{
      requests: { id: string; pickupAddress: string | null; area: string | null }[];
    }>('/api/v1/me/rides', 200, { token: await loginAs('resident') });
    expect(mine.requests.find((x) => x.id === r)).toMatchObject({
      pickupAddress: 'Kerkstraat 12',
      area: 'Centrum',
    });
    const driving = await json<{ offers: { id: string; area: string | null }[] }>('/api/v1/me/rides', 200, {
      token: await loginAs('neighbour'),
    });
    expect(driving.offers.find((x) => x.id === o)).toMatchObject({ area: 'Molenhoek' });
  });

  it('shares lifts only among people signed up for the activity', async () => {
    const activity = await createActivity({ capacity: 10 });
    await expectProblem(
      await call(`/api/v1/activities/${activity.id}/ride-offers`, {
        token: await loginAs('neighbour'),
        body: { seats: 2, departsAt: new Date().toISOString() },
      }),
      409,
      'ride_not_signed_up',
    );
  });

  it('answers each refusal with its own problem, in three languages', async () => {
    const [driver, passenger, other, needy] = await bulkPassholders(4);
    const { activity, counter } = await activityWith([driver!, passenger!, other!, needy!]);
    const { activity: elsewhere } = await activityWith([driver!]);
    const o = await offer(counter, activity.id, driver!);
    const refused = async (path: string, body: unknown, status: number, code: string) => {
      const problem = await expectProblem(
        await call(path, { token: counter, body: body ?? {}, method: 'POST' }),
        status,
        code,
      );
      expect(problem.title).not.toBe('Conflict');
      return problem;
    };
    // Asking: not one's own offer, and one live request per person and activity.
    await refused(
      `/api/v1/ride-offers/${o}/requests`,
      { passholderId: driver, address: 'Dorp 1' },
      409,
      'ride_own_offer',
    );
    const r = await ask(counter, o, passenger!);
    await refused(
      `/api/v1/activities/${activity.id}/ride-requests`,
      { passholderId: passenger, address: 'Dorp 1' },
      409,
      'ride_already_requested',
    );
    // A passenger's request is not confirmed by the passenger; declined once, it is not pending any more.
    await refused(`/api/v1/ride-requests/${r}/confirm`, undefined, 409, 'ride_no_proposal');
    expect(await json(`/api/v1/ride-requests/${r}/decline`, 200, { method: 'POST', token: counter })).toEqual(
      {
        ok: true,
        status: 'declined',
      },
    );
    await refused(`/api/v1/ride-requests/${r}/decline`, undefined, 409, 'ride_request_not_pending');
    await refused(`/api/v1/ride-requests/${r}/accept`, {}, 409, 'ride_request_not_pending');
    await refused(`/api/v1/ride-requests/${r}/cancel`, undefined, 409, 'ride_closed');

    // An open request: not declined, no pickup or no-show yet; only offers that fit can take it.
    const { id: open } = await json<{ id: string }>(`/api/v1/activities/${activity.id}/ride-requests`, 201, {
      token: counter,
      body: { passholderId: needy, address: 'Dorp 2', needs: ['wheelchair'] },
    });
    await refused(`/api/v1/ride-requests/${open}/decline`, undefined, 409, 'ride_decline_open');
    await refused(`/api/v1/ride-requests/${open}/no-show`, { who: 'driver' }, 409, 'ride_not_agreed');
    await refused(`/api/v1/ride-requests/${open}/pickup`, { rideCode: '123456' }, 409, 'ride_not_agreed');
    await refused(`/api/v1/ride-requests/${open}/accept`, { offerId: o }, 409, 'ride_needs_not_allowed');
    const far = await offer(counter, elsewhere.id, driver!);
    await refused(`/api/v1/ride-requests/${open}/accept`, { offerId: far }, 409, 'ride_other_activity');
    const own = await offer(counter, activity.id, needy!);
    const problem = await refused(
      `/api/v1/ride-requests/${open}/accept`,
      { offerId: own },
      409,
      'ride_own_offer',
    );
    expect(problem.messages.fr).toContain('même personne');

    // An agreed ride picked up: not twice, and nobody failed to show up.
    const agreed = await ask(counter, o, other!);
    await completeRide(counter, agreed, other!, activity.id, false);
    const { code } = await rotatingCode(env.SIGNING_KEYS, await passNumber(other!), new Date());
    await refused(`/api/v1/ride-requests/${agreed}/pickup`, { passCode: code }, 409, 'ride_pickup_confirmed');
    await refused(
      `/api/v1/ride-requests/${agreed}/no-show`,
      { who: 'passenger' },
      409,
      'ride_pickup_confirmed',
    );
  });

  it('two answers to one proposal at once: one wins, the other is told the proposal ended', async () => {
    const [driver, passenger] = await bulkPassholders(2);
    const { activity, counter } = await activityWith([driver!, passenger!]);
    const o = await offer(counter, activity.id, driver!);
    const { id: r } = await json<{ id: string }>(`/api/v1/activities/${activity.id}/ride-requests`, 201, {
      token: counter,
      body: { passholderId: passenger, address: 'Kerkstraat 12' },
    });
    await json(`/api/v1/ride-requests/${r}/accept`, 200, { token: counter, body: { offerId: o } });
    const answers = await Promise.all(
      [0, 1].map(() => call(`/api/v1/ride-requests/${r}/decline`, { method: 'POST', token: counter })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    // Read before the other answer: the proposal ended; read after: the request is open, not declined.
    await expectProblem(
      answers.find((a) => a.status === 409)!,
      409,
      expect.stringMatching(/^ride_(proposal_ended|decline_open)$/),
    );
  });
});
