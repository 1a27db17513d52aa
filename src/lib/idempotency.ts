import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { uniqueViolation } from './constraints.ts';
import { Problem } from './problem.ts';

export type Outcome<T, S extends 200 | 201 = 200 | 201> = {
  status: S;
  body: T;
  writes: D1PreparedStatement[];
};

async function hash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

type Stored = { request_hash: string; status: number; body: string };

function replay<T, S extends 200 | 201>(
  c: Context<AppEnv>,
  stored: Stored,
  requestHash: string,
): { status: S; body: T; replayed: true } {
  if (stored.request_hash !== requestHash) throw new Problem('idempotency_mismatch');
  c.header('Idempotent-Replayed', 'true');
  return { status: stored.status as S, body: JSON.parse(stored.body) as T, replayed: true };
}

/**
 * Runs a write with an optional `Idempotency-Key` (per user, `userId`): the answer is stored in the same transaction
 * as the writes, so a retry replays it instead of writing twice; the same key with another request is
 * refused; of concurrent requests with one key, one writes and the others replay. A replay answers the
 * status and body of the first answer (201 stays 201) with the header `Idempotent-Replayed: true`.
 */
export async function idempotent<T, S extends 200 | 201>(
  c: Context<AppEnv>,
  userId: string,
  request: unknown,
  run: () => Promise<Outcome<T, S>>,
): Promise<{ status: S; body: T; replayed: boolean }> {
  const db = c.env.DB;
  const key = c.req.header('idempotency-key');
  if (!key) {
    const outcome = await run();
    if (outcome.writes.length) await db.batch(outcome.writes);
    return { status: outcome.status, body: outcome.body, replayed: false };
  }
  if (key.length > 200)
    throw new Problem('validation_failed', { detail: 'Idempotency-Key is longer than 200 characters' });
  const requestHash = await hash(`${c.req.method} ${new URL(c.req.url).pathname} ${JSON.stringify(request)}`);
  const find = () =>
    db
      .prepare('SELECT request_hash, status, body FROM idempotency_keys WHERE user_id = ?1 AND key = ?2')
      .bind(userId, key)
      .first<Stored>();
  const earlier = await find();
  if (earlier) return replay<T, S>(c, earlier, requestHash);
  const outcome = await run();
  try {
    await db.batch([
      ...outcome.writes,
      db
        .prepare(
          'INSERT INTO idempotency_keys (user_id, key, request_hash, status, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)',
        )
        .bind(
          userId,
          key,
          requestHash,
          outcome.status,
          JSON.stringify(outcome.body),
          c.var.now.toISOString(),
        ),
    ]);
  } catch (error) {
    const concurrent = uniqueViolation(error, 'idempotency_keys') ? await find() : null;
    if (!concurrent) throw error;
    return replay<T, S>(c, concurrent, requestHash);
  }
  return { status: outcome.status, body: outcome.body, replayed: false };
}

/** Forgets stored answers older than `before` (the nightly job). Returns how many were removed. */
export async function purgeIdempotencyKeys(db: D1Database, before: string): Promise<number> {
  const result = await db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?1').bind(before).run();
  return result.meta.changes;
}
