import { z } from '@hono/zod-openapi';

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
