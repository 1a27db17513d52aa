import { newId } from '../lib/ids.ts';

export type Offer = {
  id: string;
  activityId: string;
  driverId: string;
  seats: number;
  seatsTaken: number;
  direction: string;
  departsAt: string;
  neighbourhoodId: string | null;
  lat: number | null;
  lon: number | null;
  allows: string[];
  notes: string | null;
  status: 'open' | 'cancelled';
};

export type Request = {
  id: string;
  activityId: string;
  offerId: string | null;
  passengerId: string;
  seats: number;
  needs: string[];
  neighbourhoodId: string | null;
  pickupLat: number | null;
  pickupLon: number | null;
  pickupAddress: string | null;
  status: 'open' | 'requested' | 'accepted' | 'declined' | 'cancelled';
  pickupConfirmedAt: string | null;
  noShow: string | null;
  bonusAwardedAt: string | null;
};

type OfferRow = {
  id: string;
  activity_id: string;
  driver_id: string;
  seats: number;
  seats_taken: number;
  direction: string;
  departs_at: string;
  neighbourhood_id: string | null;
  lat: number | null;
  lon: number | null;
  allows: string;
  notes: string | null;
  status: Offer['status'];
};
type RequestRow = {
  id: string;
  activity_id: string;
  offer_id: string | null;
  passenger_id: string;
  seats: number;
  needs: string;
  neighbourhood_id: string | null;
  pickup_lat: number | null;
  pickup_lon: number | null;
  pickup_address: string | null;
  status: Request['status'];
  pickup_confirmed_at: string | null;
  no_show: string | null;
  bonus_awarded_at: string | null;
};

const toOffer = (r: OfferRow): Offer => ({
  id: r.id,
  activityId: r.activity_id,
  driverId: r.driver_id,
  seats: r.seats,
  seatsTaken: r.seats_taken,
  direction: r.direction,
  departsAt: r.departs_at,
  neighbourhoodId: r.neighbourhood_id,
  lat: r.lat,
  lon: r.lon,
  allows: JSON.parse(r.allows) as string[],
  notes: r.notes,
  status: r.status,
});
const toRequest = (r: RequestRow): Request => ({
  id: r.id,
  activityId: r.activity_id,
  offerId: r.offer_id,
  passengerId: r.passenger_id,
  seats: r.seats,
  needs: JSON.parse(r.needs) as string[],
  neighbourhoodId: r.neighbourhood_id,
  pickupLat: r.pickup_lat,
  pickupLon: r.pickup_lon,
  pickupAddress: r.pickup_address,
  status: r.status,
  pickupConfirmedAt: r.pickup_confirmed_at,
  noShow: r.no_show,
  bonusAwardedAt: r.bonus_awarded_at,
});

export async function findOffer(db: D1Database, id: string): Promise<Offer | null> {
  const row = await db.prepare('SELECT * FROM ride_offers WHERE id = ?1').bind(id).first<OfferRow>();
  return row ? toOffer(row) : null;
}

export async function findRequest(db: D1Database, id: string): Promise<Request | null> {
  const row = await db.prepare('SELECT * FROM ride_requests WHERE id = ?1').bind(id).first<RequestRow>();
  return row ? toRequest(row) : null;
}

/** Is this passholder signed up (with a place) for the activity? */
export async function signedUp(db: D1Database, activityId: string, passholderId: string): Promise<boolean> {
  return (
    (await db
      .prepare(
        "SELECT 1 AS x FROM signups WHERE activity_id = ?1 AND passholder_id = ?2 AND status = 'confirmed'",
      )
      .bind(activityId, passholderId)
      .first()) !== null
  );
}

