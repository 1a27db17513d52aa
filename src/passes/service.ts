import type { Access } from '../auth/access.ts';
import { allow } from '../auth/guard.ts';
import { hashPassword } from '../auth/passwords.ts';
import { findThrottle, loadSessionUser, openSession, recordFailure } from '../auth/repo.ts';
import { SESSION_SECONDS } from '../auth/session.ts';
import { secondsLocked } from '../auth/throttle.ts';
import type { SessionUser } from '../env.ts';
import { newId } from '../lib/ids.ts';
import {
  formatPassNumber,
  isValidPassNumber,
  newPassNumber,
  normalizePassNumber,
} from '../lib/pass-number.ts';
import { Problem } from '../lib/problem.ts';
import { addSeconds } from '../lib/time.ts';
import { findNeighbourhood, municipalityRegion } from '../places/repo.ts';
import { welcomeStatement } from '../rewards/repo.ts';
import { ACTIVATION_DAYS, hashActivationCode, newActivationCode } from './activation.ts';
import { cardCode, rotatingCode } from './code.ts';
import { isMinor, isPlausibleBirthDate } from './people.ts';
import { qrSvg } from './qr.ts';
import * as repo from './repo.ts';
import type { Activate, Passholder, PassholderPatch, PassholderSearch, Register } from './schema.ts';

// The passes' rules that take more than one read or write; who may act is checked before (auth/access.ts).

/** An audit line of `by` at `now`. */
const audit = (by: string, action: repo.Audit['action'], reason: string, now: Date): repo.Audit => ({
  actorUserId: by,
  action,
  reason,
  at: now.toISOString(),
});

function fieldProblem(pointer: string, nl: string, fr: string, en: string): Problem {
  return new Problem('validation_failed', {
    detail: `Invalid ${pointer}`,
    fields: [{ pointer, code: 'invalid', messages: { nl, fr, en } }],
  });
}

/** Checks that a neighbourhood (if any) lies in the municipality. */
async function checkNeighbourhood(
  db: D1Database,
  neighbourhoodId: string | null | undefined,
  municipalityId: string,
) {
  if (!neighbourhoodId) return;
  const hood = await findNeighbourhood(db, neighbourhoodId);
  if (!hood || hood.municipalityId !== municipalityId) {
    throw fieldProblem(
      '/neighbourhoodId',
      'Deze wijk ligt niet in de gemeente.',
      'Ce quartier n’est pas dans la commune.',
      'This neighbourhood is not in the municipality.',
    );
  }
}

function checkBirthDate(birthDate: string | undefined, now: Date) {
  if (birthDate && !isPlausibleBirthDate(birthDate, now)) {
    throw fieldProblem(
      '/birthDate',
      'Deze geboortedatum kan niet kloppen.',
      'Cette date de naissance est impossible.',
      'This birth date cannot be right.',
    );
  }
}

/** Checks that a household (if any) exists in the municipality. */
async function checkHousehold(db: D1Database, householdId: string | null, municipalityId: string) {
  if (householdId && (await repo.householdMunicipality(db, householdId)) !== municipalityId) {
    throw fieldProblem(
      '/householdId',
      'Dit gezin bestaat niet in de gemeente.',
      'Ce ménage n’existe pas dans la commune.',
      'This household does not exist in the municipality.',
    );
  }
}

async function newCode(passholderId: string, now: Date) {
  const activationCode = newActivationCode();
  return {
    activationCode,
    hash: await hashActivationCode(passholderId, activationCode),
    expiresAt: addSeconds(now, ACTIVATION_DAYS * 86_400).toISOString(),
  };
}

/** The record after a write that just succeeded: it exists. */
const recordOf = async (db: D1Database, passholderId: string) => (await repo.readRecord(db, passholderId))!;

/**
 * Registers a resident in `municipalityId` by counter staff `by`: the new record with a one-time activation
 * code for the welcome letter. A pass for the same name and birth date is refused unless `confirmDuplicate`.
 */
