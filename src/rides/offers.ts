import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { asDriver, loadOffer, participant } from './access.ts';
import { rideCode } from './code.ts';
import {
  ActivityParams,
  CancelledSchema,
  CreatedSchema,
  OfferBody,
  OfferListSchema,
  OfferParams,
  OfferQuery,
  RideCodeSchema,
} from './schema.ts';
import * as service from './service.ts';

/** A driver's offer of seats: offering, the offers a passenger can take, cancelling, the ride code. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'post',
    path: '/activities/{activityId}/ride-offers',
    tags: ['rides'],
    summary:
      'Offer seats to neighbours going to the same activity (a resident signed up for it, or the counter for them)',
    security: SECURITY,
    request: { params: ActivityParams, body: jsonBody(OfferBody) },
    responses: {
      201: jsonResponse(CreatedSchema, 'Offered'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found', 'ride_not_signed_up'),
    },
  }),
  async (c) => {
    const { activityId } = c.req.valid('param');
    const input = c.req.valid('json');
    const { user, passholderId } = await participant(c, activityId, input.passholderId);
    const id = await service.offerRide(c.env.DB, {
      activityId,
      driverId: passholderId,
      input,
      by: user.id,
      now: c.var.now,
    });
    return c.json({ id }, 201);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/activities/{activityId}/ride-offers',
    tags: ['rides'],
    summary: 'Offers that can take me, smallest detour first: first name and area only (residents signed up)',
    security: SECURITY,
    request: { params: ActivityParams, query: OfferQuery },
    responses: {
      200: jsonResponse(OfferListSchema, 'Offers'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found', 'ride_not_signed_up'),
    },
  }),
  async (c) => {
    const { activityId } = c.req.valid('param');
    const query = c.req.valid('query');
    const { passholderId } = await participant(c, activityId, query.passholderId);
    return c.json({ items: await service.offersFor(c.env.DB, activityId, passholderId, query) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/ride-offers/{offerId}/cancel',
    tags: ['rides'],
    summary:
      'The driver cancels an offer: agreed and asked rides on it end and each passenger is told; a driver’s proposal goes back to the open list. Refused once a passenger was picked up; close to departure it is marked late and the club is told',
    security: SECURITY,
    request: { params: OfferParams },
    responses: {
      200: jsonResponse(CancelledSchema, 'Cancelled'),
      ...problems(
        'validation_failed',
        'unauthenticated',
        'forbidden',
        'not_found',
        'ride_offer_cancelled',
        'ride_took_place',
      ),
    },
  }),
  async (c) => {
    const offer = await loadOffer(c, c.req.valid('param').offerId);
    await asDriver(c, offer);
    return c.json({ late: await service.cancelOffer(c.env.DB, offer, c.var.now) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/ride-offers/{offerId}/code',
    tags: ['rides'],
    summary:
      'The driver’s ride code: six digits for the passenger to type (or scan) at pickup; changes every minute',
    security: SECURITY,
    request: { params: OfferParams },
    responses: {
      200: jsonResponse(RideCodeSchema, 'The code'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
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

export default app;
