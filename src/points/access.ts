import type { Context } from 'hono';
import type { AppEnv, SessionUser } from '../env.ts';
import { passholderAccess } from '../auth/access.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { passholderScope } from '../auth/repo.ts';
import { Problem } from '../lib/problem.ts';

// Who may see or change a holder's points.

/** The holder whose points a resident reads: themself by default, or a ward (or, at the counter, anyone). */
export async function pointsHolder(c: Context<AppEnv>, asked: string | undefined): Promise<string> {
  const user = requireUser(c);
  const id = asked ?? user.passholderId;
  if (!id) throw new Problem('not_found', { detail: 'This account has no pass' });
  await passholderAccess(c, id, true);
  return id;
}

/** A municipality admin of the holder's municipality (who may correct their points). */
export async function asHoldersAdmin(c: Context<AppEnv>, passholderId: string): Promise<SessionUser> {
  const user = requireUser(c);
  const facts = await passholderScope(c.env.DB, passholderId, null);
  if (!facts) throw new Problem('not_found');
  allow(hasMunicipalityRole(user, facts.municipalityId, 'municipality_admin'));
  return user;
}
