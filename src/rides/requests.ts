import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { requireUser } from '../auth/guard.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import type { ProblemCode } from '../lib/problem.ts';
import {
  asDriver,
  asPassenger,
  cancellingSide,
  loadOffer,
  loadRequest,
  mayActFor,
  participant,
} from './access.ts';
import type { Offer } from './repo.ts';
import { rideStatus } from './repo.ts';
import {
  AcceptBody,
  ActivityParams,
  AgreementSchema,
  CancelledSchema,
  CreatedSchema,
  MyRidesSchema,
  NoShowBody,
  OfferParams,
  OkSchema,
  OpenRequestListSchema,
  PickupBody,
  PickupConfirmBody,
  RequestListQuery,
  RequestParams,
  type PickupInput,
} from './schema.ts';
import * as service from './service.ts';

/** A passenger's request: asking, the driver's yes or no, the passenger's confirmation, cancelling, pickup. */
const app = new OpenAPIHono<AppEnv>();

/** What every route on a request can answer besides its own refusals. */
const COMMON: ProblemCode[] = ['validation_failed', 'unauthenticated', 'forbidden', 'not_found'];

/** A request for the activity, to one driver's offer or (without one) to every driver. */
async function ask(c: Context<AppEnv>, activityId: string, offer: Offer | null, input: PickupInput) {
  service.requirePickupAddress(input.address);
  const { user, passholderId } = await participant(c, activityId, input.passholderId);
  const ride = { activityId, offer, passengerId: passholderId, input, by: user.id, now: c.var.now };
  return { id: await service.askRide(c.env.DB, ride) };
}

