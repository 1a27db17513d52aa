import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { managedClub } from '../auth/access.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import {
  ClubParams,
  MembershipOfferInputSchema,
  MembershipOfferListSchema,
  MembershipOfferSchema,
  OfferParams,
} from './schema.ts';
import * as service from './service.ts';

/** A club's membership offers: what the till may sell as a membership fee. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/clubs/{clubId}/membership-offers',
    tags: ['till'],
    summary: 'The club’s membership offers: season, title, category and regular price (club staff)',
    security: SECURITY,
    request: { params: ClubParams },
    responses: {
      200: jsonResponse(
        MembershipOfferListSchema,
        'Offers still on sale, and the seasons a new offer may have',
      ),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { clubId } = c.req.valid('param');
    await managedClub(c, clubId, 'club_admin', 'door');
    return c.json(await service.offersOf(c.env.DB, clubId, c.var.now), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/clubs/{clubId}/membership-offers',
    tags: ['till'],
    summary:
      'Offer a membership for a season at a regular price; the till sells only what is offered here (club admin)',
    security: SECURITY,
    request: { params: ClubParams, body: jsonBody(MembershipOfferInputSchema) },
    responses: {
      201: jsonResponse(MembershipOfferSchema, 'Offered'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found', 'club_not_approved'),
    },
  }),
  async (c) => {
    const { clubId } = c.req.valid('param');
    const { user, club } = await managedClub(c, clubId, 'club_admin');
    if (club.status !== 'approved') throw new Problem('club_not_approved');
    const input = c.req.valid('json');
    return c.json(await service.createOffer(c.env.DB, { clubId, input, by: user.id, now: c.var.now }), 201);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/membership-offers/{offerId}/archive',
    tags: ['till'],
    summary: 'Withdraw a membership offer: no new sales, past sales stay (club admin)',
    security: SECURITY,
    request: { params: OfferParams },
    responses: {
      200: jsonResponse(MembershipOfferSchema, 'Withdrawn'),
      ...problems('unauthenticated', 'forbidden', 'not_found', 'offer_withdrawn'),
    },
  }),
  async (c) => {
    const offer = await service.loadOffer(c.env.DB, c.req.valid('param').offerId);
    await managedClub(c, offer.clubId, 'club_admin');
    return c.json(await service.archiveOffer(c.env.DB, offer.id, c.var.now), 200);
  },
);

export default app;
