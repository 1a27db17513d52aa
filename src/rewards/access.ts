import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { findActivity } from '../activities/repo.ts';
import { doorOpen } from '../activities/window.ts';
import { allowClub, passholderAccess, requireClubStaff } from '../auth/access.ts';
import { allow, requireUser } from '../auth/guard.ts';
import { Problem } from '../lib/problem.ts';
import { checkCard, readPass } from '../passes/door.ts';
import * as repo from './repo.ts';
import type { HolderInput, Presence } from './schema.ts';

// Whose reward it is: the resident themself (or their guardian, or counter staff), or a holder present at
// the reward's club.

export async function loadReward(c: Context<AppEnv>, id: string): Promise<repo.Reward> {
  const reward = await repo.findReward(c.env.DB, id);
  if (!reward) throw new Problem('not_found');
  return reward;
}

/**
 * The holder standing in front of club staff: a scanned pass code, or a typed pass number while the door
 * of one of the club's activities is open (from check-in opening to check-in closing). The door is
 * checked before the number is looked up, so the refusal is the same for every holder.
 */
export async function presentHolder(c: Context<AppEnv>, clubId: string, input: Presence): Promise<string> {
  if (input.code === undefined) {
    if (!input.activityId)
      throw new Problem('presence_required', {
        detail: 'A typed pass number needs the activityId of an activity whose door is open',
      });
    const activity = await findActivity(c.env.DB, input.activityId);
    if (!activity) throw new Problem('not_found', { detail: 'No such activity' });
    allow(activity.club_id === clubId, 'This activity belongs to another club');
    const open =
      activity.cancelled_at === null &&
      doorOpen(
        {
          startsAt: activity.starts_at,
          endsAt: activity.ends_at,
          before: activity.checkin_before_minutes,
          after: activity.checkin_after_minutes,
        },
        c.var.now,
      );
    if (!open)
      throw new Problem('presence_required', { detail: 'The door of this activity is not open now' });
  }
  const { passNumber, code } = await readPass(c, input);
  const holder = await repo.holderByPassNumber(c.env.DB, passNumber);
  if (!holder) throw new Problem('pass_not_found');
  checkCard(code, holder, c.var.locale);
  return holder.id;
}

/** The holder a request is about: a resident's own (or ward's) id, or a pass presented at the reward's club. */
export async function holderFor(
  c: Context<AppEnv>,
  reward: repo.Reward,
  input: HolderInput,
): Promise<string> {
  if (input.passholderId) {
    await passholderAccess(c, input.passholderId, true);
    return input.passholderId;
  }
  if (!input.code && !input.passNumber) {
    const own = requireUser(c).passholderId;
    if (!own) throw new Problem('validation_failed', { detail: 'Whose points?' });
    return own;
  }
  const user = requireClubStaff(c);
  if (!reward.clubId)
    throw new Problem('forbidden', { detail: 'Municipality rewards are redeemed by the resident' });
  allowClub(user, reward.clubId);
  return presentHolder(c, reward.clubId, input);
}

/** The holder whose rewards a resident asks about: themself by default, or a ward (or, at the counter, anyone). */
export async function ownHolder(
  c: Context<AppEnv>,
  asked: string | undefined,
  detail?: string,
): Promise<{ passholderId: string; regionId: string }> {
  const user = requireUser(c);
  const id = asked ?? user.passholderId;
  if (!id) throw new Problem('not_found', detail === undefined ? {} : { detail });
  const access = await passholderAccess(c, id, true);
  return { passholderId: id, regionId: access.regionId };
}
