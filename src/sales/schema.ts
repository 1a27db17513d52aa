import { z } from '@hono/zod-openapi';
import { IdSchema } from '../lib/openapi.ts';

export const ClubParams = z.object({ clubId: IdSchema });
export const SaleParams = z.object({ saleId: IdSchema });
export const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().max(200).optional() });

const passFields = {
  code: z.string().min(20).max(1024).optional(),
  passNumber: z.string().min(13).max(20).optional(),
  tariffId: z
    .string()
    .min(3)
    .max(200)
    .openapi({ description: 'From the price answer (GET /tariffs or the scan)' }),
};
const onePass = (v: { code?: string | undefined; passNumber?: string | undefined }) =>
  (v.code === undefined) !== (v.passNumber === undefined);

export const SaleItemSchema = z
  .object({ activityId: z.string().min(1).max(64), ...passFields })
  .strict()
  .refine(onePass, { message: 'Give either code or passNumber', path: ['code'] });

export const TicketSalesInputSchema = z
  .object({ sales: z.array(SaleItemSchema).min(1).max(20) })
  .strict()
  .openapi('TicketSalesInput', { description: 'Registered all-or-nothing, before payment' });

export const MembershipInputSchema = z
  .object({
    ...passFields,
    offerId: z.string().min(1).max(64).openapi({ description: 'One of the club’s membership offers' }),
  })
  .strict()
  .refine(onePass, { message: 'Give either code or passNumber', path: ['code'] })
  .openapi('MembershipInput');

export const SaleSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['ticket', 'membership']),
    activityId: z.string().nullable(),
    description: z.string(),
    passNumber: z.string(),
    regularPrice: z.number().int(),
    price: z.number().int(),
    soldAt: z.string(),
    cancelUntil: z.string(),
    cancelledAt: z.string().nullable(),
  })
  .openapi('Sale');

export type Sale = z.infer<typeof SaleSchema>;

/** The sales registered together, all-or-nothing. */
export const SalesAnswer = z.object({ sales: z.array(SaleSchema) });