export async function insertOffer(
  db: D1Database,
  o: Omit<Offer, 'seatsTaken' | 'status'> & { by: string; at: string },
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO ride_offers (id, activity_id, driver_id, seats, direction, departs_at, neighbourhood_id, lat, lon, allows, notes, created_at, created_by)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)`,
    )
    .bind(
      o.id,
      o.activityId,
      o.driverId,
      o.seats,
      o.direction,
      o.departsAt,
      o.neighbourhoodId,
      o.lat,
      o.lon,
      JSON.stringify(o.allows),
      o.notes,
      o.at,
      o.by,
    )
    .run();
}

export async function insertRequest(
  db: D1Database,
  r: Omit<Request, 'pickupConfirmedAt' | 'noShow' | 'bonusAwardedAt'> & { by: string; at: string },
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO ride_requests (id, activity_id, offer_id, passenger_id, seats, needs, neighbourhood_id, pickup_lat, pickup_lon, pickup_address, status, created_at, created_by)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)`,
    )
    .bind(
      r.id,
      r.activityId,
      r.offerId,
      r.passengerId,
      r.seats,
      JSON.stringify(r.needs),
      r.neighbourhoodId,
      r.pickupLat,
      r.pickupLon,
      r.pickupAddress,
      r.status,
      r.at,
      r.by,
    )
    .run();
}

export function isDuplicateRequest(error: unknown): boolean {
  return /UNIQUE.*ride_requests/i.test(String(error));
}

/** Open offers of an activity with the driver's first name and area (nothing more before acceptance). */
export async function activityOffers(db: D1Database, activityId: string) {
  const { results } = await db
    .prepare(
      `SELECT o.*, p.first_name, n.name AS area FROM ride_offers o JOIN passholders p ON p.id = o.driver_id
         LEFT JOIN neighbourhoods n ON n.id = coalesce(o.neighbourhood_id, p.neighbourhood_id)
        WHERE o.activity_id = ?1 AND o.status = 'open' ORDER BY o.departs_at`,
    )
    .bind(activityId)
    .all<OfferRow & { first_name: string; area: string | null }>();
  return results.map((r) => ({ ...toOffer(r), firstName: r.first_name, area: r.area }));
}

/** Requests nobody accepted yet for an activity, with first name and area only. */
export async function openRequests(db: D1Database, activityId: string) {
  const { results } = await db
    .prepare(
      `SELECT r.*, p.first_name, n.name AS area FROM ride_requests r JOIN passholders p ON p.id = r.passenger_id
         LEFT JOIN neighbourhoods n ON n.id = coalesce(r.neighbourhood_id, p.neighbourhood_id)
        WHERE r.activity_id = ?1 AND r.status = 'open' ORDER BY r.created_at`,
    )
    .bind(activityId)
    .all<RequestRow & { first_name: string; area: string | null }>();
  return results.map((r) => ({ ...toRequest(r), firstName: r.first_name, area: r.area }));
}

/**
 * Accepts a request onto an offer: a guard row fails (rolling back) when the seats would be overbooked;
 * then the seats and the request change together.
 */
export async function accept(
  db: D1Database,
  requestId: string,
  offerId: string,
  seats: number,
  at: string,
): Promise<boolean> {
  const [, , update] = await db.batch([
    db
      .prepare(
        'INSERT INTO write_guards (ok) SELECT seats_taken + ?2 <= seats AND status = ?3 FROM ride_offers WHERE id = ?1',
      )
      .bind(offerId, seats, 'open'),
    db.prepare('UPDATE ride_offers SET seats_taken = seats_taken + ?2 WHERE id = ?1').bind(offerId, seats),
    db
      .prepare(
        "UPDATE ride_requests SET status = 'accepted', offer_id = ?2, accepted_at = ?3 WHERE id = ?1 AND status IN ('open', 'requested')",
      )
      .bind(requestId, offerId, at),
    db.prepare('INSERT INTO write_guards (ok) SELECT changes() = 1'),
    db.prepare('DELETE FROM write_guards'),
  ]);
  return (update?.meta.changes ?? 0) > 0;
}

export async function decline(db: D1Database, requestId: string, offerId: string): Promise<boolean> {
  const r = await db
    .prepare(
      "UPDATE ride_requests SET status = 'declined' WHERE id = ?1 AND offer_id = ?2 AND status = 'requested'",
    )
    .bind(requestId, offerId)
    .run();
  return r.meta.changes > 0;
}

/**
 * Cancels a request (either side), frees the seats if it was accepted, and tells the other side; a driver's
 * late cancellation also tells the club, since the passenger is left without a lift. One transaction.
 */
