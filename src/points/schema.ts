import { z } from '@hono/zod-openapi';
import { IdSchema, MessageSchema } from '../lib/openapi.ts';

export const ActivityParams = z.object({ activityId: IdSchema });
export const PassholderParams = z.object({ passholderId: IdSchema });

/** Whose points: one's own by default, or a ward's. */
export const PassholderQuery = z.object({ passholderId: IdSchema.optional() });

export const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().max(200).optional() });

export const CheckinSchema = z
  .object({
    passholder: z.object({ displayName: z.string() }),
    checkedInAt: z.string(),
    alreadyCheckedIn: z.boolean(),
    pointsAwarded: z.number().int(),
    points: z.number().int().openapi({ description: 'Balance after the check-in' }),
    signup: z.enum(['confirmed', 'waitlisted']).nullable(),
    messages: z.array(MessageSchema),
  })
  .openapi('Checkin');

export type Checkin = z.infer<typeof CheckinSchema>;

/** A pass at the door: the scanned code or the typed number. */
export const DoorCheckinInput = z
  .object({
    code: z.string().min(20).max(1024).optional(),
    passNumber: z.string().min(13).max(20).optional(),
  })
  .strict()
  .refine((v) => (v.code === undefined) !== (v.passNumber === undefined), {
    message: 'Give either code or passNumber',
    path: ['code'],
  });

/** The activity's QR code shown at the venue, and whom to check in (default: oneself). */
export const SelfCheckinInput = z
  .object({
    code: z.string().min(20).max(1024),
    passholderIds: z.array(IdSchema).min(1).max(12).optional(),
  })
  .strict();

export const SelfCheckinAnswer = z.object({
  activity: z.object({ id: z.string(), title: z.string() }),
  checkins: z.array(CheckinSchema),
});

export const LedgerSchema = z
  .object({
    balance: z.number().int(),
    items: z.array(
      z.object({
        at: z.string(),
        points: z.number().int(),
        kind: z.string(),
        note: z.string().nullable(),
        activityTitle: z.string().nullable(),
      }),
    ),
  })
  .openapi('Points');

export const CorrectionInput = z
  .object({
    points: z
      .number()
      .int()
      .min(-10_000)
      .max(10_000)
      .refine((p) => p !== 0),
    reason: z.string().trim().min(3).max(200),
  })
  .strict();
