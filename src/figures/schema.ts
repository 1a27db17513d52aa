import { z } from '@hono/zod-openapi';
import { IdSchema } from '../lib/openapi.ts';

export const FiguresParams = z.object({
  municipalityId: IdSchema,
  year: z.coerce.number().int().min(2020).max(2100),
});

const Month = z.string().openapi({ example: '2026-03', description: 'A Belgian calendar month' });
const count = (description: string) => z.number().int().min(0).openapi({ description });

/**
 * The policy team's figures for a year: sums and counts only. No row names a resident, a sale or a lift;
 * the smallest unit is a club, a category or a neighbourhood in a month.
 */
export const FiguresSchema = z
  .object({
    municipalityId: z.string(),
    year: z.number().int(),
    months: z.array(Month).openapi({ description: 'The twelve months of the year, in order' }),
    reimbursed: z
      .array(
        z.object({
          month: Month,
          clubId: z.string(),
          clubName: z.string(),
          cents: z.number().int().openapi({
            description: 'What the municipality pays the club back for the month’s social-tariff sales',
          }),
        }),
      )
      .openapi({ description: 'Per club and month; months without sales are left out' }),
    lifts: z
      .array(
        z.object({
          month: Month,
          neighbourhoodId: z.string().nullable(),
          neighbourhood: z.string().nullable().openapi({ description: 'Null: no neighbourhood known' }),
          requested: count('Lift requests for activities that month'),
          served: count('Requests a driver accepted'),
          unserved: count('Requests nobody accepted'),
          bonusPoints: z
            .number()
            .int()
            .openapi({ description: 'Bonus points paid to drivers for these lifts' }),
        }),
      )
      .openapi({
        description: 'Per neighbourhood of the pick-up (else the passenger’s) and month of the activity',
      }),
    tariffUse: z
      .array(
        z.object({
          month: Month,
          category: z.string(),
          tickets: count('Tickets sold at the social tariff'),
          memberships: count('Memberships sold at the social tariff'),
        }),
      )
      .openapi({ description: 'Per category and month, not counting cancelled sales' }),
  })
  .openapi('Figures');

export type Figures = z.infer<typeof FiguresSchema>;
