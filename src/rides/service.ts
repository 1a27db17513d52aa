import { findActivity, type ActivityRow } from '../activities/repo.ts';
import { checkViolation, guardRefused } from '../lib/constraints.ts';
import { newId } from '../lib/ids.ts';
import { Problem } from '../lib/problem.ts';
import { fieldProblem } from '../lib/validation.ts';
import { readPassCode } from '../passes/code.ts';
import { passesOf } from '../passes/repo.ts';
import { checkRideCode } from './code.ts';
import { rankOffers } from './matching.ts';
import { CLUB_LOCALE, clubMessage, rideMessage, type RideMessageKind } from './messages.ts';
import * as repo from './repo.ts';
import type { OfferInput, OfferSearch, PickupInput, PickupProof } from './schema.ts';

// The rides' rules that take more than one read or write; who may act is checked before (access.ts).

/** A message for one side of a ride, in their language, naming the other side by first name only. */
async function rideNotice(
  db: D1Database,
  kind: RideMessageKind,
  to: string,
  about: string | null,
  activityId: string,
): Promise<repo.Notice> {
  const [recipient, other, activity] = await Promise.all([
    repo.person(db, to),
    about ? repo.person(db, about) : Promise.resolve(null),
    findActivity(db, activityId),
  ]);
  return {
    passholderId: to,
    kind,
    activityId,
    message: rideMessage(kind, recipient.locale, {
      name: other?.firstName ?? '',
      title: activity?.title ?? '',
      startsAt: activity?.starts_at ?? new Date(0).toISOString(),
    }),
  };
}

/** The club's message when a passenger lost their ride shortly before departure. */
const lostLate = (activity: ActivityRow) =>
  clubMessage('ride_lost_late', CLUB_LOCALE, { title: activity.title, startsAt: activity.starts_at });

/** A guard row (seats, offer status) or the offer's own seat CHECK failed and rolled the batch back. */
const rolledBack = (error: unknown) =>
  guardRefused(error, 'write_guards', 'write_refused') || checkViolation(error, repo.OFFER_SEATS_CHECK);

/** True when a cancellation at `now` of a ride leaving at `departure` comes too late for the other side. */
async function isLate(db: D1Database, activity: ActivityRow, departure: string, now: Date) {
  const s = await repo.settings(db, activity.municipality_id);
  return Date.parse(departure) - now.getTime() < s.lateCancelHours * 3_600_000;
}

/** The offer, unless it is cancelled. */
export function openOffer(offer: repo.Offer): repo.Offer {
  if (offer.status !== 'open')
    throw new Problem('ride_offer_cancelled', { detail: 'This offer is cancelled' });
  return offer;
}

/** The offer a request was made to or taken onto; refused with `code` when it has none. */
export function offerIdOf(r: repo.Request, code: 'ride_decline_open' | 'ride_not_agreed'): string {
  if (!r.offerId) throw new Problem(code, { detail: 'This request is not on an offer' });
  return r.offerId;
}

/** The offer of an agreed ride: only an agreed ride is picked up. */
export function agreedOfferId(r: repo.Request): string {
  if (r.status !== 'accepted' || !r.offerId)
    throw new Problem('ride_not_agreed', { detail: 'Only an agreed ride is picked up' });
  return r.offerId;
}

export async function offerRide(
  db: D1Database,
  o: { activityId: string; driverId: string; input: OfferInput; by: string; now: Date },
): Promise<string> {
  const id = newId();
  // About 500 m: the area one leaves from, never one's door.
  const round = (x: number | null) => (x === null ? null : Math.round(x * 200) / 200);
  await repo.insertOffer(db, {
    id,
    activityId: o.activityId,
    driverId: o.driverId,
    seats: o.input.seats,
    direction: o.input.direction,
    departsAt: o.input.departsAt,
    neighbourhoodId: o.input.neighbourhoodId,
    lat: round(o.input.lat),
    lon: round(o.input.lon),
    allows: o.input.allows,
    notes: o.input.notes,
    by: o.by,
    at: o.now.toISOString(),
  });
  return id;
}

/** The pickup address is required and said on its field. */
export function requirePickupAddress(address: string): void {
  if (!address)
    throw fieldProblem('/address', 'required', 'A pickup address is required', {
      nl: 'Vul het adres in waar de chauffeur je ophaalt.',
      fr: 'Indiquez l’adresse où le conducteur vient vous chercher.',
      en: 'Fill in the address where the driver picks you up.',
    });
}

