import { checkViolation, guardRefused, raised } from '../lib/constraints.ts';

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
  /** Where the holder collects it: the club, or the municipality's Social House. Only in holder-facing lists. */
  collectAt?: CollectAt;
};

export type CollectAt = { kind: 'club' | 'municipality'; name: string };

/** The collection place from a row joined with the club (`club_name`) and the municipality (`municipality_name`). */
function collectAt(r: {
  club_name?: string | null;
  municipality_name?: string | null;
}): CollectAt | undefined {
  if (r.club_name) return { kind: 'club', name: r.club_name };
  if (r.municipality_name) return { kind: 'municipality', name: r.municipality_name };
  return undefined;
}

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
  club_name?: string | null;
  municipality_name?: string | null;
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
    ...(collectAt(r) ? { collectAt: collectAt(r) } : {}),
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
      `SELECT r.*, c.name AS club_name, m.name AS municipality_name FROM rewards r
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

/** The reward's unnamed CHECK on its stock (migration 0004), as SQLite names it. */
const STOCK_CHECK = 'redeemed >= 0 AND (stock IS NULL OR redeemed <= stock)';

/** A redemption's batch was refused: its guard row (balance, limit) or the reward's stock. */
export function isGuardViolation(error: unknown): boolean {
  return guardRefused(error, 'write_guards', 'write_refused') || checkViolation(error, STOCK_CHECK);
}

/** The database's refusal to redeem a welcome reward (it is granted, once; see migration 0007). */
export function isWelcomeRefusal(error: unknown): boolean {
  return raised(error, 'welcome_reward_not_redeemable');
}

/** A pass by its number, with what decides whether its card may be used. */
export async function holderByPassNumber(
  db: D1Database,
  passNumber: string,
): Promise<{ id: string; cardVersion: number; cardBlocked: boolean } | null> {
  const row = await db
    .prepare(
      `SELECT p.id, p.card_version, c.blocked_at FROM passholders p
         LEFT JOIN cards c ON c.passholder_id = p.id AND c.version = p.card_version
        WHERE p.pass_number = ?1`,
    )
    .bind(passNumber)
    .first<{ id: string; card_version: number; blocked_at: string | null }>();
  return row ? { id: row.id, cardVersion: row.card_version, cardBlocked: row.blocked_at !== null } : null;
}

/**
 * Redemptions that may be handed over: not yet handed over, a reward of this club, and for a welcome
 * reward only its one grant (repeated "redemptions" of a welcome reward from before migration 0007 never).
 */
const OPEN_AT_CLUB = `d.handed_over_at IS NULL AND d.reward_id IN (SELECT id FROM rewards WHERE club_id = ?2 AND welcome = d.welcome)`;

/** A holder's redemptions not handed over yet, at one club. */
export async function openRedemptions(db: D1Database, passholderId: string, clubId: string) {
  const { results } = await db
    .prepare(
      `SELECT d.id, r.title, d.created_at, d.welcome FROM redemptions d JOIN rewards r ON r.id = d.reward_id
        WHERE d.passholder_id = ?1 AND ${OPEN_AT_CLUB} ORDER BY d.created_at`,
    )
    .bind(passholderId, clubId)
    .all<{ id: string; title: string; created_at: string; welcome: number }>();
  return results.map((r) => ({
    id: r.id,
    title: r.title,
    createdAt: r.created_at,
    welcome: r.welcome === 1,
  }));
}

/**
 * Hands a redemption over to the holder who is present: one conditional UPDATE, so of any number of
 * concurrent calls exactly one changes the row (decided by its `changes`, nothing else).
 */
export async function handOver(
  db: D1Database,
  h: { redemptionId: string; clubId: string; passholderId: string; by: string; at: string },
): Promise<'handed_over' | 'already' | 'not_found'> {
  const result = await db
    .prepare(
      `UPDATE redemptions AS d SET handed_over_at = ?4, handed_over_by = ?5
        WHERE d.id = ?1 AND d.passholder_id = ?3 AND ${OPEN_AT_CLUB}`,
    )
    .bind(h.redemptionId, h.clubId, h.passholderId, h.at, h.by)
    .run();
  if (result.meta.changes > 0) return 'handed_over';
  const done = await db
    .prepare(
      `SELECT 1 AS x FROM redemptions d WHERE d.id = ?1 AND d.passholder_id = ?3 AND d.handed_over_at IS NOT NULL
          AND d.reward_id IN (SELECT id FROM rewards WHERE club_id = ?2)`,
    )
    .bind(h.redemptionId, h.clubId, h.passholderId)
    .first();
  return done ? 'already' : 'not_found';
}

/**
 * Grants the welcome rewards of the holder's municipality valid on `at`, each at most once per holder:
 * the unique index on (reward, holder) of welcome grants turns a second grant into nothing
 * (ON CONFLICT DO NOTHING), whether it comes from a repeated call or a concurrent one. With
 * `onlyForUser`, only if the pass belongs to that account (activation, in the same batch).
 */
export function welcomeStatement(
  db: D1Database,
  passholderId: string,
  at: string,
  onlyForUser: string | null,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO redemptions (id, reward_id, passholder_id, points, created_at, welcome)
       SELECT lower(hex(randomblob(16))), r.id, p.id, 0, ?2, 1
         FROM passholders p JOIN rewards r ON r.welcome = 1 LEFT JOIN clubs c ON c.id = r.club_id
        WHERE p.id = ?1 AND (?3 IS NULL OR p.user_id = ?3) AND coalesce(r.municipality_id, c.municipality_id) = p.municipality_id
          AND r.valid_from <= substr(?2, 1, 10) AND (r.valid_until IS NULL OR r.valid_until >= substr(?2, 1, 10))
       ON CONFLICT DO NOTHING`,
    )
    .bind(passholderId, at, onlyForUser);
}

