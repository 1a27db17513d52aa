import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import {
  createActivity,
  createStaffUser,
  givePoints,
  registerResident,
  residentWithStatus,
} from '../helpers/fixtures.ts';

type View = {
  holder: { id: string; firstName: string; locale: string; address: string | null };
  items: {
    id: string;
    activityId: string;
    status: string;
    waitlistPosition: number | null;
    title: string;
    startsAt: string;
    venue: { name: string | null; address: string | null };
    clubName: string;
    lift: { id: string; status: string; driverFirstName: string | null } | null;
  }[];
};

const future = {
  startsAt: '2027-06-01T16:00:00Z',
  endsAt: '2027-06-01T18:00:00Z',
  venue: { name: 'Stedelijk zwembad', address: 'Zwembadlaan 1, 9300 Demostad' },
};

async function login(email: string, password: string, now?: string): Promise<string> {
  return (
    await json<{ token: string }>('/api/v1/auth/login', 200, {
      body: { login: email, password },
      ...(now ? { now } : {}),
    })
  ).token;
}

async function reads(passholderId: string) {
  const { results } = await env.DB.prepare(
    "SELECT actor_user_id, reason, at FROM audit_log WHERE passholder_id = ?1 AND action = 'read' ORDER BY at",
  )
    .bind(passholderId)
    .all<{ actor_user_id: string; reason: string; at: string }>();
  return results;
}

