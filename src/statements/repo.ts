import { newId } from '../lib/ids.ts';
import type { StatementGroup, StatementLine } from './schema.ts';

/** The columns of a line; none of them says who bought (no passholder, no pass number). */
const SALE_COLUMNS = `s.kind AS type, s.activity_id, s.description, s.regular_price_cents, s.price_cents, s.club_share_cents, s.municipality_share_cents`;

/**
 * The sales of a club's month, not cancelled. Binds ?1 club, ?2 start, ?3 end. Read from the index
 * sales_by_club_month_amounts, which holds every column a statement group adds up (migration 0009).
 */
const MONTH_SALES = `ticket_sales s
   WHERE s.club_id = ?1 AND s.sold_at >= ?2 AND s.sold_at < ?3 AND s.cancelled_at IS NULL`;

/**
 * The corrections a month that is not approved yet adds: sales cancelled (before the month's end) after
 * their own statement was approved, and not corrected in a statement yet. Binds ?1 club, ?3 end. Read from
 * the index of cancelled sales, sales_cancelled_by_club: a club's cancellations, not all its sales.
 */
const PENDING_CORRECTIONS = `ticket_sales s
   WHERE s.club_id = ?1 AND s.cancelled_at IS NOT NULL AND s.cancelled_at < ?3
     AND EXISTS (SELECT 1 FROM statement_lines l WHERE l.sale_id = s.id AND l.kind = 'sale')
     AND NOT EXISTS (SELECT 1 FROM statement_lines l WHERE l.sale_id = s.id AND l.kind = 'correction')`;

/**
 * The lines of a club's month that is not approved yet: the month's sales and the pending corrections.
 * Binds ?1 club, ?2 start, ?3 end.
 */
function liveLinesSql(select: string): string {
  return `
    SELECT ${select} FROM (
      SELECT s.id AS sale_id, 'sale' AS kind, 1 AS sign, s.sold_at AS at, ${SALE_COLUMNS} FROM ${MONTH_SALES}
      UNION ALL
      SELECT s.id, 'correction', -1, s.cancelled_at, ${SALE_COLUMNS} FROM ${PENDING_CORRECTIONS})`;
}

/** The order of a statement's groups: their own values only, never a sale's time or id. */
const GROUP_ORDER = 'ORDER BY kind DESC, description, type, regular_price_cents DESC, price_cents DESC';

/** A group's key and sums over the sales `s`, negated for corrections (sign -1). */
function groupColumns(sign: 1 | -1): string {
  const sum = (column: string) => `${sign === 1 ? '' : '-'}sum(s.${column})`;
  return `s.kind AS type, s.description, s.regular_price_cents, s.price_cents, count(*) AS count,
          ${sum('regular_price_cents')} AS regular, ${sum('price_cents')} AS paid,
          ${sum('club_share_cents')} AS club, ${sum('municipality_share_cents')} AS municipality`;
}
const GROUP_BY = 'GROUP BY s.kind, s.description, s.regular_price_cents, s.price_cents';

/**
 * The groups of a club's month that is not approved yet, added up by SQL from indexes alone: the month's
 * sales from the covering index (no table row is read), the pending corrections from the index of
 * cancelled sales. The same groups as groupsSql over liveLinesSql. Binds ?1 club, ?2 start, ?3 end.
 */
const LIVE_GROUPS_SQL = `
  SELECT 'sale' AS kind, ${groupColumns(1)} FROM ${MONTH_SALES} ${GROUP_BY}
  UNION ALL
  SELECT 'correction', ${groupColumns(-1)} FROM ${PENDING_CORRECTIONS} ${GROUP_BY}
  ${GROUP_ORDER}`;

