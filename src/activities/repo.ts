import { guardRefused } from '../lib/constraints.ts';
import type { Activity, ActivityInput, ActivityPatch } from './schema.ts';

const COLUMNS = `a.id, a.club_id, c.name AS club_name, c.municipality_id, a.title, a.description, a.category, a.starts_at, a.ends_at,
  a.venue_name, a.venue_address, a.lat, a.lon, a.neighbourhood_id, a.capacity, a.signup_required, a.signup_deadline,
  a.regular_price_cents, a.points, a.accessibility, a.cancelled_at, a.checkin_before_minutes, a.checkin_after_minutes,
  a.draft, c.status AS club_status,
  (SELECT count(*) FROM signups s WHERE s.activity_id = a.id AND s.status = 'confirmed') AS confirmed,
  (SELECT count(*) FROM signups s WHERE s.activity_id = a.id AND s.status = 'waitlisted') AS waitlisted`;

export type ActivityRow = {
  id: string;
  club_id: string;
  club_name: string;
  municipality_id: string;
  title: string;
  description: string;
  category: Activity['category'];
  starts_at: string;
  ends_at: string;
  venue_name: string | null;
  venue_address: string | null;
  lat: number | null;
  lon: number | null;
  neighbourhood_id: string | null;
  capacity: number | null;
  signup_required: number;
  signup_deadline: string | null;
  regular_price_cents: number;
  points: number;
  accessibility: string;
  cancelled_at: string | null;
  checkin_before_minutes: number;
  checkin_after_minutes: number;
  draft: number;
  club_status: 'pending' | 'approved' | 'suspended';
  confirmed: number;
  waitlisted: number;
};

export function toActivity(r: ActivityRow): Activity {
  return {
    id: r.id,
    clubId: r.club_id,
    clubName: r.club_name,
    municipalityId: r.municipality_id,
    title: r.title,
    description: JSON.parse(r.description) as Record<string, string>,
    category: r.category,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    venue: { name: r.venue_name, address: r.venue_address, lat: r.lat, lon: r.lon },
    neighbourhoodId: r.neighbourhood_id,
    capacity: r.capacity,
    placesLeft: r.capacity === null ? null : Math.max(0, r.capacity - r.confirmed),
    waitlisted: r.waitlisted,
    signupRequired: r.signup_required === 1,
    signupDeadline: r.signup_deadline,
    regularPriceCents: r.regular_price_cents,
    points: r.points,
    accessibility: JSON.parse(r.accessibility) as string[],
    cancelled: r.cancelled_at !== null,
    draft: r.draft === 1,
  };
}

/** Does the public see this activity? Published, and its club approved. */
export function isPublic(r: ActivityRow): boolean {
  return r.draft === 0 && r.club_status === 'approved';
}

/** Publishes a draft. False when it was published already. */
export async function publishActivity(db: D1Database, id: string, at: string): Promise<boolean> {
  const result = await db
    .prepare('UPDATE activities SET draft = 0, updated_at = ?2 WHERE id = ?1 AND draft = 1')
    .bind(id, at)
    .run();
  return result.meta.changes > 0;
}

export async function findActivity(db: D1Database, id: string): Promise<ActivityRow | null> {
  return db
    .prepare(`SELECT ${COLUMNS} FROM activities a JOIN clubs c ON c.id = a.club_id WHERE a.id = ?1`)
    .bind(id)
    .first<ActivityRow>();
}

export type NewActivity = Omit<ActivityInput, 'repeatWeekly' | 'signupRequired'> & {
  id: string;
  clubId: string;
  seriesId: string | null;
  signupRequired: boolean;
};

export async function insertActivities(db: D1Database, list: NewActivity[], at: string): Promise<void> {
  await db.batch(
    list.map((a) =>
      db
        .prepare(
          `INSERT INTO activities (id, club_id, title, category, starts_at, ends_at, capacity, regular_price_cents, neighbourhood_id, created_at,
                                   description, venue_name, venue_address, lat, lon, signup_required, signup_deadline, points, accessibility,
                                   series_id, checkin_before_minutes, checkin_after_minutes, updated_at, draft)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?10, ?23)`,
        )
        .bind(
          a.id,
          a.clubId,
          a.title,
          a.category,
          a.startsAt,
          a.endsAt,
          a.capacity,
          a.regularPriceCents,
          a.neighbourhoodId,
          at,
          JSON.stringify(a.description),
          a.venue.name ?? null,
          a.venue.address ?? null,
          a.venue.lat ?? null,
          a.venue.lon ?? null,
          a.signupRequired ? 1 : 0,
          a.signupDeadline,
          a.points,
          JSON.stringify(a.accessibility),
          a.seriesId,
          a.checkinBeforeMinutes,
          a.checkinAfterMinutes,
          a.draft ? 1 : 0,
        ),
    ),
  );
}

