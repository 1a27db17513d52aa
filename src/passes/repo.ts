import { uniqueViolation } from '../lib/constraints.ts';
import { newId } from '../lib/ids.ts';
import type {
  AuditAction,
  AuditEntry,
  Passholder,
  PassholderPatch,
  Register,
  SearchResult,
} from './schema.ts';

type RecordRow = {
  id: string;
  municipality_id: string;
  neighbourhood_id: string | null;
  household_id: string | null;
  pass_number: string;
  first_name: string;
  last_name: string;
  birth_date: string;
  postal_code: string;
  address: string | null;
  email: string | null;
  phone: string | null;
  locale: Passholder['locale'];
  card_version: number;
  card_blocked_at: string | null;
  card_block_reason: string | null;
  user_id: string | null;
  account_email: string | null;
  activation_expires_at: string | null;
  guardians: string;
  wards: string;
};

const RECORD_SQL = `
  SELECT p.id, p.municipality_id, p.neighbourhood_id, p.household_id, p.pass_number, p.first_name, p.last_name,
         p.birth_date, p.postal_code, p.address, p.email, p.phone, p.locale, p.card_version,
         c.blocked_at AS card_blocked_at, c.block_reason AS card_block_reason,
         u.id AS user_id, u.email AS account_email,
         CASE WHEN p.activation_code_hash IS NOT NULL THEN p.activation_expires_at END AS activation_expires_at,
         (SELECT json_group_array(json_object('passholderId', g.guardian_id, 'firstName', o.first_name, 'lastName', o.last_name, 'basis', g.basis))
            FROM guardianships g JOIN passholders o ON o.id = g.guardian_id WHERE g.ward_id = p.id) AS guardians,
         (SELECT json_group_array(json_object('passholderId', g.ward_id, 'firstName', o.first_name, 'lastName', o.last_name, 'basis', g.basis))
            FROM guardianships g JOIN passholders o ON o.id = g.ward_id WHERE g.guardian_id = p.id) AS wards
    FROM passholders p
    JOIN cards c ON c.passholder_id = p.id AND c.version = p.card_version
    LEFT JOIN users u ON u.id = p.user_id
   WHERE p.id = ?1`;

function toPassholder(row: RecordRow): Passholder {
  return {
    id: row.id,
    municipalityId: row.municipality_id,
    neighbourhoodId: row.neighbourhood_id,
    householdId: row.household_id,
    passNumber: row.pass_number,
    firstName: row.first_name,
    lastName: row.last_name,
    birthDate: row.birth_date,
    postalCode: row.postal_code,
    address: row.address,
    email: row.email,
    phone: row.phone,
    locale: row.locale,
    card: { version: row.card_version, blockedAt: row.card_blocked_at, blockReason: row.card_block_reason },
    account: { active: row.user_id !== null, email: row.account_email },
    activationExpiresAt: row.activation_expires_at,
    guardians: JSON.parse(row.guardians) as Passholder['guardians'],
    wards: JSON.parse(row.wards) as Passholder['wards'],
  };
}

export type Audit = { actorUserId: string; action: AuditAction; reason: string; at: string };

/** One line of the audit log: who did what to whose record, when and why. */
export function auditStatement(db: D1Database, passholderId: string, audit: Audit): D1PreparedStatement {
  return db
    .prepare(
      'INSERT INTO audit_log (id, at, actor_user_id, passholder_id, action, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)',
    )
    .bind(newId(), audit.at, audit.actorUserId, passholderId, audit.action, audit.reason);
}

/**
 * A passholder's full record. With `audit` (a staff read), the audit line is written in the same
 * transaction as the read, so no read goes unlogged.
 */
export async function readRecord(db: D1Database, id: string, audit?: Audit): Promise<Passholder | null> {
  const read = db.prepare(RECORD_SQL).bind(id);
  if (!audit) {
    const row = await read.first<RecordRow>();
    return row ? toPassholder(row) : null;
  }
  const exists = await db.prepare('SELECT 1 AS x FROM passholders WHERE id = ?1').bind(id).first();
  if (!exists) return null;
  const [, result] = await db.batch<RecordRow>([auditStatement(db, id, audit), read]);
  const row = result?.results[0];
  return row ? toPassholder(row) : null;
}

