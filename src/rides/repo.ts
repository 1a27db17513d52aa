import { uniqueViolation } from '../lib/constraints.ts';
import { newId } from '../lib/ids.ts';
import type { RideReport } from './schema.ts';

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
  /** When each side said yes; a request is agreed ('accepted') only with both. */
  passengerAgreedAt: string | null;
  driverAgreedAt: string | null;
  pickupConfirmedAt: string | null;
  noShow: string | null;
  bonusAwardedAt: string | null;
};

/**
 * A request's status as the API shows it: 'requested' is split by who said yes first. The passenger asked
 * a driver's offer ('requested', waiting for the driver) or a driver offered to take an open request
 * ('proposed', waiting for the passenger).
 */
export type RideStatus = 'open' | 'requested' | 'proposed' | 'accepted' | 'declined' | 'cancelled';
export function rideStatus(r: Pick<Request, 'status' | 'passengerAgreedAt'>): RideStatus {
  return r.status === 'requested' && r.passengerAgreedAt === null ? 'proposed' : r.status;
}

/** SQL: both sides agreed on this ride (alias r): only then the pair sees pickup address and phone. */
const AGREED = `(r.status = 'accepted' AND r.passenger_agreed_at IS NOT NULL AND r.driver_agreed_at IS NOT NULL)`;
/** SQL: the API status of request r. */
const STATUS = `iif(r.status = 'requested' AND r.passenger_agreed_at IS NULL, 'proposed', r.status)`;

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
  passenger_agreed_at: string | null;
  driver_agreed_at: string | null;
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
  passengerAgreedAt: r.passenger_agreed_at,
  driverAgreedAt: r.driver_agreed_at,
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
  r: Omit<
    Request,
    'status' | 'passengerAgreedAt' | 'driverAgreedAt' | 'pickupConfirmedAt' | 'noShow' | 'bonusAwardedAt'
  > & { by: string; at: string },
): Promise<void> {
  // Asking a driver's offer is the passenger's yes; an open request waits for a driver to propose.
  await db
    .prepare(
      `INSERT INTO ride_requests (id, activity_id, offer_id, passenger_id, seats, needs, neighbourhood_id, pickup_lat, pickup_lon, pickup_address, status, created_at, created_by, passenger_agreed_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, iif(?3 IS NULL, 'open', 'requested'), ?11, ?12, iif(?3 IS NULL, NULL, ?11))`,
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
      r.at,
      r.by,
    )
    .run();
}

/** An offer's unnamed CHECK on its seats (migration 0005), as SQLite names it: `agree` fails on it when full. */
export const OFFER_SEATS_CHECK = 'seats_taken >= 0 AND seats_taken <= seats';