const PATCH_COLUMNS: Record<string, (p: ActivityPatch) => [string, unknown][]> = {
  title: (p) => [['title', p.title]],
  category: (p) => [['category', p.category]],
  startsAt: (p) => [['starts_at', p.startsAt]],
  endsAt: (p) => [['ends_at', p.endsAt]],
  capacity: (p) => [['capacity', p.capacity]],
  regularPriceCents: (p) => [['regular_price_cents', p.regularPriceCents]],
  description: (p) => [['description', JSON.stringify(p.description)]],
  // Only the parts of the venue that are sent change: a new name keeps the address and the map point.
  venue: (p) =>
    (
      [
        ['venue_name', 'name'],
        ['venue_address', 'address'],
        ['lat', 'lat'],
        ['lon', 'lon'],
      ] as const
    )
      .filter(([, key]) => p.venue !== undefined && key in p.venue)
      .map(([column, key]) => [column, p.venue?.[key] ?? null]),
  neighbourhoodId: (p) => [['neighbourhood_id', p.neighbourhoodId]],
  signupRequired: (p) => [['signup_required', p.signupRequired ? 1 : 0]],
  signupDeadline: (p) => [['signup_deadline', p.signupDeadline]],
  points: (p) => [['points', p.points]],
  accessibility: (p) => [['accessibility', JSON.stringify(p.accessibility)]],
  checkinBeforeMinutes: (p) => [['checkin_before_minutes', p.checkinBeforeMinutes]],
  checkinAfterMinutes: (p) => [['checkin_after_minutes', p.checkinAfterMinutes]],
};

/**
 * Changes an activity. With `messages`, everyone signed up or on the waiting list (not those who cancelled)
 * is told, each in their own language, in the same transaction as the change. Answers how many were told.
 */
/**
 * Changes an activity and, when `messages` is given, tells everyone signed up or waiting, in one transaction.
 * A guard row refuses the whole batch when the activity was cancelled meanwhile or when a new capacity is
 * below the places taken at that moment (a sign-up can land between the route's check and this write): the
 * answer is then `null`, and nothing is written. Otherwise it is how many people were told.
 */
export async function updateActivity(
  db: D1Database,
  id: string,
  patch: ActivityPatch,
  at: string,
  messages: { nl: string; fr: string; en: string } | null = null,
): Promise<number | null> {
  const changes = Object.keys(patch).flatMap((key) => PATCH_COLUMNS[key]?.(patch) ?? []);
  const assignments = changes.map(([column], i) => `, ${column} = ?${i + 3}`).join('');
  const statements = [
    db
      .prepare(
        `INSERT INTO write_guards (ok)
         SELECT (SELECT cancelled_at IS NULL FROM activities WHERE id = ?1)
            AND (?2 IS NULL OR ?2 >= (SELECT count(*) FROM signups WHERE activity_id = ?1 AND status = 'confirmed'))`,
      )
      .bind(id, typeof patch.capacity === 'number' ? patch.capacity : null),
    db
      .prepare(`UPDATE activities SET updated_at = ?2${assignments} WHERE id = ?1`)
      .bind(id, at, ...changes.map(([, v]) => v)),
  ];
  if (messages)
    statements.push(
      db
        .prepare(
          `INSERT INTO notifications (id, passholder_id, kind, activity_id, message, created_at)
           SELECT lower(hex(randomblob(16))), s.passholder_id, 'activity_changed', ?1,
                  CASE p.locale WHEN 'fr' THEN ?3 WHEN 'en' THEN ?4 ELSE ?2 END, ?5
             FROM signups s JOIN passholders p ON p.id = s.passholder_id
            WHERE s.activity_id = ?1 AND s.status IN ('confirmed', 'waitlisted')
           RETURNING id`,
        )
        .bind(id, messages.nl, messages.fr, messages.en, at),
    );
  statements.push(db.prepare('DELETE FROM write_guards'));
  try {
    const results = await db.batch(statements);
    // The rows it returned, not `changes`: D1 counts the outbox rows the notifications trigger writes too.
    return messages ? (results[2]?.results.length ?? 0) : 0;
  } catch (error) {
    if (guardRefused(error, 'write_guards', 'write_refused')) return null;
    throw error;
  }
}

