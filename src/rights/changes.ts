import { addDays, type Grant, type Suspension } from '../status/derive.ts';
import type { EntitlementFacts, OpenHolding } from './rules.ts';

/**
 * A change of a status or an entitlement applied to the facts read just before it (pure), so the rights it
 * opens or ends are known before the write, and written in the same batch as the change itself.
 * Members are the passholders whose rights may move: the one changed and, when an adult, the minors of their
 * household (who inherit the adults' grants).
 */

export type GrantRecord = Grant & { id: string; ownerId: string; entitlementId: string | null };
export type SuspensionRecord = Suspension & { id: string };
export type EntitlementRecord = EntitlementFacts & { id: string };

export type Member = {
  passholderId: string;
  firstName: string;
  municipalityId: string;
  householdId: string | null;
  locale: 'nl' | 'fr' | 'en';
  minor: boolean;
  /** Own grants and, for a minor, those of the adults of the household. */
  grants: GrantRecord[];
  suspensions: SuspensionRecord[];
  entitlements: EntitlementRecord[];
  open: OpenHolding[];
};

export type StatusChange =
  | { kind: 'grant'; grant: GrantRecord }
  | { kind: 'extend'; passholderId: string; grantId: string; validUntil: string }
  | { kind: 'end_grants'; passholderId: string; endedOn: string }
  | { kind: 'suspend'; passholderId: string; suspension: SuspensionRecord }
  | { kind: 'lift'; passholderId: string; suspensionId: string; on: string }
  | { kind: 'entitlement'; passholderId: string; entitlement: EntitlementRecord; grant: GrantRecord | null }
  | { kind: 'end_entitlement'; passholderId: string; entitlementId: string; on: string };

/** Does `member` see the grants of `ownerId` (their own, or a minor's inheritance from an adult of the household)? */
function inherits(member: Member, owner: Member | undefined, ownerId: string): boolean {
  if (member.passholderId === ownerId) return true;
  return (
    owner !== undefined &&
    !owner.minor &&
    member.minor &&
    member.householdId !== null &&
    member.householdId === owner.householdId
  );
}

function addGrant(members: Member[], grant: GrantRecord): Member[] {
  const owner = members.find((m) => m.passholderId === grant.ownerId);
  return members.map((m) => (inherits(m, owner, grant.ownerId) ? { ...m, grants: [...m.grants, grant] } : m));
}

function updateGrants(members: Member[], ids: Set<string>, patch: (g: GrantRecord) => GrantRecord): Member[] {
  return members.map((m) => ({ ...m, grants: m.grants.map((g) => (ids.has(g.id) ? patch(g) : g)) }));
}

function own(members: Member[], passholderId: string, patch: (m: Member) => Member): Member[] {
  return members.map((m) => (m.passholderId === passholderId ? patch(m) : m));
}

/** The members' facts once `change` is written (mirrors the SQL of status/repo.ts). */
export function applyChange(members: Member[], change: StatusChange): Member[] {
  switch (change.kind) {
    case 'grant':
      return addGrant(members, change.grant);
    case 'extend': {
      const owner = members.find((m) => m.passholderId === change.passholderId);
      const ids = new Set(
        (owner?.grants ?? [])
          .filter(
            (g) =>
              g.id === change.grantId &&
              g.ownerId === change.passholderId &&
              g.endedOn === null &&
              g.validFrom <= change.validUntil,
          )
          .map((g) => g.id),
      );
      return updateGrants(members, ids, (g) => ({ ...g, validUntil: change.validUntil }));
    }
    case 'end_grants': {
      const owner = members.find((m) => m.passholderId === change.passholderId);
      const ids = new Set(
        (owner?.grants ?? [])
          .filter(
            (g) =>
              g.ownerId === change.passholderId &&
              g.endedOn === null &&
              addDays(g.validUntil, g.graceDays) >= change.endedOn,
          )
          .map((g) => g.id),
      );
      return updateGrants(members, ids, (g) => ({ ...g, endedOn: change.endedOn }));
    }
    case 'suspend':
      return own(members, change.passholderId, (m) => ({
        ...m,
        suspensions: [...m.suspensions, change.suspension],
      }));
    case 'lift':
      return own(members, change.passholderId, (m) => ({
        ...m,
        suspensions: m.suspensions.map((s) =>
          s.id === change.suspensionId && s.liftedOn === null ? { ...s, liftedOn: change.on } : s,
        ),
      }));
    case 'entitlement': {
      const withEntitlement = own(members, change.passholderId, (m) => ({
        ...m,
        entitlements: [...m.entitlements, change.entitlement],
      }));
      return change.grant ? addGrant(withEntitlement, change.grant) : withEntitlement;
    }
    case 'end_entitlement': {
      const ended = own(members, change.passholderId, (m) => ({
        ...m,
        entitlements: m.entitlements.map((e) =>
          e.id === change.entitlementId && e.endedOn === null ? { ...e, endedOn: change.on } : e,
        ),
      }));
      const ids = new Set(
        members
          .flatMap((m) => m.grants)
          .filter((g) => g.entitlementId === change.entitlementId && g.endedOn === null)
          .map((g) => g.id),
      );
      return updateGrants(ended, ids, (g) => ({ ...g, endedOn: change.on }));
    }
  }
}
