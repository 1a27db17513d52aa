import { z } from '@hono/zod-openapi';
import { IdSchema } from '../lib/openapi.ts';

export const BudgetParams = z.object({
  municipalityId: IdSchema,
  year: z.coerce.number().int().min(2020).max(2100),
});

export const BudgetInputSchema = z
  .object({
    amountCents: z.number().int().min(0).max(100_000_000_00),
    warningPct: z.number().int().min(1).max(100).default(80),
  })
  .strict()
  .openapi('BudgetInput');

export const BudgetSchema = z
  .object({
    municipalityId: z.string(),
    year: z.number().int(),
    amountCents: z.number().int().nullable(),
    warningPct: z.number().int(),
    usedCents: z.number().int(),
    remainingCents: z.number().int().nullable(),
    usedPct: z.number().nullable(),
    warning: z.boolean(),
    byCategory: z.array(z.object({ category: z.string(), cents: z.number().int(), sales: z.number().int() })),
    byClub: z.array(
      z.object({
        clubId: z.string(),
        clubName: z.string(),
        cents: z.number().int(),
        sales: z.number().int(),
      }),
    ),
  })
  .openapi('Budget');

export type BudgetInput = z.infer<typeof BudgetInputSchema>;
export type Budget = z.infer<typeof BudgetSchema>;
