import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { doorFactsStatement, toDoorFacts, type DoorFactsRow } from '../tariffs/repo.ts';
import { clockFor, holderPrice, type HolderPrice } from '../tariffs/service.ts';

/**
 * The signed-in resident's own price for each activity (one round trip for the page); null for anyone
 * else. Nobody ever sees another person's price here. This is where the holder learns why a reduction does
 * not apply (a cap reached, outside the region, a category not covered) and how many reduced uses are left.
 */
export async function myPrices(
  c: Context<AppEnv>,
  activities: { id: string }[],
): Promise<Map<string, HolderPrice> | null> {
  const user = c.get('user');
  if (!user?.passholderId || activities.length === 0) return null;
  const db = c.env.DB;
  const pass = await db
    .prepare('SELECT pass_number FROM passholders WHERE id = ?1')
    .bind(user.passholderId)
    .first<{ pass_number: string }>();
  if (!pass) return null;
  const clock = clockFor(c.var.now);
  const rows = await db.batch<DoorFactsRow>(
    activities.map((a) =>
      doorFactsStatement(db, { kind: 'ticket', activityId: a.id }, pass.pass_number, clock),
    ),
  );
  const prices = new Map<string, HolderPrice>();
  for (const [i, a] of activities.entries()) {
    const facts = toDoorFacts(rows[i]?.results[0]);
    if (facts?.holder) prices.set(a.id, holderPrice(facts, facts.holder, c.var.now));
  }
  return prices;
}
