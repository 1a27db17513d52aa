import { uniqueViolation } from '../lib/constraints.ts';

export type Signup = {
  id: string;
  activityId: string;
  passholderId: string;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  waitlistPosition: number | null;
};

/**
 * Signs one passholder up in one statement: `confirmed` while the confirmed count is under the capacity,
 * `waitlisted` after, with the next arrival position. SQLite runs writes one at a time, so no two
 * sign-ups can take the last place.
 */
export function signupStatement(
  db: D1Database,
  s: { id: string; activityId: string; passholderId: string; by: string; at: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO signups (id, activity_id, passholder_id, status, position, created_at, created_by)
       SELECT ?1, a.id, ?3,
              CASE WHEN a.capacity IS NULL OR (SELECT count(*) FROM signups x WHERE x.activity_id = a.id AND x.status = 'confirmed') < a.capacity
                   THEN 'confirmed' ELSE 'waitlisted' END,
              (SELECT coalesce(max(position), 0) + 1 FROM signups x WHERE x.activity_id = a.id), ?5, ?4
         FROM activities a WHERE a.id = ?2`,
    )
    .bind(s.id, s.activityId, s.passholderId, s.by, s.at);
}

type NewSignup = Parameters<typeof signupStatement>[1];

/** Signs several passholders up in one transaction, in order (a duplicate refuses them all). */
export async function insertSignups(db: D1Database, signups: NewSignup[]): Promise<void> {
  await db.batch(signups.map((s) => signupStatement(db, s)));
}

export function isDuplicateSignup(error: unknown): boolean {
  return uniqueViolation(error, 'signups');
}

const SIGNUP_SQL = `SELECT s.id, s.activity_id, s.passholder_id, s.status,
    CASE WHEN s.status = 'waitlisted' THEN (SELECT count(*) FROM signups w WHERE w.activity_id = s.activity_id AND w.status = 'waitlisted' AND w.position <= s.position) END AS waitlist_position
  FROM signups s`;

type Row = {
  id: string;
  activity_id: string;
  passholder_id: string;
  status: Signup['status'];
  waitlist_position: number | null;
};
const toSignup = (r: Row): Signup => ({
  id: r.id,
  activityId: r.activity_id,
  passholderId: r.passholder_id,
  status: r.status,
  waitlistPosition: r.waitlist_position,
});

export async function findSignups(db: D1Database, ids: string[]): Promise<Signup[]> {
  const { results } = await db
    .prepare(`${SIGNUP_SQL} WHERE s.id IN (SELECT value FROM json_each(?1))`)
    .bind(JSON.stringify(ids))
    .all<Row>();
  return ids
    .map((id) => results.find((r) => r.id === id))
    .filter((r): r is Row => r !== undefined)
    .map(toSignup);
}

export async function findSignup(db: D1Database, id: string): Promise<Signup | null> {
  return (await findSignups(db, [id]))[0] ?? null;
}

/**
 * Cancels a sign-up; if it held a place, the first on the waiting list gets it and is told in their
 * language. One transaction.
 */
export async function cancelSignup(
  db: D1Database,
  s: Signup,
  messages: { nl: string; fr: string; en: string },
  at: string,
): Promise<boolean> {
  // The promotion is marked with this call's id: the message goes to whom this call promoted, even when
  // another cancellation runs in the same millisecond.
  const callId = crypto.randomUUID();
  const [cancel] = await db.batch([
    db
      .prepare(
        "UPDATE signups SET status = 'cancelled', cancelled_at = ?2 WHERE id = ?1 AND status <> 'cancelled'",
      )
      .bind(s.id, at),
    db
      .prepare(
        `UPDATE signups SET status = 'confirmed', promoted_at = ?2, promotion_call = ?3
          WHERE id = (SELECT id FROM signups WHERE activity_id = ?1 AND status = 'waitlisted' ORDER BY position LIMIT 1)
            AND (SELECT capacity FROM activities WHERE id = ?1) > (SELECT count(*) FROM signups WHERE activity_id = ?1 AND status = 'confirmed')`,
      )
      .bind(s.activityId, at, callId),
    db
      .prepare(
        `INSERT INTO notifications (id, passholder_id, kind, activity_id, message, created_at)
         SELECT lower(hex(randomblob(16))), x.passholder_id, 'signup_promoted', ?1, CASE p.locale WHEN 'fr' THEN ?3 WHEN 'en' THEN ?4 ELSE ?2 END, ?5
           FROM signups x JOIN passholders p ON p.id = x.passholder_id
          WHERE x.activity_id = ?1 AND x.status = 'confirmed' AND x.promotion_call = ?6`,
      )
      .bind(s.activityId, messages.nl, messages.fr, messages.en, at, callId),
  ]);
  return (cancel?.meta.changes ?? 0) > 0;
}

/** An activity's sign-ups and waiting list: names and pass numbers only. */
export async function activitySignups(db: D1Database, activityId: string) {
  const { results } = await db
    .prepare(
      `SELECT s.id, s.status, s.position, p.first_name, p.last_name, p.pass_number,
              EXISTS (SELECT 1 FROM checkins k WHERE k.activity_id = s.activity_id AND k.passholder_id = s.passholder_id) AS checked_in
         FROM signups s JOIN passholders p ON p.id = s.passholder_id
        WHERE s.activity_id = ?1 AND s.status <> 'cancelled' ORDER BY s.status, s.position`,
    )
    .bind(activityId)
    .all<{
      id: string;
      status: string;
      position: number;
      first_name: string;
      last_name: string;
      pass_number: string;
      checked_in: number;
    }>();
  const item = (r: (typeof results)[number]) => ({
    signupId: r.id,
    name: `${r.first_name} ${r.last_name}`,
    passNumber: r.pass_number,
    checkedIn: r.checked_in === 1,
  });
  return {
    confirmed: results.filter((r) => r.status === 'confirmed').map(item),
    waitlisted: results.filter((r) => r.status === 'waitlisted').map(item),
  };
}

/** A passholder's coming sign-ups (and those of the last day). */
export async function mySignups(db: D1Database, passholderIds: string[], from: string) {
  const { results } = await db
    .prepare(
      `${SIGNUP_SQL.replace('FROM signups s', ', a.title, a.starts_at, a.cancelled_at, p.first_name FROM signups s JOIN activities a ON a.id = s.activity_id JOIN passholders p ON p.id = s.passholder_id')}
        WHERE s.passholder_id IN (SELECT value FROM json_each(?1)) AND s.status <> 'cancelled' AND a.ends_at >= ?2 ORDER BY a.starts_at`,
    )
    .bind(JSON.stringify(passholderIds), from)
    .all<Row & { title: string; starts_at: string; cancelled_at: string | null; first_name: string }>();
  return results.map((r) => ({
    ...toSignup(r),
    title: r.title,
    startsAt: r.starts_at,
    activityCancelled: r.cancelled_at !== null,
    firstName: r.first_name,
  }));
}

export async function notifications(db: D1Database, passholderIds: string[]) {
  const { results } = await db
    .prepare(
      `SELECT id, kind, message, created_at, activity_id FROM notifications
        WHERE passholder_id IN (SELECT value FROM json_each(?1)) ORDER BY created_at DESC LIMIT 30`,
    )
    .bind(JSON.stringify(passholderIds))
    .all<{ id: string; kind: string; message: string; created_at: string; activity_id: string | null }>();
  return results.map((r) => ({
    id: r.id,
    kind: r.kind,
    message: r.message,
    createdAt: r.created_at,
    activityId: r.activity_id,
  }));
}

/** A read within this many minutes of the same staff member's last read of the record is the same visit. */
export const SAME_VISIT_MINUTES = 30;

/**
 * What the counter needs to act for a resident (their first name, language and address, their coming
 * sign-ups with the live lift request of each), read together with the audit line in one transaction. A
 * read in the same visit as the same staff member's last read of the record (within
 * {@link SAME_VISIT_MINUTES}) adds no second line: the holder sees one line per visit, with its reason.
 */
export async function counterView(
  db: D1Database,
  passholderId: string,
  from: string,
  audit: { actorUserId: string; reason: string; at: string },
) {
  const since = new Date(Date.parse(audit.at) - SAME_VISIT_MINUTES * 60_000).toISOString();
  const [, holder, signups] = await db.batch([
    db
      .prepare(
        `INSERT INTO audit_log (id, at, actor_user_id, passholder_id, action, reason)
         SELECT lower(hex(randomblob(16))), ?1, ?2, ?3, 'read', ?4
          WHERE NOT EXISTS (SELECT 1 FROM audit_log WHERE passholder_id = ?3 AND actor_user_id = ?2 AND action = 'read' AND at >= ?5)`,
      )
      .bind(audit.at, audit.actorUserId, passholderId, audit.reason, since),
    db.prepare('SELECT id, first_name, locale, address FROM passholders WHERE id = ?1').bind(passholderId),
    db
      .prepare(
        `${SIGNUP_SQL.replace(
          'FROM signups s',
          `, a.title, a.starts_at, a.ends_at, a.cancelled_at, a.venue_name, a.venue_address, c.name AS club_name,
             (SELECT json_object('id', r.id, 'status', iif(r.status = 'requested' AND r.passenger_agreed_at IS NULL, 'proposed', r.status),
                                 'driverFirstName', d.first_name)
                FROM ride_requests r LEFT JOIN ride_offers o ON o.id = r.offer_id LEFT JOIN passholders d ON d.id = o.driver_id
               WHERE r.activity_id = s.activity_id AND r.passenger_id = s.passholder_id AND r.status IN ('open', 'requested', 'accepted')) AS lift
           FROM signups s JOIN activities a ON a.id = s.activity_id JOIN clubs c ON c.id = a.club_id`,
        )}
        WHERE s.passholder_id = ?1 AND s.status <> 'cancelled' AND a.ends_at >= ?2 ORDER BY a.starts_at, a.title`,
      )
      .bind(passholderId, from),
  ]);
  const h = holder!.results[0] as
    { id: string; first_name: string; locale: 'nl' | 'fr' | 'en'; address: string | null } | undefined;
  if (!h) return null;
  type ViewRow = Row & {
    title: string;
    starts_at: string;
    ends_at: string;
    cancelled_at: string | null;
    venue_name: string | null;
    venue_address: string | null;
    club_name: string;
    lift: string | null;
  };
  return {
    holder: { id: h.id, firstName: h.first_name, locale: h.locale, address: h.address },
    items: (signups!.results as ViewRow[]).map((r) => {
      const lift = r.lift
        ? (JSON.parse(r.lift) as {
            id: string;
            status: 'open' | 'requested' | 'proposed' | 'accepted';
            driverFirstName: string | null;
          })
        : null;
      return {
        ...toSignup(r),
        title: r.title,
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        activityCancelled: r.cancelled_at !== null,
        venue: { name: r.venue_name, address: r.venue_address },
        clubName: r.club_name,
        lift,
      };
    }),
  };
}
