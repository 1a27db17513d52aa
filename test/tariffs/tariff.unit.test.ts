import { describe, expect, it } from 'vitest';
import { brusselsMidnight, monthRange, periodStartDate } from '../../src/lib/periods.ts';
import { quote, split, type QuoteInput, type Rule } from '../../src/tariffs/tariff.ts';

const key = { participantBp: 2000, clubBp: 4000, municipalityBp: 4000 };
const rule: Rule = {
  id: 'r',
  version: 2,
  key,
  nonresidentKey: { participantBp: 2500, clubBp: 5000, municipalityBp: 2500 },
  minPriceCents: 100,
  roundingCents: 10,
  categories: ['sport', 'culture'],
  caps: { perActivity: 1, perPeriod: [{ period: 'MONTH', count: 3, amountCents: 5000 }] },
  cancelWindowHours: 72,
};
const place = { municipalityId: 'm1', regionId: 'r1' };
const input = (over: Partial<QuoteInput> = {}): QuoteInput => ({
  regularPriceCents: 1200,
  category: 'sport',
  statusApplies: true,
  holder: place,
  seller: place,
  rule,
  usage: { perActivity: 0, perPeriod: [] },
  ...over,
});

describe('price and split', () => {
  it('charges the participant share, rounded down to 10 cents, the discount split 40/40', () => {
    expect(split(1200, key, 100, 10)).toEqual({
      priceCents: 240,
      clubShareCents: 480,
      municipalityShareCents: 480,
    });
    expect(split(1235, key, 100, 10)).toEqual({
      priceCents: 240,
      clubShareCents: 498,
      municipalityShareCents: 497,
    });
  });

  it('never goes below the minimum price, nor above the regular price, and free stays free', () => {
    expect(split(400, key, 100, 10).priceCents).toBe(100);
    expect(split(50, key, 100, 10)).toEqual({ priceCents: 50, clubShareCents: 0, municipalityShareCents: 0 });
    expect(split(0, key, 100, 10)).toEqual({ priceCents: 0, clubShareCents: 0, municipalityShareCents: 0 });
  });

  it('always adds up to the regular price', () => {
    for (let regularCents = 1; regularCents < 5000; regularCents += 37) {
      const s = split(regularCents, { participantBp: 2500, clubBp: 3333, municipalityBp: 4167 }, 100, 10);
      expect(s.priceCents + s.clubShareCents + s.municipalityShareCents).toBe(regularCents);
      expect(s.priceCents).toBeGreaterThan(0);
    }
  });
});

describe('quote', () => {
  it('reduces for a resident with status and says how many uses are left', () => {
    expect(quote(input())).toMatchObject({
      priceCents: 240,
      reduced: true,
      reason: 'reduced',
      rule: { id: 'r', version: 2 },
      remaining: 1,
    });
  });

  it('charges the regular price without status, with the same shape', () => {
    const q = quote(input({ statusApplies: false }));
    expect(q).toEqual({
      priceCents: 1200,
      clubShareCents: 0,
      municipalityShareCents: 0,
      reduced: false,
      reason: 'regular',
      rule: null,
      remaining: null,
    });
    expect(Object.keys(q).sort()).toEqual(Object.keys(quote(input())).sort());
  });

  it('uses the other key for residents of another municipality of the region, and nothing outside the region', () => {
    expect(quote(input({ holder: { municipalityId: 'm2', regionId: 'r1' } }))).toMatchObject({
      priceCents: 300,
      clubShareCents: 600,
      municipalityShareCents: 300,
    });
    expect(quote(input({ holder: { municipalityId: 'm9', regionId: 'r9' } }))).toMatchObject({
      priceCents: 1200,
      reason: 'outside_region',
    });
  });

  it('applies only to the rule’s categories, and not where there is no rule', () => {
    expect(quote(input({ category: 'course' })).reason).toBe('not_for_category');
    expect(quote(input({ rule: null })).reason).toBe('no_rule');
  });

  it('stops at each cap: per activity, per period count and per period amount', () => {
    expect(quote(input({ usage: { perActivity: 1, perPeriod: [] } }))).toMatchObject({
      reason: 'limit_reached',
      priceCents: 1200,
      remaining: 0,
    });
    expect(
      quote(input({ usage: { perActivity: 0, perPeriod: [{ period: 'MONTH', count: 3, amountCents: 0 }] } }))
        .reason,
    ).toBe('limit_reached');
    expect(
      quote(
        input({ usage: { perActivity: 0, perPeriod: [{ period: 'MONTH', count: 1, amountCents: 4100 }] } }),
      ).reason,
    ).toBe('limit_reached');
    expect(
      quote(
        input({ usage: { perActivity: 0, perPeriod: [{ period: 'MONTH', count: 1, amountCents: 4000 }] } }),
      ).reason,
    ).toBe('reduced');
  });
});

describe('periods in Belgian time', () => {
  it('finds the start of day, week, month, quarter and year', () => {
    const now = new Date('2026-11-22T23:30:00Z'); // already Monday 23 November in Brussels
    expect(periodStartDate('DAY', now)).toBe('2026-11-23');
    expect(periodStartDate('WEEK', now)).toBe('2026-11-23');
    expect(periodStartDate('MONTH', now)).toBe('2026-11-01');
    expect(periodStartDate('QUARTER', now)).toBe('2026-10-01');
    expect(periodStartDate('YEAR', now)).toBe('2026-01-01');
  });

  it('knows midnight in winter and summer time', () => {
    expect(brusselsMidnight('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(brusselsMidnight('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z');
    expect(monthRange('2026-03')).toEqual({
      start: '2026-02-28T23:00:00.000Z',
      end: '2026-03-31T22:00:00.000Z',
    });
  });
});
