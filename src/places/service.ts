import { newId } from '../lib/ids.ts';
import { Problem } from '../lib/problem.ts';
import * as repo from './repo.ts';
import type {
  Neighbourhood,
  NeighbourhoodInput,
  NeighbourhoodPatch,
  SocialHouse,
  SocialHouseInput,
} from './schema.ts';
import { socialHouseContact } from './social-house-rules.ts';

// The places' rules that take more than one read or write; who may act is checked before.

const nameTaken = () =>
  new Problem('neighbourhood_name_taken', { detail: 'A neighbourhood with this name exists' });

/** The neighbourhoods of a municipality; not found when there is no such municipality. */
export async function neighbourhoodsOf(db: D1Database, municipalityId: string): Promise<Neighbourhood[]> {
  if (!(await repo.municipalityExists(db, municipalityId))) throw new Problem('not_found');
  return repo.listNeighbourhoods(db, municipalityId);
}

/** The neighbourhood, or not found. */
export async function loadNeighbourhood(db: D1Database, id: string): Promise<Neighbourhood> {
  const current = await repo.findNeighbourhood(db, id);
  if (!current) throw new Problem('not_found');
  return current;
}

/** Adds a neighbourhood; its name is unique in the municipality. */
export async function add(
  db: D1Database,
  municipalityId: string,
  input: NeighbourhoodInput,
  now: Date,
): Promise<Neighbourhood> {
  const created = await repo.insertNeighbourhood(db, newId(), municipalityId, input, now.toISOString());
  if (!created) throw nameTaken();
  return created;
}

/** Changes a neighbourhood; its name stays unique in the municipality. */
export async function change(
  db: D1Database,
  current: Neighbourhood,
  patch: NeighbourhoodPatch,
): Promise<Neighbourhood> {
  const updated = await repo.updateNeighbourhood(db, current, patch);
  if (!updated) throw nameTaken();
  return updated;
}

/** The phone and address every message of the municipality names; not found when there is no such municipality. */
export async function socialHouseOf(db: D1Database, municipalityId: string): Promise<SocialHouse> {
  const found = await repo.socialHouse(db, municipalityId);
  if (!found) throw new Problem('not_found');
  return found;
}

/** Sets the Social House's phone (a Belgian number) and address, as they will be printed. */
export async function setSocialHouse(
  db: D1Database,
  municipalityId: string,
  input: SocialHouseInput,
): Promise<SocialHouse> {
  const saved = await repo.saveSocialHouse(db, municipalityId, socialHouseContact(input));
  if (!saved) throw new Problem('not_found');
  return saved;
}
