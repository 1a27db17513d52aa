import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { passholderAccess } from '../auth/access.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { findImport, type CounterActor, type StoredImport } from './service.ts';

// Who may act on a social status or an import: the checks the status routes make first.

/** Counter staff of the passholder's municipality: the caller, with the audit line of their change. */
export async function asCounter(
  c: Context<AppEnv>,
  passholderId: string,
  reason: string,
): Promise<CounterActor> {
  const access = await passholderAccess(c, passholderId, false);
  return {
    userId: access.user.id,
    municipalityId: access.municipalityId,
    audit: { actorUserId: access.user.id, action: 'update', reason, at: c.var.now.toISOString() },
  };
}

/** An import, for the admins and counter staff of its municipality. */
export async function municipalityImport(c: Context<AppEnv>, importId: string): Promise<StoredImport> {
  const found = await findImport(c.env.DB, importId);
  allow(hasMunicipalityRole(requireUser(c), found.municipalityId, 'municipality_admin', 'counter'));
  return found;
}
