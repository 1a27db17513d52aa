import { createApp } from './app.ts';
import type { Bindings } from './env.ts';
import { expirePoints } from './points/repo.ts';
import { runRideBonuses } from './rides/job.ts';
import { runStatusJob } from './status/job.ts';
import { brusselsDate } from './lib/time.ts';

/** Everything that runs nightly. */
export async function nightly(db: D1Database, now: Date) {
  const status = await runStatusJob(db, now);
  const yearAgo = new Date(now);
  yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
  const expired = await expirePoints(db, yearAgo.toISOString(), brusselsDate(now), now.toISOString());
  const rides = await runRideBonuses(db, now);
  return { ...status, pointsExpired: expired, rideBonuses: rides.awarded };
}

const app = createApp();

export default {
  fetch: app.fetch,
  /** Nightly (see [triggers] in wrangler.toml): statuses move through grace, the renewal list is rebuilt, old points expire. */
  scheduled(controller, env, ctx) {
    ctx.waitUntil(
      runStatusJob(env.DB, new Date(controller.scheduledTime)).then((totals) =>
        console.log('status job', JSON.stringify(totals)),
      ),
    );
  },
} satisfies ExportedHandler<Bindings>;
