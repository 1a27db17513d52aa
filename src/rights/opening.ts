import { newId } from '../lib/ids.ts';
import type { Member } from './changes.ts';
import { rightsOpenedMessage } from './messages.ts';
import * as repo from './repo.ts';
import { heldRights, rightsDiff, type Holding } from './rules.ts';

/**
 * The writes that bring the stored holding periods in line with the facts (after a change, or as the nightly
 * job finds them): open the rights now held, end those no longer held, and one 'rights_opened' message per
 * holder listing what opened. Added to the batch of the change itself, so both are written or neither.
 */
export function syncStatements(
  db: D1Database,
  facts: Pick<repo.RightsFacts, 'rights' | 'grace'>,
  members: Member[],
  today: string,
  at: string,
  guard?: repo.ImportGuard,
): { statements: D1PreparedStatement[]; opened: number; ended: number } {
  const statements: D1PreparedStatement[] = [];
  let opened = 0;
  let ended = 0;
  for (const m of members) {
    const rights = facts.rights.filter((r) => r.municipalityId === m.municipalityId);
    const held = holdingsOf(facts, m, today);
    const diff = rightsDiff(held, m.open);
    const ids = diff.open.map(() => newId());
    diff.open.forEach((rightId, i) =>
      statements.push(
        repo.openStatement(
          db,
          { id: ids[i]!, rightId, passholderId: m.passholderId, openedOn: today, at },
          guard,
        ),
      ),
    );
    for (const holding of diff.end) statements.push(repo.endStatement(db, holding.id, today));
    if (diff.open.length > 0) {
      const opened = diff.open.map((id) => rights.find((r) => r.id === id)!);
      statements.push(
        repo.notificationStatement(db, {
          id: `rights_opened:${ids[0]!}`,
          passholderId: m.passholderId,
          kind: 'rights_opened',
          message: rightsOpenedMessage(m.locale, opened),
          at,
          whenHolding: ids[0]!,
        }),
      );
    }
    opened += diff.open.length;
    ended += diff.end.length;
  }
  return { statements, opened, ended };
}

/** The rights a member holds on `today`, by right id. */
export function holdingsOf(
  facts: Pick<repo.RightsFacts, 'rights' | 'grace'>,
  m: Member,
  today: string,
): Map<string, Holding> {
  return heldRights(
    facts.rights.filter((r) => r.municipalityId === m.municipalityId),
    {
      grants: m.grants,
      suspensions: m.suspensions,
      entitlements: m.entitlements,
      graceDays: facts.grace.get(m.municipalityId) ?? {},
    },
    today,
  );
}
