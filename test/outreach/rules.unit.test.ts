import { describe, expect, it } from 'vitest';
import { addMonths, lastDay, monthsBetween, twelveMonthsTo } from '../../src/lib/periods.ts';
import { monthWindow, rangeError } from '../../src/outreach/months.ts';
import { nextStep } from '../../src/outreach/next-step.ts';
import { isSmall, shown, shownTotal } from '../../src/lib/small-counts.ts';

describe('the dashboard’s months', () => {
  it('lists the months of a range across a new year, both ends included', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03', '2026-03')).toEqual(['2026-03']);
    expect(monthsBetween('2026-04', '2026-03')).toEqual([]);
  });

  it('adds and subtracts months across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-03', -14)).toBe('2025-01');
    expect(twelveMonthsTo('2026-03')).toEqual({ from: '2025-04', to: '2026-03' });
  });

  it('knows the last day of each month, leap years too', () => {
    expect(lastDay('2024-02')).toBe('2024-02-29');
    expect(lastDay('2026-02')).toBe('2026-02-28');
    expect(lastDay('2026-04')).toBe('2026-04-30');
    expect(lastDay('2026-12')).toBe('2026-12-31');
  });

  it('ends a month at Belgian midnight and looks back six months for use', () => {
    // March 2026: summer time begins on 29 March, so April begins at 22:00 UTC on 31 March.
    expect(monthWindow('2026-03')).toEqual({
      m: '2026-03',
      first: '2026-03-01',
      last: '2026-03-31',
      endAt: '2026-03-31T22:00:00.000Z',
      useFrom: '2025-09-30T22:00:00.000Z',
    });
    // January: winter time, one hour ahead of UTC.
    expect(monthWindow('2026-01').endAt).toBe('2026-01-31T23:00:00.000Z');
  });

  it('refuses a range that runs backwards or over 24 months, beside the field to change', () => {
    expect(rangeError('2026-01', '2026-12')).toBeNull();
    expect(rangeError('2024-01', '2025-12')).toBeNull();
    expect(rangeError('2026-02', '2026-01')).toEqual({ pointer: '/query/to', code: 'from_after_to' });
    expect(rangeError('2024-01', '2026-01')).toEqual({ pointer: '/query/from', code: 'range_too_long' });
  });
});

describe('small counts', () => {
  it('shows 1 to 4 as "< 5", and 0 and 5 or more as they are', () => {
    expect([0, 1, 4, 5, 12].map(shown)).toEqual([0, '< 5', '< 5', 5, 12]);
    expect([0, 1, 4, 5].map(isSmall)).toEqual([false, true, true, false]);
  });

  it('withholds a total that would give a small cell away by subtraction', () => {
    expect(shownTotal([5, 7, 0])).toBe(12);
    expect(shownTotal([0, 0])).toBe(0);
    expect(shownTotal([9, 3])).toBeNull();
    // Two small cells with a known sum can reveal both (1 + 1 = 2): also withheld.
    expect(shownTotal([1, 1, 6])).toBeNull();
  });
});

describe('the next step for a person on the worklist', () => {
  const both = { phone: true, address: true };
  it('calls when there is a phone number', () => {
    expect(nextStep(both, null)).toBe('call');
    expect(nextStep(both, { how: 'call', outcome: 'no_answer' })).toBe('call');
    expect(nextStep({ phone: true, address: false }, null)).toBe('call');
  });

  it('writes when the number is wrong or missing, then visits when a letter brought nothing', () => {
    expect(nextStep(both, { how: 'call', outcome: 'wrong_number' })).toBe('letter');
    expect(nextStep({ phone: false, address: true }, null)).toBe('letter');
    expect(nextStep({ phone: false, address: true }, { how: 'letter', outcome: 'sent' })).toBe('visit');
  });

  it('visits when there is neither a phone number nor an address', () => {
    expect(nextStep({ phone: false, address: false }, null)).toBe('visit');
  });
});

describe('the worklist’s clock', () => {
  it('counts 30 days after the letter, six calendar months back and 60 days ahead, from the Belgian day', async () => {
    const { worklistClock } = await import('../../src/outreach/service.ts');
    // 23:30 UTC on 30 August is 31 August in Brussels; six months before 31 August is 28 February.
    expect(worklistClock(new Date('2026-08-30T23:30:00.000Z'))).toEqual({
      now: '2026-08-30T23:30:00.000Z',
      today: '2026-08-31',
      letterBefore: '2026-07-31T23:30:00.000Z',
      sixMonthsAgo: '2026-02-28',
      sixMonthsAgoAt: '2026-02-28T00:00:00.000Z',
      endingBy: '2026-10-30',
      quietSince: '2026-07-31T23:30:00.000Z',
    });
  });
});