/** Cancels an activity and tells everyone signed up, each in their own language, in one transaction. */
export async function cancelActivity(
  db: D1Database,
  id: string,
  messages: { nl: string; fr: string; en: string },
  at: string,
): Promise<boolean> {
  // Only the call that cancelled (its call id, not the time: two calls can share a millisecond) tells people.
  const callId = crypto.randomUUID();
  const [cancel] = await db.batch([
    db
      .prepare(
        'UPDATE activities SET cancelled_at = ?2, updated_at = ?2, cancel_call = ?3 WHERE id = ?1 AND cancelled_at IS NULL',
      )
      .bind(id, at, callId),
    db
      .prepare(
        `INSERT INTO notifications (id, passholder_id, kind, activity_id, message, created_at)
         SELECT lower(hex(randomblob(16))), s.passholder_id, 'activity_cancelled', ?1,
                CASE p.locale WHEN 'fr' THEN ?3 WHEN 'en' THEN ?4 ELSE ?2 END, ?5
           FROM signups s JOIN passholders p ON p.id = s.passholder_id
          WHERE s.activity_id = ?1 AND s.status <> 'cancelled'
            AND EXISTS (SELECT 1 FROM activities WHERE id = ?1 AND cancel_call = ?6)`,
      )
      .bind(id, messages.nl, messages.fr, messages.en, at, callId),
  ]);
  return (cancel?.meta.changes ?? 0) > 0;
}

export type ListFilters = {
  from: string;
  to: string | null;
  category: string | null;
  municipalityId: string | null;
  neighbourhoodId: string | null;
  clubId: string | null;
  accessibility: string[];
  free: boolean | null;
  near: {
    minLat: number;
    maxLat: number;
    minLon: number;
    maxLon: number;
    lat: number;
    lon: number;
    lonScale: number;
    maxSquared: number;
  } | null;
  after: { startsAt: string; id: string } | null;
  limit: number;
};

/** Activities by start, filtered; the near filter reads a latitude band through an index. */
export async function listActivities(db: D1Database, f: ListFilters): Promise<ActivityRow[]> {
  const where: string[] = [
    'a.cancelled_at IS NULL',
    'a.ends_at >= ?1',
    'a.draft = 0',
    "c.status = 'approved'",
  ];
  const params: unknown[] = [f.from];
  const p = (value: unknown) => {
    params.push(value);
    return `?${params.length}`;
  };
  if (f.to) where.push(`a.starts_at < ${p(f.to)}`);
  if (f.category) where.push(`a.category = ${p(f.category)}`);
  if (f.municipalityId) where.push(`c.municipality_id = ${p(f.municipalityId)}`);
  if (f.neighbourhoodId) where.push(`a.neighbourhood_id = ${p(f.neighbourhoodId)}`);
  if (f.clubId) where.push(`a.club_id = ${p(f.clubId)}`);
  for (const need of f.accessibility)
    where.push(`EXISTS (SELECT 1 FROM json_each(a.accessibility) WHERE value = ${p(need)})`);
  if (f.free === true) where.push('a.regular_price_cents = 0');
  if (f.free === false) where.push('a.regular_price_cents > 0');
  if (f.near) {
    const n = f.near;
    where.push(
      `a.lat BETWEEN ${p(n.minLat)} AND ${p(n.maxLat)} AND a.lon BETWEEN ${p(n.minLon)} AND ${p(n.maxLon)}`,
    );
    where.push(
      `((a.lon - ${p(n.lon)}) * ${p(n.lonScale)}) * ((a.lon - ${p(n.lon)}) * ${p(n.lonScale)}) + (a.lat - ${p(n.lat)}) * (a.lat - ${p(n.lat)}) <= ${p(n.maxSquared)}`,
    );
  }
  if (f.after) where.push(`(a.starts_at, a.id) > (${p(f.after.startsAt)}, ${p(f.after.id)})`);
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM activities a JOIN clubs c ON c.id = a.club_id WHERE ${where.join(' AND ')} ORDER BY a.starts_at, a.id LIMIT ${p(f.limit)}`,
    )
    .bind(...params)
    .all<ActivityRow>();
  return results;
}
