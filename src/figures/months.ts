import { brusselsMidnight } from '../lib/periods.ts';

/** The twelve months of a year as `YYYY-MM`. */
export function yearMonths(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/**
 * The 13 UTC instants where the Belgian months of `year` begin (the last one is 1 January of the next year).
 * A UTC timestamp `t` lies in month i (0-based) when boundaries[i] <= t < boundaries[i + 1].
 */
export function monthBoundaries(year: number): string[] {
  return [...yearMonths(year).map((m) => `${m}-01`), `${year + 1}-01-01`].map((d) =>
    brusselsMidnight(d).toISOString(),
  );
}

/**
 * A SQL expression giving the Belgian month (`YYYY-MM`) of `column`, for a column already limited to the year
 * (`column >= ?first AND column < ?last`). Bucketing by UTC `strftime` would put a sale at 00:30 on
 * 1 March (Brussels) in February; comparing with the month boundaries does not. Parameters are numbered from
 * `first`: the expression uses ?first+1 .. ?first+11 (the boundaries between the months).
 */
export function monthOf(column: string, year: number, first: number): { sql: string; params: string[] } {
  const bounds = monthBoundaries(year);
  const months = yearMonths(year);
  const cases = months
    .slice(0, 11)
    .map((m, i) => `WHEN ${column} < ?${first + i} THEN '${m}'`)
    .join(' ');
  return { sql: `CASE ${cases} ELSE '${months[11]}' END`, params: bounds.slice(1, 12) };
}
