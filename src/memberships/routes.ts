import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { managedClub } from '../auth/access.ts';
import { newId } from '../lib/ids.ts';
import { IdSchema, jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import { brusselsDate } from '../lib/time.ts';
import { fieldProblem } from '../lib/validation.ts';
import * as repo from './repo.ts';
import { MembershipOfferInputSchema, MembershipOfferSchema } from './schema.ts';
import { openSeasons } from './seasons.ts';

const app = new OpenAPIHono<AppEnv>();
const ClubParams = z.object({ clubId: IdSchema });

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
        z.object({ items: z.array(MembershipOfferSchema), seasons: z.array(z.string()) }),
        'Offers still on sale, and the seasons a new offer may have',
      ),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { clubId } = c.req.valid('param');
    await managedClub(c, clubId, 'club_admin', 'door');
    return c.json(
      {
        items: await repo.listOffers(c.env.DB, clubId, false),
        seasons: openSeasons(brusselsDate(c.var.now)),
      },
      200,
    );
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
    const seasons = openSeasons(brusselsDate(c.var.now));
    if (!seasons.includes(input.season)) {
      throw fieldProblem('/season', 'invalid', `The season must be one of ${seasons.join(', ')}`, {
        nl: `Kies het seizoen ${seasons.join(' of ')}.`,
        fr: `Choisissez la saison ${seasons.join(' ou ')}.`,
        en: `Choose the season ${seasons.join(' or ')}.`,
      });
    }
    const id = newId();
    await repo.insertOffer(c.env.DB, { id, clubId, ...input, by: user.id, at: c.var.now.toISOString() });
    return c.json((await repo.findOffer(c.env.DB, id))!, 201);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/membership-offers/{offerId}/archive',
    tags: ['till'],
    summary: 'Withdraw a membership offer: no new sales, past sales stay (club admin)',
    security: SECURITY,
    request: { params: z.object({ offerId: IdSchema }) },
    responses: {
      200: jsonResponse(MembershipOfferSchema, 'Withdrawn'),
      ...problems('unauthenticated', 'forbidden', 'not_found', 'offer_withdrawn'),
    },
  }),
  async (c) => {
    const { offerId } = c.req.valid('param');
    const offer = await repo.findOffer(c.env.DB, offerId);
    if (!offer) throw new Problem('not_found');
    await managedClub(c, offer.clubId, 'club_admin');
    if (!(await repo.archiveOffer(c.env.DB, offerId, c.var.now.toISOString())))
      throw new Problem('offer_withdrawn', { detail: 'Withdrawn already' });
    return c.json((await repo.findOffer(c.env.DB, offerId))!, 200);
  },
);

export default app;
