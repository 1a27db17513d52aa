import { json } from '../helpers/api.ts';
import { createActivity } from '../helpers/fixtures.ts';

/**
 * An activity of the sports club whose door is open at `now`: it starts ten minutes earlier and lasts an
 * hour. Activities with the same title add up in one statement group, whatever their dates.
 */
export async function activityAt(
  now: string,
  overrides: { title?: string; regularPriceCents?: number; category?: string } = {},
): Promise<{ id: string; title: string }> {
  const start = Date.parse(now) - 10 * 60_000;
  const activity = await createActivity({
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 3_600_000).toISOString(),
    regularPriceCents: 400,
    ...overrides,
  });
  return { id: activity.id, title: String(activity.title) };
}

/** Registers a sale at the till as door staff at `now`: the price look-up, then the sale. */
export async function sell(
  door: string,
  passNumber: string,
  activityId: string,
  now: string,
): Promise<string> {
  const quote = await json<{ tariffId: string }>(
    `/api/v1/tariffs?activityId=${activityId}&passNumber=${passNumber}`,
    200,
    { token: door, now },
  );
  const sold = await json<{ sales: { id: string }[] }>('/api/v1/ticket-sales', 201, {
    token: door,
    now,
    body: { sales: [{ activityId, passNumber, tariffId: quote.tariffId }] },
  });
  return sold.sales[0]!.id;
}

/** An activity open at `now` (with these options) and a sale for it at `now`. */
export async function sellAt(
  door: string,
  passNumber: string,
  now: string,
  activity: { title?: string; regularPriceCents?: number } = {},
): Promise<string> {
  const { id } = await activityAt(now, activity);
  return sell(door, passNumber, id, now);
}
