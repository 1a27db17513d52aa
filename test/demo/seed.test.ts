import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { isValidPassNumber } from '../../src/lib/pass-number.ts';

async function counts() {
  return env.DB.prepare(
    `SELECT (SELECT count(*) FROM regions) AS regions, (SELECT count(*) FROM municipalities) AS municipalities,
            (SELECT count(*) FROM neighbourhoods) AS neighbourhoods, (SELECT count(*) FROM clubs) AS clubs,
            (SELECT count(*) FROM activities) AS activities, (SELECT count(*) FROM passholders) AS passholders,
            (SELECT count(*) FROM households) AS households, (SELECT count(*) FROM users WHERE email LIKE '%@demo.local') AS accounts,
            (SELECT count(*) FROM staff_roles) AS roles`,
  ).first();
}

describe('demo data', () => {
  it('has the documented shape', async () => {
    expect(await counts()).toEqual({
      regions: 1,
      municipalities: 2,
      neighbourhoods: 5,
      clubs: 3,
      activities: 6,
      passholders: 20,
      households: 12,
      accounts: 6,
      roles: 4,
    });
  });

  it('loads twice without duplicating anything', async () => {
    const before = await counts();
    await env.DB.batch(env.TEST_SEED.map((sql) => env.DB.prepare(sql)));
    expect(await counts()).toEqual(before);
  });

  it('has valid pass numbers and activities in the coming weeks, free, paid and limited', async () => {
    const { results: passes } = await env.DB.prepare('SELECT pass_number FROM passholders').all<{
      pass_number: string;
    }>();
    expect(passes.every((p) => isValidPassNumber(p.pass_number))).toBe(true);
    const { results: activities } = await env.DB.prepare(
      'SELECT starts_at, capacity, regular_price_cents FROM activities',
    ).all<{
      starts_at: string;
      capacity: number | null;
      regular_price_cents: number;
    }>();
    const now = Date.now();
    expect(
      activities.every(
        (a) => Date.parse(a.starts_at) > now && Date.parse(a.starts_at) < now + 21 * 86_400_000,
      ),
    ).toBe(true);
    expect(activities.some((a) => a.regular_price_cents === 0)).toBe(true);
    expect(activities.some((a) => a.regular_price_cents > 0)).toBe(true);
    expect(activities.some((a) => a.capacity === null)).toBe(true);
    expect(activities.some((a) => a.capacity !== null)).toBe(true);
  });
});
