import type { Localized } from '../lib/i18n.ts';
import { auditStatement, type Audit } from '../passes/repo.ts';
import { minorCutoff } from '../status/repo.ts';
import type { Member } from './changes.ts';
import type { Basis, EntitlementKind } from './rules.ts';

/** A local right as stored: texts in every language. */
export type LocalRight = {
  id: string;
  municipalityId: string;
  name: Localized;
  description: Localized;
  howToUse: Localized;
  grantedBy: string;
  basis: Basis;
  active: boolean;
  createdAt: string;
  updatedAt: string;
};

type RightRow = {
  id: string;
  municipality_id: string;
  name: string;
  description: string;
  how_to_use: string;
  granted_by: string;
  basis: Basis;
  active: number;
  created_at: string;
  updated_at: string;
};

const RIGHT_COLUMNS =
  'r.id, r.municipality_id, r.name, r.description, r.how_to_use, r.granted_by, r.basis, r.active, r.created_at, r.updated_at';

function toRight(r: RightRow): LocalRight {
  return {
    id: r.id,
    municipalityId: r.municipality_id,
    name: JSON.parse(r.name) as Localized,
    description: JSON.parse(r.description) as Localized,
    howToUse: JSON.parse(r.how_to_use) as Localized,
    grantedBy: r.granted_by,
    basis: r.basis,
    active: r.active === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Everything the rights of some passholders are derived from, read in one round trip. */
export type RightsFacts = {
  members: Member[];
  /** Active and inactive rights of the members' municipalities. */
  rights: LocalRight[];
  /** Grace days per entitlement kind, per municipality (only the kinds a municipality set a rule for). */
  grace: Map<string, Partial<Record<EntitlementKind, number>>>;
};

const MEMBERS_SQL = `
  WITH targets AS (SELECT value AS id FROM json_each(?1)),
  members AS (
    SELECT id FROM targets
    UNION
    SELECT m.id FROM targets t JOIN passholders a ON a.id = t.id JOIN passholders m ON m.household_id = a.household_id
     WHERE ?3 = 1 AND a.birth_date <= ?2 AND m.birth_date > ?2
  )
  SELECT p.id, p.first_name, p.municipality_id, p.household_id, p.locale, p.birth_date > ?2 AS minor,
    (SELECT json_group_array(json_object('id', g.id, 'ownerId', g.passholder_id, 'entitlementId', g.entitlement_id,
            'validFrom', g.valid_from, 'validUntil', g.valid_until, 'graceDays', g.grace_days, 'endedOn', g.ended_on))
       FROM (SELECT o.* FROM status_grants o WHERE o.passholder_id = p.id
             UNION ALL
             SELECT h.* FROM passholders a JOIN status_grants h ON h.passholder_id = a.id
              WHERE p.birth_date > ?2 AND a.household_id = p.household_id AND a.birth_date <= ?2 AND a.id <> p.id) g) AS grants,
    (SELECT json_group_array(json_object('id', s.id, 'fromDate', s.from_date, 'untilDate', s.until_date, 'liftedOn', s.lifted_on))
       FROM status_suspensions s WHERE s.passholder_id = p.id) AS suspensions,
    (SELECT json_group_array(json_object('id', e.id, 'kind', e.kind, 'validFrom', e.valid_from, 'validUntil', e.valid_until, 'endedOn', e.ended_on))
       FROM entitlements e WHERE e.passholder_id = p.id) AS entitlements,
    (SELECT json_group_array(json_object('id', h.id, 'rightId', h.right_id))
       FROM holder_rights h WHERE h.passholder_id = p.id AND h.ended_on IS NULL) AS open
  FROM passholders p WHERE p.id IN (SELECT id FROM members) ORDER BY p.id`;

type MemberRow = {
  id: string;
  first_name: string;
  municipality_id: string;
  household_id: string | null;
  locale: Member['locale'];
  minor: number;
  grants: string;
  suspensions: string;
  entitlements: string;
  open: string;
};

/**
 * The facts of `ids` and, with `withMinors`, of the minors of the households of the adults among them (they
 * inherit the adults' grants), with their municipalities' rights and entitlement rules: one round trip.
 */
export async function rightsFacts(
  db: D1Database,
  ids: string[],
  today: string,
  withMinors: boolean,
): Promise<RightsFacts> {
  const idsJson = JSON.stringify(ids);
  const cutoff = minorCutoff(today);
  const municipalities = `SELECT DISTINCT municipality_id FROM passholders WHERE id IN (SELECT value FROM json_each(?1))`;
  const [members, rights, rules] = await db.batch([
    db.prepare(MEMBERS_SQL).bind(idsJson, cutoff, withMinors ? 1 : 0),
    db
      .prepare(`SELECT ${RIGHT_COLUMNS} FROM local_rights r WHERE r.municipality_id IN (${municipalities})`)
      .bind(idsJson),
    db
      .prepare(
        `SELECT municipality_id, kind, grace_days FROM entitlement_rules WHERE municipality_id IN (${municipalities})`,
      )
      .bind(idsJson),
  ]);
  const grace = new Map<string, Partial<Record<EntitlementKind, number>>>();
  for (const r of (rules?.results ?? []) as {
    municipality_id: string;
    kind: EntitlementKind;
    grace_days: number;
  }[])
    grace.set(r.municipality_id, { ...grace.get(r.municipality_id), [r.kind]: r.grace_days });
  return {
    members: ((members?.results ?? []) as MemberRow[]).map((r) => ({
      passholderId: r.id,
      firstName: r.first_name,
      municipalityId: r.municipality_id,
      householdId: r.household_id,
      locale: r.locale,
      minor: r.minor === 1,
      grants: JSON.parse(r.grants) as Member['grants'],
      suspensions: JSON.parse(r.suspensions) as Member['suspensions'],
      entitlements: JSON.parse(r.entitlements) as Member['entitlements'],
      open: JSON.parse(r.open) as Member['open'],
    })),
    rights: ((rights?.results ?? []) as RightRow[]).map(toRight),
    grace,
  };
}

/** Only when this call confirmed the import (its call id), for writes that follow an import's confirmation. */
export type ImportGuard = { importId: string; callId: string };

/** Opens a holding period (nothing when one is open already). */
export function openStatement(
  db: D1Database,
  h: { id: string; rightId: string; passholderId: string; openedOn: string; at: string },
  guard?: ImportGuard,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO holder_rights (id, right_id, passholder_id, opened_on, ended_on, created_at)
       SELECT ?1, ?2, ?3, ?4, NULL, ?5
        WHERE ?6 IS NULL OR EXISTS (SELECT 1 FROM status_imports WHERE id = ?6 AND confirm_call = ?7)
       ON CONFLICT DO NOTHING`,
    )
    .bind(h.id, h.rightId, h.passholderId, h.openedOn, h.at, guard?.importId ?? null, guard?.callId ?? null);
}

/** Ends an open holding period: `endedOn` is the first day it is no longer held. */
export function endStatement(db: D1Database, holdingId: string, endedOn: string): D1PreparedStatement {
  return db
    .prepare('UPDATE holder_rights SET ended_on = ?2 WHERE id = ?1 AND ended_on IS NULL')
    .bind(holdingId, endedOn);
}

/**
 * A message to a holder (PART A's trigger on `notifications` delivers it), written once: nothing when a
 * message with this id exists, and, with `whenHolding`, only when that holding period was really opened by
 * this batch (so a doubled run, or a batch that opened nothing after all, writes no message).
 */
export function notificationStatement(
  db: D1Database,
  n: {
    id: string;
    passholderId: string;
    kind: string;
    message: string;
    at: string;
    whenHolding?: string;
    guard?: ImportGuard | undefined;
  },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO notifications (id, passholder_id, kind, activity_id, message, created_at)
       SELECT ?1, ?2, ?3, NULL, ?4, ?5
        WHERE (?6 IS NULL OR EXISTS (SELECT 1 FROM holder_rights WHERE id = ?6))
          AND (?7 IS NULL OR EXISTS (SELECT 1 FROM status_imports WHERE id = ?7 AND confirm_call = ?8))
       ON CONFLICT DO NOTHING`,
    )
    .bind(
      n.id,
      n.passholderId,
      n.kind,
      n.message,
      n.at,
      n.whenHolding ?? null,
      n.guard?.importId ?? null,
      n.guard?.callId ?? null,
    );
}

// --- The municipality's rights -------------------------------------------------------------------------

export async function rightsOf(db: D1Database, municipalityId: string): Promise<LocalRight[]> {
  const { results } = await db
    .prepare(
      `SELECT ${RIGHT_COLUMNS} FROM local_rights r WHERE r.municipality_id = ?1 ORDER BY r.active DESC, r.created_at, r.id`,
    )
    .bind(municipalityId)
    .all<RightRow>();
  return results.map(toRight);
}

export async function findRight(db: D1Database, rightId: string): Promise<LocalRight | null> {
  const row = await db
    .prepare(`SELECT ${RIGHT_COLUMNS} FROM local_rights r WHERE r.id = ?1`)
    .bind(rightId)
    .first<RightRow>();
  return row ? toRight(row) : null;
}

/** Per right: people holding it now, periods opened in [from, to], and distinct people who used it in [from, to]. */
export async function rightCounts(
  db: D1Database,
  municipalityId: string,
  from: string,
  to: string,
): Promise<Map<string, { holding: number; opened: number; usedBy: number }>> {
  const { results } = await db
    .prepare(
      `SELECT r.id,
              (SELECT count(DISTINCT h.passholder_id) FROM holder_rights h WHERE h.right_id = r.id AND h.ended_on IS NULL) AS holding,
              (SELECT count(*) FROM holder_rights h WHERE h.right_id = r.id AND h.opened_on BETWEEN ?2 AND ?3) AS opened,
              (SELECT count(DISTINCT u.passholder_id) FROM right_uses u WHERE u.right_id = r.id AND u.used_on BETWEEN ?2 AND ?3) AS used_by
         FROM local_rights r WHERE r.municipality_id = ?1`,
    )
    .bind(municipalityId, from, to)
    .all<{ id: string; holding: number; opened: number; used_by: number }>();
  return new Map(results.map((r) => [r.id, { holding: r.holding, opened: r.opened, usedBy: r.used_by }]));
}

export async function insertRight(
  db: D1Database,
  r: Omit<LocalRight, 'createdAt' | 'updatedAt' | 'active'> & { by: string; at: string },
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO local_rights (id, municipality_id, name, description, how_to_use, granted_by, basis, active, created_by, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?9, ?9)`,
    )
    .bind(
      r.id,
      r.municipalityId,
      JSON.stringify(r.name),
      JSON.stringify(r.description),
      JSON.stringify(r.howToUse),
      r.grantedBy,
      r.basis,
      r.by,
      r.at,
    )
    .run();
}

/**
 * Saves a right's texts, grantor and whether it is active (the basis stays: holders' periods follow it).
 * Switched off, its open holding periods end today, in the same batch; switched on again, the next change or
 * the nightly job opens them.
 */
export async function updateRight(
  db: D1Database,
  r: Pick<LocalRight, 'id' | 'name' | 'description' | 'howToUse' | 'grantedBy' | 'active'> & { at: string },
  today: string,
): Promise<void> {
  await db.batch([
    db
      .prepare(
        `UPDATE local_rights SET name = ?2, description = ?3, how_to_use = ?4, granted_by = ?5, active = ?6, updated_at = ?7 WHERE id = ?1`,
      )
      .bind(
        r.id,
        JSON.stringify(r.name),
        JSON.stringify(r.description),
        JSON.stringify(r.howToUse),
        r.grantedBy,
        r.active ? 1 : 0,
        r.at,
      ),
    db
      .prepare('UPDATE holder_rights SET ended_on = ?2 WHERE right_id = ?1 AND ended_on IS NULL AND ?3 = 0')
      .bind(r.id, today, r.active ? 1 : 0),
  ]);
}

// --- A holder's rights ------------------------------------------------------------------------------------

export type HolderRightRow = {
  holdingId: string;
  passholderId: string;
  right: LocalRight;
  openedOn: string;
  endedOn: string | null;
  uses: number;
  lastUsedOn: string | null;
};

/** The holding periods of these passholders still open, or ended on or after `endedSince`, newest first. */
export function holderRightsStatement(
  db: D1Database,
  passholderIds: string[],
  endedSince: string,
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT h.id AS holding_id, h.passholder_id, h.opened_on, h.ended_on, ${RIGHT_COLUMNS},
              (SELECT count(*) FROM right_uses u WHERE u.right_id = h.right_id AND u.passholder_id = h.passholder_id
                 AND u.used_on >= h.opened_on AND (h.ended_on IS NULL OR u.used_on < h.ended_on)) AS uses,
              (SELECT max(u.used_on) FROM right_uses u WHERE u.right_id = h.right_id AND u.passholder_id = h.passholder_id) AS last_used_on
         FROM holder_rights h JOIN local_rights r ON r.id = h.right_id
        WHERE h.passholder_id IN (SELECT value FROM json_each(?1)) AND (h.ended_on IS NULL OR h.ended_on >= ?2)
        ORDER BY h.ended_on IS NOT NULL, h.opened_on DESC, h.id`,
    )
    .bind(JSON.stringify(passholderIds), endedSince);
}