/** A passenger asks a driver's offer, or (without one) every driver of the activity. One live request each. */
export async function askRide(
  db: D1Database,
  a: {
    activityId: string;
    offer: repo.Offer | null;
    passengerId: string;
    input: PickupInput;
    by: string;
    now: Date;
  },
): Promise<string> {
  if (a.offer && a.offer.driverId === a.passengerId)
    throw new Problem('ride_own_offer', { detail: 'A driver does not ride with themselves' });
  const id = newId();
  try {
    await repo.insertRequest(db, {
      id,
      activityId: a.activityId,
      offerId: a.offer?.id ?? null,
      passengerId: a.passengerId,
      seats: 1 + a.input.companions,
      needs: a.input.needs,
      neighbourhoodId: a.input.neighbourhoodId,
      pickupLat: a.input.lat,
      pickupLon: a.input.lon,
      pickupAddress: a.input.address,
      by: a.by,
      at: a.now.toISOString(),
    });
  } catch (error) {
    if (repo.isDuplicateRequest(error))
      throw new Problem('ride_already_requested', {
        detail: 'This person already has a ride request for the activity',
      });
    throw error;
  }
  return id;
}

/** Open offers for a passenger, smallest detour first, with what neighbours may see of the driver. */
export async function offersFor(db: D1Database, activityId: string, passholderId: string, q: OfferSearch) {
  const activity = (await findActivity(db, activityId))!;
  const offers = (await repo.activityOffers(db, activityId)).filter((o) => o.driverId !== passholderId);
  const venue =
    activity.lat !== null && activity.lon !== null ? { lat: activity.lat, lon: activity.lon } : null;
  const pickup = q.lat !== undefined && q.lon !== undefined ? { lat: q.lat, lon: q.lon } : null;
  const ranked = rankOffers(
    offers.map((o) => ({
      ...o,
      start: o.lat !== null && o.lon !== null ? { lat: o.lat, lon: o.lon } : null,
      seatsLeft: o.seats - o.seatsTaken,
    })),
    pickup,
    venue,
    { seats: q.seats, needs: q.needs ? q.needs.split(',').filter(Boolean) : [] },
  );
  return ranked.map((o) => ({
    id: o.id,
    driver: { firstName: o.firstName, area: o.area },
    seatsLeft: o.seatsLeft,
    direction: o.direction,
    departsAt: o.departsAt,
    allows: o.allows,
    detourKm: o.detourKm,
  }));
}

/** Requests no driver took yet, other than one's own: first name, area and needs only. */
export async function openRequestsFor(db: D1Database, activityId: string, passholderId: string) {
  return (await repo.openRequests(db, activityId))
    .filter((r) => r.passengerId !== passholderId)
    .map((r) => ({
      id: r.id,
      passenger: { firstName: r.firstName, area: r.area },
      seats: r.seats,
      needs: r.needs,
    }));
}

/** Why seats could not be taken: the offer was cancelled meanwhile, or the car is full. */
async function seatsRefusal(db: D1Database, offerId: string): Promise<Problem> {
  return (await repo.findOffer(db, offerId))?.status === 'open'
    ? new Problem('ride_no_seats', { detail: 'No seats left on this offer' })
    : new Problem('ride_offer_cancelled', { detail: 'This offer is cancelled' });
}

/** What a driver hears when another driver's offer holds the request: proposed to the passenger, or agreed. */
export function takenRefusal(r: repo.Request): Problem {
  return repo.rideStatus(r) === 'proposed'
    ? new Problem('ride_awaiting_passenger', { detail: 'Another driver proposed; waiting for the passenger' })
    : new Problem('ride_request_not_pending', { detail: 'Another driver took this request' });
}

/**
 * The driver says yes: to a passenger's request on their offer the ride is agreed; to an open request it
 * is a proposal the passenger still confirms. Seats are never overbooked.
 */
