import { newId } from '../lib/ids.ts';
import { Problem } from '../lib/problem.ts';
import type { Audit } from '../passes/repo.ts';
import { applyChange, type Member, type StatusChange } from '../rights/changes.ts';
import { syncStatements } from '../rights/opening.ts';
import * as rightsRepo from '../rights/repo.ts';
import { readImport } from './csv.ts';
import { deriveStatus, renewedUntil, statusUntil } from './derive.ts';
import { statusMessage, statusMessageId } from './messages.ts';
import { classify, countRows, fileHash, withReasonCodes } from './import.ts';
import * as repo from './repo.ts';
import type {
  EntitlementInput,
  EntitlementRule,
  GrantInput,
  ImportAnswer,
  ImportInput,
  SocialStatus,
  SuspendInput,
} from './schema.ts';

// The social status's rules that take more than one read or write; who may act is checked before (access.ts).

/** Who acts at the counter: their user id, their municipality, and the audit line their change writes. */
export type CounterActor = { userId: string; municipalityId: string; audit: Audit };

function dateProblem(pointer: string): Problem {
  return new Problem('validation_failed', {
    detail: `${pointer} is before the start`,
    fields: [
      {
        pointer,
        code: 'invalid',
        messages: {
          nl: 'Deze datum ligt voor de begindatum.',
          fr: 'Cette date est avant la date de début.',
          en: 'This date is before the start date.',
        },
      },
    ],
  });
}

const derivedOf = (m: Member | undefined, today: string) =>
  deriveStatus(m?.grants ?? [], m?.suspensions ?? [], today);

/** 'status_renewed' to the holder whose own status runs on longer after the change (once per new end date). */
function renewedStatements(
  db: D1Database,
  before: Member[],
  after: Member[],
  passholderIds: string[],
  today: string,
  at: string,
  guard?: rightsRepo.ImportGuard,
): D1PreparedStatement[] {
  return passholderIds.flatMap((id) => {
    const was = before.find((m) => m.passholderId === id);
    const until = renewedUntil(
      derivedOf(was, today),
      derivedOf(
        after.find((m) => m.passholderId === id),
        today,
      ),
    );
    if (!was || until === null) return [];
    return [
      rightsRepo.notificationStatement(db, {
        id: statusMessageId('status_renewed', id, until),
        passholderId: id,
        kind: 'status_renewed',
        message: statusMessage('status_renewed', was.locale, until),
        at,
        guard,
      }),
    ];
  });
}

/**
 * The writes that go with a change of the status or an entitlement, in its batch: the linked rights of the
 * passholder (and of the minors of their household, who inherit the status) that open or end, the
 * 'rights_opened' message, and 'status_renewed' when their status runs on longer. Read before the change.
 */
async function rightsWrites(
  db: D1Database,
  passholderId: string,
  change: StatusChange,
  today: string,
  at: string,
): Promise<D1PreparedStatement[]> {
  const facts = await rightsRepo.rightsFacts(db, [passholderId], today, true);
  const after = applyChange(facts.members, change);
  return [
    ...syncStatements(db, facts, after, today, at).statements,
    ...renewedStatements(db, facts.members, after, [passholderId], today, at),
  ];
}

/** A grant not yet written, as the rights rules read it. */
const pendingGrant = (g: repo.NewGrant, entitlementId: string | null = null) => ({
  id: 'pending',
  ownerId: g.passholderId,
  entitlementId,
  validFrom: g.validFrom,
  validUntil: g.validUntil,
  graceDays: g.graceDays,
  endedOn: null,
});

/** The status of a passholder on `on`, with every record it is derived from. */
export async function socialStatus(db: D1Database, passholderId: string, on: string): Promise<SocialStatus> {
  const records = await repo.statusRecords(db, passholderId, on);
  const derived = deriveStatus(
    records.grants.map(repo.toGrantFacts),
    records.suspensions.map(repo.toSuspensionFacts),
    on,
  );
  return { passholderId, ...derived, ...records };
}

/** The status as counter staff read it: their reading is written to the holder's audit log meanwhile. */
export async function readAsStaff(
  db: D1Database,
  passholderId: string,
  audit: Audit,
  today: string,
): Promise<SocialStatus> {
  const [, status] = await Promise.all([
    db.batch([repo.auditLine(db, passholderId, audit)]),
    socialStatus(db, passholderId, today),
  ]);
  return status;
}

