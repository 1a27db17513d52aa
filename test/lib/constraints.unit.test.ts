import { describe, expect, it } from 'vitest';
import {
  checkViolation,
  guardRefused,
  notNullViolation,
  raised,
  uniqueViolation,
  violationOf,
} from '../../src/lib/constraints.ts';

/**
 * The errors exactly as local D1 (workerd, miniflare) throws them: each provoked once against the migrated
 * database (e.g. `INSERT INTO sale_guards (ok) VALUES (0)`) and copied here. `message` carries D1's prefix,
 * `cause` the same text without it.
 */
function d1Error(message: string): Error {
  return new Error(`D1_ERROR: ${message}`, { cause: new Error(message) });
}

const SEEN = {
  neighbourhoodName:
    'UNIQUE constraint failed: neighbourhoods.municipality_id, neighbourhoods.name: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_UNIQUE)',
  passNumber:
    'UNIQUE constraint failed: passholders.pass_number: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_UNIQUE)',
  signupOnce:
    'UNIQUE constraint failed: signups.activity_id, signups.passholder_id: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_UNIQUE)',
  rideRequestOnce:
    'UNIQUE constraint failed: ride_requests.activity_id, ride_requests.passenger_id: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_UNIQUE)',
  idempotencyKey:
    'UNIQUE constraint failed: idempotency_keys.user_id, idempotency_keys.key: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_PRIMARYKEY)',
  staffRoleIndex:
    "UNIQUE constraint failed: index 'staff_roles_unique': SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_UNIQUE)",
  guardCheck: 'CHECK constraint failed: ok = 1: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_CHECK)',
  doorRefused: 'CHECK constraint failed: door_refused: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_CHECK)',
  seatsCheck:
    'CHECK constraint failed: seats_taken >= 0 AND seats_taken <= seats: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_CHECK)',
  stockCheck:
    'CHECK constraint failed: redeemed >= 0 AND (stock IS NULL OR redeemed <= stock): SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_CHECK)',
  localeCheck:
    "CHECK constraint failed: locale IN ('nl', 'fr', 'en'): SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_CHECK)",
  writeGuardNull:
    'NOT NULL constraint failed: write_guards.ok: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_NOTNULL)',
  doorGuardNull:
    'NOT NULL constraint failed: door_guards.ok: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_NOTNULL)',
  foreignKey: 'FOREIGN KEY constraint failed: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_FOREIGNKEY)',
  welcomeTrigger: 'welcome_reward_not_redeemable: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_TRIGGER)',
  rideTrigger: 'ride_not_agreed_by_both: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_TRIGGER)',
  syntax: 'near "SELEC": syntax error at offset 0: SQLITE_ERROR',
} as const;

const seen = (key: keyof typeof SEEN) => d1Error(SEEN[key]);

