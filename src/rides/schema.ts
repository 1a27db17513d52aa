import { z } from '@hono/zod-openapi';
import { IdSchema } from '../lib/openapi.ts';

/** The municipality's ride bonus: points per passenger, caps per driver, and when a cancellation is late. */
export const RideSettingsSchema = z
  .object({
    bonusPoints: z
      .number()
      .int()
      .min(0)
      .max(100)
      .openapi({ description: 'Points the driver earns per neighbour taken along (0 to 100)' }),
    capPerActivity: z
      .number()
      .int()
      .min(0)
      .max(20)
      .openapi({ description: 'At most this many rewarded passengers per driver per activity (0 to 20)' }),
    capPerMonth: z
      .number()
      .int()
      .min(0)
      .max(500)
      .openapi({ description: 'At most this many rewarded rides per driver per calendar month (0 to 500)' }),
    lateCancelHours: z.number().int().min(0).max(168).openapi({
      description: 'A cancellation less than this many hours before departure counts as late (0 to 168)',
    }),
  })
  .strict()
  .openapi('RideSettings');

/** One neighbourhood's rides in a month (by where the passenger is picked up, else where they live). */
export const RideNeighbourhoodSchema = z
  .object({
    neighbourhoodId: z.string().nullable().openapi({ description: 'null: no neighbourhood known' }),
    neighbourhood: z.string().nullable(),
    requests: z.number().int(),
    served: z.number().int().openapi({ description: 'Requests a driver took (the ride was agreed)' }),
    unserved: z
      .number()
      .int()
      .openapi({ description: 'Requests no driver took: the mobility-poverty signal' }),
    bonusPoints: z.number().int().openapi({
      description: 'Bonus points paid to drivers for these rides (reversed bonuses not counted)',
    }),
  })
  .openapi('RideNeighbourhood');

/** The month's rides for a municipality's activities: totals and per neighbourhood, aggregates only. */
export const RideReportSchema = z
  .object({
    offered: z.number().int(),
    requested: z.number().int(),
    matched: z.number().int(),
    completed: z.number().int(),
    passengersServed: z.number().int(),
    bonusPoints: z.number().int().openapi({ description: 'Bonus points paid for the month’s rides' }),
    byNeighbourhood: z.array(RideNeighbourhoodSchema).openapi({
      description: 'Per neighbourhood, most unserved first; no names or pass numbers',
    }),
    unservedByNeighbourhood: z
      .array(z.object({ neighbourhood: z.string(), unserved: z.number().int() }))
      .openapi({
        description: 'Neighbourhoods with unserved requests (`?` when unknown); see byNeighbourhood',
      }),
  })
  .openapi('RideReport');

export type RideReport = z.infer<typeof RideReportSchema>;

/** What a passenger may need, and what a car allows. */
export const NeedsSchema = z
  .array(z.enum(['wheelchair', 'help_at_door', 'assistance_dog', 'child_seat']))
  .max(4);
export const OkSchema = z.object({ ok: z.literal(true) });
export const CreatedSchema = z.object({ id: z.string() });
export const CancelledSchema = z.object({ late: z.boolean() });

export const ActivityParams = z.object({ activityId: IdSchema });
export const OfferParams = z.object({ offerId: IdSchema });
export const RequestParams = z.object({ requestId: IdSchema });
export const PassholderParams = z.object({ passholderId: IdSchema });
export const MunicipalityParams = z.object({ municipalityId: IdSchema });
export const ReportParams = MunicipalityParams.extend({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) });

/** A driver's offer of seats to an activity. */
export const OfferBody = z
  .object({
    passholderId: IdSchema.optional(),
    seats: z.number().int().min(1).max(8),
    direction: z.enum(['outbound', 'return', 'both']).default('both'),
    departsAt: z.iso.datetime({ offset: true }),
    neighbourhoodId: IdSchema.nullable().default(null),
    lat: z
      .number()
      .min(-90)
      .max(90)
      .nullable()
      .default(null)
      .openapi({ description: 'An approximate point; never one’s address' }),
    lon: z.number().min(-180).max(180).nullable().default(null),
    allows: NeedsSchema.default([]),
    notes: z.string().trim().max(300).nullable().default(null),
  })
  .strict();
export type OfferInput = z.infer<typeof OfferBody>;