export async function accept(
  db: D1Database,
  r: repo.Request,
  offer: repo.Offer,
  now: Date,
): Promise<'proposed' | 'accepted'> {
  if (offer.activityId !== r.activityId)
    throw new Problem('ride_other_activity', { detail: 'This offer is for another activity' });
  if (offer.driverId === r.passengerId)
    throw new Problem('ride_own_offer', { detail: 'A driver does not ride with themselves' });
  if (!r.needs.every((n) => offer.allows.includes(n)))
    throw new Problem('ride_needs_not_allowed', {
      detail: 'This car does not allow what the passenger needs',
    });
  const notPending = () =>
    new Problem('ride_request_not_pending', { detail: 'Not waiting for a driver any more' });
  const at = now.toISOString();
  const call = newId();
  try {
    if (r.status === 'open') {
      const notice = await rideNotice(db, 'ride_proposed', r.passengerId, offer.driverId, r.activityId);
      if (!(await repo.propose(db, { requestId: r.id, offerId: offer.id, call, at, notice })))
        throw notPending();
      return 'proposed';
    }
    if (repo.rideStatus(r) === 'proposed')
      throw new Problem('ride_awaiting_passenger', { detail: 'Waiting for the passenger to confirm' });
    const agreed = await repo.agree(db, {
      requestId: r.id,
      offerId: offer.id,
      side: 'driver',
      call,
      at,
      notice: null,
    });
    if (!agreed) throw notPending();
    return 'accepted';
  } catch (error) {
    if (rolledBack(error)) throw await seatsRefusal(db, offer.id);
    throw error;
  }
}

/**
 * The passenger says yes to a driver's proposal. When the car filled up meanwhile, the request goes back
 * to the open list for other drivers.
 */
export async function confirm(db: D1Database, r: repo.Request, now: Date): Promise<void> {
  const none = () => new Problem('ride_no_proposal', { detail: 'No driver’s proposal waiting for you' });
  if (repo.rideStatus(r) !== 'proposed' || !r.offerId) throw none();
  const offer = await repo.findOffer(db, r.offerId);
  if (!offer) throw new Problem('not_found');
  const at = now.toISOString();
  try {
    const notice = await rideNotice(db, 'ride_confirmed', offer.driverId, r.passengerId, r.activityId);
    const agreed = await repo.agree(db, {
      requestId: r.id,
      offerId: offer.id,
      side: 'passenger',
      call: newId(),
      at,
      notice,
    });
    if (!agreed) throw none();
  } catch (error) {
    if (!rolledBack(error)) throw error;
    await repo.reopen(db, { requestId: r.id, offerId: offer.id, call: newId(), at, notice: null });
    throw new Problem('ride_full_request_open', {
      detail: 'This driver has no seat left any more; your request is open again for other drivers',
    });
  }
}

/**
 * Says no. On a driver's proposal the passenger says no thanks (`by` passenger) or the driver withdraws, and
 * the request is open again; otherwise the driver declines a passenger's request to their offer.
 */
export async function decline(
  db: D1Database,
  r: repo.Request,
  offer: repo.Offer,
  by: 'driver' | 'passenger',
  now: Date,
): Promise<'open' | 'declined'> {
  if (repo.rideStatus(r) === 'proposed') {
    const notice =
      by === 'passenger'
        ? await rideNotice(db, 'ride_proposal_declined', offer.driverId, r.passengerId, r.activityId)
        : await rideNotice(db, 'ride_proposal_withdrawn', r.passengerId, offer.driverId, r.activityId);
    const call = newId();
    if (!(await repo.reopen(db, { requestId: r.id, offerId: offer.id, call, at: now.toISOString(), notice })))
      throw new Problem('ride_proposal_ended', { detail: 'Not a proposal any more' });
    return 'open';
  }
  if (!(await repo.decline(db, r.id, offer.id)))
    throw new Problem('ride_request_not_pending', { detail: 'Not a request waiting for the driver' });
  return 'declined';
}

/**
 * Cancels a ride from one side; returns whether it came late. A driver's cancelled proposal is withdrawn (the
 * request is open again). The other side is told; a passenger the driver drops late leaves the club a message.
 */
export async function cancelRequest(
  db: D1Database,
  r: repo.Request,
  c: { side: 'driver'; offer: repo.Offer } | { side: 'passenger'; offer: repo.Offer | null },
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  if (c.side === 'driver' && repo.rideStatus(r) === 'proposed') {
    const notice = await rideNotice(
      db,
      'ride_proposal_withdrawn',
      r.passengerId,
      c.offer.driverId,
      r.activityId,
    );
    if (!(await repo.reopen(db, { requestId: r.id, offerId: c.offer.id, call: newId(), at, notice })))
      throw new Problem('ride_proposal_ended', { detail: 'Not a proposal any more' });
    return false;
  }
  const activity = (await findActivity(db, r.activityId))!;
  const late =
    r.status === 'accepted' && (await isLate(db, activity, c.offer?.departsAt ?? activity.starts_at, now));
  const live = r.status === 'accepted' || r.status === 'requested';
  const other = !live ? null : c.side === 'driver' ? r.passengerId : (c.offer?.driverId ?? null);
  const message = other ? (await rideNotice(db, 'ride_cancelled', other, null, r.activityId)).message : '';
  const stranded = c.side === 'driver' && r.status === 'accepted' && late;
  const messages = {
    toPassholder: other,
    message,
    clubId: stranded ? activity.club_id : null,
    clubMessage: stranded ? lostLate(activity) : null,
  };
  if (!(await repo.cancel(db, r, c.side, late, messages, at)))
    throw new Problem('ride_closed', { detail: 'Cancelled or declined already' });
  return late;
}

