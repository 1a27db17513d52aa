export type Reward = {
  id: string;
  clubId: string | null;
  municipalityId: string | null;
  title: string;
  description: string | null;
  pointsCost: number;
  stock: number | null;
  redeemed: number;
  limit: { count: number; period: string } | null;
  welcome: boolean;
  validFrom: string;
  validUntil: string | null;
};

type Row = {
  id: string;
  club_id: string | null;
  municipality_id: string | null;
  title: string;
  description: string | null;
  points_cost: number;
  stock: number | null;
  redeemed: number;
  limit_count: number | null;
  limit_period: string | null;
  welcome: number;
  valid_from: string;
  valid_until: string | null;
};

export function toReward(r: Row): Reward {
  return {
    id: r.id,
    clubId: r.club_id,
    municipalityId: r.municipality_id,
    title: r.title,
    description: r.description,
    pointsCost: r.points_cost,
    stock: r.stock,
    redeemed: r.redeemed,
    limit: r.limit_count && r.limit_period ? { count: r.limit_count, period: r.limit_period } : null,
    welcome: r.welcome === 1,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
  };
}

export type NewReward = Omit<Reward, 'redeemed'> & { by: string; at: string };

export async function insertReward(db: D1Database, r: NewReward): Promise<void> {
  await db
    .prepare(
      `INSERT INTO rewards (id, club_id, municipality_id, title, description, points_cost, stock, limit_count, limit_period, welcome, valid_from, valid_until, created_by, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)`,
    )
    .bind(
      r.id,
      r.clubId,
      r.municipalityId,
      r.title,
      r.description,
      r.pointsCost,
      r.stock,
      r.limit?.count ?? null,
      r.limit?.period ?? null,
      r.welcome ? 1 : 0,
      r.validFrom,
      r.validUntil,
      r.by,
      r.at,
    )
    .run();
}

export async function findReward(db: D1Database, id: string): Promise<Reward | null> {
  const row = await db.prepare('SELECT * FROM rewards WHERE id = ?1').bind(id).first<Row>();
  return row ? toReward(row) : null;
}

/** Rewards of a region valid on `today`: the municipalities' and the clubs'. */
export async function regionRewards(db: D1Database, regionId: string, today: string): Promise<Reward[]> {
  const { results } = await db
    .prepare(
      `SELECT r.* FROM rewards r
         LEFT JOIN clubs c ON c.id = r.club_id
         JOIN municipalities m ON m.id = coalesce(r.municipality_id, c.municipality_id)
        WHERE m.region_id = ?1 AND r.valid_from <= ?2 AND (r.valid_until IS NULL OR r.valid_until >= ?2) AND r.welcome = 0
        ORDER BY r.points_cost, r.title`,
    )
    .bind(regionId, today)
    .all<Row>();
  return results.map(toReward);
}

/** The facts that decide whether a holder can redeem: balance and redemptions in the limit's period. */
export async function holderFacts(
  db: D1Database,
  rewardId: string,
  passholderId: string,
  since: string | null,
) {
  const row = await db
    .prepare(
      `SELECT (SELECT coalesce(sum(points), 0) FROM points_ledger WHERE passholder_id = ?2) AS balance,
              (SELECT count(*) FROM redemptions WHERE reward_id = ?1 AND passholder_id = ?2 AND (?3 IS NULL OR created_at >= ?3)) AS used`,
    )
    .bind(rewardId, passholderId, since)
    .first<{ balance: number; used: number }>();
  return row!;
}

/**
 * Redeems in one transaction: a guard row whose CHECK fails when the balance, the holder's limit or the
 * stock no longer allows it (rolling everything back), the stock count, the redemption and its points line.
 */
