import { createApp } from './app.ts';
import type { Bindings } from './env.ts';
import { nightly } from './jobs/nightly.ts';

const app = createApp();

export default {
  fetch: app.fetch,
  /**
   * The cron (see [triggers] in wrangler.toml) runs all nightly work: statuses and the renewal list, point
   * expiry, ride bonuses, and purging expired idempotency keys and sessions. Awaited, so a failure marks the
   * invocation as failed (and is logged) instead of vanishing in `waitUntil`.
   */
  async scheduled(controller, env) {
    const totals = await nightly(env.DB, new Date(controller.scheduledTime));
    console.log('nightly job', JSON.stringify(totals));
  },
} satisfies ExportedHandler<Bindings>;