export async function cancel(
  db: D1Database,
  r: Request,
  side: 'driver' | 'passenger',
  late: boolean,
  messages: {
    toPassholder: string | null;
    message: string;
    clubId: string | null;
    clubMessage: string | null;
  },
  at: string,
): Promise<boolean> {
  const statements = [
    db
      .prepare(
        "UPDATE ride_requests SET status = 'cancelled', cancelled_at = ?2, cancelled_by = ?3, late_cancel = ?4 WHERE id = ?1 AND status IN ('open', 'requested', 'accepted')",
      )
      .bind(r.id, at, side, late ? 1 : 0),
  ];
  if (r.status === 'accepted' && r.offerId) {
    statements.push(
      db
        .prepare('UPDATE ride_offers SET seats_taken = seats_taken - ?2 WHERE id = ?1')
        .bind(r.offerId, r.seats),
    );
  }
  if (messages.toPassholder) {
    statements.push(
      db
        .prepare(
          "INSERT INTO notifications (id, passholder_id, kind, activity_id, message, created_at) VALUES (?1, ?2, 'ride_cancelled', ?3, ?4, ?5)",
        )
        .bind(newId(), messages.toPassholder, r.activityId, messages.message, at),
    );
  }
  if (messages.clubId && messages.clubMessage) {
    statements.push(
      db
        .prepare('INSERT INTO club_messages (id, club_id, message, created_at) VALUES (?1, ?2, ?3, ?4)')
        .bind(newId(), messages.clubId, messages.clubMessage, at),
    );
  }
  const [update] = await db.batch(statements);
  return (update?.meta.changes ?? 0) > 0;
}

export async function confirmPickup(
  db: D1Database,
  requestId: string,
  by: 'driver' | 'passenger',
  at: string,
): Promise<boolean> {
  const r = await db
    .prepare(
      "UPDATE ride_requests SET pickup_confirmed_at = ?2, pickup_confirmed_by = ?3 WHERE id = ?1 AND status = 'accepted' AND pickup_confirmed_at IS NULL",
    )
    .bind(requestId, at, by)
    .run();
  return r.meta.changes > 0;
}

export async function recordNoShow(
  db: D1Database,
  requestId: string,
  who: 'driver' | 'passenger',
): Promise<boolean> {
  const r = await db
    .prepare(
      "UPDATE ride_requests SET no_show = ?2 WHERE id = ?1 AND status = 'accepted' AND pickup_confirmed_at IS NULL",
    )
    .bind(requestId, who)
    .run();
  return r.meta.changes > 0;
}

