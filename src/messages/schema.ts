import { z } from '@hono/zod-openapi';
import { LOCALES } from '../lib/i18n.ts';
import { IdSchema } from '../lib/openapi.ts';
import { FAILURE_REASONS } from './retry.ts';

const LocaleSchema = z
  .enum(LOCALES)
  .openapi({ description: 'The language messages are written in: nl, fr or en' });
const ChannelSchema = z.enum(['email', 'sms', 'paper']);

export const PassholderParams = z.object({ passholderId: IdSchema });
export const MunicipalityParams = z.object({ municipalityId: IdSchema });
export const DeliveryParams = z.object({ municipalityId: IdSchema, deliveryId: IdSchema });

export const NotificationSettingsSchema = z
  .object({
    channels: z
      .object({
        app: z.literal(true).openapi({ description: 'Always on: every message is in the app' }),
        email: z.boolean(),
        sms: z.boolean(),
        paper: z.boolean(),
      })
      .openapi({ description: 'The channels in force (a channel without an address on the record is off)' }),
    language: LocaleSchema,
    chosen: z.boolean().openapi({ description: 'False while the defaults apply (nothing chosen yet)' }),
    contact: z
      .object({ email: z.string().nullable(), phone: z.string().nullable(), address: z.string().nullable() })
      .openapi({ description: 'Where the messages go; the counter corrects these on the record' }),
  })
  .openapi('NotificationSettings');

export const NotificationSettingsBody = z
  .object({
    channels: z
      .object({ app: z.boolean(), email: z.boolean(), sms: z.boolean(), paper: z.boolean() })
      .strict()
      .openapi({ description: '`app` must be true: messages always stay in the app too' }),
    language: LocaleSchema,
  })
  .strict()
  .openapi('NotificationSettingsInput');

export const FailedDeliverySchema = z
  .object({
    id: z.string(),
    passholderId: z.string(),
    name: z.string(),
    passNumber: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    channel: ChannelSchema,
    address: z.string().nullable().openapi({ description: 'The address or number the delivery went to' }),
    kind: z.string(),
    message: z.string().openapi({ description: 'The message, in the person’s language' }),
    locale: LocaleSchema,
    createdAt: z.string(),
    failedAt: z.string(),
    attempts: z.number().int(),
    error: z
      .string()
      .nullable()
      .openapi({ description: 'What the channel answered, as it said it (technical, not translated)' }),
    reason: z.enum(FAILURE_REASONS).openapi({
      description:
        'Why, for the counter: no address or number for the channel, one that cannot work, the service refused it, or it did not get through after its tries',
    }),
  })
  .openapi('FailedDelivery');

export const FailedDeliveriesSchema = z
  .object({ items: z.array(FailedDeliverySchema) })
  .openapi('FailedDeliveries');

export const ResolveBody = z
  .object({
    action: z.enum(['handled', 'letter']).openapi({
      description:
        '`handled`: staff reached the person another way; `letter`: send it as a letter in today’s batch',
    }),
  })
  .strict()
  .openapi('ResolveDelivery');

export const ResolvedSchema = z
  .object({ id: z.string(), status: z.literal('handled'), letterDate: z.string().nullable() })
  .openapi('ResolvedDelivery');

const isDate = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

export const LettersQuery = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine(isDate)
    .optional()
    .openapi({
      description: 'The day of the batch (YYYY-MM-DD, Brussels); today when left out',
      example: '2026-12-06',
    }),
});

export const LetterSchema = z
  .object({
    deliveryId: z.string(),
    passholderId: z.string(),
    passNumber: z.string(),
    locale: LocaleSchema,
    name: z.string(),
    addressLines: z.array(z.string()).openapi({ description: 'Empty when the record has no address' }),
    date: z.string(),
    dateText: z.string(),
    subject: z.string(),
    paragraphs: z.array(z.string()),
    closing: z.string(),
    sender: z.array(z.string()),
  })
  .openapi('Letter');

export const LettersSchema = z
  .object({ date: z.string(), count: z.number().int(), letters: z.array(LetterSchema) })
  .openapi('Letters');

export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;
export type NotificationSettingsInput = z.infer<typeof NotificationSettingsBody>;
