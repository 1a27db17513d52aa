import { deriveStatus, type Grant, type Suspension } from '../status/derive.ts';

/**
 * Which local rights a passholder holds, from the facts their status and entitlements are derived from, and
 * what must change in the stored holding periods. Pure: no database, no clock.
 *
 * - A right of basis `status` is held while the derived status gives the social tariff (ACTIVE or IN_GRACE):
 *   it ends with the status's own grace. A minor's status is the one they inherit from the adults of their
 *   household, so a minor holds the rights of status with it. A suspension suspends these rights.
 * - A right with an entitlement basis is held while the holder has that entitlement in force, and for the
 *   grace days of the municipality's rule for that kind after it runs out (as for the status it opens). An
 *   entitlement ended early by the counter ends its rights that day, with no grace (as an ended status).
 *   Entitlements are personal: a minor holds entitlement rights only of their own entitlements.
 * - An inactive right is held by nobody.
 */

export const ENTITLEMENT_KINDS = [
  'living_wage',
  'increased_allowance',
  'debt_mediation',
  'child_benefit_supplement',
  'other',
] as const;
export type EntitlementKind = (typeof ENTITLEMENT_KINDS)[number];
export const BASES = ['status', ...ENTITLEMENT_KINDS] as const;
export type Basis = (typeof BASES)[number];

/** Grace after an entitlement runs out when the municipality set no rule for its kind (as entitlement_rules). */
export const DEFAULT_GRACE_DAYS = 60;

export type EntitlementFacts = {
  kind: EntitlementKind;
  validFrom: string;
  validUntil: string | null;
  endedOn: string | null;
};

export type HolderFacts = {
  grants: Grant[];
  suspensions: Suspension[];
  entitlements: EntitlementFacts[];
  /** Grace days per entitlement kind (the municipality's rules); missing kinds get DEFAULT_GRACE_DAYS. */
  graceDays: Partial<Record<EntitlementKind, number>>;
};

export type RightRef = { id: string; basis: Basis; active: boolean };

/** A right held today: until when if nothing changes (null: open-ended), and whether its basis is in grace. */
export type Holding = { until: string | null; inGrace: boolean };

const OPEN_END = '9999-12-31';

function statusHolding(facts: HolderFacts, today: string): Holding | null {
  const d = deriveStatus(facts.grants, facts.suspensions, today);
  if (d.status !== 'ACTIVE' && d.status !== 'IN_GRACE') return null;
  return { until: d.graceUntil ?? d.validUntil, inGrace: d.status === 'IN_GRACE' };
}

function entitlementHolding(kind: EntitlementKind, facts: HolderFacts, today: string): Holding | null {
  const grace = facts.graceDays[kind] ?? DEFAULT_GRACE_DAYS;
  // An entitlement reads like a grant of the status it may open: in force from..until, then grace, unless ended.
  const asGrants: Grant[] = facts.entitlements
    .filter((e) => e.kind === kind)
    .map((e) => ({
      validFrom: e.validFrom,
      validUntil: e.validUntil ?? OPEN_END,
      graceDays: e.validUntil === null ? 0 : grace,
      endedOn: e.endedOn,
    }));
  const d = deriveStatus(asGrants, [], today);
  if (d.status !== 'ACTIVE' && d.status !== 'IN_GRACE') return null;
  const until = d.graceUntil ?? d.validUntil;
  return { until: until === OPEN_END ? null : until, inGrace: d.status === 'IN_GRACE' };
}

/** The rights held on `today`, by right id. */
export function heldRights(rights: RightRef[], facts: HolderFacts, today: string): Map<string, Holding> {
  const byBasis = new Map<Basis, Holding | null>();
  const basisHolding = (basis: Basis) => {
    if (!byBasis.has(basis))
      byBasis.set(
        basis,
        basis === 'status' ? statusHolding(facts, today) : entitlementHolding(basis, facts, today),
      );
    return byBasis.get(basis)!;
  };
  const held = new Map<string, Holding>();
  for (const right of rights) {
    if (!right.active) continue;
    const holding = basisHolding(right.basis);
    if (holding) held.set(right.id, holding);
  }
  return held;
}

/** An open holding period (holder_rights row with no end). */
export type OpenHolding = { id: string; rightId: string };

/** What to write: rights to open (no open period yet) and open periods to end (no longer held). */
export function rightsDiff(
  held: ReadonlyMap<string, Holding> | ReadonlySet<string>,
  open: readonly OpenHolding[],
): { open: string[]; end: OpenHolding[] } {
  const isOpen = new Set(open.map((o) => o.rightId));
  return {
    open: [...held.keys()].filter((rightId) => !isOpen.has(rightId)),
    end: open.filter((o) => !held.has(o.rightId)),
  };
}
