import { purgeSessions } from '../auth/repo.ts';
import { purgeIdempotencyKeys } from '../lib/idempotency.ts';
import { brusselsDate } from '../lib/time.ts';
import { expirePoints } from '../points/repo.ts';
import { REWARD_READY } from '../rewards/messages.ts';
import { writeRewardReady } from '../rewards/repo.ts';
import { runRideBonuses } from '../rides/job.ts';
import { runStatusJob } from '../status/job.ts';

/** How long an `Idempotency-Key` answer is kept for replays. */
export const IDEMPOTENCY_HOURS = 24;

export type NightlyTotals = {
  passholders: number;
  changes: number;
  renewals: number;
  rightsOpened: number;
  rightsEnded: number;
  pointsExpired: number;
  rewardsReady: number;
  rideBonuses: number;
  idempotencyKeysPurged: number;
  sessionsPurged: number;
};

/**
 * Everything that runs nightly, in order: statuses and the renewal list, point expiry (twelve months
 * without earning), ride bonuses, 'reward_ready' messages, and purging expired idempotency keys and sessions.
 * The status step also opens and ends the local rights and writes the status messages. Each step is safe to
 * run twice (derived ids, conditional writes), so a retried or doubled cron changes nothing more.
 */
export async function nightly(db: D1Database, now: Date): Promise<NightlyTotals> {
  const status = await runStatusJob(db, now);
  const yearAgo = new Date(now);
  yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
  const pointsExpired = await expirePoints(db, yearAgo.toISOString(), brusselsDate(now), now.toISOString());
  const rides = await runRideBonuses(db, now);
  // After the points' expiry, so a balance that just expired announces nothing.
  const rewardsReady = await writeRewardReady(db, REWARD_READY, brusselsDate(now), now.toISOString());
  const keysBefore = new Date(now.getTime() - IDEMPOTENCY_HOURS * 3_600_000).toISOString();
  const idempotencyKeysPurged = await purgeIdempotencyKeys(db, keysBefore);
  const sessionsPurged = await purgeSessions(db, now.toISOString());
  return {
    ...status,
    pointsExpired,
    rewardsReady,
    rideBonuses: rides.awarded,
    idempotencyKeysPurged,
    sessionsPurged,
  };
}
