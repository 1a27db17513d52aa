import { brusselsDate } from '../lib/time.ts';
import { addDays, deriveStatus, type Grant, type StatusName, type Suspension } from './derive.ts';
import { minorCutoff } from './repo.ts';

/** How long before its end a status goes on the renewal list. */
export const RENEWAL_DAYS = 60;
const CHUNK = 200;

type Row = {
  id: string;
  municipality_id: string;
  last_status: StatusName;
  grants: string;
  suspensions: string;
};

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
    const { results } = await db
      .prepare(
        `SELECT p.id, p.municipality_id, p.last_status,
                (SELECT json_group_array(json_object('validFrom', g.valid_from, 'validUntil', g.valid_until, 'graceDays', g.grace_days, 'endedOn', g.ended_on))
                   FROM status_grants g
                  WHERE g.passholder_id = p.id
                     OR (p.birth_date > ?2 AND g.passholder_id IN (SELECT a.id FROM passholders a WHERE a.household_id = p.household_id AND a.birth_date <= ?2))) AS grants,
                (SELECT json_group_array(json_object('fromDate', s.from_date, 'untilDate', s.until_date, 'liftedOn', s.lifted_on))
                   FROM status_suspensions s WHERE s.passholder_id = p.id) AS suspensions
           FROM passholders p WHERE p.id > ?1 ORDER BY p.id LIMIT ?3`,
      )
      .bind(after, minorCutoff(today), CHUNK)
      .all<Row>();
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
        writes.push(
          db.prepare('UPDATE passholders SET last_status = ?2 WHERE id = ?1').bind(row.id, derived.status),
          db
            .prepare(
              'INSERT INTO status_events (passholder_id, status, on_date) VALUES (?1, ?2, ?3) ON CONFLICT DO UPDATE SET status = ?2',
            )
            .bind(row.id, derived.status, today),
        );
      }
      const renew =
        (derived.status === 'ACTIVE' && derived.validUntil !== null && derived.validUntil <= soon) ||
        derived.status === 'IN_GRACE';
      writes.push(
        renew
          ? db
              .prepare(
                `INSERT INTO renewal_list (municipality_id, passholder_id, status, valid_until, generated_on) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT DO UPDATE SET status = ?3, valid_until = ?4, generated_on = ?5`,
              )
              .bind(
                row.municipality_id,
                row.id,
                derived.status,
                derived.validUntil ?? derived.graceUntil ?? today,
                today,
              )
          : db.prepare('DELETE FROM renewal_list WHERE passholder_id = ?1').bind(row.id),
      );
      if (renew) totals.renewals++;
    }
    await db.batch(writes);
    totals.passholders += results.length;
    after = results[results.length - 1]!.id;
  }
  return totals;
}