/** Who to pick up where: a request to an offer, or to every driver of the activity. */
export const PickupBody = z
  .object({
    passholderId: IdSchema.optional(),
    neighbourhoodId: IdSchema.nullable().default(null),
    lat: z.number().min(-90).max(90).nullable().default(null),
    lon: z.number().min(-180).max(180).nullable().default(null),
    address: z.string().trim().max(200).openapi({
      description:
        'Where the driver picks the passenger up (required, not empty). Shown to the driver only once both sides agreed on the ride',
    }),
    needs: NeedsSchema.default([]),
    companions: z.number().int().min(0).max(3).default(0),
  })
  .strict();
export type PickupInput = z.infer<typeof PickupBody>;

export const OfferQuery = z.object({
  passholderId: IdSchema.optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lon: z.coerce.number().min(-180).max(180).optional(),
  seats: z.coerce.number().int().min(1).max(4).default(1),
  needs: z.string().max(100).optional(),
});
export type OfferSearch = z.infer<typeof OfferQuery>;

export const OfferListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      driver: z.object({ firstName: z.string(), area: z.string().nullable() }),
      seatsLeft: z.number().int(),
      direction: z.string(),
      departsAt: z.string(),
      allows: z.array(z.string()),
      detourKm: z.number().nullable(),
    }),
  ),
});

export const RequestListQuery = z.object({ passholderId: IdSchema.optional() });

export const OpenRequestListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      passenger: z.object({ firstName: z.string(), area: z.string().nullable() }),
      seats: z.number().int(),
      needs: z.array(z.string()),
    }),
  ),
});

export const RideCodeSchema = z.object({ code: z.string(), expiresAt: z.string() });

export const AcceptBody = z.object({ offerId: IdSchema.optional() }).strict();

/** Where a ride stands after a yes or a no. */
export const AgreementSchema = z.object({
  ok: z.literal(true),
  status: z.enum(['open', 'proposed', 'accepted', 'declined']).openapi({
    description:
      '`proposed`: the driver said yes to an open request, the passenger still has to; `accepted`: both said yes (only now the pair sees pickup address and phone)',
  }),
});

export const PickupConfirmBody = z
  .object({
    passCode: z.string().min(20).max(1024).optional(),
    rideCode: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
  })
  .strict()
  .refine((v) => (v.passCode === undefined) !== (v.rideCode === undefined), {
    message: 'Give passCode or rideCode',
    path: ['passCode'],
  });
export type PickupProof = z.infer<typeof PickupConfirmBody>;

export const NoShowBody = z.object({ who: z.enum(['driver', 'passenger']) }).strict();

export const NoShowsSchema = z.object({ asDriver: z.number().int(), asPassenger: z.number().int() });

export const ReverseBody = z.object({ reason: z.string().trim().min(3).max(200) }).strict();

const RideStatusSchema = z.enum(['open', 'requested', 'proposed', 'accepted', 'declined', 'cancelled']);

/** A resident's rides as driver and as passenger. */
export const MyRidesSchema = z
  .object({
    offers: z.array(
      z.object({
        id: z.string(),
        activityId: z.string(),
        title: z.string(),
        seats: z.number().int(),
        seatsTaken: z.number().int(),
        departsAt: z.string(),
        status: z.enum(['open', 'cancelled']),
        driverId: z.string(),
        area: z.string().nullable().openapi({ description: 'Where the driver leaves from' }),
        requests: z.array(
          z.object({
            id: z.string(),
            status: RideStatusSchema,
            seats: z.number().int(),
            needs: z.array(z.string()),
            firstName: z.string(),
            area: z.string().nullable(),
            pickupAddress: z.string().nullable().openapi({ description: 'Only once both sides agreed' }),
            phone: z.string().nullable().openapi({ description: 'Only once both sides agreed' }),
            pickupConfirmedAt: z.string().nullable(),
          }),
        ),
      }),
    ),
    requests: z.array(
      z.object({
        id: z.string(),
        activityId: z.string(),
        title: z.string(),
        status: RideStatusSchema,
        seats: z.number().int(),
        pickupConfirmedAt: z.string().nullable(),
        offerId: z.string().nullable(),
        passengerId: z.string(),
        pickupAddress: z.string().nullable().openapi({ description: 'The passenger’s own pickup address' }),
        area: z.string().nullable(),
        driver: z
          .object({
            firstName: z.string(),
            area: z.string().nullable(),
            phone: z.string().nullable().openapi({ description: 'Only once both sides agreed' }),
          })
          .nullable(),
        departsAt: z.string().nullable(),
      }),
    ),
  })
  .openapi('MyRides');
