/**
 * Check-in and its points in one transaction. The check-in row is unique per holder and activity, and the
 * points line has an id derived from both, so retries and duplicate scans award points exactly once.
 * The call writes a random call id with its check-in: whether this call made the check-in is decided by
 * that id, never by the time (concurrent scans share a millisecond). The last statement reads back the
 * check-in time, the balance and whether this call made the check-in.
 */
export function checkinStatements(
  db: D1Database,
  c: {
    activityId: string;
    passholderId: string;
    points: number;
    by: string;
    via: 'door' | 'self';
    at: string;
  },
): D1PreparedStatement[] {
  const callId = crypto.randomUUID();
  return [
    db
      .prepare(
        'INSERT INTO checkins (activity_id, passholder_id, at, by_user, via, call_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING',
      )
      .bind(c.activityId, c.passholderId, c.at, c.by, c.via, callId),
    db
      .prepare(
        `INSERT INTO points_ledger (id, passholder_id, points, kind, activity_id, created_at, created_by)
         SELECT 'checkin:' || ?1 || ':' || ?2, ?2, ?3, 'checkin', ?1, ?4, ?5
          WHERE ?3 > 0 AND (SELECT call_id FROM checkins WHERE activity_id = ?1 AND passholder_id = ?2) = ?6
         ON CONFLICT DO NOTHING`,
      )
      .bind(c.activityId, c.passholderId, c.points, c.at, c.by, callId),
    db
      .prepare(
        `SELECT k.at, k.call_id IS ?3 AS new_checkin, p.points_balance AS balance, p.first_name, p.last_name
           FROM checkins k JOIN passholders p ON p.id = k.passholder_id WHERE k.activity_id = ?1 AND k.passholder_id = ?2`,
      )
      .bind(c.activityId, c.passholderId, callId),
  ];
}

export type CheckinResult = {
  at: string;
  new_checkin: number;
  balance: number;
  first_name: string;
  last_name: string;
};

export async function checkIn(
  db: D1Database,
  c: Parameters<typeof checkinStatements>[1],
): Promise<CheckinResult> {
  const results = await db.batch<CheckinResult>(checkinStatements(db, c));
  return results[2]!.results[0]!;
}

export type LedgerItem = {
  at: string;
  points: number;
  kind: string;
  note: string | null;
  activityTitle: string | null;
};

/** The balance (always the ledger's sum) and the newest lines. */
export async function ledger(
  db: D1Database,
  passholderId: string,
  limit: number,
): Promise<{ balance: number; items: LedgerItem[] }> {
  const [balance, items] = await db.batch([
    db
      .prepare('SELECT coalesce(sum(points), 0) AS balance FROM points_ledger WHERE passholder_id = ?1')
      .bind(passholderId),
    db
      .prepare(
        `SELECT l.created_at AS at, l.points, l.kind, l.note, a.title AS activityTitle
           FROM points_ledger l LEFT JOIN activities a ON a.id = l.activity_id
          WHERE l.passholder_id = ?1 ORDER BY l.created_at DESC, l.rowid DESC LIMIT ?2`,
      )
      .bind(passholderId, limit),
  ]);
  return {
    balance: (balance?.results[0] as { balance: number }).balance,
    items: (items?.results ?? []) as LedgerItem[],
  };
}

export async function correct(
  db: D1Database,
  passholderId: string,
  points: number,
  note: string,
  by: string,
  at: string,
): Promise<void> {
  await db
    .prepare(
      "INSERT INTO points_ledger (id, passholder_id, points, kind, note, created_at, created_by) VALUES (?1, ?2, ?3, 'correction', ?4, ?5, ?6)",
    )
    .bind(crypto.randomUUID(), passholderId, points, note, at, by)
    .run();
}

/**
 * Points expire after twelve months without activity: for every holder with a positive balance whose
 * last earning is older than `cutoff`, one expiry line takes the balance to zero (id per holder and day,
 * so running twice the same day changes nothing). Returns how many holders lost points.
 */
export async function expirePoints(
  db: D1Database,
  cutoff: string,
  today: string,
  at: string,
): Promise<number> {
  const result = await db
    .prepare(
      `INSERT INTO points_ledger (id, passholder_id, points, kind, note, created_at)
       SELECT 'expiry:' || l.passholder_id || ':' || ?2, l.passholder_id, -sum(l.points), 'expiry', 'no activity for 12 months', ?3
         FROM points_ledger l
        GROUP BY l.passholder_id
       HAVING sum(l.points) > 0 AND max(CASE WHEN l.points > 0 THEN l.created_at END) < ?1
       ON CONFLICT DO NOTHING`,
    )
    .bind(cutoff, today, at)
    .run();
  return result.meta.changes;
}
