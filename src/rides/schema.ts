import { z } from '@hono/zod-openapi';

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
      .openapi({ description: 'At most this many rewarded lifts per driver per calendar month (0 to 500)' }),
    lateCancelHours: z.number().int().min(0).max(168).openapi({
      description: 'A cancellation less than this many hours before departure counts as late (0 to 168)',
    }),
  })
  .strict()
  .openapi('RideSettings');

/** One neighbourhood's lifts in a month (by where the passenger is picked up, else where they live). */
export const RideNeighbourhoodSchema = z
  .object({
    neighbourhoodId: z.string().nullable().openapi({ description: 'null: no neighbourhood known' }),
    neighbourhood: z.string().nullable(),
    requests: z.number().int(),
    served: z.number().int().openapi({ description: 'Requests a driver took (the lift was agreed)' }),
    unserved: z
      .number()
      .int()
      .openapi({ description: 'Requests no driver took: the mobility-poverty signal' }),
    bonusPoints: z.number().int().openapi({
      description: 'Bonus points paid to drivers for these lifts (reversed bonuses not counted)',
    }),
  })
  .openapi('RideNeighbourhood');

/** The month's lifts for a municipality's activities: totals and per neighbourhood, aggregates only. */
export const RideReportSchema = z
  .object({
    offered: z.number().int(),
    requested: z.number().int(),
    matched: z.number().int(),
    completed: z.number().int(),
    passengersServed: z.number().int(),
    bonusPoints: z.number().int().openapi({ description: 'Bonus points paid for the month’s lifts' }),
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
