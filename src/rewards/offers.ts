import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { managedClub } from '../auth/access.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { holderFor, loadReward, ownHolder } from './access.ts';
import {
  CheckSchema,
  ClubParams,
  HolderQuery,
  MunicipalityParams,
  PassholderQuery,
  PRESENCE_PROBLEMS,
  RewardInputSchema,
  RewardListSchema,
  RewardParams,
  RewardSchema,
} from './schema.ts';
import * as service from './service.ts';

/** Rewards on offer: a club's or a municipality's, the ones a holder can see, and whether one is redeemable. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'post',
    path: '/clubs/{clubId}/rewards',
    tags: ['rewards'],
    summary: 'Offer a reward for points (club admin)',
    security: SECURITY,
    request: { params: ClubParams, body: jsonBody(RewardInputSchema) },
    responses: {
      201: jsonResponse(RewardSchema, 'Offered'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { clubId } = c.req.valid('param');
    const { user } = await managedClub(c, clubId, 'club_admin');
    const owner = { clubId, municipalityId: null };
    return c.json(await service.createReward(c.env.DB, owner, c.req.valid('json'), user.id, c.var.now), 201);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/municipalities/{municipalityId}/rewards',
    tags: ['rewards'],
    summary: 'Offer a reward for points, or a welcome reward (municipality admin)',
    security: SECURITY,
    request: { params: MunicipalityParams, body: jsonBody(RewardInputSchema) },
    responses: {
      201: jsonResponse(RewardSchema, 'Offered'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const { municipalityId } = c.req.valid('param');
    allow(hasMunicipalityRole(user, municipalityId, 'municipality_admin'));
    const owner = { clubId: null, municipalityId };
    return c.json(await service.createReward(c.env.DB, owner, c.req.valid('json'), user.id, c.var.now), 201);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/rewards',
    tags: ['rewards'],
    summary: 'Rewards in my region, each with whether I can redeem it and why not',
    security: SECURITY,
    request: { query: PassholderQuery },
    responses: {
      200: jsonResponse(RewardListSchema, 'Rewards'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const holder = await ownHolder(c, c.req.valid('query').passholderId, 'This account has no pass');
    const items = await service.rewardsFor(
      c.env.DB,
      holder.regionId,
      holder.passholderId,
      c.var.now,
      c.var.locale,
    );
    return c.json({ items }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/rewards/{rewardId}/check',
    tags: ['rewards'],
    summary: 'Can this reward be redeemed (and why not)? For a resident, or at the club’s counter by pass',
    security: SECURITY,
    request: { params: RewardParams, query: HolderQuery },
    responses: {
      200: jsonResponse(CheckSchema, 'The answer'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found', ...PRESENCE_PROBLEMS),
    },
  }),
  async (c) => {
    const reward = await loadReward(c, c.req.valid('param').rewardId);
    const passholderId = await holderFor(c, reward, c.req.valid('query'));
    return c.json(await service.check(c.env.DB, reward, passholderId, c.var.now, c.var.locale), 200);
  },
);

export default app;
