import { newId } from '../lib/ids.ts';
import { auditStatement, type Audit } from '../passes/repo.ts';
import type { ImportLine } from './csv.ts';
import type { Grant as GrantFacts, StatusName, Suspension as SuspensionFacts } from './derive.ts';
import type { EntitlementRule, ImportRow, SocialStatus, StatusImport } from './schema.ts';

type Records = Omit<SocialStatus, 'passholderId' | 'status' | 'validUntil' | 'graceUntil'>;

/** The date 18 years before `today`: people born after it are minors. */
export function minorCutoff(today: string): string {
  return `${Number(today.slice(0, 4)) - 18}${today.slice(4)}`;
}

/**
 * SQL returning, as JSON, the grants that count for the passholder whose id is the SQL expression `id`:
 * their own and, when they are a minor (born after `cutoff`), those of the adults of their household.
 * Shared by the status page, the tariff and the door.
 */
export function grantsJson(id: string, cutoff: string): string {
  // Two indexed reads joined by UNION ALL (an OR would make SQLite scan the table).
  return `(SELECT json_group_array(json_object(
     'id', g.id, 'source', g.source, 'reason', g.reason, 'validFrom', g.valid_from, 'validUntil', g.valid_until,
     'graceDays', g.grace_days, 'endedOn', g.ended_on, 'inherited', json(iif(g.passholder_id = ${id}, 'false', 'true')),
     'decidedBy', (SELECT display_name FROM users WHERE id = g.decided_by)))
   FROM (SELECT o.* FROM status_grants o WHERE o.passholder_id = ${id}
         UNION ALL
         SELECT h.* FROM passholders me JOIN passholders a ON a.household_id = me.household_id JOIN status_grants h ON h.passholder_id = a.id
          WHERE me.id = ${id} AND me.birth_date > ${cutoff} AND a.birth_date <= ${cutoff} AND a.id <> me.id) g)`;
}

export function suspensionsJson(id: string): string {
  return `(SELECT json_group_array(json_object('id', s.id, 'fromDate', s.from_date, 'untilDate', s.until_date,
     'reason', s.reason, 'liftedOn', s.lifted_on)) FROM status_suspensions s WHERE s.passholder_id = ${id})`;
}

/** Everything the status of a passholder is derived from, in one query. */
export async function statusRecords(db: D1Database, passholderId: string, today: string): Promise<Records> {
  const row = await db
    .prepare(
      `SELECT ${grantsJson('?1', '?2')} AS grants, ${suspensionsJson('?1')} AS suspensions,
              (SELECT json_group_array(json_object('id', e.id, 'kind', e.kind, 'validFrom', e.valid_from, 'validUntil', e.valid_until,
                      'endedOn', e.ended_on)) FROM entitlements e WHERE e.passholder_id = ?1) AS entitlements`,
    )
    .bind(passholderId, minorCutoff(today))
    .first<{ grants: string; suspensions: string; entitlements: string }>();
  return {
    grants: JSON.parse(row!.grants) as Records['grants'],
    suspensions: JSON.parse(row!.suspensions) as Records['suspensions'],
    entitlements: JSON.parse(row!.entitlements) as Records['entitlements'],
  };
}

export const toGrantFacts = (g: Records['grants'][number]): GrantFacts => ({
  validFrom: g.validFrom,
  validUntil: g.validUntil,
  graceDays: g.graceDays,
  endedOn: g.endedOn,
});
export const toSuspensionFacts = (s: Records['suspensions'][number]): SuspensionFacts => ({
  fromDate: s.fromDate,
  untilDate: s.untilDate,
  liftedOn: s.liftedOn,
});

export type NewGrant = {
  passholderId: string;
  source: 'counter' | 'entitlement' | 'import';
  reason: string;
  validFrom: string;
  validUntil: string;
  graceDays: number;
  entitlementId?: string | null;
  decidedBy: string;
  at: string;
};

