import { hasClubRole, hasMunicipalityRole } from '../auth/guard.ts';
import { signCompact } from '../auth/jwt.ts';
import type { ClubScope } from '../auth/repo.ts';
import type { SessionUser } from '../env.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { distanceKm, nearBox } from '../lib/geo.ts';
import { fillAll } from '../lib/i18n.ts';
import { newId } from '../lib/ids.ts';
import { NOTICES } from '../lib/notices.ts';
import { Problem } from '../lib/problem.ts';
import { addSeconds, brusselsDateTime } from '../lib/time.ts';
import { fieldProblem } from '../lib/validation.ts';
import { qrSvg } from '../passes/qr.ts';
import { findNeighbourhood } from '../places/repo.ts';
import { afterPatch, changeMessages, changesThatMatter, type Essentials } from './changes.ts';
import * as repo from './repo.ts';
import type { Activity, ActivityInput, ActivityPatch, ActivityQuery } from './schema.ts';

// The activities' rules that take more than one read or write; who may act is checked before.

/** How long the self check-in code shown at the venue lives. */
export const ACTIVITY_CODE_SECONDS = 120;

/** What is wrong with a date, said beside its field. */
const DATE_MESSAGES = {
  '/endsAt': {
    nl: 'Het einde moet na het begin liggen.',
    fr: 'La fin doit être après le début.',
    en: 'The end must be after the start.',
  },
  '/signupDeadline': {
    nl: 'Inschrijven moet sluiten voor het einde van de activiteit.',
    fr: 'Les inscriptions doivent se clôturer avant la fin de l’activité.',
    en: 'Sign-ups must close before the activity ends.',
  },
} as const;

function dateProblem(pointer: keyof typeof DATE_MESSAGES, detail: string): Problem {
  return fieldProblem(pointer, 'invalid', detail, DATE_MESSAGES[pointer]);
}

/**
 * What publishing and editing both check of an activity's times and place: the end after the start, the
 * sign-up deadline not after the end, the neighbourhood (if any) in the club's municipality.
 */
async function checkActivity(
  db: D1Database,
  municipalityId: string,
  activity: {
    startsAt: string;
    endsAt: string;
    signupDeadline: string | null;
    neighbourhoodId: string | null;
  },
): Promise<void> {
  if (Date.parse(activity.endsAt) <= Date.parse(activity.startsAt))
    throw dateProblem('/endsAt', 'The end is before the start');
  if (activity.signupDeadline && Date.parse(activity.signupDeadline) > Date.parse(activity.endsAt))
    throw dateProblem('/signupDeadline', 'The deadline is after the end');
  if (
    activity.neighbourhoodId !== null &&
    (await findNeighbourhood(db, activity.neighbourhoodId))?.municipalityId !== municipalityId
  ) {
    throw new Problem('validation_failed', {
      detail: 'The neighbourhood is not in the club’s municipality',
      fields: [
        {
          pointer: '/neighbourhoodId',
          code: 'invalid',
          messages: {
            nl: 'Deze wijk ligt niet in de gemeente.',
            fr: 'Ce quartier n’est pas dans la commune.',
            en: 'This neighbourhood is not in the municipality.',
          },
        },
      ],
    });
  }
}

const essentials = (r: repo.ActivityRow): Essentials => ({
  title: r.title,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  venueName: r.venue_name,
  venueAddress: r.venue_address,
  capacity: r.capacity,
});

/** Nobody loses a place they hold without being asked: the club cancels sign-ups one by one first. */
function refuseIfTooFew(capacity: number | null | undefined, confirmed: number): void {
  if (capacity == null || capacity >= confirmed) return;
  throw fieldProblem('/capacity', 'too_small', `${confirmed} people hold a place`, {
    nl: `Er zijn al ${confirmed} mensen ingeschreven. Kies minstens ${confirmed} plaatsen.`,
    fr: `${confirmed} personnes sont déjà inscrites. Choisissez au moins ${confirmed} places.`,
    en: `${confirmed} people have signed up already. Choose at least ${confirmed} places.`,
  });
}

/** The activity as answered, just after a write that succeeded (it exists). */
const activityOf = async (db: D1Database, id: string): Promise<Activity> =>
  repo.toActivity((await repo.findActivity(db, id))!);

/** The activity, or not found. */
export async function loadActivity(db: D1Database, id: string): Promise<repo.ActivityRow> {
  const row = await repo.findActivity(db, id);
  if (!row) throw new Problem('not_found');
  return row;
}

/** An activity as `user` may see it: a draft, or one of a club not approved, only for the club's managers. */
export async function visibleActivity(
  db: D1Database,
  id: string,
  user: SessionUser | undefined,
): Promise<repo.ActivityRow> {
  const row = await loadActivity(db, id);
  if (repo.isPublic(row)) return row;
  const manager =
    user !== undefined &&
    (hasClubRole(user, row.club_id, 'club_admin', 'door') ||
      hasMunicipalityRole(user, row.municipality_id, 'municipality_admin'));
  if (!manager) throw new Problem('not_found');
  return row;
}

/**
 * Publishes an activity of `club` (or saves it as a draft), with `repeatWeekly` more weekly occurrences in
 * one series. Answers the first, with the ids of the whole series.
 */
