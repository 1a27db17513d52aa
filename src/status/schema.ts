import { z } from '@hono/zod-openapi';
import { IdSchema } from '../lib/openapi.ts';

const isoDate = z.iso.date();
export const EntitlementKindSchema = z.enum([
  'living_wage',
  'increased_allowance',
  'debt_mediation',
  'child_benefit_supplement',
  'other',
]);
export const StatusNameSchema = z.enum(['ACTIVE', 'IN_GRACE', 'SUSPENDED', 'EXPIRED', 'NONE']);
export const ReasonCategorySchema = z
  .enum([
    'living_wage',
    'increased_allowance',
    'debt_mediation',
    'child_benefit_supplement',
    'low_income',
    'social_inquiry',
    'import',
    'other',
  ])
  .openapi({ description: 'Why the status was granted: seen by counter staff and the holder only' });

export const GrantSchema = z
  .object({
    id: z.string(),
    source: z.enum(['counter', 'entitlement', 'import']),
    reason: z.string(),
    validFrom: z.string(),
    validUntil: z.string(),
    graceDays: z.number().int(),
    endedOn: z.string().nullable(),
    inherited: z
      .boolean()
      .openapi({ description: 'Granted to an adult of the household; extends to this minor' }),
    decidedBy: z.string().nullable(),
  })
  .openapi('StatusGrant');

export const SuspensionSchema = z
  .object({
    id: z.string(),
    fromDate: z.string(),
    untilDate: z.string().nullable(),
    reason: z.string(),
    liftedOn: z.string().nullable(),
  })
  .openapi('StatusSuspension');

export const EntitlementSchema = z
  .object({
    id: z.string(),
    kind: EntitlementKindSchema,
    validFrom: z.string(),
    validUntil: z.string().nullable(),
    endedOn: z.string().nullable(),
  })
  .openapi('Entitlement');

/** For counter staff and the holder only: never in a club-facing answer. */
export const SocialStatusSchema = z
  .object({
    passholderId: z.string(),
    status: StatusNameSchema,
    validUntil: z.string().nullable(),
    graceUntil: z.string().nullable(),
    grants: z.array(GrantSchema),
    suspensions: z.array(SuspensionSchema),
    entitlements: z.array(EntitlementSchema),
  })
  .openapi('SocialStatus');

export const GrantInputSchema = z
  .object({
    reason: ReasonCategorySchema,
    validFrom: isoDate.optional().openapi({ description: 'Default: today' }),
    validUntil: isoDate.optional().openapi({ description: 'Default: 30 April after next' }),
    graceDays: z.number().int().min(0).max(366).optional().openapi({ description: 'Default: 60' }),
  })
  .strict()
  .openapi('GrantInput');

export const ExtendSchema = z.object({ validUntil: isoDate }).strict().openapi('GrantExtend');
export const SuspendSchema = z
  .object({
    reason: z.string().trim().min(2).max(200),
    fromDate: isoDate.optional(),
    untilDate: isoDate.nullable().optional(),
  })
  .strict()
  .openapi('SuspendInput');
export const EndSchema = z
  .object({ endedOn: isoDate.optional().openapi({ description: 'First day without status; default today' }) })
  .strict();

export const EntitlementInputSchema = z
  .object({
    kind: EntitlementKindSchema,
    validFrom: isoDate.optional(),
    validUntil: isoDate.nullable().optional(),
  })
  .strict()
  .openapi('EntitlementInput');

export const EntitlementRuleSchema = z
  .object({
    kind: EntitlementKindSchema,
    opensStatus: z.boolean(),
    duration: z.enum(['april30_after_next', 'entitlement', 'months_12']),
    graceDays: z.number().int().min(0).max(366),
  })
  .openapi('EntitlementRule');

export const EntitlementRuleInputSchema = EntitlementRuleSchema.omit({ kind: true }).strict();

export const ImportInputSchema = z
  .object({
    csv: z.string().min(1).max(2_000_000),
    fileName: z.string().max(200).optional(),
    validUntil: isoDate.optional().openapi({ description: 'Default: 30 April after next' }),
    graceDays: z.number().int().min(0).max(366).default(60),
  })
  .strict()
  .openapi('StatusImportInput');

