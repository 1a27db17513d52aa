import { z } from '@hono/zod-openapi';
import { IdSchema } from '../lib/openapi.ts';
import { AuditReasonSchema } from '../passes/schema.ts';

export const MonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .openapi({ example: '2026-11' });

export const ClubMonthParams = z.object({ clubId: IdSchema, month: MonthSchema });
export const MunicipalityMonthParams = z.object({ municipalityId: IdSchema, month: MonthSchema });
export const SaleParams = z.object({ saleId: IdSchema });

/** Why counter staff go from a sale to the person (written to the holder's audit log). */
export const ReasonQuery = z.object({ reason: AuditReasonSchema });

const cents = (description: string) => z.number().int().openapi({ description });

const Amounts = {
  regularPrice: cents('Sum of the regular prices, in cents (negative for corrections)'),
  paid: cents('Sum of what was paid, in cents (negative for corrections)'),
  clubShare: cents('Sum of the discount the club carries, in cents (negative for corrections)'),
  municipalityShare: cents(
    'Sum of what the municipality pays the club back, in cents (negative for corrections)',
  ),
};

const Kind = z
  .enum(['sale', 'correction'])
  .openapi({ description: 'correction: a sale of an approved month cancelled afterwards' });
const SaleType = z.enum(['ticket', 'membership']);

/**
 * What a club sees: one row per activity (or membership offer), per regular and paid price, per kind.
 * No sale id, pass number, name, time or any other value that differs from one buyer to the next.
 */
export const StatementGroupSchema = z
  .object({
    kind: Kind,
    type: SaleType,
    description: z.string().openapi({ description: 'The activity’s title, or the membership offer' }),
    unitRegularPrice: z.number().int().openapi({ description: 'The regular price of one, in cents' }),
    unitPaid: z.number().int().openapi({ description: 'What one paid, in cents' }),
    count: z.number().int().min(1).openapi({ description: 'How many sales (or corrections) in the group' }),
    ...Amounts,
  })
  .openapi('StatementGroup', {
    description: 'Sales (or corrections) of one activity or membership offer at one price, added up',
  });

/** What the municipality's audit sees: one line per sale or correction, without the person. */
export const StatementLineSchema = z
  .object({
    saleId: z.string(),
    kind: Kind,
    type: SaleType,
    at: z.string().openapi({ description: 'When it was sold (or, for a correction, cancelled), UTC' }),
    activityId: z.string().nullable(),
    description: z.string(),
    regularPrice: cents('In cents (negative for a correction)'),
    paid: cents('In cents (negative for a correction)'),
    clubShare: cents('In cents (negative for a correction)'),
    municipalityShare: cents('What the municipality pays the club for this line (negative for a correction)'),
  })
  .openapi('StatementLine');

const Totals = z
  .object({
    lines: z.number().int().openapi({ description: 'How many sales and corrections' }),
    ...Amounts,
  })
  .openapi('StatementTotals');

const Header = {
  clubId: z.string(),
  clubName: z.string(),
  month: z.string(),
  status: z.enum(['open', 'approved', 'paid']),
  approvedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  currency: z.literal('EUR'),
};

export const StatementSchema = z
  .object({ ...Header, groups: z.array(StatementGroupSchema), totals: Totals })
  .openapi('Statement', {
    description:
      'Amounts in cents, added up per activity (or membership offer) and price. Approved statements never change.',
  });

export const StatementAuditSchema = z
  .object({ ...Header, lines: z.array(StatementLineSchema), totals: Totals })
  .openapi('StatementAudit', {
    description:
      'The sales and corrections of a statement one by one, for the municipality’s audit; no person.',
  });

export const StatementSummarySchema = z
  .object({
    clubId: z.string(),
    clubName: z.string(),
    month: z.string(),
    status: z.enum(['open', 'approved', 'paid']),
    monthEnded: z
      .boolean()
      .openapi({ description: 'Whether the month is over: only then can an open statement be approved' }),
    totals: Totals,
  })
  .openapi('StatementSummary');

export const StatementSummaryListSchema = z.object({ items: z.array(StatementSummarySchema) });

/** The statement as a spreadsheet (`Accept: text/csv`). */
export const StatementCsvSchema = z.string().openapi({
  description:
    'UTF-8 with BOM, semicolons, decimal commas: kind;type;activity;count;unitRegularPrice;unitPaid;regularPrice;paid;clubShare;municipalityShare, and a total row',
});

/** The statement's lines as a spreadsheet (`Accept: text/csv`). */
export const AuditCsvSchema = z.string().openapi({
  description:
    'UTF-8 with BOM, semicolons, decimal commas: saleId;kind;type;date;time;activity;regularPrice;paid;clubShare;municipalityShare (Brussels date and time), and a total row',
});

export type StatementGroup = z.infer<typeof StatementGroupSchema>;
export type StatementLine = z.infer<typeof StatementLineSchema>;
export type StatementTotals = z.infer<typeof Totals>;
export type Statement = z.infer<typeof StatementSchema>;
export type StatementAudit = z.infer<typeof StatementAuditSchema>;
