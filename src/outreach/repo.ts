import { newId } from '../lib/ids.ts';
import type { MonthWindow } from './months.ts';
import type { ContactReason, ContactWay, Outcome, WorklistReason } from './next-step.ts';

/**
 * All SQL of outreach: the take-up counts, the worklist (with its audit lines), and the contacts.
 *
 * A grant's last day (`last_day`) follows src/status/derive.ts: in force from valid_from to valid_until, then in
 * grace for grace_days, unless ended (ended_on is the first day it no longer holds; ended on or before the day
 * after valid_until, it has no grace).
 */
const GRANT_LAST_DAY = `CASE WHEN g.ended_on IS NOT NULL AND g.ended_on <= date(g.valid_until, '+1 day')
       THEN min(g.valid_until, date(g.ended_on, '-1 day'))
       ELSE min(date(g.valid_until, printf('+%d days', g.grace_days)), coalesce(date(g.ended_on, '-1 day'), '9999-12-31')) END`;
/** The last day a grant is in force (grace not counted). */
const GRANT_IN_FORCE_UNTIL = `min(g.valid_until, coalesce(date(g.ended_on, '-1 day'), '9999-12-31'))`;

/** The grants of the residents of municipality ?1, each with its last day. */
const GRANTS_CTE = `grants AS (
  SELECT g.passholder_id, g.valid_from, ${GRANT_LAST_DAY} AS last_day, ${GRANT_IN_FORCE_UNTIL} AS in_force_until
    FROM status_grants g JOIN passholders gp ON gp.id = g.passholder_id
   WHERE gp.municipality_id = ?1)`;

export type TakeUpRow = {
  month: string;
  neighbourhoodId: string | null;
  entitled: number;
  active: number;
  activated: number;
  used: number;
  rightsOpened: number;
};

/**
 * The dashboard's counts per month and neighbourhood, in one round trip: the months travel as one JSON
 * parameter (json_each), every person is counted in SQL, only the aggregates come back. Months and
 * neighbourhoods without anybody entitled are absent (the service adds the zeros).
 */
export async function takeUp(
  db: D1Database,
  municipalityId: string,
  months: MonthWindow[],
): Promise<{ rows: TakeUpRow[]; neighbourhoods: { id: string; name: string }[] }> {
  const [counts, hoods] = await db.batch([
    db
      .prepare(
        `WITH months AS (
           SELECT json_extract(value, '$.m') AS m, json_extract(value, '$.first') AS first,
                  json_extract(value, '$.last') AS last, json_extract(value, '$.endAt') AS end_at,
                  json_extract(value, '$.useFrom') AS use_from
             FROM json_each(?2)),
         ${GRANTS_CTE},
         entitled AS (
           SELECT mo.m, mo.first, mo.last, mo.end_at, mo.use_from, p.id, p.neighbourhood_id, p.user_id
             FROM months mo JOIN passholders p ON p.municipality_id = ?1
            WHERE EXISTS (SELECT 1 FROM grants g WHERE g.passholder_id = p.id AND g.last_day >= g.valid_from
                            AND g.valid_from <= mo.last AND g.last_day >= mo.first)
               OR EXISTS (SELECT 1 FROM entitlements e WHERE e.passholder_id = p.id AND e.valid_from <= mo.last
                            AND coalesce(e.valid_until, '9999-12-31') >= mo.first
                            AND (e.ended_on IS NULL OR e.ended_on > mo.first)))
         SELECT e.m AS month, e.neighbourhood_id AS neighbourhoodId, count(*) AS entitled,
                sum(EXISTS (SELECT 1 FROM grants g WHERE g.passholder_id = e.id AND g.last_day >= g.valid_from
                              AND g.valid_from <= e.last AND g.last_day >= e.first)
                    AND NOT EXISTS (SELECT 1 FROM status_suspensions s WHERE s.passholder_id = e.id
                              AND s.from_date <= e.first AND coalesce(s.until_date, '9999-12-31') >= e.last
                              AND (s.lifted_on IS NULL OR s.lifted_on > e.last))) AS active,
                sum(EXISTS (SELECT 1 FROM users u WHERE u.id = e.user_id AND u.created_at < e.end_at)) AS activated,
                sum(EXISTS (SELECT 1 FROM checkins c WHERE c.passholder_id = e.id AND c.at >= e.use_from AND c.at < e.end_at)
                    OR EXISTS (SELECT 1 FROM ticket_sales s WHERE s.passholder_id = e.id AND s.cancelled_at IS NULL
                              AND s.sold_at >= e.use_from AND s.sold_at < e.end_at)) AS used,
                sum(EXISTS (SELECT 1 FROM holder_rights r WHERE r.passholder_id = e.id
                              AND r.opened_on >= e.first AND r.opened_on <= e.last)) AS rightsOpened
           FROM entitled e
          GROUP BY e.m, e.neighbourhood_id`,
      )
      .bind(municipalityId, JSON.stringify(months)),
    db
      .prepare('SELECT id, name FROM neighbourhoods WHERE municipality_id = ?1 ORDER BY name')
      .bind(municipalityId),
  ]);
  return {
    rows: counts!.results as TakeUpRow[],
    neighbourhoods: hoods!.results as { id: string; name: string }[],
  };
}

