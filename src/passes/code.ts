import { signCompact, verifyCompact } from '../auth/jwt.ts';
import { Problem } from '../lib/problem.ts';
import { isValidPassNumber } from '../lib/pass-number.ts';

/** The phone's rotating code lives this long. */
export const ROTATING_SECONDS = 60;
/** Tolerated difference between the phone's and the server's clocks. */
const CLOCK_SKEW_SECONDS = 10;

/**
 * What a scanner reads. Neither kind carries anything but the pass number and its validity:
 * never a status, never a name.
 * - rotating: shown on the phone, `{"r": passNumber, "x": expiry in epoch seconds}`
 * - card: printed on the card, `{"c": passNumber, "v": card version}`; a new card version voids it
 */
export type PassCode =
  | { kind: 'rotating'; passNumber: string; expiresAt: Date }
  | { kind: 'card'; passNumber: string; version: number };

export async function rotatingCode(
  secret: string,
  passNumber: string,
  now: Date,
): Promise<{ code: string; expiresAt: Date }> {
  const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + ROTATING_SECONDS * 1000);
  return { code: await signCompact(secret, { r: passNumber, x: expiresAt.getTime() / 1000 }), expiresAt };
}

export function cardCode(secret: string, passNumber: string, version: number): Promise<string> {
  return signCompact(secret, { c: passNumber, v: version });
}

/** Parses the payload of a verified code; null when it is not one of ours. */
export function parsePayload(payload: unknown): PassCode | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Record<string, unknown>;
  if (typeof p.r === 'string' && isValidPassNumber(p.r) && Number.isInteger(p.x)) {
    return { kind: 'rotating', passNumber: p.r, expiresAt: new Date((p.x as number) * 1000) };
  }
  if (typeof p.c === 'string' && isValidPassNumber(p.c) && Number.isInteger(p.v) && (p.v as number) >= 1) {
    return { kind: 'card', passNumber: p.c, version: p.v as number };
  }
  return null;
}

/** Verifies a scanned code: a 422 `code_invalid` or `code_expired` problem when it cannot be trusted. */
export async function readPassCode(secret: string, code: string, now: Date): Promise<PassCode> {
  let payload: unknown;
  try {
    payload = await verifyCompact(secret, code);
  } catch {
    throw new Problem('code_invalid', { detail: 'The code is not signed by this system' });
  }
  const parsed = parsePayload(payload);
  if (!parsed) throw new Problem('code_invalid', { detail: 'The code is not a pass code' });
  if (parsed.kind === 'rotating' && parsed.expiresAt.getTime() + CLOCK_SKEW_SECONDS * 1000 < now.getTime()) {
    throw new Problem('code_expired', { detail: 'The rotating code has expired' });
  }
  return parsed;
}
