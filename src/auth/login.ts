import type { Bindings } from '../env.ts';
import { newId } from '../lib/ids.ts';
import { Problem } from '../lib/problem.ts';
import { addSeconds } from '../lib/time.ts';
import { isValidPassNumber, normalizePassNumber } from '../lib/pass-number.ts';
import { DUMMY_HASH, verifyPassword } from './passwords.ts';
import { findLoginCandidate, openSession, recordFailure } from './repo.ts';
import { SESSION_SECONDS } from './session.ts';
import { secondsLocked } from './throttle.ts';

/**
 * Checks a login (email or pass number) and password and opens a session.
 * Unknown logins cost the same password check and are throttled like known ones, so neither
 * timing nor answers tell whether an account exists, nor which login names share an account.
 */
export async function login(
  env: Bindings,
  loginName: string,
  password: string,
  now: Date,
): Promise<{ userId: string; sessionId: string }> {
  const passNumber = isValidPassNumber(loginName) ? normalizePassNumber(loginName) : null;
  const email = loginName.trim().toLowerCase();
  // Throttled per login name, known or not: an account's e-mail and pass number are locked separately,
  // so no answer tells that two login names belong to one account (at most twice the attempts for it).
  const key = `login:${passNumber ?? email}`;
  const { candidate, throttle } = await findLoginCandidate(env.DB, email, passNumber, key);

  const wait = secondsLocked(throttle.lockedUntil, now);
  if (wait > 0) throw throttled(wait);

  const matches = await verifyPassword(password, candidate?.passwordHash ?? DUMMY_HASH);
  if (!candidate || !candidate.passwordHash || !matches) {
    const failure = await recordFailure(env.DB, key, now.toISOString());
    const lockedFor = secondsLocked(failure.lockedUntil, now);
    if (lockedFor > 0) throw throttled(lockedFor);
    throw new Problem('invalid_credentials');
  }
  if (candidate.blocked) throw new Problem('account_blocked');

  const sessionId = newId();
  await openSession(
    env.DB,
    {
      id: sessionId,
      userId: candidate.id,
      createdAt: now.toISOString(),
      expiresAt: addSeconds(now, SESSION_SECONDS).toISOString(),
    },
    key,
  );
  return { userId: candidate.id, sessionId };
}

function throttled(seconds: number): Problem {
  return new Problem('login_throttled', {
    params: { minutes: Math.ceil(seconds / 60) },
    headers: { 'Retry-After': String(seconds) },
    detail: `Locked for ${seconds} more seconds after repeated failed logins`,
  });
}