/** Grants the status for a period: from today, until 30 April after next, with 60 days' grace by default. */
export async function grant(
  db: D1Database,
  passholderId: string,
  input: GrantInput,
  by: CounterActor,
  today: string,
): Promise<SocialStatus> {
  const validFrom = input.validFrom ?? today;
  const validUntil = input.validUntil ?? statusUntil('april30_after_next', validFrom, null);
  if (validUntil < validFrom) throw dateProblem('/validUntil');
  const g: repo.NewGrant = {
    passholderId,
    source: 'counter',
    reason: input.reason,
    validFrom,
    validUntil,
    graceDays: input.graceDays ?? 60,
    decidedBy: by.userId,
    at: by.audit.at,
  };
  const extra = await rightsWrites(db, passholderId, { kind: 'grant', grant: pendingGrant(g) }, today, g.at);
  await repo.grant(db, g, by.audit, extra);
  return socialStatus(db, passholderId, today);
}

/** Moves a grant's end date (a renewal, or a correction); not found when it is not the holder's own running grant. */
export async function extend(
  db: D1Database,
  passholderId: string,
  grantId: string,
  validUntil: string,
  audit: Audit,
  today: string,
): Promise<SocialStatus> {
  const change = { kind: 'extend' as const, passholderId, grantId, validUntil };
  const extra = await rightsWrites(db, passholderId, change, today, audit.at);
  if (!(await repo.extendGrant(db, passholderId, grantId, validUntil, audit, extra)))
    throw new Problem('not_found');
  return socialStatus(db, passholderId, today);
}

/** Ends the holder's own running grants on `endedOn` (no grace); the rights of status end with them. */
export async function end(
  db: D1Database,
  passholderId: string,
  endedOn: string,
  audit: Audit,
  today: string,
): Promise<SocialStatus> {
  const extra = await rightsWrites(
    db,
    passholderId,
    { kind: 'end_grants', passholderId, endedOn },
    today,
    audit.at,
  );
  await repo.endGrants(db, passholderId, endedOn, audit, extra);
  return socialStatus(db, passholderId, today);
}

/** Lifts a suspension today; not found when there is no such running suspension. */
export async function lift(
  db: D1Database,
  passholderId: string,
  suspensionId: string,
  audit: Audit,
  today: string,
): Promise<SocialStatus> {
  const change = { kind: 'lift' as const, passholderId, suspensionId, on: today };
  const extra = await rightsWrites(db, passholderId, change, today, audit.at);
  if (!(await repo.liftSuspension(db, passholderId, suspensionId, today, audit, extra)))
    throw new Problem('not_found');
  return socialStatus(db, passholderId, today);
}

/** Ends an entitlement today, and the status it opened; its rights end with it. */
export async function endEntitlement(
  db: D1Database,
  passholderId: string,
  entitlementId: string,
  audit: Audit,
  today: string,
): Promise<SocialStatus> {
  const change = { kind: 'end_entitlement' as const, passholderId, entitlementId, on: today };
  const extra = await rightsWrites(db, passholderId, change, today, audit.at);
  if (!(await repo.endEntitlement(db, passholderId, entitlementId, today, audit, extra)))
    throw new Problem('not_found');
  return socialStatus(db, passholderId, today);
}

/** Suspends the status from a date (default today), optionally until one. */
export async function suspend(
  db: D1Database,
  passholderId: string,
  input: SuspendInput,
  by: CounterActor,
  today: string,
): Promise<SocialStatus> {
  const fromDate = input.fromDate ?? today;
  if (input.untilDate && input.untilDate < fromDate) throw dateProblem('/untilDate');
  const s = { id: newId(), fromDate, untilDate: input.untilDate ?? null, liftedOn: null };
  const change = { kind: 'suspend' as const, passholderId, suspension: s };
  const extra = await rightsWrites(db, passholderId, change, today, by.audit.at);
  await repo.suspend(db, passholderId, { ...s, reason: input.reason, by: by.userId }, by.audit, extra);
  return socialStatus(db, passholderId, today);
}

/** Records an entitlement; where the municipality's rule says so, it opens the status in the same write. */
export async function recordEntitlement(
  db: D1Database,
  passholderId: string,
  input: EntitlementInput,
  by: CounterActor,
  today: string,
): Promise<SocialStatus> {
  const validFrom = input.validFrom ?? today;
  if (input.validUntil && input.validUntil < validFrom) throw dateProblem('/validUntil');
  const rule = (await repo.entitlementRules(db, by.municipalityId)).find((r) => r.kind === input.kind)!;
  const opens = rule.opensStatus
    ? {
        passholderId,
        source: 'entitlement' as const,
        reason: input.kind,
        validFrom,
        validUntil: statusUntil(rule.duration, validFrom, input.validUntil ?? null),
        graceDays: rule.graceDays,
        decidedBy: by.userId,
        at: by.audit.at,
      }
    : null;
  const entitlement = {
    id: newId(),
    passholderId,
    kind: input.kind,
    validFrom,
    validUntil: input.validUntil ?? null,
    by: by.userId,
  };
  const change = {
    kind: 'entitlement' as const,
    passholderId,
    entitlement: { ...entitlement, endedOn: null },
    grant: opens ? pendingGrant(opens, entitlement.id) : null,
  };
  const extra = await rightsWrites(db, passholderId, change, today, by.audit.at);
  await repo.recordEntitlement(db, entitlement, opens, by.audit, extra);
  return socialStatus(db, passholderId, today);
}

