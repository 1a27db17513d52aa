import { describe, expect, it } from 'vitest';
import { applyChange, type GrantRecord, type Member } from '../../src/rights/changes.ts';
import { heldRights, rightsDiff, type HolderFacts, type RightRef } from '../../src/rights/rules.ts';
import { lastDay, twelveMonthsTo } from '../../src/lib/periods.ts';
import { shown } from '../../src/lib/small-counts.ts';

const RIGHTS: RightRef[] = [
  { id: 'meals', basis: 'status', active: true },
  { id: 'parcel', basis: 'living_wage', active: true },
  { id: 'energy', basis: 'increased_allowance', active: true },
  { id: 'old', basis: 'status', active: false },
];

const facts = (over: Partial<HolderFacts> = {}): HolderFacts => ({
  grants: [],
  suspensions: [],
  entitlements: [],
  graceDays: {},
  ...over,
});
const grant = { validFrom: '2026-01-01', validUntil: '2026-04-30', graceDays: 30, endedOn: null };
const held = (f: HolderFacts, today: string) => [...heldRights(RIGHTS, f, today).keys()].sort();

describe('which rights are held', () => {
  it('holds the rights of status while the status is ACTIVE or IN_GRACE, and ends them with its grace', () => {
    const f = facts({ grants: [grant] });
    expect(held(f, '2025-12-31')).toEqual([]);
    expect(heldRights(RIGHTS, f, '2026-03-01').get('meals')).toEqual({ until: '2026-05-30', inGrace: false });
    expect(heldRights(RIGHTS, f, '2026-05-30').get('meals')).toEqual({ until: '2026-05-30', inGrace: true });
    expect(held(f, '2026-05-31')).toEqual([]);
  });

  it('ends them at once when the status is ended (no grace) or suspended', () => {
    expect(held(facts({ grants: [{ ...grant, endedOn: '2026-03-01' }] }), '2026-03-01')).toEqual([]);
    const suspended = facts({
      grants: [grant],
      suspensions: [{ fromDate: '2026-02-01', untilDate: null, liftedOn: null }],
    });
    expect(held(suspended, '2026-03-01')).toEqual([]);
  });

  it('holds entitlement rights while the entitlement is in force, then for the kind’s grace', () => {
    const f = facts({
      entitlements: [
        { kind: 'living_wage', validFrom: '2026-01-01', validUntil: '2026-06-30', endedOn: null },
      ],
      graceDays: { living_wage: 10 },
    });
    expect(held(f, '2026-03-01')).toEqual(['parcel']);
    expect(heldRights(RIGHTS, f, '2026-07-10').get('parcel')).toEqual({ until: '2026-07-10', inGrace: true });
    expect(held(f, '2026-07-11')).toEqual([]);
    // No rule for the kind: 60 days.
    const dflt = facts({ entitlements: f.entitlements });
    expect(held(dflt, '2026-08-29')).toEqual(['parcel']);
    expect(held(dflt, '2026-08-30')).toEqual([]);
  });

  it('holds an open-ended entitlement’s rights with no end date, and ends them the day it is ended', () => {
    const open = {
      kind: 'increased_allowance' as const,
      validFrom: '2026-01-01',
      validUntil: null,
      endedOn: null,
    };
    expect(heldRights(RIGHTS, facts({ entitlements: [open] }), '2030-01-01').get('energy')).toEqual({
      until: null,
      inGrace: false,
    });
    expect(held(facts({ entitlements: [{ ...open, endedOn: '2026-05-01' }] }), '2026-05-01')).toEqual([]);
  });

  it('gives nobody an inactive right, and a status gives no entitlement right', () => {
    expect(held(facts({ grants: [grant] }), '2026-03-01')).toEqual(['meals']);
  });
});

describe('the diff against the open holding periods', () => {
  it('opens what is held but not open, ends what is open but not held, leaves the rest', () => {
    const diff = rightsDiff(new Set(['meals', 'parcel']), [
      { id: 'h1', rightId: 'meals' },
      { id: 'h2', rightId: 'energy' },
    ]);
    expect(diff).toEqual({ open: ['parcel'], end: [{ id: 'h2', rightId: 'energy' }] });
    expect(rightsDiff(new Set(['meals']), [{ id: 'h1', rightId: 'meals' }])).toEqual({ open: [], end: [] });
  });
});

