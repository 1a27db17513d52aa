import { z } from '@hono/zod-openapi';
import { IdSchema } from '../lib/openapi.ts';

export const ActivityParams = z.object({ activityId: IdSchema });
export const SignupParams = z.object({ signupId: IdSchema });
export const PassholderParams = z.object({ passholderId: IdSchema });

/** Why counter staff read a resident's sign-ups (written to the audit log). */

export const SignupSchema = z
  .object({
    id: z.string(),
    activityId: z.string(),
    passholderId: z.string(),
    status: z.enum(['confirmed', 'waitlisted', 'cancelled']),
    waitlistPosition: z.number().int().nullable(),
    priceCents: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'What this person will pay (their own price)' }),
  })
  .openapi('Signup');

export const SignupInputSchema = z
  .object({
    passholderIds: z.array(IdSchema).min(1).max(12).optional().openapi({ description: 'Default: oneself' }),
  })
  .strict();

export const SignupsAnswer = z.object({ signups: z.array(SignupSchema) });

/** One person on an activity's list: name and pass number only. */
const ListEntry = z.object({
  signupId: z.string(),
  name: z.string(),
  passNumber: z.string(),
  checkedIn: z.boolean(),
});

export const ActivitySignupsSchema = z.object({
  confirmed: z.array(ListEntry),
  waitlisted: z.array(ListEntry),
});

export const MySignupsSchema = z.object({
  items: z.array(
    SignupSchema.omit({ priceCents: true }).extend({
      title: z.string(),
      startsAt: z.string(),
      activityCancelled: z.boolean(),
      firstName: z.string(),
    }),
  ),
});

const LiftStatus = z.enum(['open', 'requested', 'proposed', 'accepted']);

/** What the counter needs to act for a resident: who they are, and their coming sign-ups with their lifts. */
export const CounterSignupsSchema = z
  .object({
    holder: z.object({
      id: z.string(),
      firstName: z.string(),
      locale: z.enum(['nl', 'fr', 'en']).openapi({
        description: 'The resident’s language: confirmations read out or printed for them use it',
      }),
      address: z.string().nullable().openapi({ description: 'Default pickup address for a lift' }),
    }),
    items: z.array(
      SignupSchema.omit({ priceCents: true }).extend({
        title: z.string(),
        startsAt: z.string(),
        endsAt: z.string(),
        activityCancelled: z.boolean(),
        venue: z.object({ name: z.string().nullable(), address: z.string().nullable() }),
        clubName: z.string(),
        lift: z
          .object({
            id: z.string(),
            status: LiftStatus,
            driverFirstName: z.string().nullable(),
          })
          .nullable()
          .openapi({ description: 'The resident’s live request for a lift to this activity' }),
      }),
    ),
  })
  .openapi('CounterSignups');

export const NotificationsSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      message: z.string(),
      createdAt: z.string(),
      activityId: z.string().nullable(),
    }),
  ),
});

export type Signup = z.infer<typeof SignupSchema>;