/** Sets the rule for one entitlement kind; answers every rule of the municipality. */
export async function setEntitlementRule(
  db: D1Database,
  municipalityId: string,
  rule: EntitlementRule,
  by: string,
  at: string,
): Promise<EntitlementRule[]> {
  await repo.saveEntitlementRule(db, municipalityId, rule, by, at);
  return repo.entitlementRules(db, municipalityId);
}

/** A stored import. */
export type StoredImport = NonNullable<Awaited<ReturnType<typeof repo.findImport>>>;

/** An import as answered: reasons as codes (also for rows stored before codes), counts from the rows. */
export function importAnswer(found: StoredImport): ImportAnswer {
  const { municipalityId: _m, fileHash: _h, ...stored } = found;
  const rows = withReasonCodes(stored.rows);
  return { ...stored, rows, ...countRows(rows) };
}

/** The import, or not found. */
export async function findImport(db: D1Database, importId: string): Promise<StoredImport> {
  const found = await repo.findImport(db, importId);
  if (!found) throw new Problem('not_found');
  return found;
}

/** Reads a list of entitled people and sorts its rows (a dry run: nothing is granted yet). */
export async function dryRun(
  db: D1Database,
  municipalityId: string,
  input: ImportInput,
  by: string,
  now: Date,
  today: string,
): Promise<ImportAnswer> {
  const { lines, error } = readImport(input.csv);
  if (error) {
    throw new Problem('validation_failed', {
      detail: error,
      fields: [
        {
          pointer: '/csv',
          code: 'invalid',
          messages: {
            nl: 'Dit bestand kan niet gelezen worden: kijk de kolomnamen na.',
            fr: 'Ce fichier ne peut pas être lu : vérifiez les noms de colonnes.',
            en: 'This file cannot be read: check the column names.',
          },
        },
      ],
    });
  }
  const rows = classify(lines, await repo.importCandidates(db, municipalityId, lines), municipalityId);
  const { unreadable: _u, ...counts } = countRows(rows);
  const record = {
    id: newId(),
    municipalityId,
    fileHash: await fileHash(input.csv),
    fileName: input.fileName ?? null,
    validUntil: input.validUntil ?? statusUntil('april30_after_next', today, null),
    graceDays: input.graceDays,
    rows,
    ...counts,
    confirmedAt: null,
  };
  await repo.saveImport(db, record, by, now.toISOString());
  return importAnswer((await repo.findImport(db, record.id))!);
}

/** Confirms an import: the matched people get the status; the same file twice changes nothing. */
export async function confirmImport(
  db: D1Database,
  importId: string,
  by: string,
  now: Date,
  today: string,
): Promise<ImportAnswer & { granted: number }> {
  const at = now.toISOString();
  const found = await findImport(db, importId);
  // Confirmed already: nothing to write, so no need to read the rights of every person in the file.
  if (found.confirmedAt) return { ...importAnswer(found), granted: 0 };
  const matched = [
    ...new Set(
      found.rows.flatMap((r) => (r.outcome === 'matched' && r.passholderId ? [r.passholderId] : [])),
    ),
  ];
  // The rights the import's grants open, read before and written in the confirmation's batch, only when this
  // call confirms (a second confirmation, or another import of the same file, writes nothing).
  const facts = await rightsRepo.rightsFacts(db, matched, today, true);
  let after = facts.members;
  for (const passholderId of matched)
    after = applyChange(after, {
      kind: 'grant',
      grant: {
        id: 'pending',
        ownerId: passholderId,
        entitlementId: null,
        validFrom: today,
        validUntil: found.validUntil,
        graceDays: found.graceDays,
        endedOn: null,
      },
    });
  const granted = await repo.confirmImport(db, importId, today, by, at, (callId) => {
    const guard = { importId, callId };
    return [
      ...syncStatements(db, facts, after, today, at, guard).statements,
      ...renewedStatements(db, facts.members, after, matched, today, at, guard),
    ];
  });
  return { ...importAnswer(await findImport(db, importId)), granted };
}
