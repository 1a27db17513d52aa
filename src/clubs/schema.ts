import { z } from '@hono/zod-openapi';
import { IdSchema } from '../lib/openapi.ts';

export const ClubKindSchema = z.enum(['sports', 'culture', 'youth', 'social', 'other']);
export const ClubStatusSchema = z.enum(['pending', 'approved', 'suspended']);

/** What anyone may see of an approved club. */
export const PublicClubSchema = z
  .object({ id: z.string(), municipalityId: z.string(), name: z.string(), kind: ClubKindSchema })
  .openapi('PublicClub');

/** What the club's own staff and its municipality see. */
export const ClubSchema = PublicClubSchema.extend({
  status: ClubStatusSchema,
  contactEmail: z.string().nullable(),
  approvedAt: z.string().nullable(),
  createdAt: z.string(),
}).openapi('Club');

export const ClubInputSchema = z
  .object({
    name: z.string().trim().min(2).max(120),
    kind: ClubKindSchema.default('other'),
    contactEmail: z.email().max(254).nullable().default(null),
  })
  .strict()
  .openapi('ClubInput');

export const ActivitySummarySchema = z
  .object({
    id: z.string(),
    clubId: z.string(),
    title: z.string(),
    category: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    venueName: z.string().nullable().openapi({ description: 'Where it takes place, as the door names it' }),
    capacity: z.number().int().nullable(),
    regularPriceCents: z.number().int(),
    draft: z.boolean().openapi({ description: 'Not published yet' }),
    cancelled: z.boolean(),
    signedUp: z.number().int().openapi({ description: 'Sign-ups, waiting list included' }),
    door: z
      .object({ opensAt: z.string(), closesAt: z.string() })
      .openapi({ description: 'The door window: scans, prices and sales only between these times' }),
  })
  .openapi('ActivitySummary');

export const ClubParams = z.object({ clubId: IdSchema });
export const MunicipalityParams = z.object({ municipalityId: IdSchema });
export const ClubQuery = z.object({ municipalityId: IdSchema.optional() });

export const PublicClubListSchema = z.object({ items: z.array(PublicClubSchema) });
export const ClubListSchema = z.object({ items: z.array(ClubSchema) });
export const ActivitySummaryListSchema = z.object({ items: z.array(ActivitySummarySchema) });

export type Club = z.infer<typeof ClubSchema>;
export type ClubInput = z.infer<typeof ClubInputSchema>;
export type ActivitySummary = z.infer<typeof ActivitySummarySchema>;