/** The moments the worklist's rules compare with (all computed by the service from the request's clock). */
export type WorklistClock = {
  now: string;
  today: string;
  /** Letters made before this instant are LETTER_DAYS old. */
  letterBefore: string;
  /** Six months before today, as a date and as an instant. */
  sixMonthsAgo: string;
  sixMonthsAgoAt: string;
  /** Today plus ENDING_DAYS. */
  endingBy: string;
  /** Contacts since this instant that reached the person (or they declined) keep them off the list. */
  quietSince: string;
};

export type WorklistRow = {
  id: string;
  first_name: string;
  last_name: string;
  pass_number: string;
  phone: string | null;
  email: string | null;
  has_address: number;
  created_at: string;
  not_activated: number;
  not_used: number;
  status_ending: number;
  letter_at: string | null;
  last_used_at: string | null;
  status_until: string | null;
  last_contact: string | null;
};

/**
 * The worklist of municipality ?1, one page in (created_at, id) order. Parameters: ?1 municipality, ?2 today,
 * ?3 letterBefore, ?4 sixMonthsAgo, ?5 sixMonthsAgoAt, ?6 endingBy, ?7 quietSince, ?8 reason or null,
 * ?9/?10 cursor (created_at, id) or null, ?11 page size + 1.
 */
const WORKLIST_SQL = `WITH ${GRANTS_CTE},
  people AS (
    SELECT p.id, p.first_name, p.last_name, p.pass_number, p.phone, p.email, p.address, p.user_id, p.created_at,
           EXISTS (SELECT 1 FROM grants g WHERE g.passholder_id = p.id AND g.valid_from <= ?2 AND g.last_day >= ?2)
             AND NOT EXISTS (SELECT 1 FROM status_suspensions s WHERE s.passholder_id = p.id AND s.from_date <= ?2
                               AND coalesce(s.until_date, '9999-12-31') >= ?2 AND (s.lifted_on IS NULL OR s.lifted_on > ?2)) AS has_status,
           EXISTS (SELECT 1 FROM entitlements e WHERE e.passholder_id = p.id AND e.valid_from <= ?2
                     AND coalesce(e.valid_until, '9999-12-31') >= ?2 AND (e.ended_on IS NULL OR e.ended_on > ?2)) AS has_entitlement,
           (SELECT min(g.valid_from) FROM grants g WHERE g.passholder_id = p.id AND g.last_day >= ?4) AS status_since,
           (SELECT max(g.last_day) FROM grants g WHERE g.passholder_id = p.id AND g.valid_from <= ?2 AND g.last_day >= ?2) AS status_until,
           coalesce((SELECT max(a.at) FROM audit_log a WHERE a.passholder_id = p.id AND a.action IN ('register', 'activation_code')),
                    p.created_at) AS letter_at,
           max(coalesce((SELECT max(c.at) FROM checkins c WHERE c.passholder_id = p.id), ''),
               coalesce((SELECT max(s.sold_at) FROM ticket_sales s WHERE s.passholder_id = p.id AND s.cancelled_at IS NULL), '')) AS last_used
      FROM passholders p
     WHERE p.municipality_id = ?1
       AND (?9 IS NULL OR (p.created_at, p.id) > (?9, ?10))
       AND NOT EXISTS (SELECT 1 FROM outreach_contacts oc WHERE oc.passholder_id = p.id
                         AND oc.outcome IN ('reached', 'declined') AND oc.contacted_at >= ?7)),
  flagged AS (
    SELECT *,
           ((has_status OR has_entitlement) AND user_id IS NULL AND letter_at < ?3) AS not_activated,
           (has_status AND status_since <= ?4 AND last_used < ?5) AS not_used,
           (has_status AND NOT EXISTS (SELECT 1 FROM grants g WHERE g.passholder_id = people.id
                                         AND g.valid_from <= ?6 AND g.in_force_until >= ?6)) AS status_ending
      FROM people)
  SELECT * FROM flagged
   WHERE (not_activated OR not_used OR status_ending)
     AND (?8 IS NULL OR (?8 = 'not_activated' AND not_activated) OR (?8 = 'not_used' AND not_used)
          OR (?8 = 'status_ending' AND status_ending))
   ORDER BY created_at, id
   LIMIT ?11`;

/**
 * One page of the worklist, and a "who looked at my record" line (action read, reason `outreach:worklist`) for
 * every person on it, in one batch: the audit lines come from the same query, so nobody is listed unlogged.
 */
