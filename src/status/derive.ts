/**
 * Social status, derived from the records and a date. Never stored, never guessed from one end date.
 * Dates are calendar dates `YYYY-MM-DD` (Belgian time); they compare correctly as strings.
 */
export type StatusName = 'ACTIVE' | 'IN_GRACE' | 'SUSPENDED' | 'EXPIRED' | 'NONE';

export type Grant = { validFrom: string; validUntil: string; graceDays: number; endedOn: string | null };
export type Suspension = { fromDate: string; untilDate: string | null; liftedOn: string | null };
export type DerivedStatus = { status: StatusName; validUntil: string | null; graceUntil: string | null };

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function covers(g: Grant, today: string): boolean {
  return g.validFrom <= today && today <= g.validUntil && (g.endedOn === null || today < g.endedOn);
}

function graceEnd(g: Grant): string | null {
  if (g.graceDays === 0 || (g.endedOn !== null && g.endedOn <= addDays(g.validUntil, 1))) return null;
  return addDays(g.validUntil, g.graceDays);
}

function inGrace(g: Grant, today: string): boolean {
  const end = graceEnd(g);
  return end !== null && g.validUntil < today && today <= end && (g.endedOn === null || today < g.endedOn);
}

function suspended(s: Suspension, today: string): boolean {
  return (
    s.fromDate <= today &&
    (s.untilDate === null || today <= s.untilDate) &&
    (s.liftedOn === null || today < s.liftedOn)
  );
}

/**
 * ACTIVE when a grant covers today; IN_GRACE when none does but one ended less than its grace ago;
 * SUSPENDED when either holds but a suspension covers today; EXPIRED when there were grants; NONE otherwise.
 */
export function deriveStatus(grants: Grant[], suspensions: Suspension[], today: string): DerivedStatus {
  const active = grants.filter((g) => covers(g, today));
  const grace = grants.filter((g) => inGrace(g, today));
  const latest = (dates: string[]) => (dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : null);
  const validUntil = latest(active.map((g) => g.validUntil));
  const graceUntil = latest([...active, ...grace].map(graceEnd).filter((d): d is string => d !== null));
  if (active.length || grace.length) {
    if (suspensions.some((s) => suspended(s, today))) return { status: 'SUSPENDED', validUntil, graceUntil };
    return { status: active.length ? 'ACTIVE' : 'IN_GRACE', validUntil, graceUntil };
  }
  return { status: grants.length ? 'EXPIRED' : 'NONE', validUntil: null, graceUntil: null };
}

/** Does this status give the social tariff? */
export function tariffApplies(status: StatusName): boolean {
  return status === 'ACTIVE' || status === 'IN_GRACE';
}

export type Duration = 'april30_after_next' | 'entitlement' | 'months_12';

/**
 * How long a status opened on `from` lasts: until 30 April after next (the yearly renewal date), for as long
 * as the entitlement (or else until 30 April after next), or twelve months.
 */
export function statusUntil(duration: Duration, from: string, entitlementUntil: string | null): string {
  if (duration === 'entitlement' && entitlementUntil) return entitlementUntil;
  if (duration === 'months_12') {
    const d = new Date(`${from}T00:00:00Z`);
    d.setUTCFullYear(d.getUTCFullYear() + 1);
    return addDays(d.toISOString().slice(0, 10), -1);
  }
  const year = Number(from.slice(0, 4));
  const nextApril = from < `${year}-04-30` ? year : year + 1;
  return `${nextApril + 1}-04-30`;
}

/**
 * When a change lets a status that gives the tariff (ACTIVE or IN_GRACE) run on longer, the new end date
 * (a renewal: the holder hears it); null when it is a first grant, a shortening, or no change.
 */
export function renewedUntil(before: DerivedStatus, after: DerivedStatus): string | null {
  if (!tariffApplies(before.status) || after.status !== 'ACTIVE' || after.validUntil === null) return null;
  return before.validUntil === null || after.validUntil > before.validUntil ? after.validUntil : null;
}