export async function publish(
  db: D1Database,
  club: ClubScope,
  body: ActivityInput,
  now: Date,
): Promise<Activity & { seriesIds: string[] }> {
  const { repeatWeekly, ...input } = body;
  // A club awaiting approval (or suspended) prepares drafts; only an approved club publishes.
  if (!input.draft && club.status !== 'approved') throw new Problem('club_not_approved');
  await checkActivity(db, club.municipalityId, input);
  const seriesId = repeatWeekly > 0 ? newId() : null;
  const week = 7 * 86_400;
  const list = Array.from({ length: repeatWeekly + 1 }, (_, i) => ({
    ...input,
    id: newId(),
    clubId: club.id,
    seriesId,
    signupRequired: input.signupRequired ?? input.capacity !== null,
    startsAt: addSeconds(new Date(input.startsAt), i * week).toISOString(),
    endsAt: addSeconds(new Date(input.endsAt), i * week).toISOString(),
    signupDeadline: input.signupDeadline
      ? addSeconds(new Date(input.signupDeadline), i * week).toISOString()
      : null,
  }));
  await repo.insertActivities(db, list, now.toISOString());
  const first = await activityOf(db, list[0]!.id);
  return { ...first, seriesIds: list.map((a) => a.id) };
}

/**
 * Changes an activity of `club`; when the time, the venue or (fewer) places change, everyone signed up or
 * waiting is told in the same transaction. Answers the activity and how many were told.
 */
export async function change(
  db: D1Database,
  row: repo.ActivityRow,
  club: ClubScope,
  patch: ActivityPatch,
  now: Date,
): Promise<Activity & { notified: number }> {
  if (row.cancelled_at) throw new Problem('activity_cancelled');
  refuseIfTooFew(patch.capacity, row.confirmed);
  // The activity as it would be after the change passes the same checks as a new one.
  await checkActivity(db, club.municipalityId, {
    startsAt: patch.startsAt ?? row.starts_at,
    endsAt: patch.endsAt ?? row.ends_at,
    signupDeadline: patch.signupDeadline === undefined ? row.signup_deadline : patch.signupDeadline,
    neighbourhoodId: patch.neighbourhoodId === undefined ? row.neighbourhood_id : patch.neighbourhoodId,
  });
  const before = essentials(row);
  const after = afterPatch(before, patch);
  const kinds = changesThatMatter(before, after);
  const notified = await repo.updateActivity(
    db,
    row.id,
    patch,
    now.toISOString(),
    kinds.length > 0 ? changeMessages(after, kinds) : null,
  );
  if (notified === null) {
    // Cancelled, or signed up past the new capacity, between the checks above and the write: nothing changed.
    const current = await loadActivity(db, row.id);
    if (current.cancelled_at) throw new Problem('activity_cancelled');
    refuseIfTooFew(patch.capacity, current.confirmed);
    // Neither any more: it changed and changed back meanwhile (a sign-up came and went).
    throw new Problem('activity_changed', { detail: 'The activity changed during the edit; try again' });
  }
  return { ...(await activityOf(db, row.id)), notified };
}

/** Publishes a draft of an approved club. */
export async function publishDraft(
  db: D1Database,
  activityId: string,
  club: ClubScope,
  now: Date,
): Promise<Activity> {
  if (club.status !== 'approved') throw new Problem('club_not_approved');
  if (!(await repo.publishActivity(db, activityId, now.toISOString())))
    throw new Problem('already_published', { detail: 'Published already' });
  return activityOf(db, activityId);
}

/** Cancels an activity; everyone signed up is told in their own language. */
export async function cancel(db: D1Database, row: repo.ActivityRow, now: Date): Promise<Activity> {
  const texts = NOTICES.activity_cancelled;
  const messages = {
    nl: fillAll(texts, { title: row.title, date: brusselsDateTime(row.starts_at, 'nl') }).nl,
    fr: fillAll(texts, { title: row.title, date: brusselsDateTime(row.starts_at, 'fr') }).fr,
    en: fillAll(texts, { title: row.title, date: brusselsDateTime(row.starts_at, 'en') }).en,
  };
  if (!(await repo.cancelActivity(db, row.id, messages, now.toISOString())))
    throw new Problem('activity_cancelled');
  return activityOf(db, row.id);
}

/** One page of the public search, by start; with `near`, each activity's distance in km. */
export async function search(db: D1Database, q: ActivityQuery, now: Date) {
  const position = q.cursor ? decodeCursor(q.cursor) : null;
  const after = position ? { startsAt: position.at, id: position.id } : null;
  const [lat, lon] = q.near ? q.near.split(',').map(Number) : [];
  const near = lat !== undefined && lon !== undefined ? { ...nearBox(lat, lon, q.km), lat, lon } : null;
  const rows = await repo.listActivities(db, {
    from: q.from ?? now.toISOString(),
    to: q.to ?? null,
    category: q.category ?? null,
    municipalityId: q.municipalityId ?? null,
    neighbourhoodId: q.neighbourhoodId ?? null,
    clubId: q.clubId ?? null,
    accessibility: q.accessibility ? q.accessibility.split(',').filter(Boolean) : [],
    free: q.free === undefined ? null : q.free === 'true',
    near,
    after,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const items = page.map((r) => ({
    ...repo.toActivity(r),
    ...(near && r.lat !== null && r.lon !== null
      ? { distanceKm: Math.round(distanceKm(near.lat, near.lon, r.lat, r.lon) * 10) / 10 }
      : {}),
  }));
  const nextCursor = rows.length > q.limit && last ? encodeCursor({ at: last.starts_at, id: last.id }) : null;
  return { items, nextCursor };
}

/** A rotating code for self check-in at the venue: signed, valid two minutes, with its link and QR. */
export async function checkinCode(keys: string, row: repo.ActivityRow, origin: string, now: Date) {
  const expiresAt = addSeconds(now, ACTIVITY_CODE_SECONDS);
  const code = await signCompact(keys, { k: row.id, x: Math.floor(expiresAt.getTime() / 1000) });
  const url = `${origin}/#/checkin/${code}`;
  return { code, url, expiresAt: expiresAt.toISOString(), qrSvg: qrSvg(url, row.title, 'L') };
}
