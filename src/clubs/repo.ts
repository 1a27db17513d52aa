import { doorWindow, type DoorTimes } from '../activities/window.ts';
import type { ActivitySummary, Club, ClubInput } from './schema.ts';

type ClubRow = {
  id: string;
  municipality_id: string;
  name: string;
  kind: Club['kind'];
  status: Club['status'];
  contact_email: string | null;
  approved_at: string | null;
  created_at: string;
};

const CLUB_COLUMNS = 'id, municipality_id, name, kind, status, contact_email, approved_at, created_at';

function toClub(row: ClubRow): Club {
  return {
    id: row.id,
    municipalityId: row.municipality_id,
    name: row.name,
    kind: row.kind,
    status: row.status,
    contactEmail: row.contact_email,
    approvedAt: row.approved_at,
    createdAt: row.created_at,
  };
}

export async function findClub(db: D1Database, id: string): Promise<Club | null> {
  const row = await db.prepare(`SELECT ${CLUB_COLUMNS} FROM clubs WHERE id = ?1`).bind(id).first<ClubRow>();
  return row ? toClub(row) : null;
}

/** Approved clubs, optionally of one municipality. */
export async function listApprovedClubs(db: D1Database, municipalityId: string | null): Promise<Club[]> {
  const { results } = await db
    .prepare(
      `SELECT ${CLUB_COLUMNS} FROM clubs WHERE status = 'approved' AND (?1 IS NULL OR municipality_id = ?1) ORDER BY name`,
    )
    .bind(municipalityId)
    .all<ClubRow>();
  return results.map(toClub);
}

/** Every club of a municipality, whatever its status. */
export async function listMunicipalityClubs(db: D1Database, municipalityId: string): Promise<Club[]> {
  const { results } = await db
    .prepare(
      `SELECT ${CLUB_COLUMNS} FROM clubs WHERE municipality_id = ?1 ORDER BY status = 'approved', name`,
    )
    .bind(municipalityId)
    .all<ClubRow>();
  return results.map(toClub);
}

/** A new club awaiting approval; null when the municipality has a club of that name. */
export async function insertClub(
  db: D1Database,
  id: string,
  municipalityId: string,
  input: ClubInput,
  now: string,
): Promise<Club | null> {
  const row = await db
    .prepare(
      `INSERT INTO clubs (id, municipality_id, name, kind, status, contact_email, created_at)
       VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?6)
       ON CONFLICT (municipality_id, name) DO NOTHING
       RETURNING ${CLUB_COLUMNS}`,
    )
    .bind(id, municipalityId, input.name, input.kind, input.contactEmail, now)
    .first<ClubRow>();
  return row ? toClub(row) : null;
}

/** Sets a club's status; approving records who and when. */
export async function setClubStatus(
  db: D1Database,
  id: string,
  status: Club['status'],
  by: string,
  now: string,
): Promise<Club | null> {
  const row = await db
    .prepare(
      `UPDATE clubs SET status = ?2,
              approved_at = CASE WHEN ?2 = 'approved' THEN ?4 ELSE approved_at END,
              approved_by = CASE WHEN ?2 = 'approved' THEN ?3 ELSE approved_by END
        WHERE id = ?1 RETURNING ${CLUB_COLUMNS}`,
    )
    .bind(id, status, by, now)
    .first<ClubRow>();
  return row ? toClub(row) : null;
}

/** When the door of an activity opens and closes, for the door page. */
function doorTimes(a: DoorTimes): { opensAt: string; closesAt: string } {
  const w = doorWindow(a);
  return { opensAt: new Date(w.opens).toISOString(), closesAt: new Date(w.closes).toISOString() };
}

/** A club's activities from `from` on, soonest first. */
export async function listClubActivities(
  db: D1Database,
  clubId: string,
  from: string,
  limit: number,
): Promise<ActivitySummary[]> {
  const { results } = await db
    .prepare(
      `SELECT a.id, a.club_id, a.title, a.category, a.starts_at, a.ends_at, a.venue_name, a.capacity, a.regular_price_cents, a.draft,
              a.checkin_before_minutes, a.checkin_after_minutes,
              a.cancelled_at IS NOT NULL AS cancelled,
              (SELECT count(*) FROM signups s WHERE s.activity_id = a.id AND s.status <> 'cancelled') AS signed_up
         FROM activities a WHERE a.club_id = ?1 AND a.ends_at >= ?2 ORDER BY a.starts_at LIMIT ?3`,
    )
    .bind(clubId, from, limit)
    .all<{
      id: string;
      club_id: string;
      title: string;
      category: string;
      starts_at: string;
      ends_at: string;
      venue_name: string | null;
      capacity: number | null;
      regular_price_cents: number;
      draft: number;
      checkin_before_minutes: number;
      checkin_after_minutes: number;
      cancelled: number;
      signed_up: number;
    }>();
  return results.map((r) => ({
    id: r.id,
    clubId: r.club_id,
    title: r.title,
    category: r.category,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    venueName: r.venue_name,
    capacity: r.capacity,
    regularPriceCents: r.regular_price_cents,
    draft: r.draft === 1,
    cancelled: r.cancelled === 1,
    signedUp: r.signed_up,
    door: doorTimes({
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      before: r.checkin_before_minutes,
      after: r.checkin_after_minutes,
    }),
  }));
}
