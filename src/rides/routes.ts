import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv, SessionUser } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { findActivity } from '../activities/repo.ts';
import { newId } from '../lib/ids.ts';
import { IdSchema, jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import { fieldProblem } from '../lib/validation.ts';
import { brusselsDateTime } from '../lib/time.ts';
import { passholderAccess } from '../passes/access.ts';
import { readPassCode } from '../passes/code.ts';
import { accessFacts, passesOf } from '../passes/repo.ts';
import { monthRange } from '../tariffs/periods.ts';
import { checkRideCode, rideCode } from './code.ts';
import { rankOffers } from './matching.ts';
import { rideMessage, type RideMessageKind } from './messages.ts';
import * as repo from './repo.ts';
import { RideReportSchema, RideSettingsSchema } from './schema.ts';

const app = new OpenAPIHono<AppEnv>();
const Needs = z.array(z.enum(['wheelchair', 'help_at_door', 'assistance_dog', 'child_seat'])).max(4);
const Ok = z.object({ ok: z.literal(true) });
const Agreement = z.object({
  ok: z.literal(true),
  status: z.enum(['open', 'proposed', 'accepted', 'declined']).openapi({
    description:
      '`proposed`: the driver said yes to an open request, the passenger still has to; `accepted`: both said yes (only now the pair sees pickup address and phone)',
  }),
});
const rideProblems = problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found', 'conflict');

function fail(detail: string): Problem {
  return new Problem('conflict', { detail });
}

/** The passholder a resident acts for (themselves by default), who must hold a place at the activity. */
async function participant(
  c: Context<AppEnv>,
  activityId: string,
  asked: string | undefined,
): Promise<{ user: SessionUser; passholderId: string }> {
  const user = requireUser(c);
  const passholderId = asked ?? user.passholderId;
  if (!passholderId) throw new Problem('validation_failed', { detail: 'Whose lift?' });
  await passholderAccess(c, passholderId, true);
  if (!(await repo.signedUp(c.env.DB, activityId, passholderId)))
    throw fail('Only people signed up for the activity share lifts for it');
  return { user, passholderId };
}

/** The driver of an offer (or their guardian, or counter staff). */
async function asDriver(c: Context<AppEnv>, offer: repo.Offer) {
  await passholderAccess(c, offer.driverId, true);
}

/** True when the caller may act for this passholder (themself, guardian, counter staff). */
async function mayActFor(c: Context<AppEnv>, passholderId: string): Promise<boolean> {
  try {
    await passholderAccess(c, passholderId, true);
    return true;
  } catch (error) {
    if (error instanceof Problem && error.code === 'forbidden') return false;
    throw error;
  }
}

/** A message for one side of a lift, in their language, naming the other side by first name only. */
async function notice(
  c: Context<AppEnv>,
  kind: RideMessageKind,
  to: string,
  about: string | null,
  activityId: string,
) {
  const [recipient, other, activity] = await Promise.all([
    repo.person(c.env.DB, to),
    about ? repo.person(c.env.DB, about) : Promise.resolve(null),
    findActivity(c.env.DB, activityId),
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

/** A guard row (seats, offer status) failed and rolled the batch back. */
const rolledBack = (error: unknown) => /CHECK constraint failed/i.test(String(error));

async function loadOffer(c: Context<AppEnv>, id: string) {
  const offer = await repo.findOffer(c.env.DB, id);
  if (!offer) throw new Problem('not_found');
  return offer;
}
async function loadRequest(c: Context<AppEnv>, id: string) {
  const request = await repo.findRequest(c.env.DB, id);
  if (!request) throw new Problem('not_found');
  return request;
}

app.openapi(
  createRoute({
    method: 'post',
    path: '/activities/{activityId}/ride-offers',
    tags: ['lifts'],
    summary:
      'Offer seats to neighbours going to the same activity (a resident signed up for it, or the counter for them)',
    security: SECURITY,
    request: {
      params: z.object({ activityId: IdSchema }),
      body: jsonBody(
        z
          .object({
            passholderId: IdSchema.optional(),
            seats: z.number().int().min(1).max(8),
            direction: z.enum(['outbound', 'return', 'both']).default('both'),
            departsAt: z.iso.datetime({ offset: true }),
            neighbourhoodId: IdSchema.nullable().default(null),
            lat: z
              .number()
              .min(-90)
              .max(90)
              .nullable()
              .default(null)
              .openapi({ description: 'An approximate point; never one’s address' }),
            lon: z.number().min(-180).max(180).nullable().default(null),
            allows: Needs.default([]),
            notes: z.string().trim().max(300).nullable().default(null),
          })
          .strict(),
      ),
    },
    responses: { 201: jsonResponse(z.object({ id: z.string() }), 'Offered'), ...rideProblems },
  }),
  async (c) => {
    const { activityId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { user, passholderId } = await participant(c, activityId, body.passholderId);
    const id = newId();
    const round = (x: number | null) => (x === null ? null : Math.round(x * 200) / 200);
    await repo.insertOffer(c.env.DB, {
      id,
      activityId,
      driverId: passholderId,
      seats: body.seats,
      direction: body.direction,
      departsAt: body.departsAt,
      neighbourhoodId: body.neighbourhoodId,
      lat: round(body.lat),
      lon: round(body.lon),
      allows: body.allows,
      notes: body.notes,
      by: user.id,
      at: c.var.now.toISOString(),
    });
    return c.json({ id }, 201);
  },
);

const PickupSchema = z
  .object({
    passholderId: IdSchema.optional(),
    neighbourhoodId: IdSchema.nullable().default(null),
    lat: z.number().min(-90).max(90).nullable().default(null),
    lon: z.number().min(-180).max(180).nullable().default(null),
    address: z.string().trim().max(200).openapi({
      description:
        'Where the driver picks the passenger up (required, not empty). Shown to the driver only once both sides agreed on the lift',
    }),
    needs: Needs.default([]),
    companions: z.number().int().min(0).max(3).default(0),
  })
  .strict();

async function request(
  c: Context<AppEnv>,
  activityId: string,
  offer: repo.Offer | null,
  body: z.infer<typeof PickupSchema>,
) {
  if (!body.address)
    throw fieldProblem('/address', 'required', 'A pickup address is required', {
      nl: 'Vul het adres in waar de chauffeur je ophaalt.',
      fr: 'Indiquez l’adresse où le conducteur vient vous chercher.',
      en: 'Fill in the address where the driver picks you up.',
    });
  const { user, passholderId } = await participant(c, activityId, body.passholderId);
  if (offer && offer.driverId === passholderId) throw fail('A driver does not ride with themselves');
  const id = newId();
  try {
    await repo.insertRequest(c.env.DB, {
      id,
      activityId,
      offerId: offer?.id ?? null,
      passengerId: passholderId,
      seats: 1 + body.companions,
      needs: body.needs,
      neighbourhoodId: body.neighbourhoodId,
      pickupLat: body.lat,
      pickupLon: body.lon,
      pickupAddress: body.address,
      by: user.id,
      at: c.var.now.toISOString(),
    });
  } catch (error) {
    if (repo.isDuplicateRequest(error)) throw fail('This person already has a lift request for the activity');
    throw error;
  }
  return id;
}

app.openapi(
  createRoute({
    method: 'post',
    path: '/activities/{activityId}/ride-requests',
    tags: ['lifts'],
    summary:
      'Ask for a lift to an activity (a resident signed up for it, or the counter for them, e.g. by phone)',
    security: SECURITY,
    request: { params: z.object({ activityId: IdSchema }), body: jsonBody(PickupSchema) },
    responses: { 201: jsonResponse(z.object({ id: z.string() }), 'Asked'), ...rideProblems },
  }),
  async (c) =>
    c.json({ id: await request(c, c.req.valid('param').activityId, null, c.req.valid('json')) }, 201),
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/ride-offers/{offerId}/requests',
    tags: ['lifts'],
    summary: 'Ask a driver for a seat on their offer',
    security: SECURITY,
    request: { params: z.object({ offerId: IdSchema }), body: jsonBody(PickupSchema) },
    responses: { 201: jsonResponse(z.object({ id: z.string() }), 'Asked'), ...rideProblems },
  }),
  async (c) => {
    const offer = await loadOffer(c, c.req.valid('param').offerId);
    if (offer.status !== 'open') throw fail('This offer was cancelled');
    return c.json({ id: await request(c, offer.activityId, offer, c.req.valid('json')) }, 201);
  },
);

const OfferListItem = z.object({
  id: z.string(),
  driver: z.object({ firstName: z.string(), area: z.string().nullable() }),
  seatsLeft: z.number().int(),
  direction: z.string(),
  departsAt: z.string(),
  allows: z.array(z.string()),
  detourKm: z.number().nullable(),
});

app.openapi(
  createRoute({
    method: 'get',
    path: '/activities/{activityId}/ride-offers',
    tags: ['lifts'],
    summary: 'Offers that can take me, smallest detour first: first name and area only (residents signed up)',
    security: SECURITY,
    request: {
      params: z.object({ activityId: IdSchema }),
      query: z.object({
        passholderId: IdSchema.optional(),
        lat: z.coerce.number().min(-90).max(90).optional(),
        lon: z.coerce.number().min(-180).max(180).optional(),
        seats: z.coerce.number().int().min(1).max(4).default(1),
        needs: z.string().max(100).optional(),
      }),
    },
    responses: { 200: jsonResponse(z.object({ items: z.array(OfferListItem) }), 'Offers'), ...rideProblems },
  }),
  async (c) => {
    const { activityId } = c.req.valid('param');
    const q = c.req.valid('query');
    const { passholderId } = await participant(c, activityId, q.passholderId);
    const activity = (await findActivity(c.env.DB, activityId))!;
    const offers = (await repo.activityOffers(c.env.DB, activityId)).filter(
      (o) => o.driverId !== passholderId,
    );
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
    return c.json(
      {
        items: ranked.map((o) => ({
          id: o.id,
          driver: { firstName: o.firstName, area: o.area },
          seatsLeft: o.seatsLeft,
          direction: o.direction,
          departsAt: o.departsAt,
          allows: o.allows,
          detourKm: o.detourKm,
        })),
      },
      200,
    );
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/activities/{activityId}/ride-requests',
    tags: ['lifts'],
    summary:
      'Unserved requests for an activity, for a driver (or the counter): first name, area and needs only',
    security: SECURITY,
    request: {
      params: z.object({ activityId: IdSchema }),
      query: z.object({ passholderId: IdSchema.optional() }),
    },
    responses: {
      200: jsonResponse(
        z.object({
          items: z.array(
            z.object({
              id: z.string(),
              passenger: z.object({ firstName: z.string(), area: z.string().nullable() }),
              seats: z.number().int(),
              needs: z.array(z.string()),
            }),
          ),
        }),
        'Unserved requests',
      ),
      ...rideProblems,
    },
  }),
  async (c) => {
    const { activityId } = c.req.valid('param');
    const { passholderId } = await participant(c, activityId, c.req.valid('query').passholderId);
    const items = (await repo.openRequests(c.env.DB, activityId)).filter(
      (r) => r.passengerId !== passholderId,
    );
    return c.json(
      {
        items: items.map((r) => ({
          id: r.id,
          passenger: { firstName: r.firstName, area: r.area },
          seats: r.seats,
          needs: r.needs,
        })),
      },
      200,
    );
  },
);

const RequestParams = z.object({ requestId: IdSchema });

app.openapi(
  createRoute({
    method: 'post',
    path: '/ride-requests/{requestId}/accept',
    tags: ['lifts'],
    summary:
      'The driver says yes. To a passenger’s request on their offer: the lift is agreed (`accepted`). To an open request, onto one of their offers (`offerId`): a proposal (`proposed`) the passenger still confirms; until then neither sees more than first name and area. Seats are never overbooked',
    security: SECURITY,
    request: { params: RequestParams, body: jsonBody(z.object({ offerId: IdSchema.optional() }).strict()) },
    responses: { 200: jsonResponse(Agreement, 'Agreed, or proposed to the passenger'), ...rideProblems },
  }),
  async (c) => {
    const r = await loadRequest(c, c.req.valid('param').requestId);
    const offer = await loadOffer(c, r.offerId ?? c.req.valid('json').offerId ?? '');
    await asDriver(c, offer);
    if (offer.activityId !== r.activityId || offer.driverId === r.passengerId)
      throw fail('This offer cannot take this request');
    if (r.offerId && r.offerId !== offer.id) throw fail('This request was made to another offer');
    if (!r.needs.every((n) => offer.allows.includes(n)))
      throw fail('This car does not allow what the passenger needs');
    const at = c.var.now.toISOString();
    const call = newId();
    try {
      if (r.status === 'open') {
        const proposed = await repo.propose(c.env.DB, {
          requestId: r.id,
          offerId: offer.id,
          call,
          at,
          notice: await notice(c, 'ride_proposed', r.passengerId, offer.driverId, r.activityId),
        });
        if (!proposed) throw fail('Not open any more');
        return c.json({ ok: true as const, status: 'proposed' as const }, 200);
      }
      if (repo.rideStatus(r) === 'proposed') throw fail('Waiting for the passenger to confirm');
      const agreed = await repo.agree(c.env.DB, {
        requestId: r.id,
        offerId: offer.id,
        side: 'driver',
        call,
        at,
        notice: null,
      });
      if (!agreed) throw fail('Not open any more');
    } catch (error) {
      if (rolledBack(error)) throw fail('No seats left, or the offer is no longer open');
      throw error;
    }
    return c.json({ ok: true as const, status: 'accepted' as const }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/ride-requests/{requestId}/confirm',
    tags: ['lifts'],
    summary:
      'The passenger says yes to a driver’s proposal: the lift is agreed, and only now the pair sees pickup address and phone. When the car filled up meanwhile, the request is open again (409)',
    security: SECURITY,
    request: { params: RequestParams },
    responses: { 200: jsonResponse(Agreement, 'Agreed'), ...rideProblems },
  }),
  async (c) => {
    const r = await loadRequest(c, c.req.valid('param').requestId);
    await passholderAccess(c, r.passengerId, true);
    if (repo.rideStatus(r) !== 'proposed' || !r.offerId) throw fail('No driver’s proposal waiting for you');
    const offer = await loadOffer(c, r.offerId);
    const at = c.var.now.toISOString();
    try {
      const agreed = await repo.agree(c.env.DB, {
        requestId: r.id,
        offerId: offer.id,
        side: 'passenger',
        call: newId(),
        at,
        notice: await notice(c, 'ride_confirmed', offer.driverId, r.passengerId, r.activityId),
      });
      if (!agreed) throw fail('No driver’s proposal waiting for you');
    } catch (error) {
      if (!rolledBack(error)) throw error;
      // The car is full (or the offer gone): the request goes back to the open list for other drivers.
      await repo.reopen(c.env.DB, { requestId: r.id, offerId: offer.id, call: newId(), at, notice: null });
      throw fail('This driver has no seat left any more; your request is open again for other drivers');
    }
    return c.json({ ok: true as const, status: 'accepted' as const }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/ride-requests/{requestId}/decline',
    tags: ['lifts'],
    summary:
      'Say no. The driver declines a passenger’s request to their offer (`declined`); on a driver’s proposal, the passenger says no thanks or the driver withdraws, and the request is open again (`open`)',
    security: SECURITY,
    request: { params: RequestParams },
    responses: { 200: jsonResponse(Agreement, 'Declined'), ...rideProblems },
  }),
  async (c) => {
    const r = await loadRequest(c, c.req.valid('param').requestId);
    if (!r.offerId) throw fail('Open requests are not declined, just not accepted');
    const offer = await loadOffer(c, r.offerId);
    if (repo.rideStatus(r) === 'proposed') {
      const byPassenger = await mayActFor(c, r.passengerId);
      if (!byPassenger) await asDriver(c, offer);
      const reopened = await repo.reopen(c.env.DB, {
        requestId: r.id,
        offerId: offer.id,
        call: newId(),
        at: c.var.now.toISOString(),
        notice: byPassenger
          ? await notice(c, 'ride_proposal_declined', offer.driverId, r.passengerId, r.activityId)
          : await notice(c, 'ride_proposal_withdrawn', r.passengerId, offer.driverId, r.activityId),
      });
      if (!reopened) throw fail('Not a proposal any more');
      return c.json({ ok: true as const, status: 'open' as const }, 200);
    }
    await asDriver(c, offer);
    if (!(await repo.decline(c.env.DB, r.id, r.offerId))) throw fail('Not a pending request');
    return c.json({ ok: true as const, status: 'declined' as const }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/ride-requests/{requestId}/cancel',
    tags: ['lifts'],
    summary:
      'Cancel a lift (either side); close to departure it is marked late and the other side (and, for a passenger left without a lift, the club) is told',
    security: SECURITY,
    request: { params: RequestParams },
    responses: { 200: jsonResponse(z.object({ late: z.boolean() }), 'Cancelled'), ...rideProblems },
  }),
  async (c) => {
    const user = requireUser(c);
    const r = await loadRequest(c, c.req.valid('param').requestId);
    const offer = r.offerId ? await repo.findOffer(c.env.DB, r.offerId) : null;
    const mine = async (id: string) =>
      user.passholderId
        ? (await passesOf(c.env.DB, user.passholderId)).some((p) => p.passholderId === id)
        : false;
    const side: 'driver' | 'passenger' = offer && (await mine(offer.driverId)) ? 'driver' : 'passenger';
    await passholderAccess(c, side === 'driver' ? offer!.driverId : r.passengerId, true);
    const at = c.var.now.toISOString();
    if (side === 'driver' && repo.rideStatus(r) === 'proposed') {
      // A driver who cancels their proposal withdraws it: the passenger's request is open again.
      const reopened = await repo.reopen(c.env.DB, {
        requestId: r.id,
        offerId: offer!.id,
        call: newId(),
        at,
        notice: await notice(c, 'ride_proposal_withdrawn', r.passengerId, offer!.driverId, r.activityId),
      });
      if (!reopened) throw fail('Not a proposal any more');
      return c.json({ late: false }, 200);
    }
    const activity = (await findActivity(c.env.DB, r.activityId))!;
    const s = await repo.settings(c.env.DB, activity.municipality_id);
    const departure = Date.parse(offer?.departsAt ?? activity.starts_at);
    const late = r.status === 'accepted' && departure - c.var.now.getTime() < s.lateCancelHours * 3_600_000;
    const other =
      r.status === 'accepted' || r.status === 'requested'
        ? side === 'driver'
          ? r.passengerId
          : (offer?.driverId ?? null)
        : null;
    const text = other ? (await notice(c, 'ride_cancelled', other, null, r.activityId)).message : '';
    const strandedPassenger = side === 'driver' && r.status === 'accepted' && late;
    const ok = await repo.cancel(
      c.env.DB,
      r,
      side,
      late,
      {
        toPassholder: other,
        message: text,
        clubId: strandedPassenger ? activity.club_id : null,
        clubMessage: strandedPassenger
          ? `Een deelnemer aan "${activity.title}" (${brusselsDateTime(activity.starts_at, 'nl')}) verloor kort voor vertrek zijn lift.`
          : null,
      },
      at,
    );
    if (!ok) throw fail('Cancelled already');
    return c.json({ late }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/ride-offers/{offerId}/cancel',
    tags: ['lifts'],
    summary:
      'The driver cancels an offer: agreed and asked lifts on it end and each passenger is told; a driver’s proposal goes back to the open list. Refused once a passenger was picked up; close to departure it is marked late and the club is told',
    security: SECURITY,
    request: { params: z.object({ offerId: IdSchema }) },
    responses: { 200: jsonResponse(z.object({ late: z.boolean() }), 'Cancelled'), ...rideProblems },
  }),
  async (c) => {
    const offer = await loadOffer(c, c.req.valid('param').offerId);
    await asDriver(c, offer);
    if (offer.status !== 'open') throw fail('Cancelled already');
    const activity = (await findActivity(c.env.DB, offer.activityId))!;
    const s = await repo.settings(c.env.DB, activity.municipality_id);
    const live = await repo.liveRequestsOn(c.env.DB, offer.id);
    // Late only matters for passengers who counted on the lift.
    const late =
      live.some((r) => r.status === 'accepted') &&
      Date.parse(offer.departsAt) - c.var.now.getTime() < s.lateCancelHours * 3_600_000;
    const notices = await Promise.all(
      live.map(async (r) => {
        const proposed = repo.rideStatus(r) === 'proposed';
        const kind = proposed ? 'ride_proposal_withdrawn' : 'ride_cancelled';
        return {
          requestId: r.id,
          proposed,
          notice: await notice(c, kind, r.passengerId, proposed ? offer.driverId : null, r.activityId),
        };
      }),
    );
    const club = late
      ? {
          clubId: activity.club_id,
          message: `Een deelnemer aan "${activity.title}" (${brusselsDateTime(activity.starts_at, 'nl')}) verloor kort voor vertrek zijn lift.`,
        }
      : null;
    try {
      const done = await repo.cancelOffer(c.env.DB, {
        offerId: offer.id,
        late,
        notices,
        club,
        at: c.var.now.toISOString(),
      });
      if (!done) throw fail('Cancelled already');
    } catch (error) {
      if (rolledBack(error)) throw fail('A passenger was picked up already: this lift took place');
      throw error;
    }
    return c.json({ late }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/ride-offers/{offerId}/code',
    tags: ['lifts'],
    summary:
      'The driver’s ride code: six digits for the passenger to type (or scan) at pickup; changes every minute',
    security: SECURITY,
    request: { params: z.object({ offerId: IdSchema }) },
    responses: {
      200: jsonResponse(z.object({ code: z.string(), expiresAt: z.string() }), 'The code'),
      ...rideProblems,
    },
  }),
  async (c) => {
    const offer = await loadOffer(c, c.req.valid('param').offerId);
    await asDriver(c, offer);
    const { code, expiresAt } = await rideCode(c.env.SIGNING_KEYS, offer.id, c.var.now);
    c.header('Cache-Control', 'no-store');
    return c.json({ code, expiresAt: expiresAt.toISOString() }, 200);
  },
);

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

app.openapi(
  createRoute({
    method: 'post',
    path: '/ride-requests/{requestId}/pickup',
    tags: ['lifts'],
    summary:
      'Confirm the pickup at the car: the driver scans the passenger’s pass code, or the passenger gives the driver’s ride code',
    security: SECURITY,
    request: {
      params: RequestParams,
      body: jsonBody(
        z
          .object({
            passCode: z.string().min(20).max(1024).optional(),
            rideCode: z
              .string()
              .regex(/^\d{6}$/)
              .optional(),
          })
          .strict()
          .refine((v) => (v.passCode === undefined) !== (v.rideCode === undefined), {
            message: 'Give passCode or rideCode',
            path: ['passCode'],
          }),
      ),
    },
    responses: {
      200: jsonResponse(Ok, 'Confirmed'),
      ...problems(
        'validation_failed',
        'unauthenticated',
        'forbidden',
        'not_found',
        'conflict',
        'code_invalid',
        'code_expired',
      ),
    },
  }),
  async (c) => {
    const r = await loadRequest(c, c.req.valid('param').requestId);
    if (r.status !== 'accepted' || !r.offerId) throw fail('Only an accepted lift is picked up');
    const offer = await loadOffer(c, r.offerId);
    const body = c.req.valid('json');
    let by: 'driver' | 'passenger';
    if (body.passCode) {
      await asDriver(c, offer);
      const code = await readPassCode(c.env.SIGNING_KEYS, body.passCode, c.var.now);
      if (code.passNumber !== (await repo.passNumberOf(c.env.DB, r.passengerId)))
        throw new Problem('code_invalid', { detail: 'This is not the passenger’s pass' });
      by = 'driver';
    } else {
      await passholderAccess(c, r.passengerId, true);
      if (!(await checkRideCode(c.env.SIGNING_KEYS, offer.id, body.rideCode!, c.var.now)))
        throw new Problem('code_invalid', {
          detail: 'Not the driver’s current ride code',
          fields: [WRONG_RIDE_CODE],
        });
      by = 'passenger';
    }
    if (!(await repo.confirmPickup(c.env.DB, r.id, by, c.var.now.toISOString())))
      throw fail('Confirmed already');
    return c.json({ ok: true as const }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/ride-requests/{requestId}/no-show',
    tags: ['lifts'],
    summary: 'Report that the other side did not show up (recorded; visible to the counter)',
    security: SECURITY,
    request: {
      params: RequestParams,
      body: jsonBody(z.object({ who: z.enum(['driver', 'passenger']) }).strict()),
    },
    responses: { 200: jsonResponse(Ok, 'Recorded'), ...rideProblems },
  }),
  async (c) => {
    const r = await loadRequest(c, c.req.valid('param').requestId);
    if (!r.offerId) throw fail('Only an accepted lift has a no-show');
    const offer = await loadOffer(c, r.offerId);
    const { who } = c.req.valid('json');
    // The side that showed up reports the other.
    await passholderAccess(c, who === 'passenger' ? offer.driverId : r.passengerId, true);
    if (!(await repo.recordNoShow(c.env.DB, r.id, who)))
      throw fail('Not an accepted lift waiting for pickup');
    return c.json({ ok: true as const }, 200);
  },
);

const RideStatus = z.enum(['open', 'requested', 'proposed', 'accepted', 'declined', 'cancelled']);
const MyRides = z
  .object({
    offers: z.array(
      z.object({
        id: z.string(),
        activityId: z.string(),
        title: z.string(),
        seats: z.number().int(),
        seatsTaken: z.number().int(),
        departsAt: z.string(),
        status: z.enum(['open', 'cancelled']),
        driverId: z.string(),
        area: z.string().nullable().openapi({ description: 'Where the driver leaves from' }),
        requests: z.array(
          z.object({
            id: z.string(),
            status: RideStatus,
            seats: z.number().int(),
            needs: z.array(z.string()),
            firstName: z.string(),
            area: z.string().nullable(),
            pickupAddress: z.string().nullable().openapi({ description: 'Only once both sides agreed' }),
            phone: z.string().nullable().openapi({ description: 'Only once both sides agreed' }),
            pickupConfirmedAt: z.string().nullable(),
          }),
        ),
      }),
    ),
    requests: z.array(
      z.object({
        id: z.string(),
        activityId: z.string(),
        title: z.string(),
        status: RideStatus,
        seats: z.number().int(),
        pickupConfirmedAt: z.string().nullable(),
        offerId: z.string().nullable(),
        passengerId: z.string(),
        pickupAddress: z.string().nullable().openapi({ description: 'The passenger’s own pickup address' }),
        area: z.string().nullable(),
        driver: z
          .object({
            firstName: z.string(),
            area: z.string().nullable(),
            phone: z.string().nullable().openapi({ description: 'Only once both sides agreed' }),
          })
          .nullable(),
        departsAt: z.string().nullable(),
      }),
    ),
  })
  .openapi('MyRides');

app.openapi(
  createRoute({
    method: 'get',
    path: '/me/rides',
    tags: ['lifts'],
    summary:
      'My lifts as driver and as passenger: the other side’s first name and area, and their pickup address and phone only once both sides agreed',
    security: SECURITY,
    responses: {
      200: jsonResponse(MyRides, 'Lifts'),
      ...problems('unauthenticated'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    if (!user.passholderId) return c.json({ offers: [], requests: [] }, 200);
    const ids = (await passesOf(c.env.DB, user.passholderId)).map((p) => p.passholderId);
    return c.json(await repo.myRides(c.env.DB, ids), 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/passholders/{passholderId}/rides',
    tags: ['lifts'],
    summary: 'No-shows recorded against a resident, as driver and as passenger (counter staff)',
    security: SECURITY,
    request: { params: z.object({ passholderId: IdSchema }) },
    responses: {
      200: jsonResponse(z.object({ asDriver: z.number().int(), asPassenger: z.number().int() }), 'No-shows'),
      ...rideProblems,
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const access = await passholderAccess(c, passholderId, false);
    allow(access.asStaff);
    return c.json(await repo.noShows(c.env.DB, passholderId), 200);
  },
);

const MunicipalityParams = z.object({ municipalityId: IdSchema });

app.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{municipalityId}/ride-settings',
    tags: ['lifts'],
    summary: 'Bonus per passenger, caps, and when a cancellation counts as late (municipality admin)',
    security: SECURITY,
    request: { params: MunicipalityParams },
    responses: { 200: jsonResponse(RideSettingsSchema, 'Settings'), ...rideProblems },
  }),
  async (c) => {
    const { municipalityId } = c.req.valid('param');
    allow(hasMunicipalityRole(requireUser(c), municipalityId, 'municipality_admin'));
    return c.json(await repo.settings(c.env.DB, municipalityId), 200);
  },
);

app.openapi(
  createRoute({
    method: 'put',
    path: '/municipalities/{municipalityId}/ride-settings',
    tags: ['lifts'],
    summary: 'Set the ride bonus and caps (municipality admin)',
    security: SECURITY,
    request: { params: MunicipalityParams, body: jsonBody(RideSettingsSchema) },
    responses: { 200: jsonResponse(RideSettingsSchema, 'Settings'), ...rideProblems },
  }),
  async (c) => {
    const { municipalityId } = c.req.valid('param');
    allow(hasMunicipalityRole(requireUser(c), municipalityId, 'municipality_admin'));
    await repo.saveSettings(c.env.DB, municipalityId, c.req.valid('json'), c.var.now.toISOString());
    return c.json(await repo.settings(c.env.DB, municipalityId), 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{municipalityId}/ride-report/{month}',
    tags: ['lifts'],
    summary:
      'Lifts offered, requested, matched, completed, passengers served, bonus points paid, and per neighbourhood requests, served, unserved and bonus points: aggregates only (municipality admin)',
    security: SECURITY,
    request: { params: MunicipalityParams.extend({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }) },
    responses: {
      200: jsonResponse(RideReportSchema, 'The report'),
      ...rideProblems,
    },
  }),
  async (c) => {
    const { municipalityId, month } = c.req.valid('param');
    allow(hasMunicipalityRole(requireUser(c), municipalityId, 'municipality_admin'));
    return c.json(await repo.rideReport(c.env.DB, municipalityId, monthRange(month)), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/ride-requests/{requestId}/bonus/reverse',
    tags: ['lifts'],
    summary: 'Take a ride bonus back, with a reason (municipality admin of the driver’s municipality)',
    security: SECURITY,
    request: {
      params: RequestParams,
      body: jsonBody(z.object({ reason: z.string().trim().min(3).max(200) }).strict()),
    },
    responses: { 200: jsonResponse(Ok, 'Reversed'), ...rideProblems },
  }),
  async (c) => {
    const user = requireUser(c);
    const r = await loadRequest(c, c.req.valid('param').requestId);
    const offer = await loadOffer(c, r.offerId ?? '');
    const facts = await accessFacts(c.env.DB, offer.driverId, null);
    allow(facts !== null && hasMunicipalityRole(user, facts.municipalityId, 'municipality_admin'));
    if (
      !(await repo.reverseBonus(c.env.DB, r.id, c.req.valid('json').reason, user.id, c.var.now.toISOString()))
    )
      throw fail('No bonus to reverse');
    return c.json({ ok: true as const }, 200);
  },
);

export default app;
