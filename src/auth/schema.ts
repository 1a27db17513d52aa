import { z } from '@hono/zod-openapi';

export const RoleSchema = z.enum(['municipality_admin', 'counter', 'club_admin', 'door', 'resident']);

export const LoginSchema = z
  .object({
    login: z.string().trim().min(1).max(254).openapi({
      description: 'Email address, or a resident’s 13-digit pass number',
      example: 'resident@demo.local',
    }),
    password: z.string().min(1).max(256).openapi({ example: 'demo-password' }),
  })
  .openapi('Login');

export const MeSchema = z
  .object({
    id: z.string(),
    email: z.string().nullable(),
    displayName: z.string(),
    locale: z.enum(['nl', 'fr', 'en']),
    roles: z.array(RoleSchema),
    municipalityId: z.string().nullable().openapi({
      description: 'The municipality of a municipality admin, counter or resident; null for club staff',
    }),
    clubIds: z.array(z.string()),
    passholderId: z.string().nullable(),
    householdId: z.string().nullable(),
    staffRoles: z.array(
      z.object({
        role: z.enum(['municipality_admin', 'counter', 'club_admin', 'door']),
        municipalityId: z.string().nullable(),
        clubId: z.string().nullable(),
      }),
    ),
  })
  .openapi('Me');

export const SessionSchema = z
  .object({ token: z.string(), expiresAt: z.string(), user: MeSchema })
  .openapi('Session');

export const TokenSchema = z.object({ token: z.string(), expiresAt: z.string() }).openapi('Token');

export const MePatchSchema = z
  .object({ locale: z.enum(['nl', 'fr', 'en']) })
  .strict()
  .openapi('MePatch');

export const PasswordChangeSchema = z
  .object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(10).max(256) })
  .strict()
  .openapi('PasswordChange');

/** The public keys that verify pass codes (a JWK set). */
export const JwksSchema = z.object({ keys: z.array(z.record(z.string(), z.unknown())) });
