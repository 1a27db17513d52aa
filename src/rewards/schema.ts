import { z } from '@hono/zod-openapi';
import { IdSchema } from '../lib/openapi.ts';

export const ClubParams = z.object({ clubId: IdSchema });
export const MunicipalityParams = z.object({ municipalityId: IdSchema });
export const RewardParams = z.object({ rewardId: IdSchema });
export const PassholderParams = z.object({ passholderId: IdSchema });
export const HandOverParams = z.object({ clubId: IdSchema, redemptionId: IdSchema });

/** Whose rewards: one's own by default, or a ward's. */
export const PassholderQuery = z.object({ passholderId: IdSchema.optional() });

export const RewardInputSchema = z
  .object({
    title: z.string().trim().min(2).max(120),
    description: z.string().trim().max(1000).nullable().default(null),
    pointsCost: z.number().int().min(0).max(100_000),
    stock: z.number().int().min(0).max(1_000_000).nullable().default(null),
    limit: z
      .object({
        count: z.number().int().min(1).max(1000),
        period: z.enum(['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR', 'EVER']),
      })
      .nullable()
      .default(null),
    welcome: z.boolean().default(false).openapi({
      description: 'Granted to every resident of the municipality when they activate their pass',
    }),
    validFrom: z.iso.date().optional(),
    validUntil: z.iso.date().nullable().default(null),
  })
  .strict()
  .openapi('RewardInput');

export type RewardInput = z.infer<typeof RewardInputSchema>;

export const CollectAtSchema = z
  .object({ kind: z.enum(['club', 'municipality']), name: z.string() })
  .openapi('CollectAt', {
    description: "Where the holder collects the reward: at the club, or at the municipality's Social House",
  });

export const RewardSchema = z
  .object({
    id: z.string(),
    clubId: z.string().nullable(),
    municipalityId: z.string().nullable(),
    title: z.string(),
    description: z.string().nullable(),
    pointsCost: z.number().int(),
    stock: z.number().int().nullable(),
    redeemed: z.number().int(),
    limit: z.object({ count: z.number().int(), period: z.string() }).nullable(),
    welcome: z.boolean(),
    validFrom: z.string(),
    validUntil: z.string().nullable(),
    collectAt: CollectAtSchema.optional(),
  })
  .openapi('Reward');

export const CheckSchema = z
  .object({
    redeemable: z.boolean(),
    reason: z.string().nullable(),
    message: z.string().nullable(),
    balance: z.number().int(),
    pointsCost: z.number().int(),
  })
  .openapi('RedeemCheck');

export type RedeemCheck = z.infer<typeof CheckSchema>;

/** The rewards a holder can see, each with whether they can redeem it and why not. */
export const RewardListSchema = z.object({ items: z.array(RewardSchema.extend({ check: CheckSchema })) });

/** A holder present at a club: a scanned pass code, or a typed pass number while a door is open. */
const PresenceFields = {
  code: z.string().min(20).max(1024).optional().openapi({ description: 'The scanned pass code' }),
  passNumber: z.string().min(13).max(20).optional().openapi({
    description: 'A typed pass number: only with the activityId of an activity whose door is open',
  }),
  activityId: IdSchema.optional().openapi({
    description: 'The club’s activity whose door is open (needed with a typed pass number)',
  }),
};
export const PresenceQuery = z.object(PresenceFields);
export const PresenceBody = z
  .object(PresenceFields)
  .strict()
  .refine((v) => (v.code === undefined) !== (v.passNumber === undefined), {
    message: 'Give the scanned code or the typed passNumber',
    path: ['code'],
  });

export type Presence = z.infer<typeof PresenceQuery>;

/** Whose reward: a resident's own (or a ward's) id, or a pass presented at the reward's club. */
export const HolderQuery = z.object({ passholderId: IdSchema.optional(), ...PresenceFields });

export const HolderBody = HolderQuery.strict();

export type HolderInput = z.infer<typeof HolderQuery>;

/** The problems of a holder presented at a club. */
export const PRESENCE_PROBLEMS = [
  'pass_not_found',
  'pass_number_invalid',
  'code_invalid',
  'code_expired',
  'card_replaced',
  'pass_blocked',
  'presence_required',
] as const;

export const RedemptionSchema = z.object({
  id: z.string(),
  rewardId: z.string(),
  points: z.number().int(),
  balance: z.number().int(),
});

export type Redemption = z.infer<typeof RedemptionSchema>;

/** A redemption still to hand over at a club. */
const OpenRedemption = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.string(),
  welcome: z.boolean(),
});

export const OpenRedemptionListSchema = z.object({ items: z.array(OpenRedemption) });

export const WelcomeGrantSchema = z.object({ granted: z.number().int() });

/** A holder's own redemptions and welcome rewards. */
export const MyRedemptionListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      points: z.number().int(),
      createdAt: z.string(),
      handedOverAt: z.string().nullable(),
      welcome: z.boolean(),
      validUntil: z.string().nullable().openapi({ description: 'Last day of the reward offer' }),
      collectAt: CollectAtSchema.nullable(),
    }),
  ),
});