/** Passes in a municipality for the same name and birth date (before a second pass is made). */
export async function findDuplicates(
  db: D1Database,
  municipalityId: string,
  input: { firstName: string; lastName: string; birthDate: string },
): Promise<SearchResult[]> {
  const { results } = await db
    .prepare(
      `SELECT id, first_name, last_name, birth_date, pass_number, household_id FROM passholders
        WHERE municipality_id = ?1 AND birth_date = ?2 AND lower(first_name) = lower(?3) AND lower(last_name) = lower(?4)`,
    )
    .bind(municipalityId, input.birthDate, input.firstName, input.lastName)
    .all<SearchRow>();
  return results.map(toSearchResult);
}

type SearchRow = {
  id: string;
  first_name: string;
  last_name: string;
  birth_date: string;
  pass_number: string;
  household_id: string | null;
};
function toSearchResult(r: SearchRow): SearchResult {
  return {
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    birthDate: r.birth_date,
    passNumber: r.pass_number,
    householdId: r.household_id,
  };
}

/**
 * Counter search in one municipality: by exact pass number, or by the start of a first or last name,
 * optionally narrowed by birth date.
 */
export async function search(
  db: D1Database,
  municipalityId: string,
  query: { passNumber: string | null; name: string | null; birthDate: string | null },
  limit: number,
): Promise<SearchResult[]> {
  const { results } = await db
    .prepare(
      `SELECT id, first_name, last_name, birth_date, pass_number, household_id FROM passholders
        WHERE municipality_id = ?1
          AND (?2 IS NULL OR pass_number = ?2)
          AND (?3 IS NULL OR lower(last_name) LIKE ?3 || '%' OR lower(first_name) LIKE ?3 || '%'
               OR lower(first_name || ' ' || last_name) LIKE ?3 || '%')
          AND (?4 IS NULL OR birth_date = ?4)
        ORDER BY last_name, first_name, birth_date LIMIT ?5`,
    )
    .bind(
      municipalityId,
      query.passNumber,
      query.name?.toLowerCase().replace(/[%_]/g, '') ?? null,
      query.birthDate,
      limit,
    )
    .all<SearchRow>();
  return results.map(toSearchResult);
}

export type NewPassholder = Omit<Register, 'confirmDuplicate'> & {
  id: string;
  municipalityId: string;
  passNumber: string;
  activationCodeHash: string;
  activationExpiresAt: string;
};

/**
 * Registers a resident in one transaction: a new household when none is given, the passholder,
 * card version 1, the guardian link for a minor, and the audit line.
 * Returns false when the pass number was taken (the caller draws another).
 */
export async function register(db: D1Database, p: NewPassholder, audit: Audit): Promise<boolean> {
  const householdId = p.householdId ?? newId();
  const statements: D1PreparedStatement[] = [];
  if (!p.householdId) {
    statements.push(
      db
        .prepare('INSERT INTO households (id, municipality_id, created_at) VALUES (?1, ?2, ?3)')
        .bind(householdId, p.municipalityId, audit.at),
    );
  }
  statements.push(
    db
      .prepare(
        `INSERT INTO passholders (id, municipality_id, neighbourhood_id, household_id, pass_number, first_name, last_name, birth_date,
                                  postal_code, address, email, phone, locale, card_version, activation_code_hash, activation_expires_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 1, ?14, ?15, ?16, ?16)`,
      )
      .bind(
        p.id,
        p.municipalityId,
        p.neighbourhoodId,
        householdId,
        p.passNumber,
        p.firstName,
        p.lastName,
        p.birthDate,
        p.postalCode,
        p.address,
        p.email,
        p.phone,
        p.locale,
        p.activationCodeHash,
        p.activationExpiresAt,
        audit.at,
      ),
    db
      .prepare('INSERT INTO cards (passholder_id, version, issued_at, issued_by) VALUES (?1, 1, ?2, ?3)')
      .bind(p.id, audit.at, audit.actorUserId),
    auditStatement(db, p.id, audit),
  );
  if (p.guardianId) {
    statements.push(
      db
        .prepare(
          "INSERT INTO guardianships (guardian_id, ward_id, basis, created_at, created_by) VALUES (?1, ?2, 'minor', ?3, ?4)",
        )
        .bind(p.guardianId, p.id, audit.at, audit.actorUserId),
    );
  }
  try {
    await db.batch(statements);
    return true;
  } catch (error) {
    if (uniqueViolation(error, 'passholders', 'pass_number')) return false;
    throw error;
  }
}

