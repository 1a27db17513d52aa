import { z } from '@hono/zod-openapi';
import { IdSchema } from '../lib/openapi.ts';

export const StaffMemberSchema = z
  .object({
    userId: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    role: z.enum(['municipality_admin', 'counter', 'club_admin', 'door']),
    blocked: z.boolean(),
  })
  .openapi('StaffMember');

const staffInput = {
  email: z.email().max(254).toLowerCase(),
  displayName: z.string().trim().min(1).max(120),
  password: z.string().min(10).max(256).optional().openapi({
    description:
      'First password, needed when the email has no account yet; the person changes it after signing in',
  }),
};

export const ClubStaffInputSchema = z
  .object({ ...staffInput, role: z.enum(['club_admin', 'door']) })
  .strict()
  .openapi('ClubStaffInput');

export const MunicipalityStaffInputSchema = z
  .object({ ...staffInput, role: z.enum(['municipality_admin', 'counter']) })
  .strict()
  .openapi('MunicipalityStaffInput');

export const StaffListSchema = z.object({ items: z.array(StaffMemberSchema) });

export const ClubParams = z.object({ clubId: IdSchema });
export const MunicipalityParams = z.object({ municipalityId: IdSchema });
export const ClubStaffParams = ClubParams.extend({ userId: IdSchema });
export const MunicipalityStaffParams = MunicipalityParams.extend({ userId: IdSchema });
export const UserParams = z.object({ userId: IdSchema });

export type StaffMember = z.infer<typeof StaffMemberSchema>;
export type StaffInput = z.infer<typeof ClubStaffInputSchema> | z.infer<typeof MunicipalityStaffInputSchema>;