const member = (id: string, over: Partial<Member> = {}): Member => ({
  passholderId: id,
  firstName: id,
  municipalityId: 'm',
  householdId: 'h',
  locale: 'nl',
  minor: false,
  grants: [],
  suspensions: [],
  entitlements: [],
  open: [],
  ...over,
});
const g = (over: Partial<GrantRecord>): GrantRecord => ({
  id: 'g1',
  ownerId: 'mum',
  entitlementId: null,
  ...grant,
  ...over,
});

describe('a change applied to the facts before it is written', () => {
  it('gives a new grant of an adult to the minors of the household, not to other adults', () => {
    const after = applyChange([member('mum'), member('kid', { minor: true }), member('dad')], {
      kind: 'grant',
      grant: g({}),
    });
    expect(after.map((m) => m.grants.length)).toEqual([1, 1, 0]);
  });

  it('ends the adult’s running grants, also as the minors inherit them', () => {
    const before = [member('mum', { grants: [g({})] }), member('kid', { minor: true, grants: [g({})] })];
    const after = applyChange(before, { kind: 'end_grants', passholderId: 'mum', endedOn: '2026-03-01' });
    expect(after.map((m) => m.grants[0]!.endedOn)).toEqual(['2026-03-01', '2026-03-01']);
    // A grant whose grace ran out before the end date stays as it was (as the SQL).
    const late = applyChange(before, { kind: 'end_grants', passholderId: 'mum', endedOn: '2026-06-15' });
    expect(late[0]!.grants[0]!.endedOn).toBeNull();
  });

  it('extends only the owner’s own running grant', () => {
    const before = [member('mum', { grants: [g({})] }), member('kid', { minor: true, grants: [g({})] })];
    const after = applyChange(before, {
      kind: 'extend',
      passholderId: 'mum',
      grantId: 'g1',
      validUntil: '2027-04-30',
    });
    expect(after.map((m) => m.grants[0]!.validUntil)).toEqual(['2027-04-30', '2027-04-30']);
    const notOwn = applyChange(before, {
      kind: 'extend',
      passholderId: 'kid',
      grantId: 'g1',
      validUntil: '2027-04-30',
    });
    expect(notOwn[1]!.grants[0]!.validUntil).toBe('2026-04-30');
  });

  it('records an entitlement with the grant it opens, and ending it ends that grant', () => {
    const entitlement = {
      id: 'e1',
      kind: 'living_wage' as const,
      validFrom: '2026-01-01',
      validUntil: null,
      endedOn: null,
    };
    const after = applyChange([member('mum')], {
      kind: 'entitlement',
      passholderId: 'mum',
      entitlement,
      grant: g({ entitlementId: 'e1' }),
    });
    expect(after[0]!.entitlements).toHaveLength(1);
    expect(after[0]!.grants).toHaveLength(1);
    const ended = applyChange(after, {
      kind: 'end_entitlement',
      passholderId: 'mum',
      entitlementId: 'e1',
      on: '2026-03-01',
    });
    expect(ended[0]!.entitlements[0]!.endedOn).toBe('2026-03-01');
    expect(ended[0]!.grants[0]!.endedOn).toBe('2026-03-01');
  });

  it('suspends and lifts only the holder’s own status', () => {
    const s = { id: 's1', fromDate: '2026-02-01', untilDate: null, liftedOn: null };
    const after = applyChange([member('mum'), member('kid', { minor: true })], {
      kind: 'suspend',
      passholderId: 'mum',
      suspension: s,
    });
    expect(after.map((m) => m.suspensions.length)).toEqual([1, 0]);
    const lifted = applyChange(after, {
      kind: 'lift',
      passholderId: 'mum',
      suspensionId: 's1',
      on: '2026-03-01',
    });
    expect(lifted[0]!.suspensions[0]!.liftedOn).toBe('2026-03-01');
  });
});

describe('counts for the policy team', () => {
  it('shows 1 to 4 as "< 5", and 0 and 5 or more as numbers', () => {
    expect([0, 1, 4, 5, 12].map(shown)).toEqual([0, '< 5', '< 5', 5, 12]);
  });

  it('reads periods of months', () => {
    expect(lastDay('2026-02')).toBe('2026-02-28');
    expect(twelveMonthsTo('2026-12')).toEqual({ from: '2026-01', to: '2026-12' });
    expect(twelveMonthsTo('2026-03')).toEqual({ from: '2025-04', to: '2026-03' });
  });
});