/** The frozen lines of an approved statement. Binds ?1 statement. */
const APPROVED_LINES_SQL = `
  SELECT l.sale_id, l.kind, l.sign, CASE l.kind WHEN 'sale' THEN s.sold_at ELSE s.cancelled_at END AS at, ${SALE_COLUMNS}
    FROM statement_lines l JOIN ticket_sales s ON s.id = l.sale_id
   WHERE l.statement_id = ?1`;

/** Adds up lines per kind, type, description, regular and paid price: what a club may see. */
function groupsSql(lines: string): string {
  return `
    SELECT kind, type, description, regular_price_cents, price_cents, count(*) AS count,
           sum(sign * regular_price_cents) AS regular, sum(sign * price_cents) AS paid,
           sum(sign * club_share_cents) AS club, sum(sign * municipality_share_cents) AS municipality
      FROM (${lines})
     GROUP BY kind, type, description, regular_price_cents, price_cents
     ${GROUP_ORDER}`;
}

type LineRow = {
  sale_id: string;
  kind: 'sale' | 'correction';
  sign: number;
  at: string;
  type: 'ticket' | 'membership';
  activity_id: string | null;
  description: string;
  regular_price_cents: number;
  price_cents: number;
  club_share_cents: number;
  municipality_share_cents: number;
};

type GroupRow = {
  kind: 'sale' | 'correction';
  type: 'ticket' | 'membership';
  description: string;
  regular_price_cents: number;
  price_cents: number;
  count: number;
  regular: number;
  paid: number;
  club: number;
  municipality: number;
};

function toLine(r: LineRow): StatementLine {
  return {
    saleId: r.sale_id,
    kind: r.kind,
    type: r.type,
    at: r.at,
    activityId: r.activity_id,
    description: r.description,
    regularPrice: r.sign * r.regular_price_cents,
    paid: r.sign * r.price_cents,
    clubShare: r.sign * r.club_share_cents,
    municipalityShare: r.sign * r.municipality_share_cents,
  };
}

function toGroup(r: GroupRow): StatementGroup {
  return {
    kind: r.kind,
    type: r.type,
    description: r.description,
    unitRegularPrice: r.regular_price_cents,
    unitPaid: r.price_cents,
    count: r.count,
    regularPrice: r.regular,
    paid: r.paid,
    clubShare: r.club,
    municipalityShare: r.municipality,
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

/** Where a statement's lines come from: the frozen lines once approved, the live ones before. */
export type LineSource = { statementId: string } | { clubId: string; range: { start: string; end: string } };

/** The query of a source: `approved` binds ?1 statement, `live` ?1 club, ?2 start, ?3 end. */
function sourceQuery(db: D1Database, source: LineSource, sql: { approved: string; live: string }) {
  return 'statementId' in source
    ? db.prepare(sql.approved).bind(source.statementId)
    : db.prepare(sql.live).bind(source.clubId, source.range.start, source.range.end);
}

/** A statement added up per activity and price, for the club (and anyone else). */
export async function groups(db: D1Database, source: LineSource): Promise<StatementGroup[]> {
  const { results } = await sourceQuery(db, source, {
    approved: groupsSql(APPROVED_LINES_SQL),
    live: LIVE_GROUPS_SQL,
  }).all<GroupRow>();
  return results.map(toGroup);
}

/** A statement line by line, without the person: for the municipality's audit only. */
export async function lines(db: D1Database, source: LineSource): Promise<StatementLine[]> {
  const order = 'ORDER BY at, sale_id';
  const { results } = await sourceQuery(db, source, {
    approved: `${APPROVED_LINES_SQL} ${order}`,
    live: `${liveLinesSql('*')} ${order}`,
  }).all<LineRow>();
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

/** The passholder behind a sale, for counter staff on their way to the audited record. */
export async function salePassholder(db: D1Database, saleId: string): Promise<string | null> {
  const row = await db
    .prepare('SELECT passholder_id FROM ticket_sales WHERE id = ?1')
    .bind(saleId)
    .first<{ passholder_id: string }>();
  return row?.passholder_id ?? null;
}
