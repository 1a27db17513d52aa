import { monthRange } from '../lib/periods.ts';
import { Problem } from '../lib/problem.ts';
import { readRecord } from '../passes/repo.ts';
import * as repo from './repo.ts';
import { monthEnded, totals } from './rules.ts';
import type { Statement, StatementAudit } from './schema.ts';

// The statements' rules that take more than one read or write; who may act is checked before.

type Club = { id: string; name: string };

/** The state of a club's month and where its lines come from: frozen once approved, live before. */
async function header(db: D1Database, club: Club, month: string) {
  const stored = await repo.findStatement(db, club.id, month);
  const source: repo.LineSource = stored
    ? { statementId: stored.id }
    : { clubId: club.id, range: monthRange(month) };
  return {
    source,
    head: {
      clubId: club.id,
      clubName: club.name,
      month,
      status: stored ? (stored.paidAt ? ('paid' as const) : ('approved' as const)) : ('open' as const),
      approvedAt: stored?.approvedAt ?? null,
      paidAt: stored?.paidAt ?? null,
      currency: 'EUR' as const,
    },
  };
}

/** A club's month added up per activity and price: what the club (and anyone else) sees. */
export async function statementOf(db: D1Database, club: Club, month: string): Promise<Statement> {
  const { source, head } = await header(db, club, month);
  const groups = await repo.groups(db, source);
  return { ...head, groups, totals: totals(groups) };
}

/** A club's month line by line without the person: the municipality's audit. */
export async function auditOf(db: D1Database, club: Club, month: string): Promise<StatementAudit> {
  const { source, head } = await header(db, club, month);
  const lines = await repo.lines(db, source);
  return { ...head, lines, totals: totals(lines) };
}

/** Approves a finished month (once); from then on the statement never changes. */
export async function approve(
  db: D1Database,
  a: { club: Club; month: string; by: string; now: Date },
): Promise<Statement> {
  if (!monthEnded(a.month, a.now)) {
    throw new Problem('validation_failed', {
      detail: 'Only a finished month can be approved',
      fields: [
        {
          pointer: '/month',
          code: 'invalid',
          messages: {
            nl: 'Deze maand is nog niet voorbij.',
            fr: 'Ce mois n’est pas encore terminé.',
            en: 'This month has not ended yet.',
          },
        },
      ],
    });
  }
  if (!(await repo.approve(db, a.club.id, a.month, monthRange(a.month), a.by, a.now.toISOString())))
    throw new Problem('statement_approved');
  return statementOf(db, a.club, a.month);
}

/** Marks an approved statement paid (once); a refusal tells "not approved yet" from "paid already". */
export async function markPaid(
  db: D1Database,
  p: { club: Club; month: string; by: string; now: Date },
): Promise<Statement> {
  if (!(await repo.markPaid(db, p.club.id, p.month, p.by, p.now.toISOString()))) {
    const stored = await repo.findStatement(db, p.club.id, p.month);
    throw stored?.paidAt
      ? new Problem('statement_paid_already', { detail: `Paid already (${stored.paidAt})` })
      : new Problem('statement_not_approved', { detail: 'Not approved yet' });
  }
  return statementOf(db, p.club, p.month);
}

/** Every club's statement of a month in a municipality: totals and status. */
export async function summaries(db: D1Database, municipalityId: string, month: string, now: Date) {
  const clubs = await repo.clubsOf(db, municipalityId);
  const statements = await Promise.all(clubs.map((club) => statementOf(db, club, month)));
  const ended = monthEnded(month, now);
  return statements.map(({ clubId, clubName, month: m, status, totals: t }) => ({
    clubId,
    clubName,
    month: m,
    status,
    monthEnded: ended,
    totals: t,
  }));
}

/** The passholder who bought a sale (refused when there is no such sale). */
export async function saleHolderId(db: D1Database, saleId: string): Promise<string> {
  const passholderId = await repo.salePassholder(db, saleId);
  if (!passholderId) throw new Problem('not_found');
  return passholderId;
}

/** A holder's record, read with the audit line that says who looked and why. */
export async function holderRecord(
  db: D1Database,
  passholderId: string,
  audit: { actorUserId: string; reason: string; now: Date },
) {
  const record = await readRecord(db, passholderId, {
    actorUserId: audit.actorUserId,
    action: 'read',
    reason: audit.reason,
    at: audit.now.toISOString(),
  });
  if (!record) throw new Problem('not_found');
  return record;
}
