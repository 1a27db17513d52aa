import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { updateActivity } from '../../src/activities/repo.ts';
import { call, expectProblem, json, loginAs } from '../helpers/api.ts';
import { bulkPassholders, createActivity } from '../helpers/fixtures.ts';

const future = { startsAt: '2027-06-05T12:00:00Z', endsAt: '2027-06-05T14:00:00Z' };

describe('lowering the places of an activity while people sign up', () => {
  it('never leaves more people confirmed than places, whichever write lands first', async () => {
    const [club, counter] = await Promise.all([loginAs('club'), loginAs('counter')]);
    for (let round = 0; round < 8; round++) {
      const activity = await createActivity({ ...future, capacity: 10, signupRequired: true });
      const people = await bulkPassholders(8);
      // Four hold a place; the club lowers to five while four more sign up at the same moment.
      for (const id of people.slice(0, 4))
        await call(`/api/v1/activities/${activity.id}/signups`, {
          token: counter,
          body: { passholderIds: [id] },
        });
      const answers = await Promise.all([
        call(`/api/v1/activities/${activity.id}`, { method: 'PATCH', token: club, body: { capacity: 5 } }),
        ...people.slice(4).map((id) =>
          call(`/api/v1/activities/${activity.id}/signups`, {
            token: counter,
            body: { passholderIds: [id] },
          }),
        ),
      ]);
      const row = await env.DB.prepare(
        `SELECT a.capacity, (SELECT count(*) FROM signups s WHERE s.activity_id = a.id AND s.status = 'confirmed') AS confirmed
           FROM activities a WHERE a.id = ?1`,
      )
        .bind(activity.id)
        .first<{ capacity: number; confirmed: number }>();
      expect(row!.confirmed).toBeLessThanOrEqual(row!.capacity);
      // The change either went through or was refused beside the field (or as a conflict): never a 5xx.
      expect([200, 400, 409]).toContain(answers[0]!.status);
      if (answers[0]!.status !== 200) expect(row!.capacity).toBe(10);
    }
  });

  it('refuses, writing nothing, a capacity below the places taken at the moment of the write (the route read earlier)', async () => {
    const counter = await loginAs('counter');
    const activity = await createActivity({ ...future, capacity: 10, signupRequired: true });
    for (const id of await bulkPassholders(6))
      await call(`/api/v1/activities/${activity.id}/signups`, {
        token: counter,
        body: { passholderIds: [id] },
      });
    // As if the route had checked while five held a place, and a sixth signed up before the write.
    const told = await updateActivity(env.DB, activity.id, { capacity: 5 }, new Date().toISOString(), {
      nl: 'minder plaatsen',
      fr: 'moins de places',
      en: 'fewer places',
    });
    expect(told).toBeNull();
    const row = await env.DB.prepare(
      `SELECT capacity, (SELECT count(*) FROM notifications WHERE activity_id = ?1) AS notices FROM activities WHERE id = ?1`,
    )
      .bind(activity.id)
      .first<{ capacity: number; notices: number }>();
    expect(row).toEqual({ capacity: 10, notices: 0 });
    expect(await updateActivity(env.DB, activity.id, { capacity: 6 }, new Date().toISOString())).toBe(0);
  });

  it('says the activity changed meanwhile when the guard refused but the second read finds nothing wrong', async () => {
    const club = await loginAs('club');
    const activity = await createActivity({ ...future, capacity: 10, signupRequired: true });
    // As if a sign-up came and went between the guard's write and the route's second read: the guard row
    // is refused (a trigger inserts a row with ok = 0), while the activity itself is fine.
    await env.DB.prepare(
      `CREATE TRIGGER test_guard_refuses BEFORE INSERT ON write_guards WHEN NEW.ok = 1
       BEGIN INSERT INTO write_guards (ok) VALUES (0); END`,
    ).run();
    try {
      const body = await expectProblem(
        await call(`/api/v1/activities/${activity.id}`, {
          method: 'PATCH',
          token: club,
          body: { capacity: 8 },
        }),
        409,
        'activity_changed',
      );
      expect(body.messages.en).toBe(
        'This activity changed while you were editing it. Nothing was changed: please try again.',
      );
    } finally {
      await env.DB.prepare('DROP TRIGGER test_guard_refuses').run();
    }
    const row = await env.DB.prepare('SELECT capacity FROM activities WHERE id = ?1')
      .bind(activity.id)
      .first<{ capacity: number }>();
    expect(row?.capacity).toBe(10);
    await json(`/api/v1/activities/${activity.id}`, 200, {
      method: 'PATCH',
      token: club,
      body: { capacity: 8 },
    });
  });
});
