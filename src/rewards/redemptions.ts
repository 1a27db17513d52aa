import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { allowClub, requireClubStaff } from '../auth/access.ts';
import { requireUser } from '../auth/guard.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import { holderFor, loadReward, presentHolder } from './access.ts';
import * as repo from './repo.ts';
import {
  ClubParams,
  HandOverParams,
  HolderBody,
  OpenRedemptionListSchema,
  PresenceBody,
  PresenceQuery,
  PRESENCE_PROBLEMS,
  RedemptionSchema,
  RewardParams,
} from './schema.ts';
import * as service from './service.ts';

/** Redeeming a reward, and handing it over at the club to the holder who is present. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'post',
    path: '/rewards/{rewardId}/redemptions',
    tags: ['rewards'],
    summary:
      'Redeem a reward: points, stock and the holder’s limit hold under concurrency. Club staff redeem only for a holder who is present (scanned code, or typed number while the door is open); welcome rewards are granted, never redeemed',
    security: SECURITY,
    request: { params: RewardParams, body: jsonBody(HolderBody) },
    responses: {
      201: jsonResponse(RedemptionSchema, 'Redeemed'),
      ...problems(
        'validation_failed',
        'unauthenticated',
        'forbidden',
        'not_found',
        'reward_unavailable',
        ...PRESENCE_PROBLEMS,
      ),
    },
  }),
  async (c) => {
    const reward = await loadReward(c, c.req.valid('param').rewardId);
    const passholderId = await holderFor(c, reward, c.req.valid('json'));
    const redemption = await service.redeem(c.env.DB, {
      reward,
      passholderId,
      by: requireUser(c).id,
      now: c.var.now,
      locale: c.var.locale,
    });
    return c.json(redemption, 201);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/clubs/{clubId}/redemptions',
    tags: ['rewards'],
    summary:
      'A present holder’s redemptions still to hand over at this club (club staff): scanned code, or typed number with the activityId of an activity whose door is open',
    security: SECURITY,
    request: { params: ClubParams, query: PresenceQuery },
    responses: {
      200: jsonResponse(OpenRedemptionListSchema, 'Open redemptions'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found', ...PRESENCE_PROBLEMS),
    },
  }),
  async (c) => {
    const user = requireClubStaff(c);
    const { clubId } = c.req.valid('param');
    allowClub(user, clubId);
    const query = c.req.valid('query');
    if (query.code === undefined && query.passNumber === undefined)
      throw new Problem('validation_failed', { detail: 'Give the scanned code or the typed passNumber' });
    const passholderId = await presentHolder(c, clubId, query);
    return c.json({ items: await repo.openRedemptions(c.env.DB, passholderId, clubId) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/clubs/{clubId}/redemptions/{redemptionId}/hand-over',
    tags: ['rewards'],
    summary:
      'Hand a reward over to the holder, who is present: scanned code, or typed number with the activityId of an activity whose door is open (club staff). Once: a second hand-over answers 409',
    security: SECURITY,
    request: { params: HandOverParams, body: jsonBody(PresenceBody) },
    responses: {
      204: { description: 'Handed over' },
      ...problems(
        'validation_failed',
        'unauthenticated',
        'forbidden',
        'not_found',
        'already_handed_over',
        ...PRESENCE_PROBLEMS,
      ),
    },
  }),
  async (c) => {
    const user = requireClubStaff(c);
    const { clubId, redemptionId } = c.req.valid('param');
    allowClub(user, clubId);
    const passholderId = await presentHolder(c, clubId, c.req.valid('json'));
    await service.handOver(c.env.DB, { redemptionId, clubId, passholderId, by: user.id, now: c.var.now });
    return c.body(null, 204);
  },
);

export default app;
