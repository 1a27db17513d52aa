import { brusselsDate } from '../lib/time.ts';
import { syncStatements } from '../rights/opening.ts';
import * as rightsRepo from '../rights/repo.ts';
import { addDays, deriveStatus, type DerivedStatus, type Grant, type Suspension } from './derive.ts';
import { statusMessage, statusMessageId, type StatusMessageKind } from './messages.ts';
import * as repo from './repo.ts';
import { minorCutoff } from './repo.ts';

/** How long before its end a status goes on the renewal list. */
export const RENEWAL_DAYS = 60;
const CHUNK = 200;

/**
 * The message a holder gets about their own status tonight, if any: 'status_ending' when it is on the
 * renewal list while still active, 'status_in_grace' in its grace period. Its id names the end date, so it is
 * written once per period however often the job runs (a renewed status that ends again gets a new one).
 */
export function statusNotice(
  derived: DerivedStatus,
  onRenewalList: boolean,
): { kind: StatusMessageKind; date: string } | null {
  if (!onRenewalList) return null;
  if (derived.status === 'ACTIVE' && derived.validUntil)
    return { kind: 'status_ending', date: derived.validUntil };
  if (derived.status === 'IN_GRACE' && derived.graceUntil)
    return { kind: 'status_in_grace', date: derived.graceUntil };
  return null;
}

export type StatusJobTotals = {
  passholders: number;
  changes: number;
  renewals: number;
  rightsOpened: number;
  rightsEnded: number;
};

/**
 * The nightly job: derives every passholder's status for `now`, records each change (ACTIVE -> IN_GRACE ->
 * EXPIRED, ...) as a status event, rebuilds the renewal list (ending within 60 days, or in grace), opens and
 * ends the local rights linked to the status or an entitlement as the date moves (grace running out), and
 * writes the status messages ('status_ending', 'status_in_grace') once.
 * Works through passholders in chunks, two reads and one write batch per chunk; safe to run twice.
 */
export async function runStatusJob(db: D1Database, now: Date): Promise<StatusJobTotals> {
  const today = brusselsDate(now);
  const at = now.toISOString();
  const soon = addDays(today, RENEWAL_DAYS);
  let after = '';
  const totals = { passholders: 0, changes: 0, renewals: 0, rightsOpened: 0, rightsEnded: 0 };
  for (;;) {
    const results = await repo.statusChunk(db, after, minorCutoff(today), CHUNK);
    if (results.length === 0) break;
    const facts = await rightsRepo.rightsFacts(
      db,
      results.map((r) => r.id),
      today,
      false,
    );
    const rights = syncStatements(db, facts, facts.members, today, at);
    totals.rightsOpened += rights.opened;
    totals.rightsEnded += rights.ended;
    const writes: D1PreparedStatement[] = [...rights.statements];
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
      // Messages about a minor's inherited status go to the adults whose status it is, not to the minor.
      const member = facts.members.find((m) => m.passholderId === row.id);
      const notice = statusNotice(derived, renew);
      if (notice && member && !member.minor)
        writes.push(
          rightsRepo.notificationStatement(db, {
            id: statusMessageId(notice.kind, row.id, notice.date),
            passholderId: row.id,
            kind: notice.kind,
            message: statusMessage(notice.kind, member.locale, notice.date),
            at,
          }),
        );
    }
    await db.batch(writes);
    totals.passholders += results.length;
    after = results[results.length - 1]!.id;
  }
  return totals;
}
