import { brusselsDate } from '../lib/time.ts';
import { newId } from '../lib/ids.ts';
import * as repo from './repo.ts';
import { backoffSeconds, DeliveryError, emailError } from './retry.ts';
import { smsProvider, type SmsConfig } from './sms.ts';
import { emailContent, smsText } from './texts.ts';

/**
 * The transactional outbox: rows of `deliveries` are written with the change that causes them (a trigger on
 * notifications); the relay hands them to the queue; the consumer sends each once and records the outcome.
 */

/** The body of a queue message: only the delivery's id, so a message sent twice is still sent once. */
export type OutboxMessage = { deliveryId: string };

export type OutboxEnv = SmsConfig & {
  DB: D1Database;
  OUTBOX_QUEUE: Queue<OutboxMessage>;
  EMAIL: SendEmail;
  MAIL_FROM: string;
  MAIL_FROM_NAME?: string;
  /** First wait before a delivery is tried again, in seconds (default 30; tests use 0). */
  OUTBOX_RETRY_BASE_SECONDS?: string;
};

/** The cron of the relay ([triggers] in wrangler.toml), and how many batches of 100 it hands at most. */
export const RELAY_CRON = '*/5 * * * *';
export const RELAY_CRON_ROUNDS = 20;
/** The dead-letter queue's name ([[queues.consumers]] in wrangler.toml). */
export const DEAD_LETTER_QUEUE = 'buurtpas-outbox-dlq';

/** A delivery handed to the queue this long ago and still pending is handed again. */
export const RELAY_STALE_MINUTES = 30;
/** A consumer's claim this old is taken over (the consumer died mid-send). */
export const CLAIM_STALE_MINUTES = 5;
/** Tries before the consumer itself gives up (the queue's max_retries usually stops it sooner). */
export const MAX_ATTEMPTS = 10;
/** The queue's sendBatch takes at most 100 messages. */
const RELAY_BATCH = 100;

const minutesBefore = (now: Date, minutes: number) =>
  new Date(now.getTime() - minutes * 60_000).toISOString();

/**
 * Hands pending deliveries to the queue: those never handed, and those handed long ago that are still
 * pending. Up to `rounds` batches of 100. Answers how many were handed.
 */
export async function relay(
  db: D1Database,
  queue: Queue<OutboxMessage>,
  now: Date,
  rounds = 1,
): Promise<number> {
  let total = 0;
  for (let round = 0; round < rounds; round++) {
    const stamp = now.toISOString();
    const ids = await repo.takeForRelay(db, stamp, minutesBefore(now, RELAY_STALE_MINUTES), RELAY_BATCH);
    if (ids.length === 0) break;
    try {
      await queue.sendBatch(ids.map((deliveryId) => ({ body: { deliveryId } })));
    } catch (error) {
      console.error('outbox relay: the queue refused the batch', error);
      await repo.releaseFromRelay(db, ids, stamp);
      break;
    }
    total += ids.length;
    if (ids.length < RELAY_BATCH) break;
  }
  return total;
}

type Sent = { providerId: string | null; letterDate: string | null };

async function send(facts: repo.DeliveryFacts, env: OutboxEnv, now: Date): Promise<Sent> {
  const message = { ...facts };
  if (facts.channel === 'paper') return { providerId: null, letterDate: brusselsDate(now) };
  if (!facts.address) throw new DeliveryError(`No ${facts.channel} address`, true, 'no_address');
  if (facts.channel === 'sms') {
    const id = await smsProvider(env).send(facts.address, smsText(message));
    return { providerId: id, letterDate: null };
  }
  const content = emailContent(message);
  try {
    const result = await env.EMAIL.send({
      from: { email: env.MAIL_FROM, name: env.MAIL_FROM_NAME ?? 'Buurtpas' },
      to: facts.address,
      subject: content.subject,
      text: content.text,
      html: content.html,
    });
    return { providerId: result.messageId, letterDate: null };
  } catch (error) {
    throw emailError(error);
  }
}

export type Outcome = 'sent' | 'skipped' | 'retry' | 'failed';

/**
 * Delivers one queue message: claims its delivery (so two consumers never both send it), sends it, records
 * the outcome, and acks or retries the message. Never throws: every message is acked or retried by itself
 * (throwing would have the whole batch delivered again, the acked ones too).
 */
export async function deliverOne(
  message: Message<OutboxMessage>,
  env: OutboxEnv,
  now: Date,
): Promise<Outcome> {
  const base = Number(env.OUTBOX_RETRY_BASE_SECONDS ?? 30);
  const retry = () =>
    message.retry({ delaySeconds: backoffSeconds(message.attempts, Number.isFinite(base) ? base : 30) });
  const id = message.body?.deliveryId;
  if (typeof id !== 'string') {
    console.error('outbox: a message without a delivery id', message.id);
    message.ack();
    return 'skipped';
  }
  const claim = newId();
  try {
    const facts = await repo.claimDelivery(
      env.DB,
      id,
      claim,
      now.toISOString(),
      minutesBefore(now, CLAIM_STALE_MINUTES),
    );
    if (!facts) {
      message.ack();
      return 'skipped';
    }
    try {
      const sent = await send(facts, env, now);
      await repo.markSent(env.DB, { id, claim, at: new Date().toISOString(), ...sent });
      message.ack();
      return 'sent';
    } catch (error) {
      const failure =
        error instanceof DeliveryError ? error : new DeliveryError(String(error).slice(0, 500), false);
      if (failure.permanent || facts.attempts >= MAX_ATTEMPTS) {
        await repo.markFailed(env.DB, {
          id,
          claim,
          at: now.toISOString(),
          error: failure.message,
          reason: failure.reason,
        });
        message.ack();
        return 'failed';
      }
      await repo.markTryFailed(env.DB, { id, claim, error: failure.message, reason: failure.reason });
      retry();
      return 'retry';
    }
  } catch (error) {
    // The database failed: try the message again later (its claim expires, or was never taken).
    console.error('outbox: delivery', id, 'could not be recorded', error);
    retry();
    return 'retry';
  }
}

/** The consumer of the outbox queue: one message at a time, each acked or retried by itself. */
export async function consumeOutbox(batch: MessageBatch<OutboxMessage>, env: OutboxEnv, now: Date) {
  const totals: Record<Outcome, number> = { sent: 0, skipped: 0, retry: 0, failed: 0 };
  for (const message of batch.messages) totals[await deliverOne(message, env, now)]++;
  return totals;
}

/**
 * The consumer of the dead-letter queue: what the queue gave up on is marked failed (never dropped), so it
 * shows in the counter's list of whom to call.
 */
export async function consumeDeadLetters(batch: MessageBatch<OutboxMessage>, env: OutboxEnv, now: Date) {
  let failed = 0;
  for (const message of batch.messages) {
    const id = message.body?.deliveryId;
    if (typeof id !== 'string') {
      message.ack();
      continue;
    }
    try {
      const changed = await repo.markDeadLettered(env.DB, {
        id,
        at: now.toISOString(),
        error: 'The queue gave up on it (dead-letter queue)',
      });
      if (changed) failed++;
      message.ack();
    } catch (error) {
      console.error('outbox: dead letter', id, 'could not be recorded', error);
      message.retry();
    }
  }
  return { failed };
}
