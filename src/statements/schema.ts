import { z } from '@hono/zod-openapi';

export const MonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .openapi({ example: '2026-11' });

export const StatementLineSchema = z.object({
  saleId: z.string(),
  kind: z.enum(['sale', 'correction']),
  date: z.string(),
  description: z.string(),
  passNumber: z.string(),
  regularPrice: z.number().int(),
  paid: z.number().int(),
  clubShare: z.number().int(),
  municipalityShare: z.number().int().openapi({
    description: 'What the municipality pays the club for this line (negative for a correction)',
  }),
});

const Totals = z.object({
  lines: z.number().int(),
  regularPrice: z.number().int(),
  paid: z.number().int(),
  clubShare: z.number().int(),
  municipalityShare: z.number().int(),
});

export const StatementSchema = z
  .object({
    clubId: z.string(),
    clubName: z.string(),
    month: z.string(),
    status: z.enum(['open', 'approved', 'paid']),
    approvedAt: z.string().nullable(),
    paidAt: z.string().nullable(),
    currency: z.literal('EUR'),
    lines: z.array(StatementLineSchema),
    totals: Totals,
  })
  .openapi('Statement', { description: 'Amounts in cents. Approved statements never change.' });

export const StatementSummarySchema = z
  .object({
    clubId: z.string(),
    clubName: z.string(),
    month: z.string(),
    status: z.enum(['open', 'approved', 'paid']),
    totals: Totals,
  })
  .openapi('StatementSummary');

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

export type StatementLine = z.infer<typeof StatementLineSchema>;
export type Statement = z.infer<typeof StatementSchema>;
