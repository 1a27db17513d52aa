export type ScanFacts = {
  activity: { id: string; clubId: string; title: string; startsAt: string; endsAt: string };
  passholder: {
    id: string;
    firstName: string;
    lastName: string;
    passNumber: string;
    cardVersion: number;
    cardBlocked: boolean;
    points: number;
  } | null;
};

type Row = {
  activity_id: string;
  club_id: string;
  title: string;
  starts_at: string;
  ends_at: string;
  passholder_id: string | null;
  first_name: string | null;
  last_name: string | null;
  pass_number: string | null;
  card_version: number | null;
  card_blocked_at: string | null;
  points: number | null;
};

/** Everything a door scan needs, in one query by primary and unique keys; null when the activity does not exist. */
export async function scanFacts(
  db: D1Database,
  activityId: string,
  passNumber: string,
): Promise<ScanFacts | null> {
  const row = await db
    .prepare(
      `SELECT a.id AS activity_id, a.club_id, a.title, a.starts_at, a.ends_at,
              p.id AS passholder_id, p.first_name, p.last_name, p.pass_number, p.card_version, c.blocked_at AS card_blocked_at,
              (SELECT coalesce(sum(l.points), 0) FROM points_ledger l WHERE l.passholder_id = p.id) AS points
         FROM activities a
         LEFT JOIN passholders p ON p.pass_number = ?2
         LEFT JOIN cards c ON c.passholder_id = p.id AND c.version = p.card_version
        WHERE a.id = ?1`,
    )
    .bind(activityId, passNumber)
    .first<Row>();
  if (!row) return null;
  return {
    activity: {
      id: row.activity_id,
      clubId: row.club_id,
      title: row.title,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
    },
    passholder:
      row.passholder_id === null
        ? null
        : {
            id: row.passholder_id,
            firstName: row.first_name!,
            lastName: row.last_name!,
            passNumber: row.pass_number!,
            cardVersion: row.card_version!,
            cardBlocked: row.card_blocked_at !== null,
            points: row.points ?? 0,
          },
  };
}
