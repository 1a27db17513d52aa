import { decideBonuses, type RideFacts } from './bonus.ts';
import { awardBonuses, bonusCandidates, settings, type Award } from './repo.ts';

/** How long after an activity its rides are still looked at. */
const LOOK_BACK_DAYS = 7;

/**
 * Awards ride bonuses for activities that ended: only a confirmed pickup plus the passenger's own check-in
 * counts, never oneself or one's household, each passenger once per activity, within the caps. The ledger
 * line's id is derived from the ride, so running twice awards once.
 */
export async function runRideBonuses(
  db: D1Database,
  now: Date,
): Promise<{ awarded: number; refused: number }> {
  const at = now.toISOString();
  const since = new Date(now.getTime() - LOOK_BACK_DAYS * 86_400_000).toISOString();
  const monthStart = `${at.slice(0, 7)}-01T00:00:00.000Z`;
  const { rides, earlier } = await bonusCandidates(db, { at, since, monthStart });
  const counts = {
    perActivity: new Map<string, number>(),
    perMonth: new Map<string, number>(),
    counted: new Set<string>(),
  };
  for (const e of earlier) {
    const key = `${e.driverId}:${e.activityId}`;
    counts.perActivity.set(key, (counts.perActivity.get(key) ?? 0) + 1);
    if (e.thisMonth) counts.perMonth.set(e.driverId, (counts.perMonth.get(e.driverId) ?? 0) + 1);
    counts.counted.add(`${e.passengerId}:${e.activityId}`);
  }
  const awards: Award[] = [];
  let refused = 0;
  for (const municipality of new Set(rides.map((r) => r.driverMunicipality))) {
    const s = await settings(db, municipality);
    const facts: RideFacts[] = rides
      .filter((r) => r.driverMunicipality === municipality)
      .map((r) => ({
        requestId: r.requestId,
        activityId: r.activityId,
        driverId: r.driverId,
        passengerId: r.passengerId,
        sameHousehold: r.sameHousehold,
        pickupConfirmed: r.pickupConfirmed,
        passengerCheckedIn: r.passengerCheckedIn,
        activityEnded: r.activityEnded,
      }));
    const decision = decideBonuses(facts, { perActivity: s.capPerActivity, perMonth: s.capPerMonth }, counts);
    refused += decision.refused.size;
    for (const r of decision.award)
      awards.push({
        requestId: r.requestId,
        driverId: r.driverId,
        activityId: r.activityId,
        points: s.bonusPoints,
      });
  }
  await awardBonuses(db, awards, at);
  return { awarded: awards.length, refused };
}
