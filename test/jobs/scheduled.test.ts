import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { demo, json, loginAs } from '../helpers/api.ts';
import { bulkPassholders, createActivity, givePoints } from '../helpers/fixtures.ts';

/**
 * The cron as workerd runs it: the Worker's own default `scheduled` export, called through the loopback
 * binding of the Worker (`exports.default.scheduled`), not the inner job functions.
 */
type Scheduler = {
  scheduled(options: { scheduledTime?: Date; cron?: string }): Promise<{ outcome: string }>;
};

async function cron(at: Date): Promise<void> {
  // `scheduled` on a Worker binding is typed in workers-types' experimental set only.
  const worker = exports.default as unknown as Scheduler;
  const result = await worker.scheduled({ scheduledTime: at, cron: '15 2 * * *' });
  expect(result.outcome).toBe('ok');
}

const one = async <T>(sql: string, ...values: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...values)
    .first<T>())!;

const balance = async (passholderId: string) =>
  (
    await one<{ n: number }>(
      'SELECT coalesce(sum(points), 0) AS n FROM points_ledger WHERE passholder_id = ?1',
      passholderId,
    )
  ).n;

/** A lift to an activity that ended an hour ago: accepted, pickup confirmed by the passenger. */
async function liftWithPickup() {
  const now = Date.now();
  const startsAt = new Date(now - 3 * 3_600_000).toISOString();
  const activity = await createActivity({ startsAt, endsAt: new Date(now - 3_600_000).toISOString() });
  const [driver, passenger] = await bulkPassholders(2);
  const at = new Date(now - 4 * 3_600_000).toISOString();
  const offer = crypto.randomUUID();
  const request = crypto.randomUUID();
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO ride_offers (id, activity_id, driver_id, seats, seats_taken, direction, departs_at, created_at)
       VALUES (?1, ?2, ?3, 3, 1, 'outbound', ?4, ?4)`,
    ).bind(offer, activity.id, driver, at),
    env.DB.prepare(
      `INSERT INTO ride_requests (id, activity_id, offer_id, passenger_id, seats, status, created_at, accepted_at,
                                  passenger_agreed_at, driver_agreed_at, pickup_confirmed_at, pickup_confirmed_by)
       VALUES (?1, ?2, ?3, ?4, 1, 'accepted', ?5, ?5, ?5, ?5, ?6, 'passenger')`,
    ).bind(request, activity.id, offer, passenger, at, startsAt),
  ]);
  return { activity, driver: driver!, passenger: passenger!, startsAt, request };
}

describe('the nightly cron, through the Worker’s scheduled export', () => {
  it('awards the ride bonus for a confirmed pickup plus the passenger’s own check-in, once, also when run twice', async () => {
    const ride = await liftWithPickup();
    const passNumber = (
      await one<{ pass_number: string }>('SELECT pass_number FROM passholders WHERE id = ?1', ride.passenger)
    ).pass_number;
    await json(`/api/v1/activities/${ride.activity.id}/checkins`, 200, {
      token: await loginAs('door'),
      now: new Date(Date.parse(ride.startsAt) + 10 * 60_000).toISOString(),
      body: { passNumber },
    });
    expect(await balance(ride.driver)).toBe(0);

    await cron(new Date());
    await cron(new Date());
    expect(await balance(ride.driver)).toBe(5);
    const lines = await one<{ n: number }>(
      "SELECT count(*) AS n FROM points_ledger WHERE passholder_id = ?1 AND kind = 'ride_bonus'",
      ride.driver,
    );
    expect(lines.n).toBe(1);
  });

  it('gives no bonus for a pickup without the passenger’s check-in', async () => {
    const ride = await liftWithPickup();
    await cron(new Date());
    expect(await balance(ride.driver)).toBe(0);
    const row = await one<{ bonus_awarded_at: string | null }>(
      'SELECT bonus_awarded_at FROM ride_requests WHERE id = ?1',
      ride.request,
    );
    expect(row.bonus_awarded_at).toBeNull();
  });

  it('moves statuses through grace, rebuilds the renewal list and expires points after a year without activity', async () => {
    const counter = await loginAs('counter');
    const [person] = await bulkPassholders(1);
    await json(`/api/v1/passholders/${person}/status/grants`, 200, {
      token: counter,
      body: { reason: 'low_income', validFrom: '2026-01-01', validUntil: '2026-04-30', graceDays: 30 },
    });
    // Points earned long ago, nothing since.
    await env.DB.prepare(
      "INSERT INTO points_ledger (id, passholder_id, points, kind, note, created_at) VALUES (?1, ?2, 7, 'correction', 'old', '2025-01-10T10:00:00.000Z')",
    )
      .bind(crypto.randomUUID(), person)
      .run();

    await cron(new Date('2026-05-10T02:15:00Z'));
    const renewals = await json<{ items: { passholderId: string; status: string }[] }>(
      `/api/v1/municipalities/${await demo.demostad()}/renewals`,
      200,
      { token: counter },
    );
    expect(renewals.items.filter((r) => r.passholderId === person)).toEqual([
      expect.objectContaining({ status: 'IN_GRACE' }),
    ]);
    expect(
      (await one<{ last_status: string }>('SELECT last_status FROM passholders WHERE id = ?1', person))
        .last_status,
    ).toBe('IN_GRACE');
    expect(await balance(person!)).toBe(0);
    await cron(new Date('2026-05-10T02:16:00Z'));
    expect(
      (
        await one<{ n: number }>(
          "SELECT count(*) AS n FROM points_ledger WHERE passholder_id = ?1 AND kind = 'expiry'",
          person,
        )
      ).n,
    ).toBe(1);
  });

  it('keeps points of someone who earned within the year', async () => {
    const [person] = await bulkPassholders(1);
    await givePoints([person!], 4);
    await cron(new Date());
    expect(await balance(person!)).toBe(4);
  });

  it('purges idempotency answers older than a day and sessions that expired or were revoked', async () => {
    const user = demo.user('neighbour');
    const userId = await user;
    const old = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const fresh = new Date().toISOString();
    const keys = [crypto.randomUUID(), crypto.randomUUID()];
    const sessions = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const later = new Date(Date.now() + 86_400_000).toISOString();
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO idempotency_keys (user_id, key, request_hash, status, body, created_at) VALUES (?1, ?2, 'h', 201, '{}', ?3)",
      ).bind(userId, keys[0], old),
      env.DB.prepare(
        "INSERT INTO idempotency_keys (user_id, key, request_hash, status, body, created_at) VALUES (?1, ?2, 'h', 201, '{}', ?3)",
      ).bind(userId, keys[1], fresh),
      env.DB.prepare(
        'INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?3)',
      ).bind(sessions[0], userId, old),
      env.DB.prepare(
        'INSERT INTO sessions (id, user_id, created_at, expires_at, revoked_at) VALUES (?1, ?2, ?3, ?4, ?3)',
      ).bind(sessions[1], userId, old, later),
      env.DB.prepare(
        'INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)',
      ).bind(sessions[2], userId, fresh, later),
    ]);
    await cron(new Date());
    const left = async (table: string, column: string, values: string[]) =>
      (
        await env.DB.prepare(`SELECT ${column} AS v FROM ${table} WHERE ${column} IN (?1, ?2, ?3)`)
          .bind(values[0], values[1], values[2] ?? values[0])
          .all<{ v: string }>()
      ).results.map((r) => r.v);
    expect(await left('idempotency_keys', 'key', keys)).toEqual([keys[1]]);
    expect(await left('sessions', 'id', sessions)).toEqual([sessions[2]]);
  });
});
