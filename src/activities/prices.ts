import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { holderPrices, type HolderPrice } from '../tariffs/service.ts';

/**
 * The signed-in resident's own price for each activity (one round trip for the page); null for anyone
 * else. Nobody ever sees another person's price here. This is where the holder learns why a reduction does
 * not apply (a cap reached, outside the region, a category not covered) and how many reduced uses are left.
 */
export async function myPrices(
  c: Context<AppEnv>,
  activities: { id: string }[],
): Promise<Map<string, HolderPrice> | null> {
  const passholderId = c.get('user')?.passholderId;
  if (!passholderId || activities.length === 0) return null;
  const prices = await holderPrices(
    c.env.DB,
    activities.map((a) => ({ target: { kind: 'ticket' as const, activityId: a.id }, passholderId })),
    c.var.now,
  );
  const mine = new Map<string, HolderPrice>();
  for (const [i, a] of activities.entries()) {
    const price = prices[i];
    if (price) mine.set(a.id, price);
  }
  return mine;
}
