import { z } from '@hono/zod-openapi';
import { IdSchema } from '../lib/openapi.ts';

export const NeighbourhoodSchema = z
  .object({
    id: z.string(),
    municipalityId: z.string(),
    name: z.string(),
    postalCodes: z.array(z.string()),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
  })
  .openapi('Neighbourhood');

export const RegionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    municipalities: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .openapi('Region');

const PostalCode = z.string().regex(/^[1-9]\d{3}$/, 'a Belgian postal code of four digits');

const neighbourhoodFields = {
  name: z.string().trim().min(1).max(100),
  postalCodes: z.array(PostalCode).min(1).max(20),
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
};

export const NeighbourhoodInputSchema = z
  .object({
    ...neighbourhoodFields,
    lat: neighbourhoodFields.lat.default(null),
    lon: neighbourhoodFields.lon.default(null),
  })
  .strict()
  .openapi('NeighbourhoodInput');

export const NeighbourhoodPatchSchema = z
  .object(neighbourhoodFields)
  .partial()
  .strict()
  .openapi('NeighbourhoodPatch');

export const MunicipalityParams = z.object({ municipalityId: IdSchema });
export const NeighbourhoodParams = z.object({ neighbourhoodId: IdSchema });

export const RegionListSchema = z.object({ items: z.array(RegionSchema) });
export const NeighbourhoodListSchema = z.object({ items: z.array(NeighbourhoodSchema) });

export type Neighbourhood = z.infer<typeof NeighbourhoodSchema>;
export type Region = z.infer<typeof RegionSchema>;
export type NeighbourhoodInput = z.infer<typeof NeighbourhoodInputSchema>;
export type NeighbourhoodPatch = z.infer<typeof NeighbourhoodPatchSchema>;

/** The Social House every e-mail, SMS and letter names, so a person can call (null: not set yet). */
export const SocialHouseSchema = z
  .object({
    phone: z.string().nullable().openapi({ example: '050 12 34 56' }),
    address: z
      .string()
      .nullable()
      .openapi({ description: 'Lines separated by a newline', example: 'Marktplein 1\n8000 Demostad' }),
  })
  .openapi('SocialHouse');

export const SocialHouseInputSchema = z
  .object({
    phone: z.string().trim().max(40).openapi({
      description:
        'A Belgian phone number as people write it (digits, spaces, `+`, `/`, `.`), printed as given on every letter and message',
      example: '050 12 34 56',
    }),
    address: z.string().trim().max(200).nullable().default(null).openapi({
      description: 'Optional; lines separated by a newline',
      example: 'Marktplein 1\n8000 Demostad',
    }),
  })
  .strict()
  .openapi('SocialHouseInput');

export type SocialHouse = z.infer<typeof SocialHouseSchema>;
export type SocialHouseInput = z.infer<typeof SocialHouseInputSchema>;
