import { addMonths, brusselsMidnight, lastDay, monthsBetween } from '../lib/periods.ts';

/**
 * The months of the take-up dashboard: pure functions, no database. Months are Belgian calendar months
 * (`YYYY-MM`); dates are `YYYY-MM-DD`; instants are UTC ISO strings, as stored.
 */

/** The most months one dashboard request covers: two years. */
export const MAX_MONTHS = 24;
/** "Used the pass" looks back over six months ending at the month's end (this month and the five before). */
export const USE_WINDOW_MONTHS = 6;

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * What the SQL needs of one month: its first and last day (for dates), the instant it ends (for "activated by
 * the month's end"), and the instant the six months of "used the pass" begin.
 */
export type MonthWindow = { m: string; first: string; last: string; endAt: string; useFrom: string };

export function monthWindow(month: string): MonthWindow {
  return {
    m: month,
    first: `${month}-01`,
    last: lastDay(month),
    endAt: brusselsMidnight(`${addMonths(month, 1)}-01`).toISOString(),
    useFrom: brusselsMidnight(`${addMonths(month, 1 - USE_WINDOW_MONTHS)}-01`).toISOString(),
  };
}

export type RangeError = { pointer: '/query/from' | '/query/to'; code: 'from_after_to' | 'range_too_long' };

/** Why a (well-formed) range cannot be shown, or null when it can. */
export function rangeError(from: string, to: string): RangeError | null {
  if (from > to) return { pointer: '/query/to', code: 'from_after_to' };
  if (monthsBetween(from, to).length > MAX_MONTHS) return { pointer: '/query/from', code: 'range_too_long' };
  return null;
}
