import type { Context } from 'hono';
import type { AppEnv, SessionUser, StaffRole } from '../env.ts';
import { Problem } from '../lib/problem.ts';

/** The signed-in user, or a 401 problem. */
export function requireUser(c: Context<AppEnv>): SessionUser {
  const user = c.get('user');
  if (!user) throw new Problem('unauthenticated');
  return user;
}

/** Throws a 403 problem unless `allowed`. */
export function allow(allowed: boolean, detail = 'Your role or scope does not allow this'): void {
  if (!allowed) throw new Problem('forbidden', { detail });
}

/** Does the user hold one of `roles` for this municipality? */
export function hasMunicipalityRole(
  user: SessionUser,
  municipalityId: string,
  ...roles: StaffRole['role'][]
): boolean {
  return user.staffRoles.some((r) => r.municipalityId === municipalityId && roles.includes(r.role));
}

/** Does the user hold one of `roles` for this club? */
export function hasClubRole(
  user: Pick<SessionUser, 'staffRoles'>,
  clubId: string,
  ...roles: StaffRole['role'][]
): boolean {
  return user.staffRoles.some((r) => r.clubId === clubId && roles.includes(r.role));
}

/** The roles as plain names, residents included. */
export function roleNames(user: SessionUser): string[] {
  const names = new Set<string>(user.staffRoles.map((r) => r.role));
  if (user.passholderId) names.add('resident');
  return [...names];
}
