import { describe, expect, it } from 'vitest';
import { addDays, deriveStatus, statusUntil, tariffApplies, type Grant } from '../../src/status/derive.ts';

const grant = (over: Partial<Grant> = {}): Grant => ({
  validFrom: '2026-01-01',
  validUntil: '2026-04-30',
  graceDays: 30,
  endedOn: null,
  ...over,
});

describe('status derivation', () => {
  it('is NONE without records and EXPIRED after them', () => {
    expect(deriveStatus([], [], '2026-03-01').status).toBe('NONE');
    expect(deriveStatus([grant()], [], '2026-06-01').status).toBe('EXPIRED');
    expect(deriveStatus([grant()], [], '2025-12-31').status).toBe('EXPIRED');
  });

  it('moves from ACTIVE through IN_GRACE to EXPIRED', () => {
    const g = [grant()];
    expect(deriveStatus(g, [], '2026-01-01')).toEqual({
      status: 'ACTIVE',
      validUntil: '2026-04-30',
      graceUntil: '2026-05-30',
    });
    expect(deriveStatus(g, [], '2026-04-30').status).toBe('ACTIVE');
    expect(deriveStatus(g, [], '2026-05-01').status).toBe('IN_GRACE');
    expect(deriveStatus(g, [], '2026-05-30').status).toBe('IN_GRACE');
    expect(deriveStatus(g, [], '2026-05-31').status).toBe('EXPIRED');
  });

  it('takes the longest of several grants', () => {
    const g = [grant(), grant({ validFrom: '2026-04-01', validUntil: '2027-04-30' })];
    expect(deriveStatus(g, [], '2026-06-01')).toMatchObject({ status: 'ACTIVE', validUntil: '2027-04-30' });
  });

  it('is SUSPENDED while a suspension covers an active or grace status, and back after it is lifted', () => {
    const s = [{ fromDate: '2026-02-01', untilDate: null, liftedOn: '2026-03-01' }];
    expect(deriveStatus([grant()], s, '2026-02-15').status).toBe('SUSPENDED');
    expect(deriveStatus([grant()], s, '2026-03-01').status).toBe('ACTIVE');
    expect(
      deriveStatus(
        [grant()],
        [{ fromDate: '2026-05-10', untilDate: '2026-05-20', liftedOn: null }],
        '2026-05-15',
      ).status,
    ).toBe('SUSPENDED');
    expect(
      deriveStatus([grant()], [{ fromDate: '2026-02-01', untilDate: null, liftedOn: null }], '2026-07-01')
        .status,
    ).toBe('EXPIRED');
  });

  it('ends at once without grace when ended by the counter', () => {
    const g = [grant({ endedOn: '2026-03-01' })];
    expect(deriveStatus(g, [], '2026-02-28').status).toBe('ACTIVE');
    expect(deriveStatus(g, [], '2026-03-01').status).toBe('EXPIRED');
    expect(deriveStatus(g, [], '2026-05-05').status).toBe('EXPIRED');
  });

  it('gives the tariff in ACTIVE and IN_GRACE only', () => {
    expect(
      ['ACTIVE', 'IN_GRACE', 'SUSPENDED', 'EXPIRED', 'NONE'].map((s) => tariffApplies(s as never)),
    ).toEqual([true, true, false, false, false]);
  });
});

describe('status duration', () => {
  it('runs until 30 April after next, for the entitlement, or twelve months', () => {
    expect(statusUntil('april30_after_next', '2026-11-22', null)).toBe('2028-04-30');
    expect(statusUntil('april30_after_next', '2026-03-01', null)).toBe('2027-04-30');
    expect(statusUntil('april30_after_next', '2026-04-30', null)).toBe('2028-04-30');
    expect(statusUntil('entitlement', '2026-03-01', '2026-12-31')).toBe('2026-12-31');
    expect(statusUntil('entitlement', '2026-03-01', null)).toBe('2027-04-30');
    expect(statusUntil('months_12', '2026-03-01', null)).toBe('2027-02-28');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });
});

describe('a renewal', () => {
  it('is a longer ACTIVE status after one that gave the tariff; not a first grant or a shortening', async () => {
    const { renewedUntil } = await import('../../src/status/derive.ts');
    const active = (validUntil: string) => ({ status: 'ACTIVE' as const, validUntil, graceUntil: null });
    expect(renewedUntil(active('2026-04-30'), active('2027-04-30'))).toBe('2027-04-30');
    expect(
      renewedUntil({ status: 'IN_GRACE', validUntil: null, graceUntil: '2026-06-29' }, active('2027-04-30')),
    ).toBe('2027-04-30');
    expect(
      renewedUntil({ status: 'NONE', validUntil: null, graceUntil: null }, active('2027-04-30')),
    ).toBeNull();
    expect(renewedUntil(active('2027-04-30'), active('2026-04-30'))).toBeNull();
    expect(renewedUntil(active('2027-04-30'), active('2027-04-30'))).toBeNull();
  });
});
