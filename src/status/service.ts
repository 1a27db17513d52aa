import { newId } from '../lib/ids.ts';
import { Problem } from '../lib/problem.ts';
import type { Audit } from '../passes/repo.ts';
import { readImport } from './csv.ts';
import { deriveStatus, statusUntil } from './derive.ts';
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
  await repo.grant(
    db,
    {
      passholderId,
      source: 'counter',
      reason: input.reason,
      validFrom,
      validUntil,
      graceDays: input.graceDays ?? 60,
      decidedBy: by.userId,
      at: by.audit.at,
    },
    by.audit,
  );
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
  await repo.suspend(
    db,
    passholderId,
    { fromDate, untilDate: input.untilDate ?? null, reason: input.reason, by: by.userId },
    by.audit,
  );
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
  await repo.recordEntitlement(
    db,
    {
      id: newId(),
      passholderId,
      kind: input.kind,
      validFrom,
      validUntil: input.validUntil ?? null,
      by: by.userId,
    },
    opens,
    by.audit,
  );
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
  const granted = await repo.confirmImport(db, importId, today, by, now.toISOString());
  return { ...importAnswer(await findImport(db, importId)), granted };
}
