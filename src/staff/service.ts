import { allow, hasMunicipalityRole } from '../auth/guard.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { SessionUser } from '../env.ts';
import { newId } from '../lib/ids.ts';
import { Problem } from '../lib/problem.ts';
import * as repo from './repo.ts';
import type { StaffInput, StaffMember } from './schema.ts';

// The staff's rules that take more than one read or write; who may manage a scope is checked before.

/** Gives someone a role in the scope, creating their account when needed; answers the scope's staff now. */
export async function addStaff(
  db: D1Database,
  scope: repo.Scope,
  input: StaffInput,
  now: Date,
): Promise<StaffMember[]> {
  const existing = await repo.findUserByEmail(db, input.email);
  if (!existing && !input.password) {
    throw new Problem('validation_failed', {
      detail: 'A first password is needed for a new account',
      fields: [
        {
          pointer: '/password',
          code: 'required',
          messages: {
            nl: 'Geef een eerste wachtwoord.',
            fr: 'Donnez un premier mot de passe.',
            en: 'Give a first password.',
          },
        },
      ],
    });
  }
  const added = await repo.addStaff(
    db,
    {
      newUserId: newId(),
      email: input.email,
      displayName: input.displayName,
      passwordHash: existing ? null : await hashPassword(input.password!),
      role: input.role,
    },
    scope,
    now.toISOString(),
  );
  if (!added) throw new Problem('role_exists', { detail: 'This person already has this role here' });
  return repo.listStaff(db, scope);
}

/** Takes a person's roles in the scope away; nobody removes their own. */
export async function removeStaff(
  db: D1Database,
  scope: repo.Scope,
  userId: string,
  by: SessionUser,
): Promise<void> {
  if (userId === by.id) throw new Problem('own_role', { detail: 'You cannot remove your own role' });
  if (!(await repo.removeStaff(db, userId, scope))) throw new Problem('not_found');
}

/**
 * Blocks (revoking its sessions) or unblocks an account: the admin of a municipality it works for, or, for a
 * resident who is no staff, the admin or counter staff of their municipality. Nobody blocks themself.
 */
export async function setBlocked(
  db: D1Database,
  by: SessionUser,
  userId: string,
  blocked: boolean,
  now: Date,
): Promise<void> {
  if (userId === by.id) throw new Problem('own_account', { detail: 'You cannot block yourself' });
  const target = await repo.userMunicipalities(db, userId);
  if (!target.exists) throw new Problem('not_found');
  const asAdmin = target.staff.some((m) => hasMunicipalityRole(by, m, 'municipality_admin'));
  const asCounter =
    target.staff.length === 0 &&
    target.resident !== null &&
    hasMunicipalityRole(by, target.resident, 'municipality_admin', 'counter');
  allow(asAdmin || asCounter);
  await repo.setBlocked(db, userId, blocked, now.toISOString());
}
