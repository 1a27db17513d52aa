import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { findActivity } from '../activities/repo.ts';
import { doorOpen } from '../activities/window.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { managedClub } from '../auth/access.ts';
import { newId } from '../lib/ids.ts';
import { IdSchema, jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import { brusselsDate } from '../lib/time.ts';
import { passholderAccess } from '../auth/access.ts';
import { checkCard, readPass } from '../passes/door.ts';
import { allowClub, requireClubStaff } from '../auth/access.ts';
import { auditStatement } from '../passes/repo.ts';
import { periodStart } from '../lib/periods.ts';
import type { Period } from '../tariffs/tariff.ts';
import * as repo from './repo.ts';
import { BLOCK_MESSAGES, redeemBlock } from './rules.ts';

const app = new OpenAPIHono<AppEnv>();

const RewardInputSchema = z
  .object({
    title: z.string().trim().min(2).max(120),
    description: z.string().trim().max(1000).nullable().default(null),
    pointsCost: z.number().int().min(0).max(100_000),
    stock: z.number().int().min(0).max(1_000_000).nullable().default(null),
    limit: z
      .object({
        count: z.number().int().min(1).max(1000),
        period: z.enum(['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR', 'EVER']),
      })
      .nullable()
      .default(null),
    welcome: z.boolean().default(false).openapi({
      description: 'Granted to every resident of the municipality when they activate their pass',
    }),
    validFrom: z.iso.date().optional(),
    validUntil: z.iso.date().nullable().default(null),
  })
  .strict()
  .openapi('RewardInput');

const CollectAtSchema = z
  .object({ kind: z.enum(['club', 'municipality']), name: z.string() })
  .openapi('CollectAt', {
    description: "Where the holder collects the reward: at the club, or at the municipality's Social House",
  });

const RewardSchema = z
  .object({
    id: z.string(),
    clubId: z.string().nullable(),
    municipalityId: z.string().nullable(),
    title: z.string(),
    description: z.string().nullable(),
    pointsCost: z.number().int(),
    stock: z.number().int().nullable(),
    redeemed: z.number().int(),
    limit: z.object({ count: z.number().int(), period: z.string() }).nullable(),
    welcome: z.boolean(),
    validFrom: z.string(),
    validUntil: z.string().nullable(),
    collectAt: CollectAtSchema.optional(),
  })
  .openapi('Reward');

const CheckSchema = z
  .object({
    redeemable: z.boolean(),
    reason: z.string().nullable(),
    message: z.string().nullable(),
    balance: z.number().int(),
    pointsCost: z.number().int(),
  })
  .openapi('RedeemCheck');

async function create(
  c: Context<AppEnv>,
  owner: { clubId: string | null; municipalityId: string | null },
  userId: string,
  input: z.infer<typeof RewardInputSchema>,
) {
  const id = newId();
  await repo.insertReward(c.env.DB, {
    id,
    ...owner,
    ...input,
    validFrom: input.validFrom ?? brusselsDate(c.var.now),
    by: userId,
    at: c.var.now.toISOString(),
  });
  return (await repo.findReward(c.env.DB, id))!;
}

app.openapi(
  createRoute({
    method: 'post',
    path: '/clubs/{clubId}/rewards',
    tags: ['rewards'],
    summary: 'Offer a reward for points (club admin)',
    security: SECURITY,
    request: { params: z.object({ clubId: IdSchema }), body: jsonBody(RewardInputSchema) },
    responses: {
      201: jsonResponse(RewardSchema, 'Offered'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { user } = await managedClub(c, c.req.valid('param').clubId, 'club_admin');
    return c.json(
      await create(
        c,
        { clubId: c.req.valid('param').clubId, municipalityId: null },
        user.id,
        c.req.valid('json'),
      ),
      201,
    );
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/municipalities/{municipalityId}/rewards',
    tags: ['rewards'],
    summary: 'Offer a reward for points, or a welcome reward (municipality admin)',
    security: SECURITY,
    request: { params: z.object({ municipalityId: IdSchema }), body: jsonBody(RewardInputSchema) },
    responses: {
      201: jsonResponse(RewardSchema, 'Offered'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const { municipalityId } = c.req.valid('param');
    allow(hasMunicipalityRole(user, municipalityId, 'municipality_admin'));
    return c.json(await create(c, { clubId: null, municipalityId }, user.id, c.req.valid('json')), 201);
  },
);

function since(reward: repo.Reward, now: Date): string | null {
  return reward.limit && reward.limit.period !== 'EVER'
    ? periodStart(reward.limit.period as Period, now)
    : null;
}

async function check(c: Context<AppEnv>, reward: repo.Reward, passholderId: string) {
  const facts = await repo.holderFacts(c.env.DB, reward.id, passholderId, since(reward, c.var.now));
  const block = redeemBlock(reward, facts, brusselsDate(c.var.now));
  return {
    redeemable: block === null,
    reason: block,
    message: block ? BLOCK_MESSAGES[block][c.var.locale] : null,
    balance: facts.balance,
    pointsCost: reward.pointsCost,
  };
}

type Presence = {
  code?: string | undefined;
  passNumber?: string | undefined;
  activityId?: string | undefined;
};

/**
 * The holder standing in front of club staff: a scanned pass code, or a typed pass number while the door
 * of one of the club's activities is open (from check-in opening to check-in closing). The door is
 * checked before the number is looked up, so the refusal is the same for every holder.
 */
async function presentHolder(c: Context<AppEnv>, clubId: string, input: Presence): Promise<string> {
  if (input.code === undefined) {
    if (!input.activityId)
      throw new Problem('presence_required', {
        detail: 'A typed pass number needs the activityId of an activity whose door is open',
      });
    const activity = await findActivity(c.env.DB, input.activityId);
    if (!activity) throw new Problem('not_found', { detail: 'No such activity' });
    allow(activity.club_id === clubId, 'This activity belongs to another club');
    const open =
      activity.cancelled_at === null &&
      doorOpen(
        {
          startsAt: activity.starts_at,
          endsAt: activity.ends_at,
          before: activity.checkin_before_minutes,
          after: activity.checkin_after_minutes,
        },
        c.var.now,
      );
    if (!open)
      throw new Problem('presence_required', { detail: 'The door of this activity is not open now' });
  }
  const { passNumber, code } = await readPass(c, input);
  const holder = await repo.holderByPassNumber(c.env.DB, passNumber);
  if (!holder) throw new Problem('pass_not_found');
  checkCard(code, holder, c.var.locale);
  return holder.id;
}

/** The holder a request is about: a resident's own (or ward's) id, or a pass presented at the reward's club. */
async function holderFor(
  c: Context<AppEnv>,
  reward: repo.Reward,
  input: Presence & { passholderId?: string | undefined },
) {
  if (input.passholderId) {
    await passholderAccess(c, input.passholderId, true);
    return input.passholderId;
  }
  if (!input.code && !input.passNumber) {
    const own = requireUser(c).passholderId;
    if (!own) throw new Problem('validation_failed', { detail: 'Whose points?' });
    return own;
  }
  const user = requireClubStaff(c);
  if (!reward.clubId)
    throw new Problem('forbidden', { detail: 'Municipality rewards are redeemed by the resident' });
  allowClub(user, reward.clubId);
  return presentHolder(c, reward.clubId, input);
}

async function loadReward(c: Context<AppEnv>, id: string) {
  const reward = await repo.findReward(c.env.DB, id);
  if (!reward) throw new Problem('not_found');
  return reward;
}

const PresenceFields = {
  code: z.string().min(20).max(1024).optional().openapi({ description: 'The scanned pass code' }),
  passNumber: z.string().min(13).max(20).optional().openapi({
    description: 'A typed pass number: only with the activityId of an activity whose door is open',
  }),
  activityId: IdSchema.optional().openapi({
    description: 'The club’s activity whose door is open (needed with a typed pass number)',
  }),
};
const HolderQuery = z.object({ passholderId: IdSchema.optional(), ...PresenceFields });
const PresenceBody = z
  .object(PresenceFields)
  .strict()
  .refine((v) => (v.code === undefined) !== (v.passNumber === undefined), {
    message: 'Give the scanned code or the typed passNumber',
    path: ['code'],
  });
const PRESENCE_PROBLEMS = [
  'pass_not_found',
  'pass_number_invalid',
  'code_invalid',
  'code_expired',
  'card_replaced',
  'pass_blocked',
  'presence_required',
] as const;

app.openapi(
  createRoute({
    method: 'get',
    path: '/rewards',
    tags: ['rewards'],
    summary: 'Rewards in my region, each with whether I can redeem it and why not',
    security: SECURITY,
    request: { query: z.object({ passholderId: IdSchema.optional() }) },
    responses: {
      200: jsonResponse(z.object({ items: z.array(RewardSchema.extend({ check: CheckSchema })) }), 'Rewards'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const id = c.req.valid('query').passholderId ?? user.passholderId;
    if (!id) throw new Problem('not_found', { detail: 'This account has no pass' });
    const access = await passholderAccess(c, id, true);
    const rewards = await repo.regionRewards(c.env.DB, access.regionId, brusselsDate(c.var.now));
    return c.json(
      { items: await Promise.all(rewards.map(async (r) => ({ ...r, check: await check(c, r, id) }))) },
      200,
    );
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/rewards/{rewardId}/check',
    tags: ['rewards'],
    summary: 'Can this reward be redeemed (and why not)? For a resident, or at the club’s counter by pass',
    security: SECURITY,
    request: { params: z.object({ rewardId: IdSchema }), query: HolderQuery },
    responses: {
      200: jsonResponse(CheckSchema, 'The answer'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found', ...PRESENCE_PROBLEMS),
    },
  }),
  async (c) => {
    const reward = await loadReward(c, c.req.valid('param').rewardId);
    return c.json(await check(c, reward, await holderFor(c, reward, c.req.valid('query'))), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/rewards/{rewardId}/redemptions',
    tags: ['rewards'],
    summary:
      'Redeem a reward: points, stock and the holder’s limit hold under concurrency. Club staff redeem only for a holder who is present (scanned code, or typed number while the door is open); welcome rewards are granted, never redeemed',
    security: SECURITY,
    request: { params: z.object({ rewardId: IdSchema }), body: jsonBody(HolderQuery.strict()) },
    responses: {
      201: jsonResponse(
        z.object({
          id: z.string(),
          rewardId: z.string(),
          points: z.number().int(),
          balance: z.number().int(),
        }),
        'Redeemed',
      ),
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
    const before = await check(c, reward, passholderId);
    if (!before.redeemable)
      throw new Problem('reward_unavailable', {
        params: { reason: before.message ?? '' },
        detail: before.reason ?? '',
      });
    const id = newId();
    try {
      await repo.redeem(c.env.DB, {
        id,
        reward,
        passholderId,
        since: since(reward, c.var.now),
        by: requireUser(c).id,
        at: c.var.now.toISOString(),
      });
    } catch (error) {
      if (repo.isWelcomeRefusal(error))
        throw new Problem('reward_unavailable', {
          params: { reason: BLOCK_MESSAGES.welcome[c.var.locale] },
          detail: 'welcome',
        });
      if (!repo.isGuardViolation(error)) throw error;
      const after = await check(c, (await repo.findReward(c.env.DB, reward.id))!, passholderId);
      throw new Problem('reward_unavailable', {
        params: { reason: after.message ?? BLOCK_MESSAGES.out_of_stock[c.var.locale] },
        detail: after.reason ?? 'out_of_stock',
      });
    }
    const { balance } = await repo.holderFacts(c.env.DB, reward.id, passholderId, null);
    return c.json({ id, rewardId: reward.id, points: reward.pointsCost, balance }, 201);
  },
);

const OpenRedemption = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.string(),
  welcome: z.boolean(),
});

app.openapi(
  createRoute({
    method: 'get',
    path: '/clubs/{clubId}/redemptions',
    tags: ['rewards'],
    summary:
      'A present holder’s redemptions still to hand over at this club (club staff): scanned code, or typed number with the activityId of an activity whose door is open',
    security: SECURITY,
    request: { params: z.object({ clubId: IdSchema }), query: z.object(PresenceFields) },
    responses: {
      200: jsonResponse(z.object({ items: z.array(OpenRedemption) }), 'Open redemptions'),
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
    request: {
      params: z.object({ clubId: IdSchema, redemptionId: IdSchema }),
      body: jsonBody(PresenceBody),
    },
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
    const result = await repo.handOver(c.env.DB, {
      redemptionId,
      clubId,
      passholderId,
      by: user.id,
      at: c.var.now.toISOString(),
    });
    if (result === 'already') throw new Problem('already_handed_over');
    if (result === 'not_found')
      throw new Problem('not_found', { detail: 'No such reward to hand over to this holder here' });
    return c.body(null, 204);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/welcome-rewards',
    tags: ['rewards'],
    summary:
      'Grant the welcome rewards a resident has not had yet, e.g. after an account set up at the counter (counter staff). Each welcome reward is granted once per holder, however often this is called',
    security: SECURITY,
    request: { params: z.object({ passholderId: IdSchema }) },
    responses: {
      200: jsonResponse(z.object({ granted: z.number().int() }), 'Granted (0 when there was nothing new)'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const access = await passholderAccess(c, passholderId, false);
    const at = c.var.now.toISOString();
    const granted = await repo.grantWelcome(
      c.env.DB,
      passholderId,
      at,
      auditStatement(c.env.DB, passholderId, {
        actorUserId: access.user.id,
        action: 'update',
        reason: 'counter_visit',
        at,
      }),
    );
    return c.json({ granted }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/me/redemptions',
    tags: ['rewards'],
    summary: 'My redeemed and welcome rewards',
    security: SECURITY,
    request: { query: z.object({ passholderId: IdSchema.optional() }) },
    responses: {
      200: jsonResponse(
        z.object({
          items: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              points: z.number().int(),
              createdAt: z.string(),
              handedOverAt: z.string().nullable(),
              welcome: z.boolean(),
              validUntil: z.string().nullable().openapi({ description: 'Last day of the reward offer' }),
              collectAt: CollectAtSchema.nullable(),
            }),
          ),
        }),
        'Redemptions',
      ),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const id = c.req.valid('query').passholderId ?? user.passholderId;
    if (!id) throw new Problem('not_found');
    await passholderAccess(c, id, true);
    return c.json({ items: await repo.myRedemptions(c.env.DB, id) }, 200);
  },
);

export default app;
