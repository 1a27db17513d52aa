import type { Context } from 'hono';
import type { AppEnv, SessionUser } from '../env.ts';
import { Problem } from '../lib/problem.ts';
import { allow, hasClubRole, hasMunicipalityRole, requireUser } from './guard.ts';
import { clubScope, passholderScope, type ClubScope } from './repo.ts';

/**
 * Who may act where: the rules every feature asks before it reads or writes something of a passholder or a
 * club. 401 when nobody is signed in, 404 when the thing does not exist, 403 when it is not yours.
 */

export type Access = { user: SessionUser; municipalityId: string; regionId: string; asStaff: boolean };

/**
 * Who may reach a passholder: counter staff of the passholder's municipality (`asStaff`, their reads
 * are audited), and, where `holderMayAct`, the holder themself or their guardian.
 */
export async function passholderAccess(
  c: Context<AppEnv>,
  passholderId: string,
  holderMayAct: boolean,
): Promise<Access> {
  const user = requireUser(c);
  const scope = await passholderScope(c.env.DB, passholderId, user.passholderId);
  if (!scope) throw new Problem('not_found');
  const asStaff = hasMunicipalityRole(user, scope.municipalityId, 'counter');
  const asHolder = holderMayAct && (user.passholderId === passholderId || scope.guarded);
  allow(asStaff || asHolder);
  return { user, municipalityId: scope.municipalityId, regionId: scope.regionId, asStaff };
}

/** The municipality a counter user registers residents in: the one asked for, or their only one. */
export function counterMunicipality(user: SessionUser, asked: string | undefined): string {
  const mine = user.staffRoles
    .filter((r) => r.role === 'counter' && r.municipalityId)
    .map((r) => r.municipalityId!);
  const chosen = asked ?? (mine.length === 1 ? mine[0] : undefined);
  allow(chosen !== undefined && mine.includes(chosen), 'Counter staff only, in their own municipality');
  return chosen!;
}

/** The club's own staff (any role given) or its municipality's admin. */
export function isClubManager(
  user: SessionUser,
  club: { id: string; municipalityId: string },
  ...clubRoles: ('club_admin' | 'door')[]
): boolean {
  return (
    hasClubRole(user, club.id, ...clubRoles) ||
    hasMunicipalityRole(user, club.municipalityId, 'municipality_admin')
  );
}

/**
 * A club the signed-in user may manage: a staff member of the club with one of `clubRoles`, or an admin of
 * its municipality (with no roles given: only that admin).
 */
export async function managedClub(
  c: Context<AppEnv>,
  clubId: string,
  ...clubRoles: ('club_admin' | 'door')[]
): Promise<{ user: SessionUser; club: ClubScope }> {
  const user = requireUser(c);
  const club = await clubScope(c.env.DB, clubId);
  if (!club) throw new Problem('not_found');
  allow(isClubManager(user, club, ...clubRoles));
  return { user, club };
}

/** Door staff or club admins (of some club); the club itself is checked once the target is known. */
export function requireClubStaff(c: Context<AppEnv>): SessionUser {
  const user = requireUser(c);
  allowClubStaff(user);
  return user;
}

/** Refuses (403) anyone who is neither door staff nor club admin of some club. */
export function allowClubStaff(user: Pick<SessionUser, 'staffRoles'>): void {
  allow(
    user.staffRoles.some((r) => r.role === 'door' || r.role === 'club_admin'),
    'Door staff or club admins only',
  );
}

/** Door staff or club admins of this club. */
export function allowClub(user: Pick<SessionUser, 'staffRoles'>, clubId: string): void {
  allow(hasClubRole(user, clubId, 'door', 'club_admin'), 'This belongs to another club');
}
