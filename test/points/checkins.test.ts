import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { checkinOpen } from '../../src/points/checkin.ts';
import { expirePoints } from '../../src/points/repo.ts';
import { call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import { createActivity, registerResident } from '../helpers/fixtures.ts';

type Checkin = {
  checkedInAt: string;
  alreadyCheckedIn: boolean;
  pointsAwarded: number;
  points: number;
  signup: string | null;
  messages: { code: string }[];
};

const lines = async (activityId: string, passholderId: string) =>
  (await env.DB.prepare(
    "SELECT count(*) AS n FROM points_ledger WHERE activity_id = ?1 AND passholder_id = ?2 AND kind = 'checkin'",
  )
    .bind(activityId, passholderId)
    .first<{ n: number }>())!.n;

describe('check-in and points', () => {
  it('checks in once and awards points once, whatever the duplicate and concurrent scans', async () => {
    const activity = await createActivity({ points: 3 });
    const person = await registerResident(await loginAs('counter'));
    const door = await loginAs('door');
    const body = { passNumber: person.passholder.passNumber };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        call(`/api/v1/activities/${activity.id}/checkins`, { token: door, body }),
      ),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const answers = (await Promise.all(responses.map((r) => r.json()))) as Checkin[];
    expect(answers.filter((a) => !a.alreadyCheckedIn)).toHaveLength(1);
    expect(answers.reduce((sum, a) => sum + a.pointsAwarded, 0)).toBe(3);
    expect(new Set(answers.map((a) => a.checkedInAt)).size).toBe(1);
    expect(answers.every((a) => a.points === 3)).toBe(true);
    expect(await lines(activity.id, person.passholder.id)).toBe(1);
    const again = await json<Checkin>(`/api/v1/activities/${activity.id}/checkins`, 200, {
      token: door,
      body,
    });
    expect(again).toMatchObject({ alreadyCheckedIn: true, pointsAwarded: 0, points: 3 });
    expect(again.messages.map((m) => m.code)).toContain('already_checked_in');
  });

  it('replays the same answer for the same Idempotency-Key', async () => {
    const activity = await createActivity();
    const person = await registerResident(await loginAs('counter'));
    const door = await loginAs('door');
    const key = crypto.randomUUID();
    const send = () =>
      call(`/api/v1/activities/${activity.id}/checkins`, {
        token: door,
        body: { passNumber: person.passholder.passNumber },
        headers: { 'idempotency-key': key },
      });
    const first = (await (await send()).json()) as Checkin;
    const second = await send();
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await second.json()).toEqual(first);
    expect(first).toMatchObject({ alreadyCheckedIn: false, pointsAwarded: 1 });
    expect(await lines(activity.id, person.passholder.id)).toBe(1);
  });

  it('only in the activity’s window, with configurable margins', async () => {
    const door = await loginAs('door');
    const person = await registerResident(await loginAs('counter'));
    const later = await createActivity({
      startsAt: '2027-07-01T10:00:00Z',
      endsAt: '2027-07-01T11:00:00Z',
      checkinBeforeMinutes: 15,
    });
    await expectProblem(
      await call(`/api/v1/activities/${later.id}/checkins`, {
        token: door,
        body: { passNumber: person.passholder.passNumber },
      }),
      409,
      'checkin_closed',
    );
    const past = await createActivity({ startsAt: '2026-01-01T10:00:00Z', endsAt: '2026-01-01T11:00:00Z' });
    await expectProblem(
      await call(`/api/v1/activities/${past.id}/checkins`, {
        token: door,
        body: { passNumber: person.passholder.passNumber },
      }),
      409,
      'checkin_closed',
    );
    const a = { startsAt: '2027-07-01T10:00:00Z', endsAt: '2027-07-01T11:00:00Z', before: 15, after: 30 };
    expect(checkinOpen(a, new Date('2027-07-01T09:44:00Z'))).toBe(false);
    expect(checkinOpen(a, new Date('2027-07-01T09:45:00Z'))).toBe(true);
    expect(checkinOpen(a, new Date('2027-07-01T11:30:00Z'))).toBe(true);
    expect(checkinOpen(a, new Date('2027-07-01T11:31:00Z'))).toBe(false);
  });

  it('shows at the door whether the holder is signed up and checked in', async () => {
    const activity = await createActivity({ capacity: 10 });
    const resident = await loginAs('resident');
    const door = await loginAs('door');
    await json(`/api/v1/activities/${activity.id}/signups`, 201, { token: resident, body: {} });
    const first = await json<Checkin>(`/api/v1/activities/${activity.id}/checkins`, 200, {
      token: door,
      body: { passNumber: await demo.passNumber('resident') },
    });
    expect(first.signup).toBe('confirmed');
    const jan = await json<Checkin>(`/api/v1/activities/${activity.id}/checkins`, 200, {
      token: door,
      body: { passNumber: await demo.passNumber('neighbour') },
    });
    expect(jan.messages.map((m) => m.code)).toContain('not_signed_up');
    const lists = await json<{ confirmed: { name: string; checkedIn: boolean }[] }>(
      `/api/v1/activities/${activity.id}/signups`,
      200,
      { token: door },
    );
    expect(lists.confirmed).toEqual([expect.objectContaining({ name: 'Samira El Amrani', checkedIn: true })]);
  });

  it('checks in by the activity’s rotating code at the venue (self check-in), for the household too', async () => {
    const activity = await createActivity({ points: 2 });
    const { code } = await json<{ code: string; url: string }>(
      `/api/v1/activities/${activity.id}/checkin-code`,
      200,
      { token: await loginAs('door') },
    );
    const resident = await loginAs('resident');
    const result = await json<{ checkins: Checkin[] }>('/api/v1/me/checkins', 200, {
      token: resident,
      body: {
        code,
        passholderIds: [await demo.id('passholder:resident'), await demo.id('passholder:samira-child-1')],
      },
    });
    expect(result.checkins.map((c) => c.pointsAwarded)).toEqual([2, 2]);
    await expectProblem(
      await call('/api/v1/me/checkins', { token: resident, body: { code: code.slice(0, -4) + 'AAAA' } }),
      422,
      'code_invalid',
    );
    await expectProblem(
      await call('/api/v1/me/checkins', {
        token: resident,
        body: { code, passholderIds: [await demo.id('passholder:neighbour')] },
      }),
      403,
      'forbidden',
    );
    const later = new Date(Date.now() + 5 * 60_000).toISOString();
    const expired = await call('/api/v1/me/checkins', { token: resident, body: { code }, now: later });
    await expectProblem(expired, 422, 'code_expired');
  });

  it('keeps the balance equal to the ledger’s sum through a random sequence, and expires it after a year', async () => {
    const counter = await loginAs('counter');
    const admin = await loginAs('admin');
    const door = await loginAs('door');
    const person = await registerResident(counter);
    const acts = await Promise.all([1, 2, 3, 4].map((points) => createActivity({ points })));
    const drink = await demo.id('reward:drink');
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let expected = 0;
    const checked = new Set<string>();
    for (let step = 0; step < 30; step++) {
      const roll = random();
      if (roll < 0.5) {
        const a = acts[Math.floor(random() * acts.length)]!;
        await json(`/api/v1/activities/${a.id}/checkins`, 200, {
          token: door,
          body: { passNumber: person.passholder.passNumber },
        });
        if (!checked.has(a.id)) expected += a.points as number;
        checked.add(a.id);
      } else if (roll < 0.8) {
        const points = Math.floor(random() * 7) - 3 || 1;
        await json(`/api/v1/passholders/${person.passholder.id}/points/corrections`, 200, {
          token: admin,
          body: { points, reason: 'random test' },
        });
        expected += points;
      } else {
        const r = await call(`/api/v1/rewards/${drink}/redemptions`, {
          token: door,
          body: { passNumber: person.passholder.passNumber, activityId: acts[0]!.id },
        });
        if (r.status === 201) expected -= 3;
        else expect(r.status).toBe(409);
      }
      const sum = (await env.DB.prepare(
        'SELECT coalesce(sum(points), 0) AS s FROM points_ledger WHERE passholder_id = ?1',
      )
        .bind(person.passholder.id)
        .first<{ s: number }>())!.s;
      expect(sum).toBe(expected);
    }
    const account = await json<{ token: string }>('/api/v1/auth/activate', 201, {
      body: {
        passNumber: person.passholder.passNumber,
        activationCode: person.activationCode,
        password: 'my-own-password',
      },
    });
    const mine = await json<{ balance: number; items: { points: number }[] }>('/api/v1/me/points', 200, {
      token: account.token,
    });
    expect(mine.balance).toBe(expected);
    expect(mine.items.reduce((s, i) => s + i.points, 0)).toBe(expected);
    if (expected > 0) {
      const nextYear = new Date(Date.now() + 400 * 86_400_000);
      const cutoff = new Date(nextYear.getTime() - 365 * 86_400_000).toISOString();
      expect(
        await expirePoints(env.DB, cutoff, nextYear.toISOString().slice(0, 10), nextYear.toISOString()),
      ).toBeGreaterThanOrEqual(1);
      expect(
        await expirePoints(env.DB, cutoff, nextYear.toISOString().slice(0, 10), nextYear.toISOString()),
      ).toBe(0);
      expect(
        (await json<{ balance: number }>('/api/v1/me/points', 200, { token: account.token })).balance,
      ).toBe(0);
    }
    await expectProblem(
      await call(`/api/v1/passholders/${person.passholder.id}/points/corrections`, {
        token: counter,
        body: { points: 5, reason: 'nope' },
      }),
      403,
      'forbidden',
    );
  });
});
