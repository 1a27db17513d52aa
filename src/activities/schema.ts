import { z } from '@hono/zod-openapi';
import { IdSchema } from '../lib/openapi.ts';

export const CategorySchema = z.enum(['sport', 'culture', 'youth', 'course', 'social', 'other']);
export const AccessibilitySchema = z.enum([
  'step_free',
  'wheelchair_toilet',
  'hearing_loop',
  'quiet_space',
  'sign_language',
  'assistance_dogs',
  'parking',
]);
const LocalizedText = z
  .object({
    nl: z.string().max(4000).optional(),
    fr: z.string().max(4000).optional(),
    en: z.string().max(4000).optional(),
  })
  .strict();
const dateTime = z.iso.datetime({ offset: true });

const editable = {
  title: z.string().trim().min(1).max(120),
  category: CategorySchema,
  startsAt: dateTime,
  endsAt: dateTime,
  capacity: z.number().int().min(1).max(100_000).nullable(),
  regularPriceCents: z.number().int().min(0).max(10_000_000),
  description: LocalizedText,
  venue: z
    .object({
      name: z.string().trim().max(120).nullable().optional(),
      address: z.string().trim().max(200).nullable().optional(),
      lat: z.number().min(-90).max(90).nullable().optional(),
      lon: z.number().min(-180).max(180).nullable().optional(),
    })
    .strict(),
  neighbourhoodId: z.string().max(64).nullable(),
  signupRequired: z.boolean(),
  signupDeadline: dateTime.nullable(),
  points: z.number().int().min(0).max(100),
  accessibility: z.array(AccessibilitySchema).max(10),
  checkinBeforeMinutes: z.number().int().min(0).max(1440),
  checkinAfterMinutes: z.number().int().min(0).max(1440),
};

export const ActivityInputSchema = z
  .object({
    ...editable,
    description: editable.description.default({}),
    venue: editable.venue.default({}),
    neighbourhoodId: editable.neighbourhoodId.default(null),
    signupRequired: editable.signupRequired
      .optional()
      .openapi({ description: 'Default: true when there is a capacity' }),
    signupDeadline: editable.signupDeadline.default(null),
    points: editable.points.default(1),
    accessibility: editable.accessibility.default([]),
    checkinBeforeMinutes: editable.checkinBeforeMinutes.default(60),
    checkinAfterMinutes: editable.checkinAfterMinutes.default(30),
    repeatWeekly: z
      .number()
      .int()
      .min(0)
      .max(52)
      .default(0)
      .openapi({ description: 'How many more weekly occurrences to create' }),
    draft: z.boolean().default(false).openapi({
      description:
        'Save without publishing. A club awaiting approval can only save drafts; it publishes once approved.',
    }),
  })
  .strict()
  .openapi('ActivityInput');

export const ActivityPatchSchema = z.object(editable).partial().strict().openapi('ActivityPatch');

const Localized = z.object({ nl: z.string(), fr: z.string(), en: z.string() });

export const ActivitySchema = z
  .object({
    id: z.string(),
    clubId: z.string(),
    clubName: z.string(),
    municipalityId: z.string(),
    title: z.string(),
    description: z.record(z.string(), z.string()),
    category: CategorySchema,
    startsAt: z.string(),
    endsAt: z.string(),
    venue: z.object({
      name: z.string().nullable(),
      address: z.string().nullable(),
      lat: z.number().nullable(),
      lon: z.number().nullable(),
    }),
    neighbourhoodId: z.string().nullable(),
    capacity: z.number().int().nullable(),
    placesLeft: z.number().int().nullable(),
    waitlisted: z.number().int(),
    signupRequired: z.boolean(),
    signupDeadline: z.string().nullable(),
    regularPriceCents: z.number().int(),
    points: z.number().int(),
    accessibility: z.array(z.string()),
    cancelled: z.boolean(),
    draft: z.boolean().openapi({ description: 'A draft is seen by the club only, until published' }),
    distanceKm: z.number().nullable().optional(),
    myPrice: z
      .object({
        priceCents: z.number().int(),
        remaining: z.number().int().nullable().openapi({
          description: 'Reduced purchases left under the caps, this one included; null when none apply',
        }),
        messages: z.array(z.object({ code: z.string(), message: z.string(), messages: Localized })),
      })
      .nullable()
      .optional()
      .openapi({
        description:
          'Only for a signed-in resident: their own price, and why a reduction does not apply (for them alone)',
      }),
  })
  .openapi('Activity');

export const ActivityQuerySchema = z.object({
  from: dateTime.optional(),
  to: dateTime.optional(),
  category: CategorySchema.optional(),
  municipalityId: z.string().max(64).optional(),
  neighbourhoodId: z.string().max(64).optional(),
  clubId: z.string().max(64).optional(),
  accessibility: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: 'Comma-separated; all must be offered' }),
  free: z.enum(['true', 'false']).optional(),
  near: z
    .string()
    .regex(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/)
    .optional()
    .openapi({ description: 'lat,lon', example: '50.94,4.04' }),
  km: z.coerce.number().min(0.1).max(100).default(5),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(200).optional(),
});

export const ActivityParams = z.object({ activityId: IdSchema });
export const ClubParams = z.object({ clubId: IdSchema });

/** A published activity with the ids of its weekly series (itself first). */
export const PublishedSchema = ActivitySchema.extend({ seriesIds: z.array(z.string()) });

/** A changed activity, with how many people were told. */
export const ChangedSchema = ActivitySchema.extend({
  notified: z.number().int().openapi({ description: 'How many people signed up or waiting were told' }),
});

export const ActivityListSchema = z.object({
  items: z.array(ActivitySchema),
  nextCursor: z.string().nullable(),
});

/** The self check-in code shown at the venue. */
export const CheckinCodeSchema = z.object({
  code: z.string(),
  url: z.string(),
  expiresAt: z.string(),
  qrSvg: z.string(),
});

export type ActivityInput = z.infer<typeof ActivityInputSchema>;
export type ActivityPatch = z.infer<typeof ActivityPatchSchema>;
export type Activity = z.infer<typeof ActivitySchema>;
export type ActivityQuery = z.infer<typeof ActivityQuerySchema>;