/**
 * The driver cancels an offer; returns whether it came late for a passenger who counted on it. Refused once
 * a passenger was picked up.
 */
export async function cancelOffer(db: D1Database, offer: repo.Offer, now: Date): Promise<boolean> {
  openOffer(offer);
  const activity = (await findActivity(db, offer.activityId))!;
  const live = await repo.liveRequestsOn(db, offer.id);
  // Late only matters for passengers who counted on the ride.
  const late =
    live.some((r) => r.status === 'accepted') && (await isLate(db, activity, offer.departsAt, now));
  const notices = await Promise.all(
    live.map(async (r) => {
      const proposed = repo.rideStatus(r) === 'proposed';
      const kind = proposed ? 'ride_proposal_withdrawn' : 'ride_cancelled';
      return {
        requestId: r.id,
        proposed,
        notice: await rideNotice(db, kind, r.passengerId, proposed ? offer.driverId : null, r.activityId),
      };
    }),
  );
  const club = late ? { clubId: activity.club_id, message: lostLate(activity) } : null;
  let done: boolean;
  try {
    done = await repo.cancelOffer(db, { offerId: offer.id, late, notices, club, at: now.toISOString() });
  } catch (error) {
    if (rolledBack(error))
      throw new Problem('ride_took_place', {
        detail: 'A passenger was picked up already: this ride took place',
      });
    throw error;
  }
  if (!done) throw new Problem('ride_offer_cancelled', { detail: 'Cancelled already' });
  return late;
}

/** Why a pickup or a no-show cannot be recorded (any more): the pickup was confirmed, or the ride ended. */
async function pickupRefusal(db: D1Database, requestId: string): Promise<Problem> {
  return (await repo.findRequest(db, requestId))?.pickupConfirmedAt
    ? new Problem('ride_pickup_confirmed', { detail: 'The pickup is confirmed already' })
    : new Problem('ride_not_agreed', { detail: 'Not an agreed ride any more' });
}

/** A wrong ride code, said on the field the passenger typed it in. */
const WRONG_RIDE_CODE = {
  pointer: '/rideCode',
  code: 'invalid',
  messages: {
    nl: 'Dit is niet de code van de chauffeur. De code verandert elke minuut: vraag de code van nu.',
    fr: 'Ce n’est pas le code du conducteur. Le code change chaque minute : demandez le code actuel.',
    en: 'This is not the driver’s code. The code changes every minute: ask for the current one.',
  },
};

/**
 * Confirms the pickup at the car: the driver scanned the passenger's pass code, or the passenger gave the
 * driver's current ride code.
 */
export async function confirmPickup(
  db: D1Database,
  secret: string,
  r: repo.Request,
  offer: repo.Offer,
  proof: PickupProof,
  now: Date,
): Promise<void> {
  if (proof.passCode) {
    const code = await readPassCode(secret, proof.passCode, now);
    if (code.passNumber !== (await repo.passNumberOf(db, r.passengerId)))
      throw new Problem('code_invalid', { detail: 'This is not the passenger’s pass' });
  } else if (!(await checkRideCode(secret, offer.id, proof.rideCode ?? '', now))) {
    throw new Problem('code_invalid', {
      detail: 'Not the driver’s current ride code',
      fields: [WRONG_RIDE_CODE],
    });
  }
  const by = proof.passCode ? 'driver' : 'passenger';
  if (!(await repo.confirmPickup(db, r.id, by, now.toISOString()))) throw await pickupRefusal(db, r.id);
}

/** Records that one side of an agreed ride did not show up (only before the pickup). */
export async function recordNoShow(
  db: D1Database,
  r: repo.Request,
  who: 'driver' | 'passenger',
): Promise<void> {
  if (!(await repo.recordNoShow(db, r.id, who))) throw await pickupRefusal(db, r.id);
}

/** A resident's rides, and those of their wards. */
export async function myRides(db: D1Database, passholderId: string | null) {
  if (!passholderId) return { offers: [], requests: [] };
  const ids = (await passesOf(db, passholderId)).map((p) => p.passholderId);
  return repo.myRides(db, ids);
}
