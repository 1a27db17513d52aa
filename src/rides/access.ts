import type { Context } from 'hono';
import type { AppEnv, SessionUser } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { Problem } from '../lib/problem.ts';
import { passholderAccess } from '../auth/access.ts';
import { passesOf } from '../passes/repo.ts';
import { passholderScope } from '../auth/repo.ts';
import * as repo from './repo.ts';

// Who may act on a ride: a side of it (themself, their guardian, or counter staff for them).

/** The passholder a resident acts for (themselves by default), who must hold a place at the activity. */
export async function participant(
  c: Context<AppEnv>,
  activityId: string,
  asked: string | undefined,
): Promise<{ user: SessionUser; passholderId: string }> {
  const user = requireUser(c);
  const passholderId = asked ?? user.passholderId;
  if (!passholderId) throw new Problem('validation_failed', { detail: 'Whose ride?' });
  await passholderAccess(c, passholderId, true);
  if (!(await repo.signedUp(c.env.DB, activityId, passholderId)))
    throw new Problem('ride_not_signed_up', {
      detail: 'Only people signed up for the activity share rides for it',
    });
  return { user, passholderId };
}

export async function loadOffer(c: Context<AppEnv>, id: string): Promise<repo.Offer> {
  const offer = await repo.findOffer(c.env.DB, id);
  if (!offer) throw new Problem('not_found');
  return offer;
}

export async function loadRequest(c: Context<AppEnv>, id: string): Promise<repo.Request> {
  const request = await repo.findRequest(c.env.DB, id);
  if (!request) throw new Problem('not_found');
  return request;
}

/** The driver of an offer (or their guardian, or counter staff). */
export async function asDriver(c: Context<AppEnv>, offer: repo.Offer): Promise<void> {
  await passholderAccess(c, offer.driverId, true);
}

/** The passenger of a request (or their guardian, or counter staff). */
export async function asPassenger(c: Context<AppEnv>, request: repo.Request): Promise<void> {
  await passholderAccess(c, request.passengerId, true);
}

/** True when the caller may act for this passholder (themself, guardian, counter staff). */
export async function mayActFor(c: Context<AppEnv>, passholderId: string): Promise<boolean> {
  try {
    await passholderAccess(c, passholderId, true);
    return true;
  } catch (error) {
    if (error instanceof Problem && error.code === 'forbidden') return false;
    throw error;
  }
}

/**
 * The side a caller cancels a ride for: the driver's when the offer's driver is one of the caller's own passes
 * (themself or their household), otherwise the passenger's; refused unless they may act for that side.
 */
export async function cancellingSide(
  c: Context<AppEnv>,
  r: repo.Request,
): Promise<{ side: 'driver'; offer: repo.Offer } | { side: 'passenger'; offer: repo.Offer | null }> {
  const user = requireUser(c);
  const offer = r.offerId ? await repo.findOffer(c.env.DB, r.offerId) : null;
  const driving =
    offer !== null &&
    user.passholderId !== null &&
    (await passesOf(c.env.DB, user.passholderId)).some((p) => p.passholderId === offer.driverId);
  if (driving) {
    await asDriver(c, offer);
    return { side: 'driver', offer };
  }
  await asPassenger(c, r);
  return { side: 'passenger', offer };
}

/** A municipality admin of the driver's municipality (a ride bonus is paid by the driver's municipality). */
export async function asDriversAdmin(c: Context<AppEnv>, offer: repo.Offer): Promise<SessionUser> {
  const user = requireUser(c);
  const facts = await passholderScope(c.env.DB, offer.driverId, null);
  allow(facts !== null && hasMunicipalityRole(user, facts.municipalityId, 'municipality_admin'));
  return user;
}
