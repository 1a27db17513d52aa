import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import type { Notice } from '../lib/notices.ts';
import { doorFactsStatement, toDoorFacts, type DoorFactsRow } from '../tariffs/repo.ts';
import { clockFor, priceAnswer } from '../tariffs/service.ts';

/**
 * The signed-in resident's own price for each activity (one round trip for the page); null for anyone
 * else. Nobody ever sees another person's price here.
 */
export async function myPrices(
  c: Context<AppEnv>,
  activities: { id: string }[],
): Promise<Map<string, { priceCents: number; messages: Notice[] }> | null> {
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
  const prices = new Map<string, { priceCents: number; messages: Notice[] }>();
  for (const [i, a] of activities.entries()) {
    const facts = toDoorFacts(rows[i]?.results[0]);
    if (!facts?.holder) continue;
    const { answer } = await priceAnswer(
      c.env.SIGNING_KEYS,
      facts,
      facts.holder,
      { kind: 'ticket', activityId: a.id },
      c.var.now,
    );
    prices.set(a.id, { priceCents: answer.price, messages: answer.messages });
  }
  return prices;
}
