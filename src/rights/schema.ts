import { z } from '@hono/zod-openapi';
import { IdSchema, ShownCountSchema } from '../lib/openapi.ts';
import { ReadReasonQuery } from '../passes/schema.ts';
import { BASES } from './rules.ts';

const isoDate = z.iso.date();
const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .openapi({ example: '2026-03', description: 'A calendar month YYYY-MM' });

export const BasisSchema = z.enum(BASES).openapi({
  description:
    'What opens the right: `status` (the social status: ACTIVE or IN_GRACE), or an entitlement kind (held while it is in force, then the grace days of the municipality’s rule for that kind)',
});

const text = (max: number) => z.string().trim().min(1).max(max);
const LocalizedText = (max: number) =>
  z
    .object({ nl: text(max), fr: text(max), en: text(max) })
    .strict()
    .openapi({
      description: `The text in Dutch, French and English (each required, at most ${max} characters)`,
    });
const Localized = z.object({ nl: z.string(), fr: z.string(), en: z.string() });

export const RightInputSchema = z
  .object({
    name: LocalizedText(120),
    description: LocalizedText(1000),
    howToUse: LocalizedText(1000),
    grantedBy: text(120).openapi({
      description: 'Who grants it: the school, the food bank, the swimming pool…',
      example: 'Stedelijk zwembad',
    }),
    basis: BasisSchema,
  })
  .strict()
  .openapi('LocalRightInput');

export const RightPatchSchema = z
  .object({
    name: LocalizedText(120),
    description: LocalizedText(1000),
    howToUse: LocalizedText(1000),
    grantedBy: text(120),
    active: z.boolean().openapi({
      description: 'false switches the right off: every open holding ends tonight or at the next change',
    }),
  })
  .partial()
  .strict()
  .openapi('LocalRightPatch', { description: 'The fields to change; the basis cannot change' });

export const LocalRightSchema = z
  .object({
    id: z.string(),
    municipalityId: z.string(),
    name: Localized,
    description: Localized,
    howToUse: Localized,
    grantedBy: z.string(),
    basis: BasisSchema,
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('LocalRight');

export const RightWithCountsSchema = LocalRightSchema.extend({
  counts: z
    .object({
      holdingNow: ShownCountSchema.openapi({ description: 'People holding the right today' }),
      openedInPeriod: ShownCountSchema.openapi({ description: 'Holding periods opened in the period' }),
      usedInPeriod: ShownCountSchema.openapi({ description: 'Different people who used it in the period' }),
    })
    .nullable()
    .openapi({
      description: 'Aggregates for the municipality admin (the policy team); null for counter staff',
    }),
}).openapi('LocalRightWithCounts');

export const RightListSchema = z
  .object({
    from: Month,
    to: Month,
    items: z.array(RightWithCountsSchema),
  })
  .openapi('LocalRightList');

export const RightListQuery = z.object({
  from: Month.optional().openapi({ description: 'First month of the period (default: eleven months ago)' }),
  to: Month.optional().openapi({ description: 'Last month of the period (default: this month)' }),
});

export const MunicipalityParams = z.object({ municipalityId: IdSchema });
export const RightParams = z.object({ municipalityId: IdSchema, rightId: IdSchema });
export const PassholderParams = z.object({ passholderId: IdSchema });
export const PassholderRightParams = z.object({ passholderId: IdSchema, rightId: IdSchema });
export { ReadReasonQuery };

export const HeldRightSchema = z
  .object({
    rightId: z.string(),
    basis: BasisSchema,
    grantedBy: z.string(),
    text: z
      .object({ name: z.string(), description: z.string(), howToUse: z.string() })
      .openapi({ description: 'The texts in the language of the request' }),
    name: Localized,
    description: Localized,
    howToUse: Localized,
    openedOn: isoDate,
    endedOn: isoDate
      .nullable()
      .openapi({ description: 'The first day it was no longer held; null while held' }),
    until: isoDate.nullable().openapi({
      description:
        'While held: the last day it is held if nothing changes (grace included); null when open-ended or unknown',
    }),
    inGrace: z.boolean().openapi({ description: 'Held in the grace period after its basis ran out' }),
    uses: z.number().int().openapi({ description: 'Uses recorded in this holding period' }),
    lastUsedOn: isoDate.nullable(),
  })
  .openapi('HeldRight');

export const HolderRightsSchema = z
  .object({
    passholderId: z.string(),
    firstName: z.string(),
    self: z
      .boolean()
      .openapi({ description: 'false: a minor (or consenting adult) the caller is guardian of' }),
    held: z.array(HeldRightSchema),
    ended: z.array(HeldRightSchema).openapi({ description: 'Rights that ended in the last 90 days' }),
  })
  .openapi('HolderRights');

export const MyRightsSchema = z.object({ holders: z.array(HolderRightsSchema) }).openapi('MyRights');

export const UseInputSchema = z
  .object({ usedOn: isoDate.optional().openapi({ description: 'Default: today' }) })
  .strict()
  .openapi('RightUseInput');

export const UseSchema = z
  .object({ id: z.string(), rightId: z.string(), passholderId: z.string(), usedOn: isoDate })
  .openapi('RightUse');

export type RightInput = z.infer<typeof RightInputSchema>;
export type RightPatch = z.infer<typeof RightPatchSchema>;
export type HeldRight = z.infer<typeof HeldRightSchema>;
export type HolderRights = z.infer<typeof HolderRightsSchema>;
