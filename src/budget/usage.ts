import { brusselsMidnight } from '../lib/periods.ts';
import type { Budget } from './schema.ts';

/** A Belgian calendar year as a UTC range: from Brussels midnight of 1 January to that of the next. */
export function yearRange(year: number): { start: string; end: string } {
  return {
    start: brusselsMidnight(`${year}-01-01`).toISOString(),
    end: brusselsMidnight(`${year + 1}-01-01`).toISOString(),
  };
}

/** The year's budget and its use: what is left, the share used (to a tenth of a percent), and the warning. */
export function budgetUsage(
  municipalityId: string,
  year: number,
  use: Pick<Budget, 'amountCents' | 'warningPct' | 'byCategory' | 'byClub'>,
): Budget {
  const usedCents = use.byCategory.reduce((sum, c) => sum + c.cents, 0);
  const usedPct = use.amountCents ? Math.round((usedCents / use.amountCents) * 1000) / 10 : null;
  return {
    municipalityId,
    year,
    amountCents: use.amountCents,
    warningPct: use.warningPct,
    usedCents,
    remainingCents: use.amountCents === null ? null : use.amountCents - usedCents,
    usedPct,
    warning: usedPct !== null && usedPct >= use.warningPct,
    byCategory: use.byCategory,
    byClub: use.byClub,
  };
}