export async function register(
  db: D1Database,
  municipalityId: string,
  input: Omit<Register, 'municipalityId' | 'confirmDuplicate'>,
  confirmDuplicate: boolean,
  by: string,
  now: Date,
) {
  checkBirthDate(input.birthDate, now);
  await checkNeighbourhood(db, input.neighbourhoodId, municipalityId);
  await checkHousehold(db, input.householdId, municipalityId);
  if (input.guardianId) {
    const guardian = await repo.birthDateOf(db, input.guardianId);
    if (
      !guardian ||
      guardian.municipalityId !== municipalityId ||
      isMinor(guardian.birthDate, now) ||
      !isMinor(input.birthDate, now)
    ) {
      throw fieldProblem(
        '/guardianId',
        'Een voogd is een volwassene uit de gemeente, voor een minderjarige.',
        'Un tuteur est un adulte de la commune, pour un mineur.',
        'A guardian is an adult of the municipality, for a minor.',
      );
    }
  }
  if (!confirmDuplicate) {
    const duplicates = await repo.findDuplicates(db, municipalityId, input);
    if (duplicates.length > 0) {
      throw new Problem('possible_duplicate', {
        detail: `Same name and birth date: ${duplicates.map((d) => d.passNumber).join(', ')}`,
      });
    }
  }
  const id = newId();
  const code = await newCode(id, now);
  const registered = audit(by, 'register', 'counter_visit', now);
  for (let attempt = 0; ; attempt++) {
    const passNumber = newPassNumber();
    if (
      await repo.register(
        db,
        {
          ...input,
          id,
          municipalityId,
          passNumber,
          activationCodeHash: code.hash,
          activationExpiresAt: code.expiresAt,
        },
        registered,
      )
    )
      break;
    if (attempt >= 3) throw new Problem('internal_error', { detail: 'No free pass number found' });
  }
  return {
    passholder: await recordOf(db, id),
    activationCode: code.activationCode,
    activationExpiresAt: code.expiresAt,
  };
}

/** Counter staff's search in their municipality: by full pass number, else by the start of a name. */
export async function search(db: D1Database, municipalityId: string, query: PassholderSearch) {
  const digits = query.q ? normalizePassNumber(query.q) : '';
  const byNumber = /^\d{13}$/.test(digits);
  if (!query.q && !query.birthDate) return [];
  return repo.search(
    db,
    municipalityId,
    {
      passNumber: byNumber ? digits : null,
      name: byNumber ? null : (query.q ?? null),
      birthDate: query.birthDate ?? null,
    },
    query.limit,
  );
}

/** Corrects a record, or moves the resident to another municipality of the region (a new household). */
export async function correct(
  db: D1Database,
  passholderId: string,
  access: Access,
  patch: PassholderPatch,
  now: Date,
): Promise<Passholder> {
  checkBirthDate(patch.birthDate, now);
  let newHousehold: string | null = null;
  let municipalityId = access.municipalityId;
  if (patch.municipalityId && patch.municipalityId !== access.municipalityId) {
    if ((await municipalityRegion(db, patch.municipalityId)) !== access.regionId) {
      throw fieldProblem(
        '/municipalityId',
        'Verhuizen kan binnen de regio.',
        'Le déménagement est possible au sein de la région.',
        'Moving is possible within the region.',
      );
    }
    municipalityId = patch.municipalityId;
    newHousehold = newId();
    // The old neighbourhood lies in the old municipality.
    patch.neighbourhoodId ??= null;
  }
  await checkNeighbourhood(db, patch.neighbourhoodId, municipalityId);
  const action = newHousehold ? ('move' as const) : ('update' as const);
  await repo.update(db, passholderId, patch, audit(access.user.id, action, 'correction', now), newHousehold);
  return recordOf(db, passholderId);
}

/** Moves a resident into another household of their municipality, or a new one (`householdId` null). */
export async function moveHousehold(
  db: D1Database,
  passholderId: string,
  access: Access,
  householdId: string | null,
  now: Date,
): Promise<Passholder> {
  await checkHousehold(db, householdId, access.municipalityId);
  await repo.moveToHousehold(
    db,
    passholderId,
    access.municipalityId,
    householdId,
    audit(access.user.id, 'household', 'household', now),
  );
  return recordOf(db, passholderId);
}

