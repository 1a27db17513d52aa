import { newId } from '../lib/ids.ts';
import type { StatementLine } from './schema.ts';

type LineRow = {
  sale_id: string;
  kind: 'sale' | 'correction';
  sign: number;
  at: string;
  description: string;
  pass_number: string;
  regular_price_cents: number;
  price_cents: number;
  club_share_cents: number;
  municipality_share_cents: number;
};

const LINE_COLUMNS = `p.pass_number, s.description, s.regular_price_cents, s.price_cents, s.club_share_cents, s.municipality_share_cents`;

/**
 * The lines of a club's month that is not approved yet: the month's sales not cancelled, and the
 * corrections of sales cancelled (before the month's end) after their own statement was approved.
 */
function liveLinesSql(select: string): string {
  return `
    SELECT ${select} FROM (
      SELECT s.id AS sale_id, 'sale' AS kind, 1 AS sign, s.sold_at AS at, ${LINE_COLUMNS}
        FROM ticket_sales s JOIN passholders p ON p.id = s.passholder_id
       WHERE s.club_id = ?1 AND s.sold_at >= ?2 AND s.sold_at < ?3 AND s.cancelled_at IS NULL
      UNION ALL
      SELECT s.id, 'correction', -1, s.cancelled_at, ${LINE_COLUMNS}
        FROM ticket_sales s JOIN passholders p ON p.id = s.passholder_id
       WHERE s.club_id = ?1 AND s.cancelled_at IS NOT NULL AND s.cancelled_at < ?3
         AND EXISTS (SELECT 1 FROM statement_lines l WHERE l.sale_id = s.id AND l.kind = 'sale')
         AND NOT EXISTS (SELECT 1 FROM statement_lines l WHERE l.sale_id = s.id AND l.kind = 'correction'))`;
}

function toLine(r: LineRow): StatementLine {
  return {
    saleId: r.sale_id,
    kind: r.kind,
    date: r.at,
    description: r.description,
    passNumber: r.pass_number,
    regularPrice: r.sign * r.regular_price_cents,
    paid: r.sign * r.price_cents,
    clubShare: r.sign * r.club_share_cents,
    municipalityShare: r.sign * r.municipality_share_cents,
  };
}

export type StoredStatement = { id: string; approvedAt: string; paidAt: string | null };

export async function findStatement(
  db: D1Database,
  clubId: string,
  month: string,
): Promise<StoredStatement | null> {
  const row = await db
    .prepare('SELECT id, approved_at, paid_at FROM statements WHERE club_id = ?1 AND month = ?2')
    .bind(clubId, month)
    .first<{ id: string; approved_at: string; paid_at: string | null }>();
  return row ? { id: row.id, approvedAt: row.approved_at, paidAt: row.paid_at } : null;
}

export async function liveLines(
  db: D1Database,
  clubId: string,
  range: { start: string; end: string },
): Promise<StatementLine[]> {
  const { results } = await db
    .prepare(`${liveLinesSql('*')} ORDER BY at, sale_id`)
    .bind(clubId, range.start, range.end)
    .all<LineRow>();
  return results.map(toLine);
}

/** The frozen lines of an approved statement. */
export async function approvedLines(db: D1Database, statementId: string): Promise<StatementLine[]> {
  const { results } = await db
    .prepare(
      `SELECT l.sale_id, l.kind, l.sign, CASE l.kind WHEN 'sale' THEN s.sold_at ELSE s.cancelled_at END AS at, ${LINE_COLUMNS}
         FROM statement_lines l JOIN ticket_sales s ON s.id = l.sale_id JOIN passholders p ON p.id = s.passholder_id
        WHERE l.statement_id = ?1 ORDER BY at, l.sale_id`,
    )
    .bind(statementId)
    .all<LineRow>();
  return results.map(toLine);
}

/** Approves a month: freezes its lines in the same transaction. False when it was approved already. */
export async function approve(
  db: D1Database,
  clubId: string,
  month: string,
  range: { start: string; end: string },
  by: string,
  at: string,
): Promise<boolean> {
  const id = newId();
  const [insert] = await db.batch([
    db
      .prepare(
        'INSERT INTO statements (id, club_id, month, approved_at, approved_by) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING',
      )
      .bind(id, clubId, month, at, by),
    db
      .prepare(
        `INSERT INTO statement_lines (statement_id, sale_id, kind, sign) ${liveLinesSql('?4, sale_id, kind, sign')} WHERE EXISTS (SELECT 1 FROM statements WHERE id = ?4)`,
      )
      .bind(clubId, range.start, range.end, id),
  ]);
  return (insert?.meta.changes ?? 0) > 0;
}

export async function markPaid(
  db: D1Database,
  clubId: string,
  month: string,
  by: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .prepare(
      'UPDATE statements SET paid_at = ?3, paid_by = ?4 WHERE club_id = ?1 AND month = ?2 AND paid_at IS NULL',
    )
    .bind(clubId, month, at, by)
    .run();
  return result.meta.changes > 0;
}

export async function clubsOf(
  db: D1Database,
  municipalityId: string,
): Promise<{ id: string; name: string }[]> {
  const { results } = await db
    .prepare("SELECT id, name FROM clubs WHERE municipality_id = ?1 AND status <> 'pending' ORDER BY name")
    .bind(municipalityId)
    .all<{ id: string; name: string }>();
  return results;
}
