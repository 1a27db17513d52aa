import { createApp } from './app.ts';
import type { Bindings } from './env.ts';
import { runStatusJob } from './status/job.ts';

const app = createApp();

export default {
  fetch: app.fetch,
  /** Nightly (see [triggers] in wrangler.toml): statuses move through grace and the renewal list is rebuilt. */
  scheduled(controller, env, ctx) {
    ctx.waitUntil(
      runStatusJob(env.DB, new Date(controller.scheduledTime)).then((totals) =>
        console.log('status job', JSON.stringify(totals)),
      ),
    );
  },
} satisfies ExportedHandler<Bindings>;
