import { z } from '@hono/zod-openapi';
import { IdSchema } from '../lib/openapi.ts';

const isoDate = z.iso.date().openapi({ example: '1987-03-14' });
const PostalCode = z.string().regex(/^[1-9]\d{3}$/);
const Locale = z.enum(['nl', 'fr', 'en']);

/** The fields counter staff enter for a resident. */
const residentFields = {
  firstName: z.string().trim().min(1).max(80),
  lastName: z.string().trim().min(1).max(80),
  birthDate: isoDate,
  postalCode: PostalCode,
  neighbourhoodId: z.string().max(64).nullable(),
  locale: Locale,
  email: z.email().max(254).toLowerCase().nullable(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ./-]{6,20}$/)
    .nullable(),
  address: z.string().trim().max(200).nullable(),
};

export const RegisterSchema = z
  .object({
    ...residentFields,
    neighbourhoodId: residentFields.neighbourhoodId.default(null),
    locale: Locale.default('nl'),
    email: residentFields.email.default(null),
    phone: residentFields.phone.default(null),
    address: residentFields.address.default(null),
    householdId: z
      .string()
      .max(64)
      .nullable()
      .default(null)
      .openapi({ description: 'Join this household; a new one when null' }),
    guardianId: z
      .string()
      .max(64)
      .nullable()
      .default(null)
      .openapi({ description: 'For a minor: the passholder who manages this pass' }),
    confirmDuplicate: z
      .boolean()
      .default(false)
      .openapi({ description: 'Register even though a pass exists for the same name and birth date' }),
    municipalityId: IdSchema.optional().openapi({
      description: 'For staff of more than one municipality: where to register (default: their own)',
    }),
  })
  .strict()
  .openapi('RegisterPassholder');

export const PassholderPatchSchema = z
  .object({
    ...residentFields,
    municipalityId: z
      .string()
      .max(64)
      .openapi({ description: 'Move within the region; the pass stays the same' }),
  })
  .partial()
  .strict()
  .openapi('PassholderPatch');

const Relation = z.object({
  passholderId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  basis: z.enum(['minor', 'consent']),
});

/** The full record: counter staff of the municipality, and the holder (or guardian) themselves. */
export const PassholderSchema = z
  .object({
    id: z.string(),
    municipalityId: z.string(),
    neighbourhoodId: z.string().nullable(),
    householdId: z.string().nullable(),
    passNumber: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    birthDate: z.string(),
    postalCode: z.string(),
    address: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    locale: Locale,
    card: z.object({
      version: z.number().int(),
      blockedAt: z.string().nullable(),
      blockReason: z.string().nullable(),
    }),
    account: z.object({ active: z.boolean(), email: z.string().nullable() }),
    activationExpiresAt: z
      .string()
      .nullable()
      .openapi({ description: 'Set while an activation code waits to be used' }),
    guardians: z.array(Relation),
    wards: z.array(Relation),
  })
  .openapi('Passholder');

export const RegisteredSchema = z
  .object({
    passholder: PassholderSchema,
    activationCode: z.string().openapi({ description: 'Shown once, for the welcome letter' }),
    activationExpiresAt: z.string(),
  })
  .openapi('Registered');

export const SearchResultSchema = z
  .object({
    id: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    birthDate: z.string(),
    passNumber: z.string(),
    householdId: z.string().nullable(),
  })
  .openapi('PassholderSearchResult');

export const AuditReasonSchema = z
  .enum(['counter_visit', 'phone_call', 'correction', 'household', 'card', 'social_work', 'other'])
  .openapi({ description: 'Why staff open the record; written to the audit log the holder can read' });

export const ActivateSchema = z
  .object({
    passNumber: z.string().trim().min(13).max(20),
    activationCode: z.string().trim().min(4).max(20),
    password: z.string().min(10).max(256),
    email: z.email().max(254).toLowerCase().optional(),
  })
  .strict()
  .openapi('Activate');

export const AccountSchema = z
  .object({ password: z.string().min(10).max(256), email: z.email().max(254).toLowerCase().optional() })
  .strict()
  .openapi('PassholderAccount');

export const CardBlockSchema = z
  .object({ reason: z.enum(['lost', 'stolen', 'damaged', 'other']) })
  .strict()
  .openapi('CardBlock');

export const MyPassSchema = z
  .object({
    passNumber: z.string(),
    code: z.string().openapi({ description: 'Rotating pass code, valid about a minute' }),
    expiresAt: z.string(),
    qrSvg: z.string(),
  })
  .openapi('MyPass');

export const CardCodeSchema = z
  .object({
    passNumber: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    version: z.number().int(),
    blocked: z.boolean(),
    code: z.string().openapi({ description: 'The static code printed on this card version' }),
    qrSvg: z.string(),
  })
  .openapi('CardCode');

export const MyPassesSchema = z
  .object({
    items: z.array(
      z.object({
        passholderId: z.string(),
        firstName: z.string(),
        lastName: z.string(),
        passNumber: z.string(),
        self: z.boolean(),
      }),
    ),
  })
  .openapi('MyPasses');

export const AuditEntrySchema = z
  .object({ at: z.string(), actor: z.string(), role: z.string(), action: z.string(), reason: z.string() })
  .openapi('AuditEntry');

/** A passholder in the path. */
export const PassholderParams = z.object({ passholderId: IdSchema });

/** A guardianship in the path: the ward and their guardian. */
export const GuardianParams = z.object({ passholderId: IdSchema, guardianId: IdSchema });

/** Counter staff's search: a name or pass number, a birth date, or both. */
export const PassholderSearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(2)
    .max(80)
    .optional()
    .openapi({ description: 'Start of a name, or a full pass number' }),
  birthDate: z.iso.date().optional(),
  municipalityId: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const SearchResultListSchema = z.object({ items: z.array(SearchResultSchema) });

/** Why counter staff open a record, as a query parameter (also for the social status). */
export const ReadReasonQuery = z.object({ reason: AuditReasonSchema.default('counter_visit') });

/** Another household of the municipality, or a new one (null). */
export const HouseholdMoveSchema = z.object({ householdId: IdSchema.nullable() }).strict();

/** Why a guardian manages the pass: the ward is a minor, or an adult who consents. */
export const GuardianshipSchema = z.object({ basis: z.enum(['minor', 'consent']) }).strict();

/** A new activation code for the welcome letter, shown once. */
export const ActivationCodeSchema = z.object({ activationCode: z.string(), activationExpiresAt: z.string() });

/** The passholder a resident asks for: themself by default, or a ward. */
export const PassQuery = z.object({
  passholderId: IdSchema.optional().openapi({ description: 'A ward’s pass, for a guardian' }),
});

export const AuditEntryListSchema = z.object({ items: z.array(AuditEntrySchema) });

export type Register = z.infer<typeof RegisterSchema>;
export type PassholderSearch = z.infer<typeof PassholderSearchQuery>;
export type Activate = z.infer<typeof ActivateSchema>;
export type PassholderPatch = z.infer<typeof PassholderPatchSchema>;
export type Passholder = z.infer<typeof PassholderSchema>;
export type SearchResult = z.infer<typeof SearchResultSchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type AuditAction =
  | 'read'
  | 'register'
  | 'update'
  | 'move'
  | 'household'
  | 'guardian'
  | 'card_block'
  | 'card_replace'
  | 'card_print'
  | 'activation_code'
  | 'account'
  | 'door_price'
  | 'door_sale';