export async function worklist(
  db: D1Database,
  municipalityId: string,
  clock: WorklistClock,
  filter: { reason: WorklistReason | null; after: { at: string; id: string } | null; limit: number },
  actorUserId: string,
): Promise<(WorklistRow & { last_contact_parsed: LastContactRow | null })[]> {
  const params = [
    municipalityId,
    clock.today,
    clock.letterBefore,
    clock.sixMonthsAgo,
    clock.sixMonthsAgoAt,
    clock.endingBy,
    clock.quietSince,
    filter.reason,
    filter.after?.at ?? null,
    filter.after?.id ?? null,
    filter.limit + 1,
  ];
  const select = `SELECT w.id, w.first_name, w.last_name, w.pass_number, w.phone, w.email, w.address IS NOT NULL AND trim(w.address) <> '' AS has_address,
            w.created_at, w.not_activated, w.not_used, w.status_ending, w.letter_at, nullif(w.last_used, '') AS last_used_at,
            w.status_until,
            (SELECT json_object('contactedAt', oc.contacted_at, 'how', oc.how, 'outcome', oc.outcome, 'reason', oc.reason)
               FROM outreach_contacts oc WHERE oc.passholder_id = w.id ORDER BY oc.contacted_at DESC, oc.created_at DESC LIMIT 1) AS last_contact
       FROM (${WORKLIST_SQL}) w`;
  // The audit lines cover the page as answered: the first `limit` rows (the extra row only says there is more).
  const audit = db
    .prepare(
      `INSERT INTO audit_log (id, at, actor_user_id, passholder_id, action, reason)
       SELECT lower(hex(randomblob(16))), ?12, ?13, w.id, 'read', 'outreach:worklist'
         FROM (SELECT id FROM (${WORKLIST_SQL}) LIMIT ?14) w`,
    )
    .bind(...params, clock.now, actorUserId, filter.limit);
  const [, page] = await db.batch<WorklistRow>([audit, db.prepare(select).bind(...params)]);
  return page!.results.map((row) => ({
    ...row,
    last_contact_parsed: row.last_contact ? (JSON.parse(row.last_contact) as LastContactRow) : null,
  }));
}

export type LastContactRow = {
  contactedAt: string;
  how: ContactWay;
  outcome: Outcome;
  reason: ContactReason;
};

export type NewContact = {
  passholderId: string;
  municipalityId: string;
  reason: ContactReason;
  how: ContactWay;
  outcome: Outcome;
  contactedAt: string;
  note: string | null;
  byUser: string;
  createdAt: string;
};

type ContactRow = {
  id: string;
  reason: ContactReason;
  how: ContactWay;
  outcome: Outcome;
  contacted_at: string;
  note: string | null;
  by: string;
};

export type ContactRecord = {
  id: string;
  reason: ContactReason;
  how: ContactWay;
  outcome: Outcome;
  contactedAt: string;
  note: string | null;
  by: string;
};

const toContact = (r: ContactRow): ContactRecord => ({
  id: r.id,
  reason: r.reason,
  how: r.how,
  outcome: r.outcome,
  contactedAt: r.contacted_at,
  note: r.note,
  by: r.by,
});

const CONTACTS_SQL = `SELECT oc.id, oc.reason, oc.how, oc.outcome, oc.contacted_at, oc.note, u.display_name AS by
   FROM outreach_contacts oc JOIN users u ON u.id = oc.by_user`;

/** Logs a contact and its line in the holder's audit log (action update, `outreach:contact`) together. */
export async function addContact(db: D1Database, c: NewContact): Promise<ContactRecord> {
  const id = newId();
  const [, row] = await db.batch<ContactRow>([
    db
      .prepare(
        `INSERT INTO outreach_contacts (id, passholder_id, municipality_id, reason, how, contacted_at, outcome, note, by_user, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)`,
      )
      .bind(
        id,
        c.passholderId,
        c.municipalityId,
        c.reason,
        c.how,
        c.contactedAt,
        c.outcome,
        c.note,
        c.byUser,
        c.createdAt,
      ),
    db.prepare(`${CONTACTS_SQL} WHERE oc.id = ?1`).bind(id),
    db
      .prepare(
        "INSERT INTO audit_log (id, at, actor_user_id, passholder_id, action, reason) VALUES (?1, ?2, ?3, ?4, 'update', 'outreach:contact')",
      )
      .bind(newId(), c.createdAt, c.byUser, c.passholderId),
  ]);
  return toContact(row!.results[0]!);
}

/**
 * A holder's contacts, newest first. With `audit` (a staff read), its audit line is written in the same batch.
 */
export async function contactsOf(
  db: D1Database,
  passholderId: string,
  audit?: { actorUserId: string; at: string; reason: string },
): Promise<ContactRecord[]> {
  const read = db
    .prepare(`${CONTACTS_SQL} WHERE oc.passholder_id = ?1 ORDER BY oc.contacted_at DESC, oc.created_at DESC`)
    .bind(passholderId);
  if (!audit) return (await read.all<ContactRow>()).results.map(toContact);
  const [, rows] = await db.batch<ContactRow>([
    db
      .prepare(
        "INSERT INTO audit_log (id, at, actor_user_id, passholder_id, action, reason) VALUES (?1, ?2, ?3, ?4, 'read', ?5)",
      )
      .bind(newId(), audit.at, audit.actorUserId, passholderId, audit.reason),
    read,
  ]);
  return rows!.results.map(toContact);
}
