import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import { bulkPassholders, createActivity } from '../helpers/fixtures.ts';

type Signup = {
  id: string;
  passholderId: string;
  status: string;
  waitlistPosition: number | null;
  priceCents: number | null;
};
const future = { startsAt: '2027-06-01T10:00:00Z', endsAt: '2027-06-01T12:00:00Z' };

describe('sign-ups', () => {
  it('200 parallel sign-ups for 50 places: exactly 50 confirmed and 150 waitlisted, in arrival order', async () => {
    const activity = await createActivity({ ...future, capacity: 50 });
    const ids = await bulkPassholders(200);
    const counter = await loginAs('counter');
    const responses = await Promise.all(
      ids.map((id) =>
        call(`/api/v1/activities/${activity.id}/signups`, { token: counter, body: { passholderIds: [id] } }),
      ),
    );
    expect(responses.every((r) => r.status === 201)).toBe(true);
    const { results } = await env.DB.prepare(
      'SELECT status, position FROM signups WHERE activity_id = ?1 ORDER BY position',
    )
      .bind(activity.id)
      .all<{ status: string; position: number }>();
    expect(results.filter((r) => r.status === 'confirmed')).toHaveLength(50);
    expect(results.filter((r) => r.status === 'waitlisted')).toHaveLength(150);
    expect(results.map((r) => r.position)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    // Arrival order: the first 50 to arrive hold the places.
    expect(results.slice(0, 50).every((r) => r.status === 'confirmed')).toBe(true);
    const lists = await json<{ confirmed: unknown[]; waitlisted: Record<string, unknown>[] }>(
      `/api/v1/activities/${activity.id}/signups`,
      200,
      { token: await loginAs('door') },
    );
    expect(lists.confirmed).toHaveLength(50);
    expect(Object.keys(lists.waitlisted[0]!).sort()).toEqual(['checkedIn', 'name', 'passNumber', 'signupId']);
  });

  it('promotes the first on the waiting list when a place comes free, and tells them', async () => {
    const activity = await createActivity({ ...future, capacity: 2 });
    const counter = await loginAs('counter');
    const ids = await bulkPassholders(4);
    const signups: Signup[] = [];
    for (const id of ids)
      signups.push(
        ...(
          await json<{ signups: Signup[] }>(`/api/v1/activities/${activity.id}/signups`, 201, {
            token: counter,
            body: { passholderIds: [id] },
          })
        ).signups,
      );
    expect(signups.map((s) => s.status)).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
    expect(signups.map((s) => s.waitlistPosition)).toEqual([null, null, 1, 2]);
    await json(`/api/v1/signups/${signups[1]!.id}/cancel`, 200, { method: 'POST', token: counter });
    const status = async (id: string) =>
      (await env.DB.prepare('SELECT status FROM signups WHERE id = ?1').bind(id).first<{ status: string }>())!
        .status;
    expect(await status(signups[2]!.id)).toBe('confirmed');
    expect(await status(signups[3]!.id)).toBe('waitlisted');
    const note = await env.DB.prepare(
      "SELECT message FROM notifications WHERE passholder_id = ?1 AND kind = 'signup_promoted'",
    )
      .bind(ids[2])
      .first<{ message: string }>();
    expect(note?.message).toContain('plaats vrij');
    // A waitlisted cancellation frees no place.
    await json(`/api/v1/signups/${signups[3]!.id}/cancel`, 200, { method: 'POST', token: counter });
    expect(await status(signups[0]!.id)).toBe('confirmed');
    await expectProblem(
      await call(`/api/v1/signups/${signups[3]!.id}/cancel`, { method: 'POST', token: counter }),
      409,
      'signup_cancelled_already',
    );
  });

  it('lets a guardian sign up the household with each one’s price, but nobody else', async () => {
    const activity = await demo.id('activity:tournament');
    const resident = await loginAs('resident');
    const family = [await demo.id('passholder:resident'), await demo.id('passholder:samira-child-2')];
    const { signups } = await json<{ signups: Signup[] }>(`/api/v1/activities/${activity}/signups`, 201, {
      token: resident,
      body: { passholderIds: family },
    });
    expect(signups.map((s) => [s.status, s.priceCents])).toEqual([
      ['confirmed', 300],
      ['confirmed', 300],
    ]);
    await expectProblem(
      await call(`/api/v1/activities/${activity}/signups`, {
        token: resident,
        body: { passholderIds: family },
      }),
      409,
      'already_signed_up',
    );
    await expectProblem(
      await call(`/api/v1/activities/${activity}/signups`, {
        token: resident,
        body: { passholderIds: [await demo.id('passholder:samira-partner')] },
      }),
      403,
      'forbidden',
    );
    const mine = await json<{ items: { title: string; firstName: string }[] }>('/api/v1/me/signups', 200, {
      token: resident,
    });
    expect(
      mine.items
        .filter((s) => s.title === 'Minivoetbaltornooi')
        .map((s) => s.firstName)
        .sort(),
    ).toEqual(['Adam', 'Samira']);
    await expectProblem(
      await call(`/api/v1/activities/${activity}/signups`, { token: await loginAs('door'), body: {} }),
      400,
      'validation_failed',
    );
  });

  it('refuses walk-in activities and passed deadlines', async () => {
    const resident = await loginAs('resident');
    await expectProblem(
      await call(`/api/v1/activities/${await demo.id('activity:yoga')}/signups`, {
        token: resident,
        body: {},
      }),
      409,
      'signup_closed',
    );
    const late = await createActivity({ ...future, capacity: 5, signupDeadline: '2026-01-01T00:00:00Z' });
    await expectProblem(
      await call(`/api/v1/activities/${late.id}/signups`, { token: resident, body: {} }),
      409,
      'signup_closed',
    );
  });
});
