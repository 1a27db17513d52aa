import type { Locale } from '../lib/i18n.ts';
import { newId } from '../lib/ids.ts';
import { Problem } from '../lib/problem.ts';
import { addDays } from '../status/derive.ts';
import type { Audit } from '../passes/repo.ts';
import { passesOf } from '../passes/repo.ts';
import { holdingsOf } from './opening.ts';
import * as repo from './repo.ts';
import { lastDay, twelveMonthsTo } from '../lib/periods.ts';
import { shown } from '../lib/small-counts.ts';
import type { HeldRight, HolderRights, RightInput, RightPatch } from './schema.ts';

/** How long an ended right stays in the holder's list. */
export const ENDED_SHOWN_DAYS = 90;

/** The municipality's rights; with counts (people holding now, periods opened, people who used it) for its admin. */
export async function listRights(
  db: D1Database,
  municipalityId: string,
  period: { from?: string | undefined; to?: string | undefined },
  withCounts: boolean,
  today: string,
) {
  const fallback = twelveMonthsTo(today.slice(0, 7));
  const from = period.from ?? fallback.from;
  const to = period.to ?? fallback.to;
  if (from > to)
    throw new Problem('validation_failed', {
      detail: 'from is after to',
      fields: [
        {
          pointer: '/query/from',
          code: 'invalid',
          messages: {
            nl: 'De eerste maand ligt na de laatste.',
            fr: 'Le premier mois est après le dernier.',
            en: 'The first month is after the last one.',
          },
        },
      ],
    });
  const [fromDate, toDate] = [`${from}-01`, lastDay(to)];
  const [rights, counts] = await Promise.all([
    repo.rightsOf(db, municipalityId),
    withCounts ? repo.rightCounts(db, municipalityId, fromDate, toDate) : null,
  ]);
  return {
    from,
    to,
    items: rights.map((r) => {
      const c = counts?.get(r.id);
      return {
        ...r,
        counts: counts
          ? {
              holdingNow: shown(c?.holding ?? 0),
              openedInPeriod: shown(c?.opened ?? 0),
              usedInPeriod: shown(c?.usedBy ?? 0),
            }
          : null,
      };
    }),
  };
}

/** A new right of the municipality. Its holders are found at once by tonight's job (and by every change). */
export async function createRight(
  db: D1Database,
  municipalityId: string,
  input: RightInput,
  by: string,
  at: string,
) {
  const id = newId();
  await repo.insertRight(db, { id, municipalityId, ...input, by, at });
  return (await repo.findRight(db, id))!;
}

/** Changes a right's texts, grantor or whether it is active (switched off, every open holding ends today). */
export async function updateRight(
  db: D1Database,
  municipalityId: string,
  rightId: string,
  patch: RightPatch,
  at: string,
  today: string,
) {
  const found = await repo.findRight(db, rightId);
  if (!found || found.municipalityId !== municipalityId) throw new Problem('not_found');
  await repo.updateRight(db, { ...found, ...patch, id: rightId, at }, today);
  return (await repo.findRight(db, rightId))!;
}

function toHeld(
  row: repo.HolderRightRow,
  holding: { until: string | null; inGrace: boolean } | undefined,
  locale: Locale,
): HeldRight {
  const r = row.right;
  return {
    rightId: r.id,
    basis: r.basis,
    grantedBy: r.grantedBy,
    text: { name: r.name[locale], description: r.description[locale], howToUse: r.howToUse[locale] },
    name: r.name,
    description: r.description,
    howToUse: r.howToUse,
    openedOn: row.openedOn,
    endedOn: row.endedOn,
    until: row.endedOn === null ? (holding?.until ?? null) : null,
    inGrace: row.endedOn === null && (holding?.inGrace ?? false),
    uses: row.uses,
    lastUsedOn: row.lastUsedOn,
  };
}

/** The rights of passholders: held now (with until when, and whether in grace), and ended recently. */
async function rightsOfHolders(
  db: D1Database,
  holders: { passholderId: string; firstName: string; self: boolean }[],
  rows: repo.HolderRightRow[],
  today: string,
  locale: Locale,
): Promise<HolderRights[]> {
  const facts = await repo.rightsFacts(
    db,
    holders.map((h) => h.passholderId),
    today,
    false,
  );
  return holders.map((h) => {
    const member = facts.members.find((m) => m.passholderId === h.passholderId);
    if (member) h = { ...h, firstName: member.firstName };
    const holdings = member ? holdingsOf(facts, member, today) : new Map();
    const mine = rows.filter((r) => r.passholderId === h.passholderId);
    return {
      ...h,
      held: mine.filter((r) => r.endedOn === null).map((r) => toHeld(r, holdings.get(r.right.id), locale)),
      ended: mine.filter((r) => r.endedOn !== null).map((r) => toHeld(r, undefined, locale)),
    };
  });
}

/** "Your rights": the resident's own, and those of the people they are guardian of. */
export async function myRights(
  db: D1Database,
  passholderId: string | null,
  today: string,
  locale: Locale,
): Promise<{ holders: HolderRights[] }> {
  if (!passholderId) return { holders: [] };
  const passes = await passesOf(db, passholderId);
  const ids = passes.map((p) => p.passholderId);
  const rows = await repo.holderRights(db, ids, addDays(today, -ENDED_SHOWN_DAYS));
  const holders = passes.map((p) => ({ passholderId: p.passholderId, firstName: p.firstName, self: p.self }));
  return { holders: await rightsOfHolders(db, holders, rows, today, locale) };
}

/** A holder's rights as counter staff read them: the read is audited in the same transaction. */
export async function rightsAsStaff(
  db: D1Database,
  passholderId: string,
  audit: Audit,
  today: string,
  locale: Locale,
): Promise<HolderRights> {
  const rows = await repo.holderRightsAsStaff(db, passholderId, addDays(today, -ENDED_SHOWN_DAYS), audit);
  const [holder] = await rightsOfHolders(
    db,
    [{ passholderId, firstName: '', self: true }],
    rows,
    today,
    locale,
  );
  return holder!;
}

/** Records a use of a right the holder holds (counter staff); 404 for a right of another municipality. */
export async function recordUse(
  db: D1Database,
  passholder: { passholderId: string; municipalityId: string },
  rightId: string,
  usedOn: string,
  by: string,
  audit: Audit,
) {
  const right = await repo.findRight(db, rightId);
  if (!right || right.municipalityId !== passholder.municipalityId) throw new Problem('not_found');
  const id = newId();
  const recorded = await repo.recordUse(
    db,
    { id, rightId, passholderId: passholder.passholderId, usedOn, by, at: audit.at },
    audit,
  );
  if (!recorded) throw new Problem('right_not_held');
  return { id, rightId, passholderId: passholder.passholderId, usedOn };
}
