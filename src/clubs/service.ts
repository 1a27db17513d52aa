import { newId } from '../lib/ids.ts';
import { Problem } from '../lib/problem.ts';
import { municipalityExists } from '../places/repo.ts';
import * as repo from './repo.ts';
import type { Club, ClubInput } from './schema.ts';

// The clubs' rules that take more than one read or write; who may act is checked before.

/** Registers a club in the municipality; it waits for approval. Its name is unique in the municipality. */
export async function register(
  db: D1Database,
  municipalityId: string,
  input: ClubInput,
  now: Date,
): Promise<Club> {
  if (!(await municipalityExists(db, municipalityId))) throw new Problem('not_found');
  const club = await repo.insertClub(db, newId(), municipalityId, input, now.toISOString());
  if (!club)
    throw new Problem('club_name_taken', { detail: 'A club with this name exists in the municipality' });
  return club;
}