/** Grants the missing welcome rewards (counter staff), audited in the same transaction; how many were new. */
export async function grantWelcome(
  db: D1Database,
  passholderId: string,
  at: string,
  audit: D1PreparedStatement,
): Promise<number> {
  const [insert] = await db.batch([welcomeStatement(db, passholderId, at, null), audit]);
  return insert?.meta.changes ?? 0;
}

export async function myRedemptions(db: D1Database, passholderId: string) {
  const { results } = await db
    .prepare(
      `SELECT d.id, r.title, d.points, d.created_at, d.handed_over_at, r.welcome, r.valid_until,
              c.name AS club_name, m.name AS municipality_name
         FROM redemptions d JOIN rewards r ON r.id = d.reward_id
         LEFT JOIN clubs c ON c.id = r.club_id
         LEFT JOIN municipalities m ON m.id = r.municipality_id
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
      valid_until: string | null;
      club_name: string | null;
      municipality_name: string | null;
    }>();
  return results.map((r) => ({
    id: r.id,
    title: r.title,
    points: r.points,
    createdAt: r.created_at,
    handedOverAt: r.handed_over_at,
    welcome: r.welcome === 1,
    validUntil: r.valid_until,
    collectAt: collectAt(r) ?? null,
  }));
}

/**
 * 'reward_ready' messages (nightly): one per holder and reward of their municipality (its own, or one of its
 * clubs) that is available today and whose cost their balance reaches, in the holder's language. The id is
 * derived from reward and holder, so each is written once, however often the job runs. Answers how many.
 */
export async function writeRewardReady(
  db: D1Database,
  texts: { nl: string; fr: string; en: string },
  today: string,
  at: string,
): Promise<number> {
  const fillIn = (n: number) =>
    `replace(replace(?${n}, '{title}', r.title), '{points}', CAST(r.points_cost AS TEXT))`;
  const result = await db
    .prepare(
      `INSERT INTO notifications (id, passholder_id, kind, activity_id, message, created_at)
       SELECT 'reward_ready:' || r.id || ':' || p.id, p.id, 'reward_ready', NULL,
              CASE p.locale WHEN 'fr' THEN ${fillIn(2)} WHEN 'en' THEN ${fillIn(3)} ELSE ${fillIn(1)} END, ?5
         FROM rewards r
         JOIN passholders p ON p.municipality_id = coalesce(r.municipality_id, (SELECT c.municipality_id FROM clubs c WHERE c.id = r.club_id))
        WHERE r.welcome = 0 AND r.points_cost > 0 AND r.valid_from <= ?4 AND (r.valid_until IS NULL OR r.valid_until >= ?4)
          AND (r.stock IS NULL OR r.redeemed < r.stock) AND p.points_balance >= r.points_cost
       ON CONFLICT DO NOTHING`,
    )
    .bind(texts.nl, texts.fr, texts.en, today, at)
    .run();
  return result.meta.changes ?? 0;
}
