import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { findActivity, type ActivityRow } from '../activities/repo.ts';
import { verifyCompact } from '../auth/jwt.ts';
import { checkInAtDoor, type PassInput } from '../door/service.ts';
import type { Locale } from '../lib/i18n.ts';
import { notice } from '../lib/notices.ts';
import { Problem } from '../lib/problem.ts';
import { displayName } from '../passes/people.ts';
import { checkinAnswer, checkinOpen } from './checkin.ts';
import * as repo from './repo.ts';
import type { Checkin } from './schema.ts';

// Check-ins and corrections that take more than one read or write; who may act is checked before.

/** A check-in at the door in one round trip (the door's checks, the check-in, its points), with its messages. */
export async function doorCheckin(c: Context<AppEnv>, activityId: string, pass: PassInput): Promise<Checkin> {
  const { row, notices } = await checkInAtDoor(c, activityId, pass);
  // The locale is read after the door's batch: it may have set the user's own.
  if (row.signup_status === null) notices.push(notice('not_signed_up', c.var.locale));
  if (row.signup_status === 'waitlisted') notices.push(notice('waitlisted', c.var.locale));
  const result = { at: row.checked_in_at!, fresh: row.new_checkin === 1, balance: row.points_balance };
  const name = displayName(row.first_name, row.last_name);
  return checkinAnswer(result, row.activity_points, name, row.signup_status, notices, c.var.locale);
}

/** The activity of the QR code shown at the venue: signed by us, not expired, not cancelled, its door open. */
export async function activityOfCode(
  env: { DB: D1Database; SIGNING_KEYS: string },
  code: string,
  now: Date,
): Promise<ActivityRow> {
  let payload: { k?: unknown; x?: unknown };
  try {
    payload = (await verifyCompact(env.SIGNING_KEYS, code)) as typeof payload;
  } catch {
    throw new Problem('code_invalid');
  }
  if (typeof payload.k !== 'string' || typeof payload.x !== 'number') throw new Problem('code_invalid');
  if (payload.x * 1000 + 10_000 < now.getTime()) throw new Problem('code_expired');
  const activity = await findActivity(env.DB, payload.k);
  if (!activity) throw new Problem('not_found');
  if (activity.cancelled_at) throw new Problem('activity_cancelled');
  if (
    !checkinOpen(
      {
        startsAt: activity.starts_at,
        endsAt: activity.ends_at,
        before: activity.checkin_before_minutes,
        after: activity.checkin_after_minutes,
      },
      now,
    )
  ) {
    throw new Problem('checkin_closed');
  }
  return activity;
}

/** A self check-in of one holder at the activity of the venue's code; points exactly once. */
export async function checkInSelf(
  db: D1Database,
  activity: ActivityRow,
  s: { passholderId: string; by: string; now: Date; locale: Locale },
): Promise<Checkin> {
  const r = await repo.checkIn(db, {
    activityId: activity.id,
    passholderId: s.passholderId,
    points: activity.points,
    by: s.by,
    via: 'self',
    at: s.now.toISOString(),
  });
  const result = { at: r.at, fresh: r.new_checkin === 1, balance: r.balance };
  return checkinAnswer(result, activity.points, displayName(r.first_name, r.last_name), null, [], s.locale);
}

/** How many of the newest ledger lines a holder sees. */
const LEDGER_LINES = 100;

/** A holder's points: the balance and the newest lines. */
export async function points(db: D1Database, passholderId: string) {
  return repo.ledger(db, passholderId, LEDGER_LINES);
}

/** Corrects a holder's points with a reason; the points after. */
export async function correct(
  db: D1Database,
  c: { passholderId: string; points: number; reason: string; by: string; now: Date },
) {
  await repo.correct(db, c.passholderId, c.points, c.reason, c.by, c.now.toISOString());
  return points(db, c.passholderId);
}
