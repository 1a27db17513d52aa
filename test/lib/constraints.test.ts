import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  checkViolation,
  guardRefused,
  raised,
  uniqueViolation,
  violationOf,
} from '../../src/lib/constraints.ts';

/** The error a statement or batch throws, provoked against the migrated database. */
async function errorOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the database to refuse');
}

describe('D1 constraint errors as local D1 throws them (the strings of constraints.unit.test.ts)', () => {
  const db = env.DB;

  it('guard tables: each CHECK by its name (cap_reached, write_refused, door_refused), and a NULL guard row', async () => {
    const sale = await errorOf(() => db.batch([db.prepare('INSERT INTO sale_guards (ok) VALUES (0)')]));
    expect(violationOf(sale)).toEqual({ kind: 'check', name: 'cap_reached' });
    expect(guardRefused(sale, 'sale_guards', 'cap_reached')).toBe(true);
    expect(guardRefused(sale, 'write_guards', 'write_refused')).toBe(false);
    const write = await errorOf(() => db.batch([db.prepare('INSERT INTO write_guards (ok) VALUES (0)')]));
    expect(violationOf(write)).toEqual({ kind: 'check', name: 'write_refused' });
    expect(guardRefused(write, 'write_guards', 'write_refused')).toBe(true);
    expect(guardRefused(write, 'sale_guards', 'cap_reached')).toBe(false);
    const door = await errorOf(() => db.batch([db.prepare('INSERT INTO door_guards (ok) VALUES (0)')]));
    expect(guardRefused(door, 'door_guards', 'door_refused')).toBe(true);
    expect(guardRefused(door, 'sale_guards', 'cap_reached')).toBe(false);
    const gone = await errorOf(() =>
      db.batch([
        db.prepare(
          "INSERT INTO write_guards (ok) SELECT (SELECT cancelled_at IS NULL FROM activities WHERE id = 'gone')",
        ),
      ]),
    );
    expect(guardRefused(gone, 'write_guards', 'write_refused')).toBe(true);
    expect(guardRefused(gone, 'sale_guards', 'cap_reached')).toBe(false);
  });

  it('a UNIQUE on columns, a table CHECK by its expression, a trigger’s RAISE', async () => {
    const n = (await db.prepare('SELECT municipality_id, name FROM neighbourhoods LIMIT 1').first<{
      municipality_id: string;
      name: string;
    }>())!;
    const taken = await errorOf(() =>
      db
        .prepare(
          "INSERT INTO neighbourhoods (id, municipality_id, name, created_at) VALUES ('dup', ?1, ?2, '2026-01-01')",
        )
        .bind(n.municipality_id, n.name)
        .run(),
    );
    expect(uniqueViolation(taken, 'neighbourhoods', 'name')).toBe(true);
    expect(uniqueViolation(taken, 'clubs')).toBe(false);
    const locale = await errorOf(() => db.prepare("UPDATE users SET locale = 'de'").run());
    expect(checkViolation(locale, "locale IN ('nl', 'fr', 'en')")).toBe(true);
    const reward = await db
      .prepare('SELECT id FROM rewards WHERE welcome = 1 LIMIT 1')
      .first<{ id: string }>();
    const holder = await db.prepare('SELECT id FROM passholders LIMIT 1').first<{ id: string }>();
    const welcome = await errorOf(() =>
      db
        .prepare(
          "INSERT INTO redemptions (id, reward_id, passholder_id, points, created_at, welcome) VALUES ('w', ?1, ?2, 0, '2026-01-01', 0)",
        )
        .bind(reward!.id, holder!.id)
        .run(),
    );
    expect(raised(welcome, 'welcome_reward_not_redeemable')).toBe(true);
  });
});
