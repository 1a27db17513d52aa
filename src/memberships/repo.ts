import type { MembershipOffer } from './schema.ts';

type Row = {
  id: string;
  club_id: string;
  season: string;
  title: string;
  category: MembershipOffer['category'];
  regular_price_cents: number;
  archived_at: string | null;
};

const toOffer = (r: Row): MembershipOffer => ({
  id: r.id,
  clubId: r.club_id,
  season: r.season,
  title: r.title,
  category: r.category,
  regularPriceCents: r.regular_price_cents,
  archivedAt: r.archived_at,
});

const COLUMNS = 'id, club_id, season, title, category, regular_price_cents, archived_at';

export async function listOffers(db: D1Database, clubId: string, withArchived: boolean) {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM membership_offers WHERE club_id = ?1 AND (?2 = 1 OR archived_at IS NULL) ORDER BY season, title`,
    )
    .bind(clubId, withArchived ? 1 : 0)
    .all<Row>();
  return results.map(toOffer);
}

export async function findOffer(db: D1Database, id: string): Promise<MembershipOffer | null> {
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM membership_offers WHERE id = ?1`)
    .bind(id)
    .first<Row>();
  return row ? toOffer(row) : null;
}

export async function insertOffer(
  db: D1Database,
  o: Omit<MembershipOffer, 'archivedAt'> & { by: string; at: string },
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO membership_offers (id, club_id, season, title, category, regular_price_cents, created_at, created_by)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
    )
    .bind(o.id, o.clubId, o.season, o.title, o.category, o.regularPriceCents, o.at, o.by)
    .run();
}

/** Withdraws an offer (no new sales; past sales stay). False when it was withdrawn already. */
export async function archiveOffer(db: D1Database, id: string, at: string): Promise<boolean> {
  const result = await db
    .prepare('UPDATE membership_offers SET archived_at = ?2 WHERE id = ?1 AND archived_at IS NULL')
    .bind(id, at)
    .run();
  return result.meta.changes > 0;
}
