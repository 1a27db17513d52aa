import { brusselsDate } from '../lib/time.ts';
import { addDays, deriveStatus, type Grant, type Suspension } from './derive.ts';
import * as repo from './repo.ts';
import { minorCutoff } from './repo.ts';

/** How long before its end a status goes on the renewal list. */
export const RENEWAL_DAYS = 60;
const CHUNK = 200;

/**
 * The nightly job: derives every passholder's status for `now`, records each change (ACTIVE -> IN_GRACE ->
 * EXPIRED, ...) as a status event, and rebuilds the renewal list (ending within 60 days, or in grace).
 * Works through passholders in chunks, one read and one write batch per chunk.
 */
export async function runStatusJob(
  db: D1Database,
  now: Date,
): Promise<{ passholders: number; changes: number; renewals: number }> {
  const today = brusselsDate(now);
  const soon = addDays(today, RENEWAL_DAYS);
  let after = '';
  const totals = { passholders: 0, changes: 0, renewals: 0 };
  for (;;) {
    const results = await repo.statusChunk(db, after, minorCutoff(today), CHUNK);
    if (results.length === 0) break;
    const writes: D1PreparedStatement[] = [];
    for (const row of results) {
      const derived = deriveStatus(
        JSON.parse(row.grants) as Grant[],
        JSON.parse(row.suspensions) as Suspension[],
        today,
      );
      if (derived.status !== row.last_status) {
        totals.changes++;
        writes.push(...repo.statusChangeStatements(db, row.id, derived.status, today));
      }
      const renew =
        (derived.status === 'ACTIVE' && derived.validUntil !== null && derived.validUntil <= soon) ||
        derived.status === 'IN_GRACE';
      writes.push(
        renew
          ? repo.renewalStatement(db, {
              municipalityId: row.municipality_id,
              passholderId: row.id,
              status: derived.status,
              validUntil: derived.validUntil ?? derived.graceUntil ?? today,
              today,
            })
          : repo.leaveRenewalListStatement(db, row.id),
      );
      if (renew) totals.renewals++;
    }
    await db.batch(writes);
    totals.passholders += results.length;
    after = results[results.length - 1]!.id;
  }
  return totals;
}