const PATCH_COLUMNS: Record<keyof PassholderPatch, string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  birthDate: 'birth_date',
  postalCode: 'postal_code',
  neighbourhoodId: 'neighbourhood_id',
  locale: 'locale',
  email: 'email',
  phone: 'phone',
  address: 'address',
  municipalityId: 'municipality_id',
};

/** Corrects a record and logs it, in one transaction. A move within the region also gives a new household. */
export async function update(
  db: D1Database,
  id: string,
  patch: PassholderPatch,
  audit: Audit,
  newHouseholdId: string | null,
): Promise<void> {
  const changes: [string, string | null][] = Object.entries(patch)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => [PATCH_COLUMNS[key as keyof PassholderPatch], value as string | null]);
  const statements: D1PreparedStatement[] = [];
  if (newHouseholdId) {
    statements.push(
      db
        .prepare('INSERT INTO households (id, municipality_id, created_at) VALUES (?1, ?2, ?3)')
        .bind(newHouseholdId, patch.municipalityId!, audit.at),
    );
    changes.push(['household_id', newHouseholdId]);
  }
  const assignments = changes.map(([column], i) => `, ${column} = ?${i + 3}`).join('');
  statements.push(
    db
      .prepare(`UPDATE passholders SET updated_at = ?2${assignments} WHERE id = ?1`)
      .bind(id, audit.at, ...changes.map(([, value]) => value)),
    auditStatement(db, id, audit),
  );
  await db.batch(statements);
}

/** Moves a passholder into another household of the same municipality, or into a new one. */
export async function moveToHousehold(
  db: D1Database,
  id: string,
  municipalityId: string,
  householdId: string | null,
  audit: Audit,
): Promise<string> {
  const target = householdId ?? newId();
  await db.batch([
    ...(householdId
      ? []
      : [
          db
            .prepare('INSERT INTO households (id, municipality_id, created_at) VALUES (?1, ?2, ?3)')
            .bind(target, municipalityId, audit.at),
        ]),
    db
      .prepare('UPDATE passholders SET household_id = ?2, updated_at = ?3 WHERE id = ?1')
      .bind(id, target, audit.at),
    auditStatement(db, id, audit),
  ]);
  return target;
}

export async function householdMunicipality(db: D1Database, householdId: string): Promise<string | null> {
  const row = await db
    .prepare('SELECT municipality_id FROM households WHERE id = ?1')
    .bind(householdId)
    .first<{ municipality_id: string }>();
  return row?.municipality_id ?? null;
}

export async function birthDateOf(
  db: D1Database,
  id: string,
): Promise<{ birthDate: string; municipalityId: string } | null> {
  const row = await db
    .prepare('SELECT birth_date, municipality_id FROM passholders WHERE id = ?1')
    .bind(id)
    .first<{ birth_date: string; municipality_id: string }>();
  return row ? { birthDate: row.birth_date, municipalityId: row.municipality_id } : null;
}

/** Makes `guardianId` the guardian of `wardId` (both records logged); false when it already was. */
export async function addGuardian(
  db: D1Database,
  guardianId: string,
  wardId: string,
  basis: 'minor' | 'consent',
  audit: Audit,
): Promise<boolean> {
  const [insert] = await db.batch([
    db
      .prepare(
        'INSERT INTO guardianships (guardian_id, ward_id, basis, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING',
      )
      .bind(guardianId, wardId, basis, audit.at, audit.actorUserId),
    auditStatement(db, wardId, audit),
    auditStatement(db, guardianId, audit),
  ]);
  return (insert?.meta.changes ?? 0) > 0;
}

