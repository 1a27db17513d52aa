import { monthRange } from '../lib/periods.ts';
import type { StatementTotals } from './schema.ts';

/** Totals of groups or lines: a group counts its sales, a line counts once. */
export function totals(rows: (Omit<StatementTotals, 'lines'> & { count?: number })[]): StatementTotals {
  return rows.reduce<StatementTotals>(
    (t, r) => ({
      lines: t.lines + (r.count ?? 1),
      regularPrice: t.regularPrice + r.regularPrice,
      paid: t.paid + r.paid,
      clubShare: t.clubShare + r.clubShare,
      municipalityShare: t.municipalityShare + r.municipalityShare,
    }),
    { lines: 0, regularPrice: 0, paid: 0, clubShare: 0, municipalityShare: 0 },
  );
}

/** Is the month over (only then can its statement be approved)? */
export function monthEnded(month: string, now: Date): boolean {
  return monthRange(month).end <= now.toISOString();
}
