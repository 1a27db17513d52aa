import { z } from '@hono/zod-openapi';
import { IdSchema, ShownCountSchema } from '../lib/openapi.ts';
import { AuditReasonSchema } from '../passes/schema.ts';
import { MONTH_PATTERN } from './months.ts';
import { CONTACT_REASONS, CONTACT_WAYS, OUTCOMES, WORKLIST_REASONS } from './next-step.ts';

export const MunicipalityParams = z.object({ municipalityId: IdSchema });
export const PassholderParams = z.object({ passholderId: IdSchema });

const MonthQuery = (description: string) =>
  z.string().regex(MONTH_PATTERN).optional().openapi({ example: '2026-03', description });

export const TakeUpQuery = z.object({
  from: MonthQuery('First month (YYYY-MM); default: eleven months before `to`'),
  to: MonthQuery('Last month (YYYY-MM), at most 24 months after `from`; default: this month'),
});

const Count = ShownCountSchema;

const Measures = {
  entitled: Count.openapi({
    description:
      'People known to be entitled in the month: a status grant (counter, entitlement or import; in force or in grace) or an entitlement whose period overlaps the month',
  }),
  active: Count.openapi({
    description: 'Of them, status in force or in grace on a day of the month (not suspended all month)',
  }),
  activated: Count.openapi({ description: 'Of them, pass activated (an account) by the end of the month' }),
  used: Count.openapi({
    description: 'Of them, pass used (a check-in or a sale) in the six months ending at the month’s end',
  }),
  rightsOpened: Count.openapi({ description: 'Of them, a local right opened during the month' }),
};

// Inline, not ShownCountSchema.nullable(): a named component loses its null in the OpenAPI document.
const Total = z.union([z.number().int().min(0), z.literal('< 5'), z.null()]).openapi({
  description:
    'The sum over the neighbourhoods; null when a cell of the column is "< 5" (an exact total would give it away by subtraction)',
});

export const TakeUpSchema = z
  .object({
    municipalityId: z.string(),
    from: z.string(),
    to: z.string(),
    months: z.array(z.string()).openapi({ description: 'Every month of the range, in order' }),
    neighbourhoods: z.array(z.object({ id: z.string().nullable(), name: z.string().nullable() })).openapi({
      description:
        'The municipality’s neighbourhoods by name, then (id and name null) "neighbourhood unknown" when somebody has none',
    }),
    rows: z
      .array(z.object({ month: z.string(), neighbourhoodId: z.string().nullable(), ...Measures }))
      .openapi({ description: 'One row per month and neighbourhood (zeros included)' }),
    totals: z
      .array(
        z.object({
          month: z.string(),
          entitled: Total,
          active: Total,
          activated: Total,
          used: Total,
          rightsOpened: Total,
        }),
      )
      .openapi({ description: 'One row per month: the whole municipality' }),
  })
  .openapi('TakeUp', {
    description:
      'Aggregates only: no name, pass number or id of a person. Counts 1 to 4 are "< 5"; a total is null when it would reveal one.',
  });

const Reason = z.enum(WORKLIST_REASONS);
const ContactReason = z.enum(CONTACT_REASONS);
const How = z.enum(CONTACT_WAYS);
const Outcome = z.enum(OUTCOMES);

export const WorklistQuery = z.object({
  reason: Reason.optional().openapi({ description: 'Only people on the list for this reason' }),
  municipalityId: IdSchema.optional().openapi({
    description: 'For counter staff of several municipalities; default: their only one',
  }),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

const LastContact = z
  .object({ contactedAt: z.string(), how: How, outcome: Outcome, reason: ContactReason })
  .nullable();

export const WorklistSchema = z
  .object({
    items: z.array(
      z.object({
        passholderId: z.string(),
        firstName: z.string(),
        lastName: z.string(),
        passNumber: z.string(),
        phone: z.string().nullable(),
        email: z.string().nullable(),
        hasAddress: z.boolean(),
        reasons: z.array(Reason).min(1),
        nextStep: z.enum(['call', 'letter', 'visit']),
        letterAt: z
          .string()
          .nullable()
          .openapi({ description: 'When the last activation letter was made (not_activated)' }),
        lastUsedAt: z.string().nullable().openapi({ description: 'Last check-in or sale, if any' }),
        statusUntil: z
          .string()
          .nullable()
          .openapi({ description: 'Last day the status holds, grace included (status_ending)' }),
        lastContact: LastContact,
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi('OutreachWorklist', {
    description:
      'Residents of the counter’s municipality to reach. Every person listed gets a line in their "who looked at my record".',
  });

export const ContactInputSchema = z
  .object({
    reason: ContactReason,
    how: How,
    outcome: Outcome,
    contactedAt: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'When; default now. Not in the future, not more than a year ago' }),
    note: z
      .string()
      .trim()
      .max(500)
      .optional()
      .openapi({ description: 'A short note; the resident reads it too' }),
  })
  .strict()
  .openapi('OutreachContactInput');

export const ContactSchema = z
  .object({
    id: z.string(),
    reason: ContactReason,
    how: How,
    outcome: Outcome,
    contactedAt: z.string(),
    note: z.string().nullable(),
    by: z.string().openapi({ description: 'The staff member’s name' }),
  })
  .openapi('OutreachContact');

export const ContactListSchema = z.object({ items: z.array(ContactSchema) }).openapi('OutreachContacts');

export const ContactsReadQuery = z.object({ reason: AuditReasonSchema.default('counter_visit') });

export type TakeUp = z.infer<typeof TakeUpSchema>;
export type Worklist = z.infer<typeof WorklistSchema>;
export type WorklistItem = Worklist['items'][number];
export type ContactInput = z.infer<typeof ContactInputSchema>;
export type Contact = z.infer<typeof ContactSchema>;
