import { holderPrices, type HolderPrice } from '../tariffs/service.ts';

/**
 * The signed-in resident's own price for each activity (one round trip for the page); null for anyone
 * else. Nobody ever sees another person's price here. This is where the holder learns why a reduction does
 * not apply (a cap reached, outside the region, a category not covered) and how many reduced uses are left.
 */
export async function myPrices(
  db: D1Database,
  passholderId: string | null | undefined,
  activities: { id: string }[],
  now: Date,
): Promise<Map<string, HolderPrice> | null> {
  if (!passholderId || activities.length === 0) return null;
  const prices = await holderPrices(
    db,
    activities.map((a) => ({ target: { kind: 'ticket' as const, activityId: a.id }, passholderId })),
    now,
  );
  const mine = new Map<string, HolderPrice>();
  for (const [i, a] of activities.entries()) {
    const price = prices[i];
    if (price) mine.set(a.id, price);
  }
  return mine;
}

/** The activities with the resident's own price (`myPrice`), or as they are for anyone else. */
export async function withMyPrices<T extends { id: string }>(
  db: D1Database,
  passholderId: string | null | undefined,
  activities: T[],
  now: Date,
): Promise<(T | (T & { myPrice: HolderPrice | null }))[]> {
  const prices = await myPrices(db, passholderId, activities, now);
  return activities.map((a) => (prices ? { ...a, myPrice: prices.get(a.id) ?? null } : a));
}