describe('the counter acts for a resident', () => {
  it('signs up, sees the sign-up and the waiting-list place, asks and cancels a lift, cancels the sign-up', async () => {
    const counter = await loginAs('counter');
    const resident = await registerResident(counter, {
      firstName: 'Fatou',
      locale: 'fr',
      address: 'Stationsstraat 5, 9300 Demostad',
    });
    const id = resident.passholder.id;
    const full = await createActivity({ ...future, title: 'Zwemmen', capacity: 1 });
    const open = await createActivity({
      ...future,
      startsAt: '2027-06-02T16:00:00Z',
      endsAt: '2027-06-02T17:00:00Z',
      title: 'Yoga',
      capacity: 10,
    });
    // Someone else holds the only place of the first activity.
    const other = await registerResident(counter);
    await json(`/api/v1/activities/${full.id}/signups`, 201, {
      token: counter,
      body: { passholderIds: [other.passholder.id] },
    });

    const empty = await json<View>(`/api/v1/passholders/${id}/signups`, 200, { token: counter });
    expect(empty.holder).toEqual({
      id,
      firstName: 'Fatou',
      locale: 'fr',
      address: 'Stationsstraat 5, 9300 Demostad',
    });
    expect(empty.items).toEqual([]);

    for (const activity of [full, open])
      await json(`/api/v1/activities/${activity.id}/signups`, 201, {
        token: counter,
        body: { passholderIds: [id] },
      });
    const signed = await json<View>(`/api/v1/passholders/${id}/signups`, 200, { token: counter });
    expect(signed.items.map((s) => [s.title, s.status, s.waitlistPosition])).toEqual([
      ['Zwemmen', 'waitlisted', 1],
      ['Yoga', 'confirmed', null],
    ]);
    expect(signed.items[0]).toMatchObject({
      venue: future.venue,
      clubName: 'Sportclub Demostad',
      startsAt: '2027-06-01T16:00:00.000Z',
      lift: null,
    });

    // A lift for the yoga, asked by the counter, shows on the sign-up; the counter cancels it again.
    const lift = await json<{ id: string }>(`/api/v1/activities/${open.id}/ride-requests`, 201, {
      token: counter,
      body: { passholderId: id, address: 'Stationsstraat 5, 9300 Demostad' },
    });
    const withLift = await json<View>(`/api/v1/passholders/${id}/signups`, 200, { token: counter });
    expect(withLift.items[1]!.lift).toEqual({ id: lift.id, status: 'open', driverFirstName: null });
    await json(`/api/v1/ride-requests/${lift.id}/cancel`, 200, { method: 'POST', token: counter });
    const noLift = await json<View>(`/api/v1/passholders/${id}/signups`, 200, { token: counter });
    expect(noLift.items[1]!.lift).toBeNull();

    // Cancelling the yoga takes it off the list; the waiting-list place stays.
    await json(`/api/v1/signups/${noLift.items[1]!.id}/cancel`, 200, { method: 'POST', token: counter });
    const after = await json<View>(`/api/v1/passholders/${id}/signups`, 200, { token: counter });
    expect(after.items.map((s) => s.title)).toEqual(['Zwemmen']);
  });

  it('writes one audit line per visit, with the reason: a second read in the same half hour adds none', async () => {
    const counter = await loginAs('counter');
    const resident = await registerResident(counter);
    const id = resident.passholder.id;
    const t0 = new Date(Date.now() + 60_000).toISOString();
    const at0 = await loginAs('counter', t0);
    await json(`/api/v1/passholders/${id}/signups?reason=phone_call`, 200, { token: at0, now: t0 });
    const t1 = new Date(Date.parse(t0) + 10 * 60_000).toISOString();
    await json(`/api/v1/passholders/${id}/signups`, 200, { token: at0, now: t1 });
    let lines = await reads(id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      actor_user_id: await demo.user('counter'),
      reason: 'phone_call',
      at: t0,
    });

    // The record read and the sign-ups of the same visit make one line.
    const t2 = new Date(Date.parse(t0) + 31 * 60_000).toISOString();
    const at2 = await loginAs('counter', t2);
    await json(`/api/v1/passholders/${id}?reason=counter_visit`, 200, { token: at2, now: t2 });
    await json(`/api/v1/passholders/${id}/signups`, 200, { token: at2, now: t2 });
    lines = await reads(id);
    expect(lines.map((l) => [l.reason, l.at])).toEqual([
      ['phone_call', t0],
      ['counter_visit', t2],
    ]);

    // Another staff member's read is their own line.
    const colleague = await createStaffUser('counter');
    const token = await login(colleague.email, colleague.password, t2);
    await json(`/api/v1/passholders/${id}/signups?reason=social_work`, 200, { token, now: t2 });
    lines = await reads(id);
    expect(lines.map((l) => [l.actor_user_id, l.reason])).toEqual([
      [await demo.user('counter'), 'phone_call'],
      [await demo.user('counter'), 'counter_visit'],
      [colleague.id, 'social_work'],
    ]);
    await expectProblem(
      await call(`/api/v1/passholders/${id}/signups?reason=curious`, { token: at2, now: t2 }),
      400,
      'validation_failed',
    );
  });

  it('refuses a club, the door, a counter of another municipality and the holder alike, for a holder with and without social status, and logs nothing', async () => {
    const counter = await loginAs('counter');
    const withStatus = await residentWithStatus(counter);
    const without = await registerResident(counter);
    const activity = await createActivity({ ...future, capacity: 5 });
    for (const p of [withStatus, without])
      await json(`/api/v1/activities/${activity.id}/signups`, 201, {
        token: counter,
        body: { passholderIds: [p.passholder.id] },
      });
    const elsewhere = await createStaffUser('counter', { municipalityId: await demo.buurdorp() });
    const callers = {
      club: await loginAs('club'),
      door: await loginAs('door'),
      admin: await loginAs('admin'),
      otherCounter: await login(elsewhere.email, elsewhere.password),
      holder: await loginAs('resident'),
    };
    for (const [who, token] of Object.entries(callers)) {
      const bodies: unknown[] = [];
      for (const p of [withStatus, without]) {
        const body = await expectProblem(
          await call(`/api/v1/passholders/${p.passholder.id}/signups`, { token }),
          403,
          'forbidden',
        );
        bodies.push({ ...body, requestId: null, instance: null });
      }
      // The same refusal whoever the holder is: nothing tells the two apart.
      expect(bodies[0], who).toEqual(bodies[1]);
    }
    // The holder's own sign-ups are theirs through /me/signups, not through the counter's list.
    const samira = await demo.id('passholder:resident');
    await expectProblem(
      await call(`/api/v1/passholders/${samira}/signups`, { token: callers.holder }),
      403,
      'forbidden',
    );
    await expectProblem(await call(`/api/v1/passholders/${samira}/signups`), 401, 'unauthenticated');
    for (const p of [withStatus, without]) expect(await reads(p.passholder.id)).toEqual([]);
    // Nor may a counter of another municipality cancel the sign-up.
    const view = await json<View>(`/api/v1/passholders/${without.passholder.id}/signups`, 200, {
      token: counter,
    });
    await expectProblem(
      await call(`/api/v1/signups/${view.items[0]!.id}/cancel`, {
        method: 'POST',
        token: callers.otherCounter,
      }),
      403,
      'forbidden',
    );
    await expectProblem(
      await call(`/api/v1/signups/${view.items[0]!.id}/cancel`, { method: 'POST', token: callers.club }),
      403,
      'forbidden',
    );
  });

  it('reads the points and rewards of a resident and redeems for them; a counter elsewhere and a club cannot', async () => {
    const counter = await loginAs('counter');
    const resident = await registerResident(counter);
    const id = resident.passholder.id;
    await givePoints([id], 12);
    const points = await json<{ balance: number }>(`/api/v1/me/points?passholderId=${id}`, 200, {
      token: counter,
    });
    expect(points.balance).toBe(12);
    const rewards = await json<{
      items: {
        id: string;
        title: string;
        pointsCost: number;
        collectAt?: { kind: string; name: string };
        check: { redeemable: boolean; balance: number };
      }[];
    }>(`/api/v1/rewards?passholderId=${id}`, 200, { token: counter });
    const cinema = rewards.items.find((r) => r.title === 'Filmticket in het cultuurcentrum')!;
    expect(cinema.check).toMatchObject({ redeemable: true, balance: 12 });
    expect(cinema.collectAt).toEqual({ kind: 'municipality', name: 'Demostad' });

    const elsewhere = await createStaffUser('counter', { municipalityId: await demo.buurdorp() });
    const other = await login(elsewhere.email, elsewhere.password);
    const club = await loginAs('club');
    for (const token of [other, club]) {
      await expectProblem(await call(`/api/v1/me/points?passholderId=${id}`, { token }), 403, 'forbidden');
      await expectProblem(await call(`/api/v1/rewards?passholderId=${id}`, { token }), 403, 'forbidden');
      await expectProblem(
        await call(`/api/v1/rewards/${cinema.id}/redemptions`, { token, body: { passholderId: id } }),
        403,
        'forbidden',
      );
    }
    const redeemed = await json<{ balance: number; points: number }>(
      `/api/v1/rewards/${cinema.id}/redemptions`,
      201,
      { token: counter, body: { passholderId: id } },
    );
    expect(redeemed).toMatchObject({ points: 10, balance: 2 });
    const mine = await json<{ items: { title: string; handedOverAt: string | null }[] }>(
      `/api/v1/me/redemptions?passholderId=${id}`,
      200,
      { token: counter },
    );
    expect(mine.items).toMatchObject([{ title: 'Filmticket in het cultuurcentrum', handedOverAt: null }]);
    // Two points left: the next one is refused with the reason, in the caller's language.
    const refused = await expectProblem(
      await call(`/api/v1/rewards/${cinema.id}/redemptions`, {
        token: counter,
        body: { passholderId: id },
        headers: { 'accept-language': 'fr' },
      }),
      409,
      'reward_unavailable',
    );
    expect(refused.message).toMatch(/points/);
  });
});