export function toHolderRights(
  rows: (RightRow & {
    holding_id: string;
    passholder_id: string;
    opened_on: string;
    ended_on: string | null;
    uses: number;
    last_used_on: string | null;
  })[],
): HolderRightRow[] {
  return rows.map((r) => ({
    holdingId: r.holding_id,
    passholderId: r.passholder_id,
    right: toRight(r),
    openedOn: r.opened_on,
    endedOn: r.ended_on,
    uses: r.uses,
    lastUsedOn: r.last_used_on,
  }));
}

export async function holderRights(
  db: D1Database,
  passholderIds: string[],
  endedSince: string,
): Promise<HolderRightRow[]> {
  const { results } = await holderRightsStatement(db, passholderIds, endedSince).all();
  return toHolderRights(results as Parameters<typeof toHolderRights>[0]);
}

/** A counter read of a holder's rights: the audit line is written in the same transaction as the read. */
export async function holderRightsAsStaff(
  db: D1Database,
  passholderId: string,
  endedSince: string,
  audit: Audit,
): Promise<HolderRightRow[]> {
  const [, read] = await db.batch([
    auditStatement(db, passholderId, audit),
    holderRightsStatement(db, [passholderId], endedSince),
  ]);
  return toHolderRights((read?.results ?? []) as Parameters<typeof toHolderRights>[0]);
}

/**
 * Records a use of a right on `usedOn`, a day the passholder held it (a period that had opened and not yet
 * ended): nothing is written otherwise.
 * Answers whether the use was recorded. The audit line goes with it.
 */
export async function recordUse(
  db: D1Database,
  u: { id: string; rightId: string; passholderId: string; usedOn: string; by: string; at: string },
  audit: Audit,
): Promise<boolean> {
  const [insert] = await db.batch([
    db
      .prepare(
        `INSERT INTO right_uses (id, right_id, passholder_id, used_on, recorded_by, created_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6
          WHERE EXISTS (SELECT 1 FROM holder_rights h WHERE h.right_id = ?2 AND h.passholder_id = ?3
                          AND h.opened_on <= ?4 AND (h.ended_on IS NULL OR ?4 < h.ended_on))`,
      )
      .bind(u.id, u.rightId, u.passholderId, u.usedOn, u.by, u.at),
    auditStatement(db, u.passholderId, audit),
  ]);
  return (insert?.meta.changes ?? 0) > 0;
}
