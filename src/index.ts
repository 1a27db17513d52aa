import { createApp } from './app.ts';
import type { Bindings } from './env.ts';
import { nightly } from './jobs/nightly.ts';
import {
  consumeDeadLetters,
  consumeOutbox,
  DEAD_LETTER_QUEUE,
  relay,
  RELAY_CRON,
  RELAY_CRON_ROUNDS,
  type OutboxMessage,
} from './messages/outbox.ts';

const app = createApp();

export default {
  fetch: app.fetch,
  /**
   * The crons (see [triggers] in wrangler.toml): every five minutes the outbox relay hands messages not yet
   * queued (or lost on the way) to the queue; nightly, all nightly work: statuses and the renewal list, point
   * expiry, ride bonuses, and purging expired idempotency keys and sessions. Awaited, so a failure marks the
   * invocation as failed (and is logged) instead of vanishing in `waitUntil`.
   */
  async scheduled(controller, env) {
    const now = new Date(controller.scheduledTime);
    if (controller.cron === RELAY_CRON) {
      console.log('outbox relay', await relay(env.DB, env.OUTBOX_QUEUE, now, RELAY_CRON_ROUNDS));
      return;
    }
    const totals = await nightly(env.DB, now);
    console.log('nightly job', JSON.stringify(totals));
  },
  /** The outbox queue (messages by e-mail, SMS and letter) and its dead-letter queue: src/messages/outbox.ts. */
  async queue(batch, env) {
    const totals =
      batch.queue === DEAD_LETTER_QUEUE
        ? await consumeDeadLetters(batch, env, new Date())
        : await consumeOutbox(batch, env, new Date());
    console.log('outbox', batch.queue, JSON.stringify(totals));
  },
} satisfies ExportedHandler<Bindings, OutboxMessage>;
