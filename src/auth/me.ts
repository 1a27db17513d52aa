import type { z } from '@hono/zod-openapi';
import type { SessionUser } from '../env.ts';
import { roleNames } from './guard.ts';
import type { MeSchema } from './schema.ts';

/** The `/me` view of a session user. */
export function toMe(user: SessionUser): z.infer<typeof MeSchema> {
  const municipal = user.staffRoles.find((r) => r.municipalityId !== null);
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    locale: user.locale,
    roles: roleNames(user) as z.infer<typeof MeSchema>['roles'],
    municipalityId: municipal?.municipalityId ?? user.residentMunicipalityId,
    clubIds: [...new Set(user.staffRoles.flatMap((r) => (r.clubId ? [r.clubId] : [])))],
    passholderId: user.passholderId,
    householdId: user.householdId,
    staffRoles: user.staffRoles,
  };
}