/** Lets another adult of the municipality manage the pass: of a minor, or of an adult who consents. */
export async function addGuardian(
  db: D1Database,
  passholderId: string,
  guardianId: string,
  basis: 'minor' | 'consent',
  access: Access,
  now: Date,
): Promise<Passholder> {
  const [ward, guardian] = await Promise.all([
    repo.birthDateOf(db, passholderId),
    repo.birthDateOf(db, guardianId),
  ]);
  if (!ward || !guardian) throw new Problem('not_found');
  allow(guardian.municipalityId === access.municipalityId, 'The guardian lives in another municipality');
  const adultGuardian = guardianId !== passholderId && !isMinor(guardian.birthDate, now);
  const basisFits = basis === 'minor' ? isMinor(ward.birthDate, now) : !isMinor(ward.birthDate, now);
  if (!adultGuardian || !basisFits) {
    throw fieldProblem(
      '/basis',
      'Een voogd is een andere volwassene; "minor" geldt voor minderjarigen, "consent" voor volwassenen die toestemmen.',
      'Un tuteur est un autre adulte ; « minor » vaut pour les mineurs, « consent » pour les adultes qui consentent.',
      'A guardian is another adult; "minor" is for minors, "consent" for adults who agree.',
    );
  }
  await repo.addGuardian(
    db,
    guardianId,
    passholderId,
    basis,
    audit(access.user.id, 'guardian', 'household', now),
  );
  return recordOf(db, passholderId);
}

/** Ends a guardianship; not found when there was none. */
export async function removeGuardian(
  db: D1Database,
  passholderId: string,
  guardianId: string,
  by: string,
  now: Date,
): Promise<void> {
  const removed = await repo.removeGuardian(
    db,
    guardianId,
    passholderId,
    audit(by, 'guardian', 'household', now),
  );
  if (!removed) throw new Problem('not_found');
}

/** Blocks the current card (lost, stolen, ...); refused when it is blocked already. */
export async function blockCard(
  db: D1Database,
  passholderId: string,
  reason: string,
  by: string,
  now: Date,
): Promise<Passholder> {
  const blocked = await repo.blockCard(db, passholderId, reason, audit(by, 'card_block', 'card', now));
  if (!blocked) throw new Problem('card_blocked_already', { detail: 'The card is blocked already' });
  return recordOf(db, passholderId);
}

/** A new card version: the old card stops working at once. */
export async function replaceCard(db: D1Database, passholderId: string, by: string, now: Date) {
  await repo.replaceCard(db, passholderId, audit(by, 'card_replace', 'card', now));
  return recordOf(db, passholderId);
}

/** A new activation code for a welcome letter, while the pass has no account. */
export async function renewActivationCode(db: D1Database, passholderId: string, by: string, now: Date) {
  const code = await newCode(passholderId, now);
  const set = await repo.setActivationCode(
    db,
    passholderId,
    code.hash,
    code.expiresAt,
    audit(by, 'activation_code', 'counter_visit', now),
  );
  if (!set) throw new Problem('already_activated');
  return { activationCode: code.activationCode, activationExpiresAt: code.expiresAt };
}

/** Sets up the resident's account at the counter (or by phone), with the welcome rewards. */
export async function createAccount(
  db: D1Database,
  passholderId: string,
  body: { password: string; email?: string | undefined },
  by: string,
  now: Date,
): Promise<Passholder> {
  const record = (await repo.readRecord(db, passholderId)) as Passholder;
  if (record.account.active) throw new Problem('already_activated');
  if (body.email && (await repo.emailInUse(db, body.email))) throw new Problem('email_taken');
  const userId = newId();
  const at = now.toISOString();
  const created = await repo.createAccount(
    db,
    {
      passholderId,
      userId,
      email: body.email ?? null,
      passwordHash: await hashPassword(body.password),
      displayName: `${record.firstName} ${record.lastName}`,
      locale: record.locale,
      codeHash: null,
      now: at,
    },
    audit(by, 'account', 'counter_visit', now),
    // The welcome rewards come with the account, as with activation by the resident.
    [welcomeStatement(db, passholderId, at, userId)],
  );
  if (!created) throw new Problem('already_activated');
  return recordOf(db, passholderId);
}