app.openapi(
  createRoute({
    method: 'post',
    path: '/activities/{activityId}/ride-requests',
    tags: ['rides'],
    summary:
      'Ask for a ride to an activity (a resident signed up for it, or the counter for them, e.g. by phone)',
    security: SECURITY,
    request: { params: ActivityParams, body: jsonBody(PickupBody) },
    responses: {
      201: jsonResponse(CreatedSchema, 'Asked'),
      ...problems(...COMMON, 'ride_not_signed_up', 'ride_already_requested'),
    },
  }),
  async (c) => c.json(await ask(c, c.req.valid('param').activityId, null, c.req.valid('json')), 201),
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/ride-offers/{offerId}/requests',
    tags: ['rides'],
    summary: 'Ask a driver for a seat on their offer',
    security: SECURITY,
    request: { params: OfferParams, body: jsonBody(PickupBody) },
    responses: {
      201: jsonResponse(CreatedSchema, 'Asked'),
      ...problems(
        ...COMMON,
        'ride_offer_cancelled',
        'ride_not_signed_up',
        'ride_own_offer',
        'ride_already_requested',
      ),
    },
  }),
  async (c) => {
    const offer = service.openOffer(await loadOffer(c, c.req.valid('param').offerId));
    return c.json(await ask(c, offer.activityId, offer, c.req.valid('json')), 201);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/activities/{activityId}/ride-requests',
    tags: ['rides'],
    summary:
      'Unserved requests for an activity, for a driver (or the counter): first name, area and needs only',
    security: SECURITY,
    request: { params: ActivityParams, query: RequestListQuery },
    responses: {
      200: jsonResponse(OpenRequestListSchema, 'Unserved requests'),
      ...problems(...COMMON, 'ride_not_signed_up'),
    },
  }),
  async (c) => {
    const { activityId } = c.req.valid('param');
    const { passholderId } = await participant(c, activityId, c.req.valid('query').passholderId);
    return c.json({ items: await service.openRequestsFor(c.env.DB, activityId, passholderId) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/ride-requests/{requestId}/accept',
    tags: ['rides'],
    summary:
      'The driver says yes. To a passenger’s request on their offer: the ride is agreed (`accepted`). To an open request, onto one of their offers (`offerId`): a proposal (`proposed`) the passenger still confirms; until then neither sees more than first name and area. Seats are never overbooked',
    security: SECURITY,
    request: { params: RequestParams, body: jsonBody(AcceptBody) },
    responses: {
      200: jsonResponse(AgreementSchema, 'Agreed, or proposed to the passenger'),
      ...problems(
        ...COMMON,
        'ride_other_activity',
        'ride_own_offer',
        'ride_needs_not_allowed',
        'ride_request_not_pending',
        'ride_awaiting_passenger',
        'ride_no_seats',
        'ride_offer_cancelled',
      ),
    },
  }),
  async (c) => {
    const r = await loadRequest(c, c.req.valid('param').requestId);
    const mine = c.req.valid('json').offerId;
    const offer = await loadOffer(c, r.offerId ?? mine ?? '');
    if (mine && r.offerId && mine !== r.offerId && !(await mayActFor(c, offer.driverId))) {
      // Another driver's offer holds this request now (a tap on "take this neighbour" just after someone else
      // did): the driver of the offer named hears where the request stands, not a bare 403.
      await asDriver(c, await loadOffer(c, mine));
      throw service.takenRefusal(r);
    }
    await asDriver(c, offer);
    return c.json({ ok: true as const, status: await service.accept(c.env.DB, r, offer, c.var.now) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/ride-requests/{requestId}/confirm',
    tags: ['rides'],
    summary:
      'The passenger says yes to a driver’s proposal: the ride is agreed, and only now the pair sees pickup address and phone. When the car filled up meanwhile, the request is open again (409)',
    security: SECURITY,
    request: { params: RequestParams },
    responses: {
      200: jsonResponse(AgreementSchema, 'Agreed'),
      ...problems(...COMMON, 'ride_no_proposal', 'ride_full_request_open'),
    },
  }),
  async (c) => {
    const r = await loadRequest(c, c.req.valid('param').requestId);
    await asPassenger(c, r);
    await service.confirm(c.env.DB, r, c.var.now);
    return c.json({ ok: true as const, status: 'accepted' as const }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/ride-requests/{requestId}/decline',
    tags: ['rides'],
    summary:
      'Say no. The driver declines a passenger’s request to their offer (`declined`); on a driver’s proposal, the passenger says no thanks or the driver withdraws, and the request is open again (`open`)',
    security: SECURITY,
    request: { params: RequestParams },
    responses: {
      200: jsonResponse(AgreementSchema, 'Declined'),
      ...problems(...COMMON, 'ride_decline_open', 'ride_proposal_ended', 'ride_request_not_pending'),
    },
  }),
  async (c) => {
    const r = await loadRequest(c, c.req.valid('param').requestId);
    const offer = await loadOffer(c, service.offerIdOf(r, 'ride_decline_open'));
    // On a proposal the passenger's side says no thanks; anyone else must be the driver's side.
    const byPassenger = rideStatus(r) === 'proposed' && (await mayActFor(c, r.passengerId));
    if (!byPassenger) await asDriver(c, offer);
    const by = byPassenger ? 'passenger' : 'driver';
    return c.json(
      { ok: true as const, status: await service.decline(c.env.DB, r, offer, by, c.var.now) },
      200,
    );
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/ride-requests/{requestId}/cancel',
    tags: ['rides'],
    summary:
      'Cancel a ride (either side); close to departure it is marked late and the other side (and, for a passenger left without a ride, the club) is told',
    security: SECURITY,
    request: { params: RequestParams },
    responses: {
      200: jsonResponse(CancelledSchema, 'Cancelled'),
      ...problems(...COMMON, 'ride_proposal_ended', 'ride_closed'),
    },
  }),
  async (c) => {
    const r = await loadRequest(c, c.req.valid('param').requestId);
    const side = await cancellingSide(c, r);
    return c.json({ late: await service.cancelRequest(c.env.DB, r, side, c.var.now) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/ride-requests/{requestId}/pickup',
    tags: ['rides'],
    summary:
      'Confirm the pickup at the car: the driver scans the passenger’s pass code, or the passenger gives the driver’s ride code',
    security: SECURITY,
    request: { params: RequestParams, body: jsonBody(PickupConfirmBody) },
    responses: {
      200: jsonResponse(OkSchema, 'Confirmed'),
      ...problems(...COMMON, 'ride_not_agreed', 'ride_pickup_confirmed', 'code_invalid', 'code_expired'),
    },
  }),
  async (c) => {
    const r = await loadRequest(c, c.req.valid('param').requestId);
    const offer = await loadOffer(c, service.agreedOfferId(r));
    const proof = c.req.valid('json');
    await (proof.passCode ? asDriver(c, offer) : asPassenger(c, r));
    await service.confirmPickup(c.env.DB, c.env.SIGNING_KEYS, r, offer, proof, c.var.now);
    return c.json({ ok: true as const }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/ride-requests/{requestId}/no-show',
    tags: ['rides'],
    summary: 'Report that the other side did not show up (recorded; visible to the counter)',
    security: SECURITY,
    request: { params: RequestParams, body: jsonBody(NoShowBody) },
    responses: {
      200: jsonResponse(OkSchema, 'Recorded'),
      ...problems(...COMMON, 'ride_not_agreed', 'ride_pickup_confirmed'),
    },
  }),
  async (c) => {
    const r = await loadRequest(c, c.req.valid('param').requestId);
    const offer = await loadOffer(c, service.offerIdOf(r, 'ride_not_agreed'));
    const { who } = c.req.valid('json');
    // The side that showed up reports the other.
    await (who === 'passenger' ? asDriver(c, offer) : asPassenger(c, r));
    await service.recordNoShow(c.env.DB, r, who);
    return c.json({ ok: true as const }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/me/rides',
    tags: ['rides'],
    summary:
      'My rides as driver and as passenger: the other side’s first name and area, and their pickup address and phone only once both sides agreed',
    security: SECURITY,
    responses: { 200: jsonResponse(MyRidesSchema, 'Rides'), ...problems('unauthenticated') },
  }),
  async (c) => c.json(await service.myRides(c.env.DB, requireUser(c).passholderId), 200),
);

export default app;
