import { decideBonuses, type RideFacts } from './bonus.ts';
import { settings } from './repo.ts';
import type { RideReport } from './schema.ts';

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
  const [rides, awarded] = await db.batch([
    db
      .prepare(
        `SELECT r.id AS request_id, r.activity_id, o.driver_id, r.passenger_id, dp.municipality_id AS driver_municipality,
                (dp.household_id IS NOT NULL AND dp.household_id = pp.household_id) AS same_household,
                r.pickup_confirmed_at IS NOT NULL AS pickup,
                EXISTS (SELECT 1 FROM checkins k WHERE k.activity_id = r.activity_id AND k.passholder_id = r.passenger_id) AS checked_in,
                a.ends_at <= ?1 AS ended
           FROM ride_requests r JOIN ride_offers o ON o.id = r.offer_id JOIN activities a ON a.id = r.activity_id
           JOIN passholders dp ON dp.id = o.driver_id JOIN passholders pp ON pp.id = r.passenger_id
          WHERE r.status = 'accepted' AND r.bonus_awarded_at IS NULL AND a.ends_at <= ?1 AND a.ends_at >= ?2
          ORDER BY r.accepted_at, r.id`,
      )
      .bind(at, since),
    db
      .prepare(
        `SELECT o.driver_id, r.activity_id, r.passenger_id, r.bonus_awarded_at >= ?1 AS this_month
           FROM ride_requests r JOIN ride_offers o ON o.id = r.offer_id
          WHERE r.bonus_awarded_at IS NOT NULL AND r.bonus_reversed_at IS NULL AND (r.bonus_awarded_at >= ?1 OR r.activity_id IN
                (SELECT activity_id FROM ride_requests WHERE status = 'accepted' AND bonus_awarded_at IS NULL))`,
      )
      .bind(monthStart),
  ]);
  type Row = {
    request_id: string;
    activity_id: string;
    driver_id: string;
    passenger_id: string;
    driver_municipality: string;
    same_household: number;
    pickup: number;
    checked_in: number;
    ended: number;
  };
  type Earlier = { driver_id: string; activity_id: string; passenger_id: string; this_month: number };
  const earlier = {
    perActivity: new Map<string, number>(),
    perMonth: new Map<string, number>(),
    counted: new Set<string>(),
  };
  for (const e of awarded!.results as Earlier[]) {
    earlier.perActivity.set(
      `${e.driver_id}:${e.activity_id}`,
      (earlier.perActivity.get(`${e.driver_id}:${e.activity_id}`) ?? 0) + 1,
    );
    if (e.this_month) earlier.perMonth.set(e.driver_id, (earlier.perMonth.get(e.driver_id) ?? 0) + 1);
    earlier.counted.add(`${e.passenger_id}:${e.activity_id}`);
  }
  const rows = rides!.results as Row[];
  const writes: D1PreparedStatement[] = [];
  let refused = 0;
  for (const municipality of new Set(rows.map((r) => r.driver_municipality))) {
    const s = await settings(db, municipality);
    const facts: RideFacts[] = rows
      .filter((r) => r.driver_municipality === municipality)
      .map((r) => ({
        requestId: r.request_id,
        activityId: r.activity_id,
        driverId: r.driver_id,
        passengerId: r.passenger_id,
        sameHousehold: r.same_household === 1,
        pickupConfirmed: r.pickup === 1,
        passengerCheckedIn: r.checked_in === 1,
        activityEnded: r.ended === 1,
      }));
    const decision = decideBonuses(
      facts,
      { perActivity: s.capPerActivity, perMonth: s.capPerMonth },
      earlier,
    );
    refused += decision.refused.size;
    for (const r of decision.award) {
      writes.push(
        db
          .prepare(
            `INSERT INTO points_ledger (id, passholder_id, points, kind, activity_id, note, created_at)
             VALUES ('ride:' || ?1, ?2, ?3, 'ride_bonus', ?4, 'lift for a neighbour', ?5) ON CONFLICT DO NOTHING`,
          )
          .bind(r.requestId, r.driverId, s.bonusPoints, r.activityId, at),
        db
          .prepare(
            'UPDATE ride_requests SET bonus_awarded_at = ?2 WHERE id = ?1 AND bonus_awarded_at IS NULL',
          )
          .bind(r.requestId, at),
      );
    }
  }
  if (writes.length) await db.batch(writes);
  return { awarded: writes.length / 2, refused };
}

