import { describe, expect, it } from 'vitest';
import { monthBoundaries, monthOf, yearMonths } from '../../src/figures/months.ts';

describe('Belgian months of a year', () => {
  it('lists the twelve months and where each begins in UTC, winter and summer time', () => {
    expect(yearMonths(2026)).toHaveLength(12);
    const bounds = monthBoundaries(2026);
    expect(bounds).toHaveLength(13);
    expect(bounds[0]).toBe('2025-12-31T23:00:00.000Z'); // CET
    expect(bounds[3]).toBe('2026-03-31T22:00:00.000Z'); // 1 April, CEST
    expect(bounds[12]).toBe('2026-12-31T23:00:00.000Z');
  });

  it('builds a CASE over the eleven inner boundaries, numbered from the given parameter', () => {
    const { sql, params } = monthOf('x', 2026, 4);
    expect(params).toEqual(monthBoundaries(2026).slice(1, 12));
    expect(sql).toContain("WHEN x < ?4 THEN '2026-01'");
    expect(sql).toContain("WHEN x < ?14 THEN '2026-11'");
    expect(sql).toContain("ELSE '2026-12' END");
  });
});