function grantStatement(db: D1Database, g: NewGrant): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO status_grants (id, passholder_id, source, reason, valid_from, valid_until, grace_days, entitlement_id, decided_by, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)`,
    )
    .bind(
      newId(),
      g.passholderId,
      g.source,
      g.reason,
      g.validFrom,
      g.validUntil,
      g.graceDays,
      g.entitlementId ?? null,
      g.decidedBy,
      g.at,
    );
}

/** Grants the status; `extra` are writes that go with it in the same batch (the rights it opens, messages). */
export async function grant(
  db: D1Database,
  g: NewGrant,
  audit: Audit,
  extra: D1PreparedStatement[] = [],
): Promise<void> {
  await db.batch([grantStatement(db, g), auditStatement(db, g.passholderId, audit), ...extra]);
}

/** Moves a grant's end date; false when the grant is not this passholder's own or was ended. */
export async function extendGrant(
  db: D1Database,
  passholderId: string,
  grantId: string,
  validUntil: string,
  audit: Audit,
  extra: D1PreparedStatement[] = [],
): Promise<boolean> {
  const [update] = await db.batch([
    db
      .prepare(
        'UPDATE status_grants SET valid_until = ?3 WHERE id = ?1 AND passholder_id = ?2 AND ended_on IS NULL AND valid_from <= ?3',
      )
      .bind(grantId, passholderId, validUntil),
    auditStatement(db, passholderId, audit),
    ...extra,
  ]);
  return (update?.meta.changes ?? 0) > 0;
}

/** Ends every own grant still running on `endedOn` (no grace after an end). Returns how many. */
export async function endGrants(
  db: D1Database,
  passholderId: string,
  endedOn: string,
  audit: Audit,
  extra: D1PreparedStatement[] = [],
): Promise<number> {
  const [update] = await db.batch([
    db
      .prepare(
        "UPDATE status_grants SET ended_on = ?2 WHERE passholder_id = ?1 AND ended_on IS NULL AND date(valid_until, printf('+%d days', grace_days)) >= ?2",
      )
      .bind(passholderId, endedOn),
    auditStatement(db, passholderId, audit),
    ...extra,
  ]);
  return update?.meta.changes ?? 0;
}

export async function suspend(
  db: D1Database,
  passholderId: string,
  s: { id?: string; fromDate: string; untilDate: string | null; reason: string; by: string },
  audit: Audit,
  extra: D1PreparedStatement[] = [],
): Promise<void> {
  await db.batch([
    db
      .prepare(
        'INSERT INTO status_suspensions (id, passholder_id, from_date, until_date, reason, decided_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)',
      )
      .bind(s.id ?? newId(), passholderId, s.fromDate, s.untilDate, s.reason, s.by, audit.at),
    auditStatement(db, passholderId, audit),
    ...extra,
  ]);
}

export async function liftSuspension(
  db: D1Database,
  passholderId: string,
  suspensionId: string,
  on: string,
  audit: Audit,
  extra: D1PreparedStatement[] = [],
): Promise<boolean> {
  const [update] = await db.batch([
    db
      .prepare(
        'UPDATE status_suspensions SET lifted_on = ?3 WHERE id = ?1 AND passholder_id = ?2 AND lifted_on IS NULL',
      )
      .bind(suspensionId, passholderId, on),
    auditStatement(db, passholderId, audit),
    ...extra,
  ]);
  return (update?.meta.changes ?? 0) > 0;
}

/** Records an entitlement and, when the municipality's rule says so, the status it opens: one transaction. */
export async function recordEntitlement(
  db: D1Database,
  e: {
    id: string;
    passholderId: string;
    kind: string;
    validFrom: string;
    validUntil: string | null;
    by: string;
  },
  opens: Omit<NewGrant, 'entitlementId'> | null,
  audit: Audit,
  extra: D1PreparedStatement[] = [],
): Promise<void> {
  await db.batch([
    db
      .prepare(
        'INSERT INTO entitlements (id, passholder_id, kind, valid_from, valid_until, recorded_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)',
      )
      .bind(e.id, e.passholderId, e.kind, e.validFrom, e.validUntil, e.by, audit.at),
    ...(opens ? [grantStatement(db, { ...opens, entitlementId: e.id })] : []),
    auditStatement(db, e.passholderId, audit),
    ...extra,
  ]);
}

/** Ends an entitlement and the status it opened. */
export async function endEntitlement(
  db: D1Database,
  passholderId: string,
  entitlementId: string,
  on: string,
  audit: Audit,
  extra: D1PreparedStatement[] = [],
): Promise<boolean> {
  const [update] = await db.batch([
    db
      .prepare(
        'UPDATE entitlements SET ended_on = ?3 WHERE id = ?1 AND passholder_id = ?2 AND ended_on IS NULL',
      )
      .bind(entitlementId, passholderId, on),
    db
      .prepare('UPDATE status_grants SET ended_on = ?2 WHERE entitlement_id = ?1 AND ended_on IS NULL')
      .bind(entitlementId, on),
    auditStatement(db, passholderId, audit),
    ...extra,
  ]);
  return (update?.meta.changes ?? 0) > 0;
}

const DEFAULT_RULE = { opensStatus: true, duration: 'april30_after_next', graceDays: 60 } as const;
const KINDS = [
  'living_wage',
  'increased_allowance',
  'debt_mediation',
  'child_benefit_supplement',
  'other',
] as const;

/** The municipality's rule for every entitlement kind (defaults where none is set). */
export async function entitlementRules(db: D1Database, municipalityId: string): Promise<EntitlementRule[]> {
  const { results } = await db
    .prepare(
      'SELECT kind, opens_status, duration, grace_days FROM entitlement_rules WHERE municipality_id = ?1',
    )
    .bind(municipalityId)
    .all<{
      kind: EntitlementRule['kind'];
      opens_status: number;
      duration: EntitlementRule['duration'];
      grace_days: number;
    }>();
  return KINDS.map((kind) => {
    const row = results.find((r) => r.kind === kind);
    return row
      ? { kind, opensStatus: row.opens_status === 1, duration: row.duration, graceDays: row.grace_days }
      : { kind, ...DEFAULT_RULE };
  });
}

export async function saveEntitlementRule(
  db: D1Database,
  municipalityId: string,
  rule: EntitlementRule,
  by: string,
  at: string,
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO entitlement_rules (municipality_id, kind, opens_status, duration, grace_days, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
       ON CONFLICT (municipality_id, kind) DO UPDATE SET opens_status = ?3, duration = ?4, grace_days = ?5, updated_by = ?6, updated_at = ?7`,
    )
    .bind(municipalityId, rule.kind, rule.opensStatus ? 1 : 0, rule.duration, rule.graceDays, by, at)
    .run();
}