/** Takes a ride bonus back (municipality admin), with the reason in the ledger. False when there was none. */
export async function reverseBonus(
  db: D1Database,
  requestId: string,
  reason: string,
  by: string,
  at: string,
): Promise<boolean> {
  const [, update] = await db.batch([
    db
      .prepare(
        `INSERT INTO points_ledger (id, passholder_id, points, kind, activity_id, note, created_at, created_by)
         SELECT 'ride-reversal:' || ?1, l.passholder_id, -l.points, 'correction', l.activity_id, ?2, ?3, ?4
           FROM points_ledger l JOIN ride_requests r ON r.id = ?1 WHERE l.id = 'ride:' || ?1 AND r.bonus_reversed_at IS NULL
         ON CONFLICT DO NOTHING`,
      )
      .bind(requestId, reason, at, by),
    db
      .prepare(
        'UPDATE ride_requests SET bonus_reversed_at = ?2 WHERE id = ?1 AND bonus_awarded_at IS NOT NULL AND bonus_reversed_at IS NULL',
      )
      .bind(requestId, at),
  ]);
  return (update?.meta.changes ?? 0) > 0;
}

/** The month's lifts for a municipality's activities: totals, and per neighbourhood requests, served, unserved and bonus points paid. */
export async function rideReport(
  db: D1Database,
  municipalityId: string,
  range: { start: string; end: string },
): Promise<RideReport> {
  const scope = `SELECT a.id FROM activities a JOIN clubs c ON c.id = a.club_id WHERE c.municipality_id = ?1 AND a.starts_at >= ?2 AND a.starts_at < ?3`;
  const [totals, hoods] = await db.batch([
    db
      .prepare(
        `SELECT (SELECT count(*) FROM ride_offers WHERE activity_id IN (${scope})) AS offered,
                (SELECT count(*) FROM ride_requests WHERE activity_id IN (${scope})) AS requested,
                (SELECT count(*) FROM ride_requests WHERE activity_id IN (${scope}) AND accepted_at IS NOT NULL) AS matched,
                (SELECT count(*) FROM ride_requests r WHERE r.activity_id IN (${scope}) AND r.pickup_confirmed_at IS NOT NULL
                    AND EXISTS (SELECT 1 FROM checkins k WHERE k.activity_id = r.activity_id AND k.passholder_id = r.passenger_id)) AS completed,
                (SELECT count(DISTINCT r.passenger_id) FROM ride_requests r WHERE r.activity_id IN (${scope}) AND r.pickup_confirmed_at IS NOT NULL) AS passengers`,
      )
      .bind(municipalityId, range.start, range.end),
    db
      .prepare(
        `SELECT n.id AS neighbourhood_id, n.name AS neighbourhood, count(*) AS requests,
                sum(r.accepted_at IS NOT NULL) AS served, sum(r.accepted_at IS NULL) AS unserved,
                coalesce(sum(CASE WHEN r.bonus_reversed_at IS NULL THEN l.points END), 0) AS bonus_points
           FROM ride_requests r JOIN passholders p ON p.id = r.passenger_id
           LEFT JOIN neighbourhoods n ON n.id = coalesce(r.neighbourhood_id, p.neighbourhood_id)
           LEFT JOIN points_ledger l ON l.id = 'ride:' || r.id
          WHERE r.activity_id IN (${scope})
          GROUP BY n.id ORDER BY unserved DESC, requests DESC, n.name`,
      )
      .bind(municipalityId, range.start, range.end),
  ]);
  const t = totals!.results[0] as {
    offered: number;
    requested: number;
    matched: number;
    completed: number;
    passengers: number;
  };
  const byNeighbourhood = (
    hoods!.results as {
      neighbourhood_id: string | null;
      neighbourhood: string | null;
      requests: number;
      served: number;
      unserved: number;
      bonus_points: number;
    }[]
  ).map((h) => ({
    neighbourhoodId: h.neighbourhood_id,
    neighbourhood: h.neighbourhood,
    requests: h.requests,
    served: h.served,
    unserved: h.unserved,
    bonusPoints: h.bonus_points,
  }));
  return {
    offered: t.offered,
    requested: t.requested,
    matched: t.matched,
    completed: t.completed,
    passengersServed: t.passengers,
    bonusPoints: byNeighbourhood.reduce((sum, h) => sum + h.bonusPoints, 0),
    byNeighbourhood,
    unservedByNeighbourhood: byNeighbourhood
      .filter((h) => h.unserved > 0)
      .map((h) => ({ neighbourhood: h.neighbourhood ?? '?', unserved: h.unserved })),
  };
}
