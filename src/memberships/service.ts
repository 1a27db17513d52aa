import { newId } from '../lib/ids.ts';
import { Problem } from '../lib/problem.ts';
import { brusselsDate } from '../lib/time.ts';
import { fieldProblem } from '../lib/validation.ts';
import * as repo from './repo.ts';
import type { MembershipOffer, MembershipOfferInput } from './schema.ts';
import { openSeasons } from './seasons.ts';

// Membership offers: the rules that take more than one read or write; who may act is checked before.

/** The club's offers still on sale, and the seasons a new offer may have today. */
export async function offersOf(db: D1Database, clubId: string, now: Date) {
  return {
    items: await repo.listOffers(db, clubId, false),
    seasons: openSeasons(brusselsDate(now)),
  };
}

/** Offers a membership for one of the open seasons; the stored offer. */
export async function createOffer(
  db: D1Database,
  o: { clubId: string; input: MembershipOfferInput; by: string; now: Date },
): Promise<MembershipOffer> {
  const seasons = openSeasons(brusselsDate(o.now));
  if (!seasons.includes(o.input.season)) {
    throw fieldProblem('/season', 'invalid', `The season must be one of ${seasons.join(', ')}`, {
      nl: `Kies het seizoen ${seasons.join(' of ')}.`,
      fr: `Choisissez la saison ${seasons.join(' ou ')}.`,
      en: `Choose the season ${seasons.join(' or ')}.`,
    });
  }
  const id = newId();
  await repo.insertOffer(db, { id, clubId: o.clubId, ...o.input, by: o.by, at: o.now.toISOString() });
  return (await repo.findOffer(db, id))!;
}

export async function loadOffer(db: D1Database, id: string): Promise<MembershipOffer> {
  const offer = await repo.findOffer(db, id);
  if (!offer) throw new Problem('not_found');
  return offer;
}

/** Withdraws an offer (once): no new sales, past sales stay. */
export async function archiveOffer(db: D1Database, id: string, now: Date): Promise<MembershipOffer> {
  if (!(await repo.archiveOffer(db, id, now.toISOString())))
    throw new Problem('offer_withdrawn', { detail: 'Withdrawn already' });
  return (await repo.findOffer(db, id))!;
}