/** Passholders of the municipality matching each import line, in one query (by pass number, or by name, birth date and postal code). */
export async function importCandidates(
  db: D1Database,
  municipalityId: string,
  lines: ImportLine[],
): Promise<Map<number, { id: string; passNumber: string; municipalityId: string }[]>> {
  const wanted = lines.filter((l) => !('invalid' in l));
  const { results } = await db
    .prepare(
      `SELECT json_extract(r.value, '$.line') AS line, p.id, p.pass_number, p.municipality_id
         FROM json_each(?1) r
         JOIN passholders p ON (json_extract(r.value, '$.passNumber') IS NOT NULL AND p.pass_number = json_extract(r.value, '$.passNumber'))
           OR (json_extract(r.value, '$.passNumber') IS NULL AND p.municipality_id = ?2 AND p.birth_date = json_extract(r.value, '$.birthDate')
               AND p.postal_code = json_extract(r.value, '$.postalCode')
               AND lower(p.last_name) = lower(json_extract(r.value, '$.lastName')) AND lower(p.first_name) = lower(json_extract(r.value, '$.firstName')))`,
    )
    .bind(JSON.stringify(wanted), municipalityId)
    .all<{ line: number; id: string; pass_number: string; municipality_id: string }>();
  const byLine = new Map<number, { id: string; passNumber: string; municipalityId: string }[]>();
  for (const r of results)
    byLine.set(r.line, [
      ...(byLine.get(r.line) ?? []),
      { id: r.id, passNumber: r.pass_number, municipalityId: r.municipality_id },
    ]);
  return byLine;
}

