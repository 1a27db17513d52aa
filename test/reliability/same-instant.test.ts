import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, demo, json, loginAs } from '../helpers/api.ts';
import { bulkPassholders, createActivity, registerResident } from '../helpers/fixtures.ts';

/**
 * "Did this call do it?" must never be decided by comparing timestamps: calls in one burst share a
 * millisecond. Every call here carries the same `X-Test-Now`, so a timestamp comparison would fail every
 * time, not just now and then.
 */
const count = async (sql: string, ...values: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...values)
    .first<{ n: number }>())!.n;

describe('calls in the same millisecond', () => {
  it('20 check-ins of one pass at one instant: exactly one is new and awards the points', async () => {
    const activity = await createActivity({ points: 3 });
    const person = await registerResident(await loginAs('counter'));
    const door = await loginAs('door');
    const now = new Date().toISOString();
    const answers = (await Promise.all(
      Array.from({ length: 20 }, async () => {
        const response = await call(`/api/v1/activities/${activity.id}/checkins`, {
          token: door,
          now,
          body: { passNumber: person.passholder.passNumber },
        });
        expect(response.status).toBe(200);
        return response.json();
      }),
    )) as { alreadyCheckedIn: boolean; pointsAwarded: number; points: number }[];
    expect(answers.filter((a) => !a.alreadyCheckedIn)).toHaveLength(1);
    expect(answers.reduce((sum, a) => sum + a.pointsAwarded, 0)).toBe(3);
    expect(answers.every((a) => a.points === 3)).toBe(true);
  });

  it('two cancellations of sign-ups at one instant: each promoted person is told once', async () => {
    const activity = await createActivity({
      startsAt: '2027-10-01T10:00:00Z',
      endsAt: '2027-10-01T12:00:00Z',
      capacity: 2,
    });
    const ids = await bulkPassholders(4);
    const counter = await loginAs('counter');
    const signups: string[] = [];
    for (const id of ids) {
      const body = await json<{ signups: { id: string }[] }>(
        `/api/v1/activities/${activity.id}/signups`,
        201,
        {
          token: counter,
          body: { passholderIds: [id] },
        },
      );
      signups.push(body.signups[0]!.id);
    }
    const now = new Date().toISOString();
    for (const id of signups.slice(0, 2))
      await json(`/api/v1/signups/${id}/cancel`, 200, { method: 'POST', token: counter, now });
    for (const promoted of ids.slice(2)) {
      expect(
        await count(
          "SELECT count(*) AS n FROM notifications WHERE passholder_id = ?1 AND activity_id = ?2 AND kind = 'signup_promoted'",
          promoted,
          activity.id,
        ),
      ).toBe(1);
    }
  });

  it('an activity cancelled twice at one instant: everyone signed up is told once', async () => {
    const activity = await createActivity({
      startsAt: '2027-10-02T10:00:00Z',
      endsAt: '2027-10-02T12:00:00Z',
      capacity: 10,
    });
    const ids = await bulkPassholders(3);
    const counter = await loginAs('counter');
    for (const id of ids)
      await json(`/api/v1/activities/${activity.id}/signups`, 201, {
        token: counter,
        body: { passholderIds: [id] },
      });
    const club = await loginAs('club');
    const now = new Date().toISOString();
    const responses = await Promise.all(
      [0, 1].map(() =>
        call(`/api/v1/activities/${activity.id}/cancel`, { method: 'POST', token: club, now }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toContain(200);
    expect(
      await count(
        "SELECT count(*) AS n FROM notifications WHERE activity_id = ?1 AND kind = 'activity_cancelled'",
        activity.id,
      ),
    ).toBe(3);
  });

  it('an import confirmed twice at one instant grants once', async () => {
    const counter = await loginAs('counter');
    const admin = await loginAs('admin');
    const person = await registerResident(counter);
    const dry = await json<{ id: string }>(
      `/api/v1/municipalities/${await demo.demostad()}/status-imports`,
      201,
      {
        token: admin,
        body: {
          csv: `passNumber\n${person.passholder.passNumber}`,
          fileName: 'same-instant.csv',
          validUntil: '2027-04-30',
        },
      },
    );
    const now = new Date().toISOString();
    await Promise.all(
      [0, 1].map(() =>
        call(`/api/v1/status-imports/${dry.id}/confirm`, { method: 'POST', token: admin, now }),
      ),
    );
    await json(`/api/v1/status-imports/${dry.id}/confirm`, 200, { method: 'POST', token: admin, now });
    expect(
      await count('SELECT count(*) AS n FROM status_grants WHERE passholder_id = ?1', person.passholder.id),
    ).toBe(1);
  });
});