describe('reading D1 constraint errors', () => {
  it('reads each kind into a typed value', () => {
    expect(violationOf(seen('neighbourhoodName'))).toEqual({
      kind: 'unique',
      columns: [
        { table: 'neighbourhoods', column: 'municipality_id' },
        { table: 'neighbourhoods', column: 'name' },
      ],
      index: null,
    });
    expect(violationOf(seen('staffRoleIndex'))).toEqual({
      kind: 'unique',
      columns: [],
      index: 'staff_roles_unique',
    });
    expect(violationOf(seen('guardCheck'))).toEqual({ kind: 'check', name: 'ok = 1' });
    expect(violationOf(seen('doorRefused'))).toEqual({ kind: 'check', name: 'door_refused' });
    expect(violationOf(seen('localeCheck'))).toEqual({ kind: 'check', name: "locale IN ('nl', 'fr', 'en')" });
    expect(violationOf(seen('writeGuardNull'))).toEqual({
      kind: 'not_null',
      table: 'write_guards',
      column: 'ok',
    });
    expect(violationOf(seen('foreignKey'))).toEqual({ kind: 'foreign_key' });
    expect(violationOf(seen('welcomeTrigger'))).toEqual({
      kind: 'raise',
      message: 'welcome_reward_not_redeemable',
    });
  });

  it('is null for anything that is not a constraint', () => {
    expect(violationOf(seen('syntax'))).toBeNull();
    expect(violationOf(new Error('injected D1 failure before round trip 2'))).toBeNull();
    expect(violationOf(new TypeError("Cannot read properties of null (reading 'id')"))).toBeNull();
    expect(violationOf(undefined)).toBeNull();
    expect(raised(new Error('welcome_reward_not_redeemable'), 'welcome_reward_not_redeemable')).toBe(false);
  });

  it('reads the message, the cause alone, a string, and the shorter wording without extended code', () => {
    const text = SEEN.passNumber;
    expect(uniqueViolation(new Error(`D1_ERROR: ${text}`), 'passholders', 'pass_number')).toBe(true);
    expect(uniqueViolation(new Error('D1 batch failed', { cause: new Error(text) }), 'passholders')).toBe(
      true,
    );
    expect(uniqueViolation(`Error: D1_ERROR: ${text}`, 'passholders')).toBe(true);
    expect(
      uniqueViolation(
        new Error('D1_ERROR: UNIQUE constraint failed: passholders.pass_number: SQLITE_CONSTRAINT'),
        'passholders',
      ),
    ).toBe(true);
    expect(
      raised(
        new Error('D1_ERROR: welcome_reward_not_redeemable: SQLITE_CONSTRAINT'),
        'welcome_reward_not_redeemable',
      ),
    ).toBe(true);
    expect(
      raised(new Error('D1_ERROR: welcome_reward_not_redeemable'), 'welcome_reward_not_redeemable'),
    ).toBe(true);
  });

  it('uniqueViolation: by table, and by a column of the constraint', () => {
    expect(uniqueViolation(seen('neighbourhoodName'), 'neighbourhoods')).toBe(true);
    expect(uniqueViolation(seen('neighbourhoodName'), 'neighbourhoods', 'name')).toBe(true);
    expect(uniqueViolation(seen('neighbourhoodName'), 'neighbourhoods', 'lat')).toBe(false);
    expect(uniqueViolation(seen('neighbourhoodName'), 'clubs', 'name')).toBe(false);
    expect(uniqueViolation(seen('signupOnce'), 'signups')).toBe(true);
    expect(uniqueViolation(seen('rideRequestOnce'), 'ride_requests')).toBe(true);
    expect(uniqueViolation(seen('rideRequestOnce'), 'signups')).toBe(false);
    expect(uniqueViolation(seen('idempotencyKey'), 'idempotency_keys')).toBe(true);
    expect(uniqueViolation(seen('passNumber'), 'passholders', 'pass_number')).toBe(true);
    expect(uniqueViolation(seen('guardCheck'), 'sale_guards')).toBe(false);
    expect(uniqueViolation(seen('staffRoleIndex'), 'staff_roles')).toBe(false);
  });

  it('checkViolation: a named CHECK by its name, an unnamed one by its expression', () => {
    expect(checkViolation(seen('doorRefused'), 'door_refused')).toBe(true);
    expect(checkViolation(seen('doorRefused'), 'ok = 1')).toBe(false);
    expect(checkViolation(seen('seatsCheck'), 'seats_taken >= 0 AND seats_taken <= seats')).toBe(true);
    expect(checkViolation(seen('stockCheck'), 'redeemed >= 0 AND (stock IS NULL OR redeemed <= stock)')).toBe(
      true,
    );
    expect(checkViolation(seen('guardCheck'), 'seats_taken >= 0 AND seats_taken <= seats')).toBe(false);
    expect(checkViolation(seen('writeGuardNull'), 'ok = 1')).toBe(false);
  });

  it('notNullViolation and raised', () => {
    expect(notNullViolation(seen('writeGuardNull'), 'write_guards', 'ok')).toBe(true);
    expect(notNullViolation(seen('writeGuardNull'), 'sale_guards', 'ok')).toBe(false);
    expect(raised(seen('welcomeTrigger'), 'welcome_reward_not_redeemable')).toBe(true);
    expect(raised(seen('rideTrigger'), 'welcome_reward_not_redeemable')).toBe(false);
    expect(raised(seen('guardCheck'), 'ok = 1')).toBe(false);
  });

  it('guardRefused: the guard CHECK, or a NULL guard row of that table', () => {
    expect(guardRefused(seen('guardCheck'), 'sale_guards', 'ok = 1')).toBe(true);
    expect(guardRefused(seen('writeGuardNull'), 'write_guards', 'ok = 1')).toBe(true);
    expect(guardRefused(seen('writeGuardNull'), 'sale_guards', 'ok = 1')).toBe(false);
    expect(guardRefused(seen('doorRefused'), 'door_guards', 'door_refused')).toBe(true);
    expect(guardRefused(seen('doorGuardNull'), 'door_guards', 'door_refused')).toBe(true);
    expect(guardRefused(seen('guardCheck'), 'door_guards', 'door_refused')).toBe(false);
    expect(guardRefused(seen('seatsCheck'), 'write_guards', 'ok = 1')).toBe(false);
    // sale_guards and write_guards share the unnamed CHECK (ok = 1): their refusals read the same.
    expect(guardRefused(seen('guardCheck'), 'write_guards', 'ok = 1')).toBe(true);
  });
});
