import { findActivity, isPublic, type ActivityRow } from '../activities/repo.ts';
import { newId } from '../lib/ids.ts';
import { Problem } from '../lib/problem.ts';
import { passesOf } from '../passes/repo.ts';
import { holderPrices } from '../tariffs/service.ts';
import { promotionMessages } from './promotion.ts';
import * as repo from './repo.ts';
import type { Signup } from './schema.ts';

// The sign-ups' rules that take more than one read or write; who may act is checked before.

/** A sign-up's coming activities are those that ended at most a day ago. */
const DAY_MS = 86_400_000;

/** Each person's own price for the activity (one round trip). */
async function pricesFor(
  db: D1Database,
  activityId: string,
  passholderIds: string[],
  now: Date,
): Promise<Map<string, number>> {
  const target = { kind: 'ticket' as const, activityId };
  const prices = await holderPrices(
    db,
    passholderIds.map((passholderId) => ({ target, passholderId })),
    now,
  );
  const byHolder = new Map<string, number>();
  for (const [i, id] of passholderIds.entries()) {
    const price = prices[i];
    if (price) byHolder.set(id, price.priceCents);
  }
  return byHolder;
}

/** The public, not cancelled activity whose sign-up is open now (refused otherwise). */
export async function openForSignup(db: D1Database, activityId: string, now: Date): Promise<ActivityRow> {
  const activity = await findActivity(db, activityId);
  if (!activity || !isPublic(activity)) throw new Problem('not_found');
  if (activity.cancelled_at) throw new Problem('activity_cancelled');
  const at = now.toISOString();
  if (
    !activity.signup_required ||
    activity.ends_at <= at ||
    (activity.signup_deadline && activity.signup_deadline < at)
  )
    throw new Problem('signup_closed');
  return activity;
}

/** Signs these people up, all or none: confirmed while places are left, waitlisted after; each with their price. */
export async function signUp(
  db: D1Database,
  s: { activityId: string; passholderIds: string[]; by: string; now: Date },
): Promise<Signup[]> {
  const at = s.now.toISOString();
  const signups = s.passholderIds.map((passholderId) => ({
    id: newId(),
    activityId: s.activityId,
    passholderId,
    by: s.by,
    at,
  }));
  try {
    await repo.insertSignups(db, signups);
  } catch (error) {
    if (repo.isDuplicateSignup(error)) throw new Problem('already_signed_up');
    throw error;
  }
  const [stored, prices] = await Promise.all([
    repo.findSignups(
      db,
      signups.map((x) => x.id),
    ),
    pricesFor(db, s.activityId, s.passholderIds, s.now),
  ]);
  return stored.map((x) => ({ ...x, priceCents: prices.get(x.passholderId) ?? null }));
}

export async function loadSignup(db: D1Database, id: string): Promise<repo.Signup> {
  const signup = await repo.findSignup(db, id);
  if (!signup) throw new Problem('not_found');
  return signup;
}

/** Cancels a sign-up (once); the first on the waiting list gets the place and is told. */
export async function cancel(db: D1Database, signup: repo.Signup, now: Date): Promise<Signup> {
  const activity = (await findActivity(db, signup.activityId))!;
  const messages = promotionMessages(activity.title, activity.starts_at);
  if (!(await repo.cancelSignup(db, signup, messages, now.toISOString())))
    throw new Problem('signup_cancelled_already', { detail: 'Cancelled already' });
  return { ...(await repo.findSignup(db, signup.id))!, priceCents: null };
}

/** The passes of a resident's household they may act for (themself and their wards). */
async function ownPasses(db: D1Database, passholderId: string): Promise<string[]> {
  return (await passesOf(db, passholderId)).map((p) => p.passholderId);
}

/** The coming sign-ups of a resident and of the people they are guardian of. */
export async function mySignups(db: D1Database, passholderId: string | null, now: Date) {
  if (!passholderId) return [];
  const ids = await ownPasses(db, passholderId);
  return repo.mySignups(db, ids, new Date(now.getTime() - DAY_MS).toISOString());
}

/** What the counter needs to act for a resident, read with its audit line (refused when there is no such pass). */
export async function counterView(
  db: D1Database,
  passholderId: string,
  audit: { actorUserId: string; reason: string; now: Date },
) {
  const view = await repo.counterView(
    db,
    passholderId,
    new Date(audit.now.getTime() - DAY_MS).toISOString(),
    {
      actorUserId: audit.actorUserId,
      reason: audit.reason,
      at: audit.now.toISOString(),
    },
  );
  if (!view) throw new Problem('not_found');
  return view;
}

/** Messages for a resident and the people they are guardian of, newest first. */
export async function myNotifications(db: D1Database, passholderId: string | null) {
  if (!passholderId) return [];
  return repo.notifications(db, await ownPasses(db, passholderId));
}
