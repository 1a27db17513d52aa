import type { SessionUser, StaffRole } from '../env.ts';
import { isLocale } from '../lib/i18n.ts';
import { FIRST_LOCK_SECONDS, FREE_ATTEMPTS, MAX_LOCK_SECONDS } from './throttle.ts';

export type LoginCandidate = {
  id: string;
  passwordHash: string | null;
  blocked: boolean;
};

export type ThrottleState = { failures: number; lockedUntil: string | null };

type CandidateRow = {
  id: string | null;
  password_hash: string | null;
  blocked_at: string | null;
  failures: number | null;
  locked_until: string | null;
};

/**
 * The account a login name (email, or a resident's pass number) points to, and the throttle state of that
 * login name (`throttleKey`), in one query. Throttling is per login name, not per account, so the answers
 * to one name never depend on attempts with another name of the same account.
 */
export async function findLoginCandidate(
  db: D1Database,
  email: string,
  passNumber: string | null,
  throttleKey: string,
): Promise<{ candidate: LoginCandidate | null; throttle: ThrottleState }> {
  const row = await db
    .prepare(
      `SELECT u.id, u.password_hash, u.blocked_at, t.failures, t.locked_until
         FROM (SELECT ?3 AS key) k
         LEFT JOIN login_throttle t ON t.key = k.key
         LEFT JOIN users u ON u.id = coalesce(
           (SELECT id FROM users WHERE email = ?1),
           (SELECT user_id FROM passholders WHERE pass_number = ?2))`,
    )
    .bind(email, passNumber, throttleKey)
    .first<CandidateRow>();
  return {
    candidate: row?.id
      ? { id: row.id, passwordHash: row.password_hash, blocked: row.blocked_at !== null }
      : null,
    throttle: { failures: row?.failures ?? 0, lockedUntil: row?.locked_until ?? null },
  };
}

/** Throttle state for a login name that matches no account (so unknown names are throttled too). */
export async function findThrottle(
  db: D1Database,
  key: string,
): Promise<{ failures: number; lockedUntil: string | null }> {
  const row = await db
    .prepare('SELECT failures, locked_until FROM login_throttle WHERE key = ?1')
    .bind(key)
    .first<{ failures: number; locked_until: string | null }>();
  return { failures: row?.failures ?? 0, lockedUntil: row?.locked_until ?? null };
}

/**
 * Counts one failed login and sets the lock of the `lockSeconds` policy in the same statement,
 * so parallel failures can neither lose a count nor shorten a lock.
 */
export async function recordFailure(
  db: D1Database,
  key: string,
  now: string,
): Promise<{ failures: number; lockedUntil: string | null }> {
  const row = await db
    .prepare(
      `INSERT INTO login_throttle (key, failures, locked_until, updated_at) VALUES (?1, 1, NULL, ?2)
       ON CONFLICT (key) DO UPDATE SET
         failures = failures + 1,
         updated_at = ?2,
         locked_until = CASE WHEN failures + 1 >= ?3
           THEN strftime('%Y-%m-%dT%H:%M:%fZ', ?2, '+' || min(?5, ?4 * (1 << min(20, failures + 1 - ?3))) || ' seconds')
           ELSE locked_until END
       RETURNING failures, locked_until`,
    )
    .bind(key, now, FREE_ATTEMPTS, FIRST_LOCK_SECONDS, MAX_LOCK_SECONDS)
    .first<{ failures: number; locked_until: string | null }>();
  return { failures: row!.failures, lockedUntil: row!.locked_until };
}

/** A successful login: forget the failures and open a session, in one transaction. */
export async function openSession(
  db: D1Database,
  session: { id: string; userId: string; createdAt: string; expiresAt: string },
  throttleKey: string,
): Promise<void> {
  await db.batch([
    db.prepare('DELETE FROM login_throttle WHERE key = ?1').bind(throttleKey),
    db
      .prepare('INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)')
      .bind(session.id, session.userId, session.createdAt, session.expiresAt),
  ]);
}

export type SessionRow = {
  user_id: string;
  email: string | null;
  display_name: string;
  locale: string;
  passholder_id: string | null;
  household_id: string | null;
  resident_municipality_id: string | null;
  staff_roles: string;
};

/** The session lookup every signed-in request makes (one query, by primary keys). */
export const SESSION_SQL = `SELECT u.id AS user_id, u.email, u.display_name, u.locale,
              p.id AS passholder_id, p.household_id, p.municipality_id AS resident_municipality_id,
              (SELECT json_group_array(json_object('role', r.role, 'municipalityId', r.municipality_id, 'clubId', r.club_id))
                 FROM staff_roles r WHERE r.user_id = u.id) AS staff_roles
         FROM sessions s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN passholders p ON p.user_id = u.id
        WHERE s.id = ?1 AND s.revoked_at IS NULL AND s.expires_at > ?2 AND u.blocked_at IS NULL`;

