import type { Household } from './schema.ts';

/** A household with its members, in one query; null when it does not exist. */
export async function findHousehold(db: D1Database, id: string): Promise<Household | null> {
  const row = await db
    .prepare(
      `SELECT h.id, h.municipality_id,
              (SELECT json_group_array(json_object('passholderId', p.id, 'firstName', p.first_name, 'lastName', p.last_name,
                                                   'passNumber', p.pass_number, 'hasAccount', json(iif(p.user_id IS NULL, 'false', 'true'))))
                 FROM (SELECT * FROM passholders WHERE household_id = h.id ORDER BY birth_date) p) AS members
         FROM households h WHERE h.id = ?1`,
    )
    .bind(id)
    .first<{ id: string; municipality_id: string; members: string }>();
  if (!row) return null;
  return {
    id: row.id,
    municipalityId: row.municipality_id,
    members: JSON.parse(row.members) as Household['members'],
  };
}
