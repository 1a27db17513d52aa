import { z } from '@hono/zod-openapi';
import { IdSchema } from '../lib/openapi.ts';

export const HouseholdParams = z.object({ householdId: IdSchema });

export const HouseholdSchema = z
  .object({
    id: z.string(),
    municipalityId: z.string(),
    members: z.array(
      z.object({
        passholderId: z.string(),
        firstName: z.string(),
        lastName: z.string(),
        passNumber: z.string(),
        hasAccount: z.boolean(),
      }),
    ),
  })
  .openapi('Household');

export type Household = z.infer<typeof HouseholdSchema>;
