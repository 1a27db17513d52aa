import * as repo from './repo.ts';
import type { Budget, BudgetInput } from './schema.ts';
import { budgetUsage, yearRange } from './usage.ts';

/** A municipality's budget for a year and what the social tariff used of it. */
export async function budgetOf(db: D1Database, municipalityId: string, year: number): Promise<Budget> {
  const use = await repo.budgetUse(db, municipalityId, yearRange(year), year);
  return budgetUsage(municipalityId, year, use);
}

/** Sets the year's budget and warning threshold; the budget and its use after. */
export async function setBudget(
  db: D1Database,
  municipalityId: string,
  year: number,
  input: BudgetInput,
): Promise<Budget> {
  await repo.setBudget(db, municipalityId, year, input.amountCents, input.warningPct);
  return budgetOf(db, municipalityId, year);
}