export async function removeGuardian(
  db: D1Database,
  guardianId: string,
  wardId: string,
  audit: Audit,
): Promise<boolean> {
  const [removal] = await db.batch([
    db.prepare('DELETE FROM guardianships WHERE guardian_id = ?1 AND ward_id = ?2').bind(guardianId, wardId),
    auditStatement(db, wardId, audit),
  ]);
  return (removal?.meta.changes ?? 0) > 0;
}

/** Blocks the current card (lost, stolen...); false when it was blocked already. */
export async function blockCard(db: D1Database, id: string, reason: string, audit: Audit): Promise<boolean> {
  const [block] = await db.batch([
    db
      .prepare(
        `UPDATE cards SET blocked_at = ?2, blocked_by = ?3, block_reason = ?4
          WHERE passholder_id = ?1 AND version = (SELECT card_version FROM passholders WHERE id = ?1) AND blocked_at IS NULL`,
      )
      .bind(id, audit.at, audit.actorUserId, reason),
    auditStatement(db, id, audit),
  ]);
  return (block?.meta.changes ?? 0) > 0;
}

/**
 * Issues a new card version: the old card's codes stop working at once; the pass number, points,
 * history, household and status stay, since they hang on the passholder, not the card.
 */
export async function replaceCard(db: D1Database, id: string, audit: Audit): Promise<number> {
  const [, , version] = await db.batch<{ card_version: number }>([
    db
      .prepare('UPDATE passholders SET card_version = card_version + 1, updated_at = ?2 WHERE id = ?1')
      .bind(id, audit.at),
    db
      .prepare(
        'INSERT INTO cards (passholder_id, version, issued_at, issued_by) SELECT id, card_version, ?2, ?3 FROM passholders WHERE id = ?1',
      )
      .bind(id, audit.at, audit.actorUserId),
    db.prepare('SELECT card_version FROM passholders WHERE id = ?1').bind(id),
    auditStatement(db, id, audit),
  ]);
  return version!.results[0]!.card_version;
}

/** Sets a new activation code (only while no account exists); false when the pass is activated. */
export async function setActivationCode(
  db: D1Database,
  id: string,
  hash: string,
  expiresAt: string,
  audit: Audit,
): Promise<boolean> {
  const [update] = await db.batch([
    db
      .prepare(
        'UPDATE passholders SET activation_code_hash = ?2, activation_expires_at = ?3 WHERE id = ?1 AND user_id IS NULL',
      )
      .bind(id, hash, expiresAt),
    auditStatement(db, id, audit),
  ]);
  return (update?.meta.changes ?? 0) > 0;
}

export async function findForActivation(
  db: D1Database,
  passNumber: string,
): Promise<{
  id: string;
  userId: string | null;
  codeHash: string | null;
  expiresAt: string | null;
  firstName: string;
  lastName: string;
  locale: string;
} | null> {
  const row = await db
    .prepare(
      'SELECT id, user_id, activation_code_hash, activation_expires_at, first_name, last_name, locale FROM passholders WHERE pass_number = ?1',
    )
    .bind(passNumber)
    .first<{
      id: string;
      user_id: string | null;
      activation_code_hash: string | null;
      activation_expires_at: string | null;
      first_name: string;
      last_name: string;
      locale: string;
    }>();
  return row
    ? {
        id: row.id,
        userId: row.user_id,
        codeHash: row.activation_code_hash,
        expiresAt: row.activation_expires_at,
        firstName: row.first_name,
        lastName: row.last_name,
        locale: row.locale,
      }
    : null;
}

/**
 * Creates the resident's account and links it to the pass in one transaction. With `codeHash`, only
 * while that activation code is still valid; either way only while the pass has no account yet.
 * Returns false when that condition no longer holds (used or expired code, or activated meanwhile).
 */