/** A resident's lifts, as driver and as passenger; the other side's pickup point and phone only once accepted. */
export async function myRides(db: D1Database, passholderIds: string[]) {
  const ids = JSON.stringify(passholderIds);
  const [offers, requests] = await db.batch([
    db
      .prepare(
        `SELECT o.id, o.activity_id, a.title, o.seats, o.seats_taken, o.departs_at, o.status, o.driver_id,
                (SELECT json_group_array(json_object('id', r.id, 'status', r.status, 'seats', r.seats, 'needs', json(r.needs), 'firstName', p.first_name,
                        'area', n.name, 'pickupAddress', iif(r.status = 'accepted', r.pickup_address, NULL),
                        'phone', iif(r.status = 'accepted', p.phone, NULL), 'pickupConfirmedAt', r.pickup_confirmed_at))
                   FROM ride_requests r JOIN passholders p ON p.id = r.passenger_id LEFT JOIN neighbourhoods n ON n.id = coalesce(r.neighbourhood_id, p.neighbourhood_id)
                  WHERE r.offer_id = o.id AND r.status IN ('requested', 'accepted')) AS requests
           FROM ride_offers o JOIN activities a ON a.id = o.activity_id
          WHERE o.driver_id IN (SELECT value FROM json_each(?1)) ORDER BY o.departs_at DESC LIMIT 30`,
      )
      .bind(ids),
    db
      .prepare(
        `SELECT r.id, r.activity_id, a.title, r.status, r.seats, r.pickup_confirmed_at, r.offer_id, r.passenger_id,
                d.first_name AS driver_first_name, iif(r.status = 'accepted', d.phone, NULL) AS driver_phone, o.departs_at
           FROM ride_requests r JOIN activities a ON a.id = r.activity_id
           LEFT JOIN ride_offers o ON o.id = r.offer_id LEFT JOIN passholders d ON d.id = o.driver_id
          WHERE r.passenger_id IN (SELECT value FROM json_each(?1)) ORDER BY r.created_at DESC LIMIT 30`,
      )
      .bind(ids),
  ]);
  type O = {
    id: string;
    activity_id: string;
    title: string;
    seats: number;
    seats_taken: number;
    departs_at: string;
    status: string;
    driver_id: string;
    requests: string;
  };
  type R = {
    id: string;
    activity_id: string;
    title: string;
    status: string;
    seats: number;
    pickup_confirmed_at: string | null;
    offer_id: string | null;
    passenger_id: string;
    driver_first_name: string | null;
    driver_phone: string | null;
    departs_at: string | null;
  };
  return {
    offers: (offers!.results as O[]).map((o) => ({
      id: o.id,
      activityId: o.activity_id,
      title: o.title,
      seats: o.seats,
      seatsTaken: o.seats_taken,
      departsAt: o.departs_at,
      status: o.status,
      driverId: o.driver_id,
      requests: JSON.parse(o.requests) as {
        id: string;
        status: string;
        seats: number;
        needs: string[];
        firstName: string;
        area: string | null;
        pickupAddress: string | null;
        phone: string | null;
        pickupConfirmedAt: string | null;
      }[],
    })),
    requests: (requests!.results as R[]).map((r) => ({
      id: r.id,
      activityId: r.activity_id,
      title: r.title,
      status: r.status,
      seats: r.seats,
      pickupConfirmedAt: r.pickup_confirmed_at,
      offerId: r.offer_id,
      passengerId: r.passenger_id,
      driver: r.driver_first_name ? { firstName: r.driver_first_name, phone: r.driver_phone } : null,
      departsAt: r.departs_at,
    })),
  };
}

const DEFAULT_SETTINGS = { bonusPoints: 5, capPerActivity: 4, capPerMonth: 20, lateCancelHours: 12 };
export type RideSettings = typeof DEFAULT_SETTINGS;

export async function settings(db: D1Database, municipalityId: string): Promise<RideSettings> {
  const row = await db
    .prepare(
      'SELECT bonus_points, cap_per_activity, cap_per_month, late_cancel_hours FROM ride_settings WHERE municipality_id = ?1',
    )
    .bind(municipalityId)
    .first<{
      bonus_points: number;
      cap_per_activity: number;
      cap_per_month: number;
      late_cancel_hours: number;
    }>();
  return row
    ? {
        bonusPoints: row.bonus_points,
        capPerActivity: row.cap_per_activity,
        capPerMonth: row.cap_per_month,
        lateCancelHours: row.late_cancel_hours,
      }
    : DEFAULT_SETTINGS;
}

export async function saveSettings(
  db: D1Database,
  municipalityId: string,
  s: RideSettings,
  at: string,
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO ride_settings (municipality_id, bonus_points, cap_per_activity, cap_per_month, late_cancel_hours, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
       ON CONFLICT DO UPDATE SET bonus_points = ?2, cap_per_activity = ?3, cap_per_month = ?4, late_cancel_hours = ?5, updated_at = ?6`,
    )
    .bind(municipalityId, s.bonusPoints, s.capPerActivity, s.capPerMonth, s.lateCancelHours, at)
    .run();
}

/** No-shows recorded against a passholder, as driver and as passenger. */
export async function noShows(db: D1Database, passholderId: string) {
  const row = await db
    .prepare(
      `SELECT (SELECT count(*) FROM ride_requests r JOIN ride_offers o ON o.id = r.offer_id WHERE o.driver_id = ?1 AND r.no_show = 'driver') AS as_driver,
              (SELECT count(*) FROM ride_requests WHERE passenger_id = ?1 AND no_show = 'passenger') AS as_passenger`,
    )
    .bind(passholderId)
    .first<{ as_driver: number; as_passenger: number }>();
  return { asDriver: row!.as_driver, asPassenger: row!.as_passenger };
}
