import { IdSchema, MessageSchema } from '../lib/openapi.ts';
import { z } from '@hono/zod-openapi';

const Bp = z.number().int().min(0).max(10000);
const KeySchema = z
  .object({ participantBp: Bp.min(1), clubBp: Bp, municipalityBp: Bp })
  .refine((k) => k.participantBp + k.clubBp + k.municipalityBp === 10000, {
    message: 'The shares add up to 100%',
  })
  .refine((k) => k.participantBp <= 2500, {
    message: 'The participant pays at most 25%',
    path: ['participantBp'],
  })
  .refine((k) => k.clubBp >= 1000, { message: 'The club carries at least 10%', path: ['clubBp'] })
  .openapi({ description: 'Shares of the regular price in basis points (100 = 1%): e.g. 2000/4000/4000' });

const PeriodCapSchema = z
  .object({
    period: z.enum(['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR']),
    count: z.number().int().min(1).max(1000).nullable().optional(),
    amountCents: z.number().int().min(1).max(10_000_000).nullable().optional(),
  })
  .strict();

export const CapsSchema = z
  .object({
    perActivity: z
      .number()
      .int()
      .min(1)
      .max(100)
      .nullable()
      .optional()
      .openapi({ description: 'Reduced tickets per holder per activity (default 1)' }),
    perPeriod: z.array(PeriodCapSchema).max(5).optional(),
  })
  .strict();

export const TariffRuleInputSchema = z
  .object({
    scope: z
      .enum(['municipality', 'region'])
      .default('municipality')
      .openapi({ description: 'region: shared by every municipality of the region without its own rule' }),
    validFrom: z.iso.date().optional().openapi({ description: 'Default: today; never before today' }),
    key: KeySchema,
    nonresidentKey: KeySchema.nullable()
      .default(null)
      .openapi({ description: 'For residents of another municipality of the region; null: the same key' }),
    minPriceCents: z.number().int().min(1).max(100_000).default(100),
    roundingCents: z.number().int().min(1).max(100).default(10),
    categories: z
      .array(z.enum(['sport', 'culture', 'youth', 'course', 'social', 'other']))
      .min(1)
      .nullable()
      .default(null),
    caps: CapsSchema.default({ perActivity: 1 }),
    cancelWindowHours: z.number().int().min(0).max(8760).default(72),
  })
  .strict()
  .openapi('TariffRuleInput');

export const TariffRuleSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    scope: z.enum(['municipality', 'region']),
    validFrom: z.string(),
    validUntil: z.string().nullable(),
    key: z.object({ participantBp: z.number(), clubBp: z.number(), municipalityBp: z.number() }),
    nonresidentKey: z
      .object({ participantBp: z.number(), clubBp: z.number(), municipalityBp: z.number() })
      .nullable(),
    minPriceCents: z.number().int(),
    roundingCents: z.number().int(),
    categories: z.array(z.string()).nullable(),
    caps: CapsSchema,
    cancelWindowHours: z.number().int(),
  })
  .openapi('TariffRule');

export const TariffQuerySchema = z
  .object({
    activityId: IdSchema.optional().openapi({ description: 'A ticket for this activity' }),
    offerId: IdSchema.optional().openapi({ description: 'Or: one of the club’s membership offers' }),
    code: z.string().min(20).max(1024).optional(),
    passNumber: z.string().min(13).max(20).optional(),
  })
  .refine((q) => (q.code === undefined) !== (q.passNumber === undefined), {
    message: 'Give either code or passNumber',
    path: ['code'],
  })
  .refine((q) => (q.activityId !== undefined) !== (q.offerId !== undefined), {
    message: 'Give either activityId or offerId',
    path: ['activityId'],
  });

export type TariffRuleInput = z.infer<typeof TariffRuleInputSchema>;
export type TariffRule = z.infer<typeof TariffRuleSchema>;

/** The price to charge: the same shape for everyone; amounts in cents. */
export const PriceSchema = z
  .object({
    regularPrice: z.number().int().openapi({ description: 'Regular price in cents' }),
    price: z.number().int().openapi({ description: 'Price to charge in cents' }),
    currency: z.literal('EUR'),
    tariffId: z.string().openapi({ description: 'Opaque; bring it back when registering the sale' }),
  })
  .openapi('Price', {
    description:
      'The same keys, types and values for everyone who pays the same price: no reason, cap or region message (those go to the holder alone).',
  });

/** The price for one passholder at the till: whose price it is, and messages about the card (never reductions). */
export const PriceAnswerSchema = PriceSchema.extend({
  passholder: z.object({ displayName: z.string() }).openapi({ description: 'Whose price it is' }),
  messages: z.array(MessageSchema),
});

export const MunicipalityParams = z.object({ municipalityId: IdSchema });

/** Every version of the rules a municipality uses, newest first. */
export const TariffRuleListSchema = z.object({ items: z.array(TariffRuleSchema) });