/** The pass with its rotating code (valid about a minute) and a QR of it. */
export async function rotatingPass(db: D1Database, keys: string, passholderId: string, now: Date) {
  const facts = await repo.passFacts(db, passholderId);
  if (!facts) throw new Problem('not_found');
  const { code, expiresAt } = await rotatingCode(keys, facts.passNumber, now);
  return {
    passNumber: facts.passNumber,
    code,
    expiresAt: expiresAt.toISOString(),
    qrSvg: qrSvg(code, formatPassNumber(facts.passNumber), 'L'),
  };
}

/** The current card: number, name and the static code of its version. */
export async function card(db: D1Database, keys: string, passholderId: string) {
  const facts = await repo.passFacts(db, passholderId);
  if (!facts) throw new Problem('not_found');
  const code = await cardCode(keys, facts.passNumber, facts.cardVersion);
  return {
    passNumber: facts.passNumber,
    firstName: facts.firstName,
    lastName: facts.lastName,
    version: facts.cardVersion,
    blocked: facts.cardBlocked,
    code,
    qrSvg: qrSvg(code, formatPassNumber(facts.passNumber)),
  };
}

/** The card to print; counter staff (`staffUserId`) printing it is written to the holder's audit log. */
export async function printedCard(
  db: D1Database,
  keys: string,
  passholderId: string,
  staffUserId: string | null,
  now: Date,
) {
  if (staffUserId)
    await repo.auditStatement(db, passholderId, audit(staffUserId, 'card_print', 'card', now)).run();
  return card(db, keys, passholderId);
}

/**
 * Activates a pass with the code from the welcome letter: the account, the welcome rewards and a session,
 * throttled per pass number. Answers the signed-in user.
 */
export async function activate(db: D1Database, body: Activate, now: Date): Promise<SessionUser> {
  const passNumber = normalizePassNumber(body.passNumber);
  const key = `activate:${passNumber}`;
  const at = now.toISOString();
  const wait = secondsLocked((await findThrottle(db, key)).lockedUntil, now);
  if (wait > 0)
    throw new Problem('login_throttled', {
      params: { minutes: Math.ceil(wait / 60) },
      headers: { 'Retry-After': String(wait) },
    });

  const pass = isValidPassNumber(passNumber) ? await repo.findForActivation(db, passNumber) : null;
  if (pass?.userId) throw new Problem('already_activated');
  const codeHash = pass ? await hashActivationCode(pass.id, body.activationCode) : null;
  const valid =
    pass && codeHash && pass.codeHash === codeHash && pass.expiresAt !== null && pass.expiresAt > at;
  if (!pass || !codeHash || !valid) {
    await recordFailure(db, key, at);
    throw new Problem('activation_failed');
  }
  if (body.email && (await repo.emailInUse(db, body.email))) throw new Problem('email_taken');
  const userId = newId();
  const created = await repo.createAccount(
    db,
    {
      passholderId: pass.id,
      userId,
      email: body.email ?? null,
      passwordHash: await hashPassword(body.password),
      displayName: `${pass.firstName} ${pass.lastName}`,
      locale: pass.locale,
      codeHash,
      now: at,
    },
    null,
    // Welcome rewards come with the activation, in the same transaction (only if it succeeds).
    [welcomeStatement(db, pass.id, at, userId)],
  );
  if (!created) throw new Problem('activation_failed', { detail: 'The code was used or expired meanwhile' });

  const sessionId = newId();
  await openSession(
    db,
    { id: sessionId, userId, createdAt: at, expiresAt: addSeconds(now, SESSION_SECONDS).toISOString() },
    key,
  );
  return (await loadSessionUser(db, sessionId, at))!;
}