/** Why a row of an import was sorted as it was: a code the page shows in the reader's language. */
export const ImportReasonSchema = z
  .enum([
    'matched_pass_number',
    'matched_identity',
    'several_passes',
    'other_municipality',
    'no_pass_number',
    'no_identity',
    'pass_number_invalid',
    'pass_number_missing',
    'first_name_missing',
    'last_name_missing',
    'birth_date_missing',
    'birth_date_unreadable',
    'postal_code_missing',
    'postal_code_unreadable',
    'identity_incomplete',
  ])
  .openapi('StatusImportReason', {
    description:
      'Why a row is matched (`matched_*`), not found (`no_*`, `other_municipality`), ambiguous (`several_passes`) or unreadable (the others)',
  });

export const ImportRowSchema = z.object({
  line: z.number().int().openapi({ description: 'Line of the file; the header is line 1' }),
  outcome: z.enum(['matched', 'unmatched', 'ambiguous', 'invalid']).openapi({
    description: '`invalid`: the row cannot be read (counted in `unreadable`, not in `unmatched`)',
  }),
  reasonCode: ImportReasonSchema,
  reason: z
    .string()
    .openapi({ description: 'The reason in English, for logs; show `reasonCode` translated' }),
  passholderId: z.string().nullable(),
  name: z.string(),
  passNumber: z.string().nullable(),
});

/** An import as stored. */
export const ImportSchema = z.object({
  id: z.string(),
  fileName: z.string().nullable(),
  validUntil: z.string(),
  graceDays: z.number().int(),
  matched: z.number().int(),
  unmatched: z.number().int(),
  ambiguous: z.number().int(),
  confirmedAt: z.string().nullable(),
  alreadyImported: z
    .boolean()
    .openapi({ description: 'The same file was confirmed before: confirming again changes nothing' }),
  rows: z.array(ImportRowSchema),
});

/** An import as answered: the counts come from the rows, unreadable rows apart from people not found. */
export const ImportAnswerSchema = ImportSchema.extend({
  matched: z.number().int().openapi({ description: 'People found' }),
  unmatched: z.number().int().openapi({ description: 'People not found (readable rows only)' }),
  ambiguous: z.number().int().openapi({ description: 'Rows that fit several passes' }),
  unreadable: z.number().int().openapi({ description: 'Rows that cannot be read (outcome `invalid`)' }),
}).openapi('StatusImport');

export const RenewalSchema = z
  .object({
    passholderId: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    passNumber: z.string(),
    status: z.string(),
    validUntil: z.string(),
  })
  .openapi('Renewal');

export const PassholderParams = z.object({ passholderId: IdSchema });
export const GrantParams = PassholderParams.extend({ grantId: IdSchema });
export const SuspensionParams = PassholderParams.extend({ suspensionId: IdSchema });
export const EntitlementParams = PassholderParams.extend({ entitlementId: IdSchema });
export const MunicipalityParams = z.object({ municipalityId: IdSchema });
export const EntitlementRuleParams = MunicipalityParams.extend({ kind: EntitlementRuleSchema.shape.kind });
export const ImportParams = z.object({ importId: IdSchema });

export const EntitlementRuleListSchema = z.object({ items: z.array(EntitlementRuleSchema) });
export const ConfirmedImportSchema = ImportAnswerSchema.extend({ granted: z.number().int() });
export const RenewalListSchema = z.object({ items: z.array(RenewalSchema) });

export type SocialStatus = z.infer<typeof SocialStatusSchema>;
export type ImportRow = z.infer<typeof ImportRowSchema>;
export type EntitlementRule = z.infer<typeof EntitlementRuleSchema>;
export type GrantInput = z.infer<typeof GrantInputSchema>;
export type SuspendInput = z.infer<typeof SuspendSchema>;
export type EntitlementInput = z.infer<typeof EntitlementInputSchema>;
export type ImportInput = z.infer<typeof ImportInputSchema>;
export type ImportAnswer = z.infer<typeof ImportAnswerSchema>;
export type StatusImport = z.infer<typeof ImportSchema>;
export type ImportReason = z.infer<typeof ImportReasonSchema>;