export async function redeem(
  db: D1Database,
  r: { id: string; reward: Reward; passholderId: string; since: string | null; by: string; at: string },
): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO write_guards (ok)
         SELECT (SELECT coalesce(sum(points), 0) FROM points_ledger WHERE passholder_id = ?2) >= ?3
            AND (?4 IS NULL OR (SELECT count(*) FROM redemptions WHERE reward_id = ?1 AND passholder_id = ?2 AND (?5 IS NULL OR created_at >= ?5)) < ?4)`,
      )
      .bind(r.reward.id, r.passholderId, r.reward.pointsCost, r.reward.limit?.count ?? null, r.since),
    db.prepare('UPDATE rewards SET redeemed = redeemed + 1 WHERE id = ?1').bind(r.reward.id),
    db
      .prepare(
        'INSERT INTO redemptions (id, reward_id, passholder_id, points, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)',
      )
      .bind(r.id, r.reward.id, r.passholderId, r.reward.pointsCost, r.at, r.by),
    db
      .prepare(
        "INSERT INTO points_ledger (id, passholder_id, points, kind, note, created_at, created_by) VALUES ('reward:' || ?1, ?2, ?3, 'reward', ?4, ?5, ?6)",
      )
      .bind(r.id, r.passholderId, -r.reward.pointsCost, r.reward.title, r.at, r.by),
    db.prepare('DELETE FROM write_guards'),
  ]);
}

export function isGuardViolation(error: unknown): boolean {
  return /CHECK constraint failed|write_guards|redeemed/i.test(String(error));
}

/** A holder's redemptions not handed over yet, at one club (or for the municipality's rewards). */
export async function openRedemptions(db: D1Database, passholderId: string, clubId: string) {
  const { results } = await db
    .prepare(
      `SELECT d.id, r.title, d.created_at FROM redemptions d JOIN rewards r ON r.id = d.reward_id
        WHERE d.passholder_id = ?1 AND d.handed_over_at IS NULL AND r.club_id = ?2 ORDER BY d.created_at`,
    )
    .bind(passholderId, clubId)
    .all<{ id: string; title: string; created_at: string }>();
  return results.map((r) => ({ id: r.id, title: r.title, createdAt: r.created_at }));
}

export async function handOver(
  db: D1Database,
  redemptionId: string,
  clubId: string,
  by: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .prepare(
      `UPDATE redemptions SET handed_over_at = ?3, handed_over_by = ?4
        WHERE id = ?1 AND handed_over_at IS NULL AND reward_id IN (SELECT id FROM rewards WHERE club_id = ?2)`,
    )
    .bind(redemptionId, clubId, at, by)
    .run();
  return result.meta.changes > 0;
}

/** Welcome rewards of the holder's municipality, granted at activation (no points needed). */
export function welcomeStatement(
  db: D1Database,
  passholderId: string,
  at: string,
  onlyForUser: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO redemptions (id, reward_id, passholder_id, points, created_at)
       SELECT lower(hex(randomblob(16))), r.id, p.id, 0, ?2
         FROM passholders p JOIN rewards r ON r.welcome = 1 LEFT JOIN clubs c ON c.id = r.club_id
        WHERE p.id = ?1 AND p.user_id = ?3 AND coalesce(r.municipality_id, c.municipality_id) = p.municipality_id AND r.valid_from <= substr(?2, 1, 10) AND (r.valid_until IS NULL OR r.valid_until >= substr(?2, 1, 10))`,
    )
    .bind(passholderId, at, onlyForUser);
}

export async function myRedemptions(db: D1Database, passholderId: string) {
  const { results } = await db
    .prepare(
      `SELECT d.id, r.title, d.points, d.created_at, d.handed_over_at, r.welcome FROM redemptions d JOIN rewards r ON r.id = d.reward_id
        WHERE d.passholder_id = ?1 ORDER BY d.created_at DESC LIMIT 50`,
    )
    .bind(passholderId)
    .all<{
      id: string;
      title: string;
      points: number;
      created_at: string;
      handed_over_at: string | null;
      welcome: number;
    }>();
  return results.map((r) => ({
    id: r.id,
    title: r.title,
    points: r.points,
    createdAt: r.created_at,
    handedOverAt: r.handed_over_at,
    welcome: r.welcome === 1,
  }));
}
