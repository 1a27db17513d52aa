import { uniqueViolation } from '../lib/constraints.ts';
import type { Neighbourhood, NeighbourhoodInput, Region, SocialHouse } from './schema.ts';

type NeighbourhoodRow = {
  id: string;
  municipality_id: string;
  name: string;
  postal_codes: string;
  lat: number | null;
  lon: number | null;
};

function toNeighbourhood(row: NeighbourhoodRow): Neighbourhood {
  return {
    id: row.id,
    municipalityId: row.municipality_id,
    name: row.name,
    postalCodes: JSON.parse(row.postal_codes) as string[],
    lat: row.lat,
    lon: row.lon,
  };
}

/** Every region with its municipalities, in one query. */
export async function listRegions(db: D1Database): Promise<Region[]> {
  const { results } = await db
    .prepare(
      `SELECT r.id, r.name,
              (SELECT json_group_array(json_object('id', m.id, 'name', m.name))
                 FROM (SELECT id, name FROM municipalities WHERE region_id = r.id ORDER BY name) m) AS municipalities
         FROM regions r ORDER BY r.name`,
    )
    .all<{ id: string; name: string; municipalities: string }>();
  return results.map((r) => ({
    id: r.id,
    name: r.name,
    municipalities: JSON.parse(r.municipalities) as Region['municipalities'],
  }));
}

export async function municipalityExists(db: D1Database, id: string): Promise<boolean> {
  return (await db.prepare('SELECT 1 AS x FROM municipalities WHERE id = ?1').bind(id).first()) !== null;
}

export async function listNeighbourhoods(db: D1Database, municipalityId: string): Promise<Neighbourhood[]> {
  const { results } = await db
    .prepare(
      'SELECT id, municipality_id, name, postal_codes, lat, lon FROM neighbourhoods WHERE municipality_id = ?1 ORDER BY name',
    )
    .bind(municipalityId)
    .all<NeighbourhoodRow>();
  return results.map(toNeighbourhood);
}

export async function findNeighbourhood(db: D1Database, id: string): Promise<Neighbourhood | null> {
  const row = await db
    .prepare('SELECT id, municipality_id, name, postal_codes, lat, lon FROM neighbourhoods WHERE id = ?1')
    .bind(id)
    .first<NeighbourhoodRow>();
  return row ? toNeighbourhood(row) : null;
}

/** Inserts a neighbourhood; null when the municipality already has one of that name. */
export async function insertNeighbourhood(
  db: D1Database,
  id: string,
  municipalityId: string,
  input: NeighbourhoodInput,
  now: string,
): Promise<Neighbourhood | null> {
  const row = await db
    .prepare(
      `INSERT INTO neighbourhoods (id, municipality_id, name, postal_codes, lat, lon, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
       ON CONFLICT (municipality_id, name) DO NOTHING
       RETURNING id, municipality_id, name, postal_codes, lat, lon`,
    )
    .bind(id, municipalityId, input.name, JSON.stringify(input.postalCodes), input.lat, input.lon, now)
    .first<NeighbourhoodRow>();
  return row ? toNeighbourhood(row) : null;
}

/** Updates the given fields; null when the new name is taken in the municipality. */
export async function updateNeighbourhood(
  db: D1Database,
  current: Neighbourhood,
  patch: Partial<NeighbourhoodInput>,
): Promise<Neighbourhood | null> {
  const next = { ...current, ...patch };
  try {
    const row = await db
      .prepare(
        `UPDATE neighbourhoods SET name = ?2, postal_codes = ?3, lat = ?4, lon = ?5 WHERE id = ?1
         RETURNING id, municipality_id, name, postal_codes, lat, lon`,
      )
      .bind(current.id, next.name, JSON.stringify(next.postalCodes), next.lat, next.lon)
      .first<NeighbourhoodRow>();
    return row ? toNeighbourhood(row) : null;
  } catch (error) {
    if (uniqueViolation(error, 'neighbourhoods', 'name')) return null;
    throw error;
  }
}

/** The region a municipality belongs to; null when the municipality does not exist. */
export async function municipalityRegion(db: D1Database, id: string): Promise<string | null> {
  const row = await db
    .prepare('SELECT region_id FROM municipalities WHERE id = ?1')
    .bind(id)
    .first<{ region_id: string }>();
  return row?.region_id ?? null;
}

type SocialHouseRow = { social_house_phone: string | null; social_house_address: string | null };

const toSocialHouse = (row: SocialHouseRow): SocialHouse => ({
  phone: row.social_house_phone,
  address: row.social_house_address,
});

/** The Social House's phone and address; null when the municipality does not exist. */
export async function socialHouse(db: D1Database, municipalityId: string): Promise<SocialHouse | null> {
  const row = await db
    .prepare('SELECT social_house_phone, social_house_address FROM municipalities WHERE id = ?1')
    .bind(municipalityId)
    .first<SocialHouseRow>();
  return row ? toSocialHouse(row) : null;
}

/** Sets the Social House's phone and address; null when the municipality does not exist. */
export async function saveSocialHouse(
  db: D1Database,
  municipalityId: string,
  contact: SocialHouse,
): Promise<SocialHouse | null> {
  const row = await db
    .prepare(
      `UPDATE municipalities SET social_house_phone = ?2, social_house_address = ?3 WHERE id = ?1
       RETURNING social_house_phone, social_house_address`,
    )
    .bind(municipalityId, contact.phone, contact.address)
    .first<SocialHouseRow>();
  return row ? toSocialHouse(row) : null;
}
