import { revokeUserSessionsStatement } from '../auth/repo.ts';
import type { StaffMember } from './schema.ts';

type StaffRow = {
  user_id: string;
  display_name: string;
  email: string | null;
  role: StaffMember['role'];
  blocked_at: string | null;
};

function toStaff(row: StaffRow): StaffMember {
  return {
    userId: row.user_id,
    displayName: row.display_name,
    email: row.email,
    role: row.role,
    blocked: row.blocked_at !== null,
  };
}

export type Scope = { municipalityId: string; clubId: null } | { municipalityId: null; clubId: string };

/** Staff of one club or one municipality. */
export async function listStaff(db: D1Database, scope: Scope): Promise<StaffMember[]> {
  const { results } = await db
    .prepare(
      `SELECT r.user_id, u.display_name, u.email, r.role, u.blocked_at
         FROM staff_roles r JOIN users u ON u.id = r.user_id
        WHERE (?1 IS NOT NULL AND r.municipality_id = ?1) OR (?2 IS NOT NULL AND r.club_id = ?2)
        ORDER BY u.display_name, r.role`,
    )
    .bind(scope.municipalityId, scope.clubId)
    .all<StaffRow>();
  return results.map(toStaff);
}

export async function findUserByEmail(db: D1Database, email: string): Promise<{ id: string } | null> {
  return db.prepare('SELECT id FROM users WHERE email = ?1').bind(email).first<{ id: string }>();
}

/**
 * Gives a role in a scope to the account with this email, creating the account first when there is
 * none (then `passwordHash` is needed). One batch: no account without its role. Returns false when
 * the person already had that role there.
 */
export async function addStaff(
  db: D1Database,
  input: {
    newUserId: string;
    email: string;
    displayName: string;
    passwordHash: string | null;
    role: StaffMember['role'];
  },
  scope: Scope,
  now: string,
): Promise<boolean> {
  const [, role] = await db.batch([
    db
      .prepare(
        `INSERT INTO users (id, email, password_hash, display_name, created_at) SELECT ?1, ?2, ?3, ?4, ?5
          WHERE ?3 IS NOT NULL ON CONFLICT (email) DO NOTHING`,
      )
      .bind(input.newUserId, input.email, input.passwordHash, input.displayName, now),
    db
      .prepare(
        `INSERT INTO staff_roles (user_id, role, municipality_id, club_id, created_at)
         SELECT id, ?2, ?3, ?4, ?5 FROM users WHERE email = ?1
         ON CONFLICT DO NOTHING`,
      )
      .bind(input.email, input.role, scope.municipalityId, scope.clubId, now),
  ]);
  return (role?.meta.changes ?? 0) > 0;
}

/** Takes every role of a user in a scope away; false when there was none. */
export async function removeStaff(db: D1Database, userId: string, scope: Scope): Promise<boolean> {
  const result = await db
    .prepare(
      `DELETE FROM staff_roles WHERE user_id = ?1
          AND ((?2 IS NOT NULL AND municipality_id = ?2) OR (?3 IS NOT NULL AND club_id = ?3))`,
    )
    .bind(userId, scope.municipalityId, scope.clubId)
    .run();
  return result.meta.changes > 0;
}

/** The municipalities a user belongs to: through staff roles, clubs, or as a resident. */
export async function userMunicipalities(
  db: D1Database,
  userId: string,
): Promise<{ exists: boolean; staff: string[]; resident: string | null }> {
  const row = await db
    .prepare(
      `SELECT u.id,
              (SELECT json_group_array(DISTINCT coalesce(r.municipality_id, c.municipality_id))
                 FROM staff_roles r LEFT JOIN clubs c ON c.id = r.club_id WHERE r.user_id = u.id) AS staff,
              (SELECT municipality_id FROM passholders WHERE user_id = u.id) AS resident
         FROM users u WHERE u.id = ?1`,
    )
    .bind(userId)
    .first<{ id: string; staff: string; resident: string | null }>();
  if (!row) return { exists: false, staff: [], resident: null };
  return { exists: true, staff: JSON.parse(row.staff) as string[], resident: row.resident };
}

/** Blocks or unblocks an account; blocking revokes every session in the same transaction. */
export async function setBlocked(
  db: D1Database,
  userId: string,
  blocked: boolean,
  now: string,
): Promise<void> {
  if (!blocked) {
    await db.prepare('UPDATE users SET blocked_at = NULL WHERE id = ?1').bind(userId).run();
    return;
  }
  await db.batch([
    db.prepare('UPDATE users SET blocked_at = ?2 WHERE id = ?1 AND blocked_at IS NULL').bind(userId, now),
    revokeUserSessionsStatement(db, userId, now),
  ]);
}
