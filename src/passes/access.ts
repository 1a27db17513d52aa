import type { Context } from 'hono';
import type { AppEnv, SessionUser } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { Problem } from '../lib/problem.ts';
import { accessFacts } from './repo.ts';

export type Access = { user: SessionUser; municipalityId: string; regionId: string; asStaff: boolean };

/**
 * Who may reach a passholder: counter staff of the passholder's municipality (`asStaff`, their reads
 * are audited), and, where `holderMayAct`, the holder themself or their guardian. 401/404/403 otherwise.
 */
export async function passholderAccess(
  c: Context<AppEnv>,
  passholderId: string,
  holderMayAct: boolean,
): Promise<Access> {
  const user = requireUser(c);
  const facts = await accessFacts(c.env.DB, passholderId, user.passholderId);
  if (!facts) throw new Problem('not_found');
  const asStaff = hasMunicipalityRole(user, facts.municipalityId, 'counter');
  const asHolder = holderMayAct && (user.passholderId === passholderId || facts.guarded);
  allow(asStaff || asHolder);
  return { user, municipalityId: facts.municipalityId, regionId: facts.regionId, asStaff };
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
