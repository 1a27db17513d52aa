import type { Locale } from '../lib/i18n.ts';
import { newId } from '../lib/ids.ts';
import { Problem } from '../lib/problem.ts';
import { brusselsDate } from '../lib/time.ts';
import { auditStatement } from '../passes/repo.ts';
import * as repo from './repo.ts';
import { BLOCK_MESSAGES, limitSince, redeemBlock } from './rules.ts';
import type { RedeemCheck, Redemption, RewardInput } from './schema.ts';

// The rewards' rules that take more than one read or write; who may act is checked before (access.ts).

/** Offers a reward of a club or a municipality; the stored reward. */
export async function createReward(
  db: D1Database,
  owner: { clubId: string | null; municipalityId: string | null },
  input: RewardInput,
  by: string,
  now: Date,
): Promise<repo.Reward> {
  const id = newId();
  await repo.insertReward(db, {
    id,
    ...owner,
    ...input,
    validFrom: input.validFrom ?? brusselsDate(now),
    by,
    at: now.toISOString(),
  });
  return (await repo.findReward(db, id))!;
}

/** Can this holder redeem this reward now, and if not, why not (in the request's language)? */
export async function check(
  db: D1Database,
  reward: repo.Reward,
  passholderId: string,
  now: Date,
  locale: Locale,
): Promise<RedeemCheck> {
  const facts = await repo.holderFacts(db, reward.id, passholderId, limitSince(reward, now));
  const block = redeemBlock(reward, facts, brusselsDate(now));
  return {
    redeemable: block === null,
    reason: block,
    message: block ? BLOCK_MESSAGES[block][locale] : null,
    balance: facts.balance,
    pointsCost: reward.pointsCost,
  };
}

/** The rewards of a region valid today, each with whether this holder can redeem it. */
export async function rewardsFor(
  db: D1Database,
  regionId: string,
  passholderId: string,
  now: Date,
  locale: Locale,
): Promise<(repo.Reward & { check: RedeemCheck })[]> {
  const rewards = await repo.regionRewards(db, regionId, brusselsDate(now));
  return Promise.all(
    rewards.map(async (r) => ({ ...r, check: await check(db, r, passholderId, now, locale) })),
  );
}

/**
 * Redeems a reward for a holder: refused with the reason when the check says no, and again when the
 * database's guard refuses (points, stock or the holder's limit taken meanwhile), with the reason read after.
 */
export async function redeem(
  db: D1Database,
  r: { reward: repo.Reward; passholderId: string; by: string; now: Date; locale: Locale },
): Promise<Redemption> {
  const { reward, passholderId, now, locale } = r;
  const before = await check(db, reward, passholderId, now, locale);
  if (!before.redeemable)
    throw new Problem('reward_unavailable', {
      params: { reason: before.message ?? '' },
      detail: before.reason ?? '',
    });
  const id = newId();
  try {
    await repo.redeem(db, {
      id,
      reward,
      passholderId,
      since: limitSince(reward, now),
      by: r.by,
      at: now.toISOString(),
    });
  } catch (error) {
    if (repo.isWelcomeRefusal(error))
      throw new Problem('reward_unavailable', {
        params: { reason: BLOCK_MESSAGES.welcome[locale] },
        detail: 'welcome',
      });
    if (!repo.isGuardViolation(error)) throw error;
    const after = await check(db, (await repo.findReward(db, reward.id))!, passholderId, now, locale);
    throw new Problem('reward_unavailable', {
      params: { reason: after.message ?? BLOCK_MESSAGES.out_of_stock[locale] },
      detail: after.reason ?? 'out_of_stock',
    });
  }
  const { balance } = await repo.holderFacts(db, reward.id, passholderId, null);
  return { id, rewardId: reward.id, points: reward.pointsCost, balance };
}

/** Hands a redemption over to the holder who is present; once (a second hand-over is refused). */
export async function handOver(
  db: D1Database,
  h: { redemptionId: string; clubId: string; passholderId: string; by: string; now: Date },
): Promise<void> {
  const result = await repo.handOver(db, {
    redemptionId: h.redemptionId,
    clubId: h.clubId,
    passholderId: h.passholderId,
    by: h.by,
    at: h.now.toISOString(),
  });
  if (result === 'already') throw new Problem('already_handed_over');
  if (result === 'not_found')
    throw new Problem('not_found', { detail: 'No such reward to hand over to this holder here' });
}

/** Grants the welcome rewards a holder has not had yet, audited as a counter visit; how many were new. */
export async function grantWelcome(
  db: D1Database,
  passholderId: string,
  actorUserId: string,
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  return repo.grantWelcome(
    db,
    passholderId,
    at,
    auditStatement(db, passholderId, { actorUserId, action: 'update', reason: 'counter_visit', at }),
  );
}