type ImportRecord = Omit<StatusImport, 'alreadyImported'> & { municipalityId: string; fileHash: string };

export async function saveImport(db: D1Database, i: ImportRecord, by: string, at: string): Promise<void> {
  await db
    .prepare(
      `INSERT INTO status_imports (id, municipality_id, file_hash, file_name, valid_until, grace_days, rows_json, matched, unmatched, ambiguous, created_by, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)`,
    )
    .bind(
      i.id,
      i.municipalityId,
      i.fileHash,
      i.fileName,
      i.validUntil,
      i.graceDays,
      JSON.stringify(i.rows),
      i.matched,
      i.unmatched,
      i.ambiguous,
      by,
      at,
    )
    .run();
}

export async function findImport(
  db: D1Database,
  id: string,
): Promise<(ImportRecord & { alreadyImported: boolean }) | null> {
  const row = await db
    .prepare(
      `SELECT i.*, EXISTS (SELECT 1 FROM status_imports o WHERE o.municipality_id = i.municipality_id AND o.file_hash = i.file_hash
                             AND o.confirmed_at IS NOT NULL AND o.id <> i.id) AS already
         FROM status_imports i WHERE i.id = ?1`,
    )
    .bind(id)
    .first<{
      id: string;
      municipality_id: string;
      file_hash: string;
      file_name: string | null;
      valid_until: string;
      grace_days: number;
      rows_json: string;
      matched: number;
      unmatched: number;
      ambiguous: number;
      confirmed_at: string | null;
      already: number;
    }>();
  if (!row) return null;
  return {
    id: row.id,
    municipalityId: row.municipality_id,
    fileHash: row.file_hash,
    fileName: row.file_name,
    validUntil: row.valid_until,
    graceDays: row.grace_days,
    rows: JSON.parse(row.rows_json) as ImportRow[],
    matched: row.matched,
    unmatched: row.unmatched,
    ambiguous: row.ambiguous,
    confirmedAt: row.confirmed_at,
    alreadyImported: row.already === 1,
  };
}

/**
 * Confirms an import: grants the status to every matched passholder, in one transaction, once.
 * Nothing happens when this import or another one of the same file was confirmed before.
 * Returns the number of grants made.
 */
export async function confirmImport(
  db: D1Database,
  id: string,
  validFrom: string,
  by: string,
  at: string,
  extra: (callId: string) => D1PreparedStatement[] = () => [],
): Promise<number> {
  // Grants follow only this call's confirmation (its call id: two confirmations can share a millisecond).
  const callId = crypto.randomUUID();
  const [confirm, grants] = await db.batch([
    db
      .prepare(
        `UPDATE status_imports SET confirmed_at = ?2, confirmed_by = ?3, confirm_call = ?4 WHERE id = ?1 AND confirmed_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM status_imports o WHERE o.municipality_id = status_imports.municipality_id
                              AND o.file_hash = status_imports.file_hash AND o.confirmed_at IS NOT NULL)`,
      )
      .bind(id, at, by, callId),
    db
      .prepare(
        `INSERT INTO status_grants (id, passholder_id, source, reason, valid_from, valid_until, grace_days, import_id, decided_by, created_at)
         SELECT lower(hex(randomblob(16))), json_extract(r.value, '$.passholderId'), 'import', 'import', ?2, i.valid_until, i.grace_days, i.id, ?3, ?4
           FROM status_imports i, json_each(i.rows_json) r
          WHERE i.id = ?1 AND i.confirm_call = ?5 AND json_extract(r.value, '$.outcome') = 'matched'
         ON CONFLICT DO NOTHING`,
      )
      .bind(id, validFrom, by, at, callId),
    // Writes that follow only this call's confirmation (the rights the grants open, messages): guarded by the call id.
    ...extra(callId),
  ]);
  return (confirm?.meta.changes ?? 0) > 0 ? (grants?.meta.changes ?? 0) : 0;
}

