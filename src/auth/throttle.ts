/** Failed logins allowed before an account is locked. */
export const FREE_ATTEMPTS = 5;
export const FIRST_LOCK_SECONDS = 60;
export const MAX_LOCK_SECONDS = 3600;

/**
 * How long to lock (the rule `recordFailure` applies in SQL; kept here to document and test it) a login after `failures` consecutive failures: nothing for the first five,
 * then one minute, doubling with every further failure, at most an hour.
 */
export function lockSeconds(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_LOCK_SECONDS, FIRST_LOCK_SECONDS * 2 ** (failures - FREE_ATTEMPTS));
}

/** Seconds still to wait, or 0 when the login is not locked at `now`. */
export function secondsLocked(lockedUntil: string | null, now: Date): number {
  if (!lockedUntil) return 0;
  return Math.max(0, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000));
}
