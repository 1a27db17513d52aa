import { z } from '@hono/zod-openapi';
import { IdSchema } from '../lib/openapi.ts';

export const ClubParams = z.object({ clubId: IdSchema });
export const OfferParams = z.object({ offerId: IdSchema });

export const CategorySchema = z.enum(['sport', 'culture', 'youth', 'course', 'social', 'other']);

export const MembershipOfferInputSchema = z
  .object({
    season: z
      .string()
      .regex(/^\d{4}-\d{4}$/)
      .openapi({
        example: '2026-2027',
        description: 'The current season or the next (1 September to 31 August)',
      }),
    title: z.string().trim().min(2).max(120).openapi({ example: 'Lidgeld volwassenen' }),
    category: CategorySchema,
    regularPriceCents: z.number().int().min(0).max(10_000_000),
  })
  .strict()
  .openapi('MembershipOfferInput');

export const MembershipOfferSchema = z
  .object({
    id: z.string(),
    clubId: z.string(),
    season: z.string(),
    title: z.string(),
    category: CategorySchema,
    regularPriceCents: z.number().int(),
    archivedAt: z.string().nullable(),
  })
  .openapi('MembershipOffer');

export type MembershipOffer = z.infer<typeof MembershipOfferSchema>;
export type MembershipOfferInput = z.infer<typeof MembershipOfferInputSchema>;

/** The club's offers still on sale, and the seasons a new offer may have. */
export const MembershipOfferListSchema = z.object({
  items: z.array(MembershipOfferSchema),
  seasons: z.array(z.string()),
});
