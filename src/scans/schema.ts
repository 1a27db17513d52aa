import { z } from '@hono/zod-openapi';
import { MessageSchema } from '../lib/openapi.ts';
import { PriceSchema } from '../tariffs/schema.ts';

export const ScanInputSchema = z
  .object({
    activityId: z.string().min(1).max(64),
    code: z
      .string()
      .min(20)
      .max(1024)
      .optional()
      .openapi({ description: 'A scanned pass code (phone or card)' }),
    passNumber: z
      .string()
      .min(1)
      .max(40)
      .optional()
      .openapi({ description: 'The pass number, typed (13 digits; spaces and dashes are ignored)' }),
  })
  .strict()
  .refine((v) => (v.code === undefined) !== (v.passNumber === undefined), {
    message: 'Give either code or passNumber',
    path: ['code'],
  })
  .openapi('ScanInput');

const Message = MessageSchema;

/**
 * What the door sees. By design it holds no social status, reason, birth date or address:
 * the same shape for every passholder.
 */
export const ScanSchema = z
  .object({
    passholder: z.object({ displayName: z.string() }),
    pass: z.object({
      number: z.string(),
      status: z.literal('active'),
      via: z.enum(['phone', 'card', 'number']),
    }),
    points: z.number().int(),
    activity: z.object({ id: z.string(), title: z.string(), startsAt: z.string(), endsAt: z.string() }),
    price: PriceSchema,
    signup: z
      .enum(['confirmed', 'waitlisted'])
      .nullable()
      .openapi({ description: 'Sign-up state for this activity' }),
    checkedIn: z.boolean(),
    checkedInAt: z.string().nullable().openapi({
      description: 'When the holder was checked in at this activity (UTC); null when not yet',
    }),
    messages: z.array(Message),
  })
  .openapi('Scan');

export type Scan = z.infer<typeof ScanSchema>;