export async function renewals(db: D1Database, municipalityId: string) {
  const { results } = await db
    .prepare(
      `SELECT r.passholder_id, p.first_name, p.last_name, p.pass_number, r.status, r.valid_until
         FROM renewal_list r JOIN passholders p ON p.id = r.passholder_id
        WHERE r.municipality_id = ?1 ORDER BY r.valid_until, p.last_name`,
    )
    .bind(municipalityId)
    .all<{
      passholder_id: string;
      first_name: string;
      last_name: string;
      pass_number: string;
      status: string;
      valid_until: string;
    }>();
  return results.map((r) => ({
    passholderId: r.passholder_id,
    firstName: r.first_name,
    lastName: r.last_name,
    passNumber: r.pass_number,
    status: r.status,
    validUntil: r.valid_until,
  }));
}

/** An audit line for a status read (re-exported so routes need no SQL). */
export { auditStatement as auditLine };

/** A chunk of passholders after `after` (by id), with what their status derives from (the nightly job). */
export async function statusChunk(
  db: D1Database,
  after: string,
  cutoff: string,
  limit: number,
): Promise<StatusJobRow[]> {
  const { results } = await db
    .prepare(
      `SELECT p.id, p.municipality_id, p.last_status,
              (SELECT json_group_array(json_object('validFrom', g.valid_from, 'validUntil', g.valid_until, 'graceDays', g.grace_days, 'endedOn', g.ended_on))
                 FROM status_grants g
                WHERE g.passholder_id = p.id
                   OR (p.birth_date > ?2 AND g.passholder_id IN (SELECT a.id FROM passholders a WHERE a.household_id = p.household_id AND a.birth_date <= ?2))) AS grants,
              (SELECT json_group_array(json_object('fromDate', s.from_date, 'untilDate', s.until_date, 'liftedOn', s.lifted_on))
                 FROM status_suspensions s WHERE s.passholder_id = p.id) AS suspensions
         FROM passholders p WHERE p.id > ?1 ORDER BY p.id LIMIT ?3`,
    )
    .bind(after, cutoff, limit)
    .all<StatusJobRow>();
  return results;
}

export type StatusJobRow = {
  id: string;
  municipality_id: string;
  last_status: StatusName;
  grants: string;
  suspensions: string;
};

/** A status that changed: remembered on the passholder, and recorded as the day's status event. */
export function statusChangeStatements(
  db: D1Database,
  passholderId: string,
  status: StatusName,
  today: string,
): D1PreparedStatement[] {
  return [
    db.prepare('UPDATE passholders SET last_status = ?2 WHERE id = ?1').bind(passholderId, status),
    db
      .prepare(
        'INSERT INTO status_events (passholder_id, status, on_date) VALUES (?1, ?2, ?3) ON CONFLICT DO UPDATE SET status = ?2',
      )
      .bind(passholderId, status, today),
  ];
}

/** A status ending soon (or in grace) on the renewal list. */
export function renewalStatement(
  db: D1Database,
  r: { municipalityId: string; passholderId: string; status: StatusName; validUntil: string; today: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO renewal_list (municipality_id, passholder_id, status, valid_until, generated_on) VALUES (?1, ?2, ?3, ?4, ?5)
       ON CONFLICT DO UPDATE SET status = ?3, valid_until = ?4, generated_on = ?5`,
    )
    .bind(r.municipalityId, r.passholderId, r.status, r.validUntil, r.today);
}

export function leaveRenewalListStatement(db: D1Database, passholderId: string): D1PreparedStatement {
  return db.prepare('DELETE FROM renewal_list WHERE passholder_id = ?1').bind(passholderId);
}