/** A live request of this passenger for this activity exists already (`ride_requests_once`). */
export function isDuplicateRequest(error: unknown): boolean {
  return uniqueViolation(error, 'ride_requests');
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

/** A message to one side of a ride. */
export type Notice = { passholderId: string; kind: string; activityId: string; message: string };

/** A notification written only if the call with this id made the change (its row carries the call id). */
function noticeIfCall(db: D1Database, requestId: string, call: string, n: Notice, at: string) {
  return db
    .prepare(
      `INSERT INTO notifications (id, passholder_id, kind, activity_id, message, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM ride_requests WHERE id = ?7 AND agree_call = ?8)`,
    )
    .bind(newId(), n.passholderId, n.kind, n.activityId, n.message, at, requestId, call);
}

/**
 * A driver offers to take an open request on one of their offers: the driver's yes, waiting for the
 * passenger's. Nothing is shared yet. Only one driver's proposal wins (`WHERE status = 'open'`); the call
 * that wins is the one whose random call id is on the row, and only it checks the seats and tells the
 * passenger. A full or cancelled offer rolls it all back (the guard's CHECK).
 */
export async function propose(
  db: D1Database,
  p: { requestId: string; offerId: string; call: string; at: string; notice: Notice },
): Promise<boolean> {
  const [update] = await db.batch([
    db
      .prepare(
        `UPDATE ride_requests SET status = 'requested', offer_id = ?2, driver_agreed_at = ?3, passenger_agreed_at = NULL, agree_call = ?4
          WHERE id = ?1 AND status = 'open'`,
      )
      .bind(p.requestId, p.offerId, p.at, p.call),
    db
      .prepare(
        `INSERT INTO write_guards (ok)
         SELECT o.status = 'open' AND o.seats_taken + r.seats <= o.seats
           FROM ride_offers o JOIN ride_requests r ON r.id = ?2 AND r.agree_call = ?3 WHERE o.id = ?1`,
      )
      .bind(p.offerId, p.requestId, p.call),
    noticeIfCall(db, p.requestId, p.call, p.notice, p.at),
    db.prepare('DELETE FROM write_guards'),
  ]);
  return (update?.meta.changes ?? 0) > 0;
}

/**
 * The second yes: the driver accepts a passenger's request to their offer, or the passenger confirms a
 * driver's proposal. The conditional UPDATE decides which call did it (and the database's trigger refuses
 * 'accepted' without both yeses); only that call, recognised by its random call id, takes the seats (the
 * offer's CHECK seats_taken <= seats rolls everything back when full) and tells the other side.
 */
export async function agree(
  db: D1Database,
  a: {
    requestId: string;
    offerId: string;
    side: 'driver' | 'passenger';
    call: string;
    at: string;
    notice: Notice | null;
  },
): Promise<boolean> {
  const [mine, theirs] =
    a.side === 'driver'
      ? ['driver_agreed_at', 'passenger_agreed_at']
      : ['passenger_agreed_at', 'driver_agreed_at'];
  const called = 'EXISTS (SELECT 1 FROM ride_requests WHERE id = ?2 AND agree_call = ?3)';
  const [update] = await db.batch([
    db
      .prepare(
        `UPDATE ride_requests SET status = 'accepted', accepted_at = ?3, ${mine} = ?3, agree_call = ?4
          WHERE id = ?1 AND offer_id = ?2 AND status = 'requested' AND ${mine} IS NULL AND ${theirs} IS NOT NULL`,
      )
      .bind(a.requestId, a.offerId, a.at, a.call),
    db
      .prepare(
        `UPDATE ride_offers SET seats_taken = seats_taken + (SELECT seats FROM ride_requests WHERE id = ?2)
          WHERE id = ?1 AND ${called}`,
      )
      .bind(a.offerId, a.requestId, a.call),
    db
      .prepare(
        `INSERT INTO write_guards (ok) SELECT status = 'open' FROM ride_offers WHERE id = ?1 AND ${called}`,
      )
      .bind(a.offerId, a.requestId, a.call),
    ...(a.notice ? [noticeIfCall(db, a.requestId, a.call, a.notice, a.at)] : []),
    db.prepare('DELETE FROM write_guards'),
  ]);
  return (update?.meta.changes ?? 0) > 0;
}

/**
 * A driver's proposal ends without a ride (the passenger says no, or the driver withdraws): the request is
 * open again for other drivers, and the other side is told, in one transaction.
 */
export async function reopen(
  db: D1Database,
  r: { requestId: string; offerId: string; call: string; at: string; notice: Notice | null },
): Promise<boolean> {
  const [update] = await db.batch([
    db
      .prepare(
        `UPDATE ride_requests SET status = 'open', offer_id = NULL, driver_agreed_at = NULL, agree_call = ?3
          WHERE id = ?1 AND offer_id = ?2 AND status = 'requested' AND passenger_agreed_at IS NULL`,
      )
      .bind(r.requestId, r.offerId, r.call),
    ...(r.notice ? [noticeIfCall(db, r.requestId, r.call, r.notice, r.at)] : []),
  ]);
  return (update?.meta.changes ?? 0) > 0;
}

/** The driver says no to a passenger's request to their offer. */
export async function decline(db: D1Database, requestId: string, offerId: string): Promise<boolean> {
  const r = await db
    .prepare(
      `UPDATE ride_requests SET status = 'declined'
        WHERE id = ?1 AND offer_id = ?2 AND status = 'requested' AND driver_agreed_at IS NULL`,
    )
    .bind(requestId, offerId)
    .run();
  return r.meta.changes > 0;
}

/**
 * Cancels a request (either side), frees the seats if it was agreed, and tells the other side; a driver's
 * late cancellation also tells the club, since the passenger is left without a ride. One transaction, and
 * the seats follow the row's status at that moment, not an earlier read.
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
        `UPDATE ride_offers SET seats_taken = seats_taken - (SELECT seats FROM ride_requests WHERE id = ?1)
          WHERE id = (SELECT offer_id FROM ride_requests WHERE id = ?1 AND status = 'accepted')`,
      )
      .bind(r.id),
    db
      .prepare(
        `UPDATE ride_requests SET status = 'cancelled', cancelled_at = ?2, cancelled_by = ?3, late_cancel = iif(status = 'accepted', ?4, 0)
          WHERE id = ?1 AND status IN ('open', 'requested', 'accepted')`,
      )
      .bind(r.id, at, side, late ? 1 : 0),
  ];
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
  const [, update] = await db.batch(statements);
  return (update?.meta.changes ?? 0) > 0;
}

/** The live requests on an offer (asked, proposed or agreed): who to tell when the offer is cancelled. */
export async function liveRequestsOn(db: D1Database, offerId: string): Promise<Request[]> {
  const { results } = await db
    .prepare("SELECT * FROM ride_requests WHERE offer_id = ?1 AND status IN ('requested', 'accepted')")
    .bind(offerId)
    .all<RequestRow>();
  return results.map(toRequest);
}

/**
 * The driver cancels an offer, in one transaction: refused (rolled back by the guard) once a passenger was
 * picked up; a driver's proposal goes back to the open list, asked and agreed rides end, each passenger
 * read before gets their message (only while their ride is still in the state the message is about), the
 * club hears of a late drop, and the offer closes. A second call changes nothing.
 */
export async function cancelOffer(
  db: D1Database,
  c: {
    offerId: string;
    late: boolean;
    notices: { requestId: string; proposed: boolean; notice: Notice }[];
    club: { clubId: string; message: string } | null;
    at: string;
  },
): Promise<boolean> {
  const open = 'EXISTS (SELECT 1 FROM ride_offers WHERE id = ?1 AND status = ?2)';
  const notices = c.notices.map((n) =>
    db
      .prepare(
        `INSERT INTO notifications (id, passholder_id, kind, activity_id, message, created_at)
         SELECT ?3, ?4, ?5, ?6, ?7, ?8 WHERE ${open} AND EXISTS (SELECT 1 FROM ride_requests WHERE id = ?9 AND offer_id = ?1
            AND status IN ('requested', 'accepted') AND (passenger_agreed_at IS NULL) = ?10)`,
      )
      .bind(
        c.offerId,
        'open',
        newId(),
        n.notice.passholderId,
        n.notice.kind,
        n.notice.activityId,
        n.notice.message,
        c.at,
        n.requestId,
        n.proposed ? 1 : 0,
      ),
  );
  const club = c.club
    ? [
        db
          .prepare(
            `INSERT INTO club_messages (id, club_id, message, created_at) SELECT ?3, ?4, ?5, ?6 WHERE ${open}
               AND EXISTS (SELECT 1 FROM ride_requests WHERE offer_id = ?1 AND status = 'accepted')`,
          )
          .bind(c.offerId, 'open', newId(), c.club.clubId, c.club.message, c.at),
      ]
    : [];
  const results = await db.batch([
    db
      .prepare(
        `INSERT INTO write_guards (ok) SELECT NOT EXISTS (SELECT 1 FROM ride_requests
            WHERE offer_id = ?1 AND status = 'accepted' AND pickup_confirmed_at IS NOT NULL)`,
      )
      .bind(c.offerId),
    ...notices,
    ...club,
    db
      .prepare(
        `UPDATE ride_requests SET status = 'open', offer_id = NULL, driver_agreed_at = NULL, agree_call = NULL
          WHERE offer_id = ?1 AND status = 'requested' AND passenger_agreed_at IS NULL AND ${open}`,
      )
      .bind(c.offerId, 'open'),
    db
      .prepare(
        `UPDATE ride_requests SET status = 'cancelled', cancelled_at = ?3, cancelled_by = 'driver',
                late_cancel = iif(status = 'accepted', ?4, 0)
          WHERE offer_id = ?1 AND status IN ('requested', 'accepted') AND ${open}`,
      )
      .bind(c.offerId, 'open', c.at, c.late ? 1 : 0),
    db
      .prepare(
        `UPDATE ride_offers SET status = 'cancelled', cancelled_at = ?2, late_cancel = ?3, seats_taken = 0
          WHERE id = ?1 AND status = 'open'`,
      )
      .bind(c.offerId, c.at, c.late ? 1 : 0),
    db.prepare('DELETE FROM write_guards'),
  ]);
  return (results.at(-2)?.meta.changes ?? 0) > 0;
}

/** A person on one side of a ride: first name (what the other side may see) and language. */
export async function person(
  db: D1Database,
  passholderId: string,
): Promise<{ firstName: string; locale: 'nl' | 'fr' | 'en' }> {
  const row = await db
    .prepare('SELECT first_name, locale FROM passholders WHERE id = ?1')
    .bind(passholderId)
    .first<{ first_name: string; locale: 'nl' | 'fr' | 'en' }>();
  return { firstName: row?.first_name ?? '', locale: row?.locale ?? 'nl' };
}

/** The passholder's pass number (to match a scanned code at pickup). */
export async function passNumberOf(db: D1Database, passholderId: string): Promise<string | null> {
  const row = await db
    .prepare('SELECT pass_number FROM passholders WHERE id = ?1')
    .bind(passholderId)
    .first<{ pass_number: string }>();
  return row?.pass_number ?? null;
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

/**
 * A resident's rides, as driver and as passenger. Before both sides agreed each sees the other's first name
 * and area only; pickup address and phone only once the ride is agreed (AGREED), for that ride.
 */
export async function myRides(db: D1Database, passholderIds: string[]) {
  const ids = JSON.stringify(passholderIds);
  const [offers, requests] = await db.batch([
    db
      .prepare(
        `SELECT o.id, o.activity_id, a.title, o.seats, o.seats_taken, o.departs_at, o.status, o.driver_id,
                (SELECT n.name FROM passholders d JOIN neighbourhoods n ON n.id = coalesce(o.neighbourhood_id, d.neighbourhood_id) WHERE d.id = o.driver_id) AS area,
                (SELECT json_group_array(json_object('id', r.id, 'status', ${STATUS}, 'seats', r.seats, 'needs', json(r.needs), 'firstName', p.first_name,
                        'area', n.name, 'pickupAddress', iif(${AGREED}, r.pickup_address, NULL),
                        'phone', iif(${AGREED}, p.phone, NULL), 'pickupConfirmedAt', r.pickup_confirmed_at))
                   FROM ride_requests r JOIN passholders p ON p.id = r.passenger_id LEFT JOIN neighbourhoods n ON n.id = coalesce(r.neighbourhood_id, p.neighbourhood_id)
                  WHERE r.offer_id = o.id AND r.status IN ('requested', 'accepted')) AS requests
           FROM ride_offers o JOIN activities a ON a.id = o.activity_id
          WHERE o.driver_id IN (SELECT value FROM json_each(?1)) ORDER BY o.departs_at DESC LIMIT 30`,
      )
      .bind(ids),
    db
      .prepare(
        `SELECT r.id, r.activity_id, a.title, ${STATUS} AS status, r.seats, r.pickup_confirmed_at, r.offer_id, r.passenger_id,
                r.pickup_address, (SELECT n.name FROM passholders me JOIN neighbourhoods n ON n.id = coalesce(r.neighbourhood_id, me.neighbourhood_id) WHERE me.id = r.passenger_id) AS area,
                d.first_name AS driver_first_name, dn.name AS driver_area, iif(${AGREED}, d.phone, NULL) AS driver_phone, o.departs_at
           FROM ride_requests r JOIN activities a ON a.id = r.activity_id
           LEFT JOIN ride_offers o ON o.id = r.offer_id LEFT JOIN passholders d ON d.id = o.driver_id
           LEFT JOIN neighbourhoods dn ON dn.id = coalesce(o.neighbourhood_id, d.neighbourhood_id)
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
    status: Offer['status'];
    driver_id: string;
    area: string | null;
    requests: string;
  };
  type R = {
    id: string;
    activity_id: string;
    title: string;
    status: RideStatus;
    seats: number;
    pickup_confirmed_at: string | null;
    offer_id: string | null;
    passenger_id: string;
    pickup_address: string | null;
    area: string | null;
    driver_first_name: string | null;
    driver_area: string | null;
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
      area: o.area,
      requests: JSON.parse(o.requests) as {
        id: string;
        status: RideStatus;
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
      /** The passenger's own pickup address and area: theirs to see. */
      pickupAddress: r.pickup_address,
      area: r.area,
      driver: r.driver_first_name
        ? { firstName: r.driver_first_name, area: r.driver_area, phone: r.driver_phone }
        : null,
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

/** A ride the bonus job looks at: the facts of the proof rules, and the driver's municipality (its caps). */
export type BonusCandidate = {
  requestId: string;
  activityId: string;
  driverId: string;
  passengerId: string;
  driverMunicipality: string;
  sameHousehold: boolean;
  pickupConfirmed: boolean;
  passengerCheckedIn: boolean;
  activityEnded: boolean;
};
/** A bonus awarded before, counted against the caps: per driver and activity, this month, per passenger. */
export type EarlierBonus = { driverId: string; activityId: string; passengerId: string; thisMonth: boolean };

/**
 * In one read: accepted rides of activities that ended since `since` and have no bonus yet (oldest agreed
 * first), and the bonuses paid before that count against the caps (this month's, and those of the same
 * activities).
 */
export async function bonusCandidates(
  db: D1Database,
  t: { at: string; since: string; monthStart: string },
): Promise<{ rides: BonusCandidate[]; earlier: EarlierBonus[] }> {
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
      .bind(t.at, t.since),
    db
      .prepare(
        `SELECT o.driver_id, r.activity_id, r.passenger_id, r.bonus_awarded_at >= ?1 AS this_month
           FROM ride_requests r JOIN ride_offers o ON o.id = r.offer_id
          WHERE r.bonus_awarded_at IS NOT NULL AND r.bonus_reversed_at IS NULL AND (r.bonus_awarded_at >= ?1 OR r.activity_id IN
                (SELECT activity_id FROM ride_requests WHERE status = 'accepted' AND bonus_awarded_at IS NULL))`,
      )
      .bind(t.monthStart),
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
  return {
    rides: (rides!.results as Row[]).map((r) => ({
      requestId: r.request_id,
      activityId: r.activity_id,
      driverId: r.driver_id,
      passengerId: r.passenger_id,
      driverMunicipality: r.driver_municipality,
      sameHousehold: r.same_household === 1,
      pickupConfirmed: r.pickup === 1,
      passengerCheckedIn: r.checked_in === 1,
      activityEnded: r.ended === 1,
    })),
    earlier: (awarded!.results as Earlier[]).map((e) => ({
      driverId: e.driver_id,
      activityId: e.activity_id,
      passengerId: e.passenger_id,
      thisMonth: e.this_month === 1,
    })),
  };
}

export type Award = { requestId: string; driverId: string; activityId: string; points: number };

/**
 * Pays the bonuses in one transaction: the ledger line's id is derived from the ride, and the ride is marked
 * only once, so a second run adds nothing.
 */
export async function awardBonuses(db: D1Database, awards: Award[], at: string): Promise<void> {
  if (!awards.length) return;
  await db.batch(
    awards.flatMap((r) => [
      db
        .prepare(
          `INSERT INTO points_ledger (id, passholder_id, points, kind, activity_id, note, created_at)
           VALUES ('ride:' || ?1, ?2, ?3, 'ride_bonus', ?4, 'lift for a neighbour', ?5) ON CONFLICT DO NOTHING`,
        )
        .bind(r.requestId, r.driverId, r.points, r.activityId, at),
      db
        .prepare('UPDATE ride_requests SET bonus_awarded_at = ?2 WHERE id = ?1 AND bonus_awarded_at IS NULL')
        .bind(r.requestId, at),
    ]),
  );
}

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

/** The month's rides for a municipality's activities: totals, and per neighbourhood requests, served, unserved and bonus points paid. */
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