export async function createAccount(
  db: D1Database,
  a: {
    passholderId: string;
    userId: string;
    email: string | null;
    passwordHash: string;
    displayName: string;
    locale: string;
    codeHash: string | null;
    now: string;
  },
  audit: Audit | null,
  extra: D1PreparedStatement[] = [],
): Promise<boolean> {
  const stillOpen =
    'user_id IS NULL AND (?2 IS NULL OR (activation_code_hash = ?2 AND activation_expires_at > ?3))';
  const [, link] = await db.batch([
    db
      .prepare(
        `INSERT INTO users (id, email, password_hash, display_name, locale, created_at) SELECT ?4, ?5, ?6, ?7, ?8, ?3
          WHERE EXISTS (SELECT 1 FROM passholders WHERE id = ?1 AND ${stillOpen})`,
      )
      .bind(a.passholderId, a.codeHash, a.now, a.userId, a.email, a.passwordHash, a.displayName, a.locale),
    db
      .prepare(
        `UPDATE passholders SET user_id = ?4, activation_code_hash = NULL, activation_expires_at = NULL, updated_at = ?3
          WHERE id = ?1 AND ${stillOpen} AND EXISTS (SELECT 1 FROM users WHERE id = ?4)`,
      )
      .bind(a.passholderId, a.codeHash, a.now, a.userId),
    ...(audit ? [auditStatement(db, a.passholderId, audit)] : []),
    ...extra,
  ]);
  return (link?.meta.changes ?? 0) > 0;
}

export async function emailInUse(db: D1Database, email: string): Promise<boolean> {
  return (await db.prepare('SELECT 1 AS x FROM users WHERE email = ?1').bind(email).first()) !== null;
}

/** What a pass code needs: number, current card version and whether it is blocked. */
export async function passFacts(
  db: D1Database,
  id: string,
): Promise<{
  passNumber: string;
  cardVersion: number;
  cardBlocked: boolean;
  firstName: string;
  lastName: string;
} | null> {
  const row = await db
    .prepare(
      `SELECT p.pass_number, p.card_version, c.blocked_at, p.first_name, p.last_name
         FROM passholders p JOIN cards c ON c.passholder_id = p.id AND c.version = p.card_version WHERE p.id = ?1`,
    )
    .bind(id)
    .first<{
      pass_number: string;
      card_version: number;
      blocked_at: string | null;
      first_name: string;
      last_name: string;
    }>();
  return row
    ? {
        passNumber: row.pass_number,
        cardVersion: row.card_version,
        cardBlocked: row.blocked_at !== null,
        firstName: row.first_name,
        lastName: row.last_name,
      }
    : null;
}

/** Staff reads and changes of a record, newest first, for the holder to see. */
export async function auditEntries(
  db: D1Database,
  passholderId: string,
  limit: number,
): Promise<AuditEntry[]> {
  const { results } = await db
    .prepare(
      `SELECT a.at, u.display_name AS actor,
              coalesce((SELECT group_concat(DISTINCT r.role) FROM staff_roles r WHERE r.user_id = a.actor_user_id), 'resident') AS role,
              a.action, a.reason
         FROM audit_log a JOIN users u ON u.id = a.actor_user_id
        WHERE a.passholder_id = ?1 ORDER BY a.at DESC, a.rowid DESC LIMIT ?2`,
    )
    .bind(passholderId, limit)
    .all<AuditEntry>();
  return results;
}

/** The passes a resident may show: their own and those of their wards. */
export async function passesOf(db: D1Database, passholderId: string) {
  const { results } = await db
    .prepare(
      `SELECT p.id, p.first_name, p.last_name, p.pass_number, p.id = ?1 AS self FROM passholders p
        WHERE p.id = ?1 OR p.id IN (SELECT ward_id FROM guardianships WHERE guardian_id = ?1)
        ORDER BY self DESC, p.birth_date`,
    )
    .bind(passholderId)
    .all<{ id: string; first_name: string; last_name: string; pass_number: string; self: number }>();
  return results.map((r) => ({
    passholderId: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    passNumber: r.pass_number,
    self: r.self === 1,
  }));
}