/** The session look-up as a statement, for a batch (the door's second read); read it with {@link toSessionUser}. */
export function sessionUserStatement(db: D1Database, sessionId: string, now: string): D1PreparedStatement {
  return db.prepare(SESSION_SQL).bind(sessionId, now);
}

/** The user of a row of {@link SESSION_SQL}; null when there was no live session. */
export function toSessionUser(row: SessionRow | null | undefined, sessionId: string): SessionUser | null {
  if (!row) return null;
  return {
    id: row.user_id,
    sessionId,
    email: row.email,
    displayName: row.display_name,
    locale: isLocale(row.locale) ? row.locale : 'nl',
    staffRoles: JSON.parse(row.staff_roles) as StaffRole[],
    passholderId: row.passholder_id,
    householdId: row.household_id,
    residentMunicipalityId: row.resident_municipality_id,
  };
}

/** The user behind a live session (not revoked, not expired, user not blocked), in one query; null otherwise. */
export async function loadSessionUser(
  db: D1Database,
  sessionId: string,
  now: string,
): Promise<SessionUser | null> {
  return toSessionUser(await sessionUserStatement(db, sessionId, now).first<SessionRow>(), sessionId);
}

export async function revokeSession(db: D1Database, sessionId: string, now: string): Promise<void> {
  await db
    .prepare('UPDATE sessions SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL')
    .bind(sessionId, now)
    .run();
}

/** Revokes every live session of a user except `keep` (e.g. after a password change). */
export function revokeUserSessionsStatement(
  db: D1Database,
  userId: string,
  now: string,
  keep: string | null = null,
): D1PreparedStatement {
  return db
    .prepare('UPDATE sessions SET revoked_at = ?2 WHERE user_id = ?1 AND revoked_at IS NULL AND id IS NOT ?3')
    .bind(userId, now, keep);
}

export async function setLocale(db: D1Database, userId: string, locale: string): Promise<void> {
  await db.prepare('UPDATE users SET locale = ?2 WHERE id = ?1').bind(userId, locale).run();
}

export async function findPasswordHash(db: D1Database, userId: string): Promise<string | null> {
  const row = await db
    .prepare('SELECT password_hash FROM users WHERE id = ?1')
    .bind(userId)
    .first<{ password_hash: string | null }>();
  return row?.password_hash ?? null;
}

/** New password and revocation of the user's other sessions, together. */
export async function changePassword(
  db: D1Database,
  userId: string,
  hash: string,
  keepSession: string,
  now: string,
): Promise<void> {
  await db.batch([
    db.prepare('UPDATE users SET password_hash = ?2 WHERE id = ?1').bind(userId, hash),
    revokeUserSessionsStatement(db, userId, now, keepSession),
  ]);
}

/**
 * Removes sessions that can no longer be used: expired, or revoked more than a day ago (the nightly job),
 * and throttle rows of failures whose lock ended more than a day ago. Returns how many sessions went.
 */
export async function purgeSessions(db: D1Database, now: string): Promise<number> {
  const dayAgo = new Date(Date.parse(now) - 86_400_000).toISOString();
  const [sessions] = await db.batch([
    db.prepare('DELETE FROM sessions WHERE expires_at < ?1 OR revoked_at < ?2').bind(now, dayAgo),
    db
      .prepare('DELETE FROM login_throttle WHERE updated_at < ?1 AND coalesce(locked_until, ?1) < ?1')
      .bind(dayAgo),
  ]);
  return sessions?.meta.changes ?? 0;
}

/** Where a passholder belongs (their municipality and region), and whether `guardianPassholderId` is their guardian. */
export async function passholderScope(
  db: D1Database,
  passholderId: string,
  guardianPassholderId: string | null,
): Promise<{ municipalityId: string; regionId: string; guarded: boolean } | null> {
  const row = await db
    .prepare(
      `SELECT p.municipality_id, m.region_id,
              EXISTS (SELECT 1 FROM guardianships g WHERE g.guardian_id = ?2 AND g.ward_id = p.id) AS guarded
         FROM passholders p JOIN municipalities m ON m.id = p.municipality_id WHERE p.id = ?1`,
    )
    .bind(passholderId, guardianPassholderId)
    .first<{ municipality_id: string; region_id: string; guarded: number }>();
  return row
    ? { municipalityId: row.municipality_id, regionId: row.region_id, guarded: row.guarded === 1 }
    : null;
}

/** What the access rules need of a club. */
export type ClubScope = {
  id: string;
  municipalityId: string;
  name: string;
  status: 'pending' | 'approved' | 'suspended';
};

export async function clubScope(db: D1Database, clubId: string): Promise<ClubScope | null> {
  const row = await db
    .prepare('SELECT id, municipality_id, name, status FROM clubs WHERE id = ?1')
    .bind(clubId)
    .first<{ id: string; municipality_id: string; name: string; status: ClubScope['status'] }>();
  return row ? { id: row.id, municipalityId: row.municipality_id, name: row.name, status: row.status } : null;
}
