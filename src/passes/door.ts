import type { Context } from 'hono';
import type { AppEnv, SessionUser } from '../env.ts';
import { allow, hasClubRole, requireUser } from '../auth/guard.ts';
import { notice, type Notice } from '../lib/notices.ts';
import { Problem } from '../lib/problem.ts';
import { readPassCode, type PassCode } from './code.ts';
import { isValidPassNumber, normalizePassNumber } from '../lib/pass-number.ts';

/** A scanned code or a typed number, read into a pass number (a 4xx problem when it cannot be trusted). */
export async function readPass(
  c: Context<AppEnv>,
  input: { code?: string | undefined; passNumber?: string | undefined },
): Promise<{ passNumber: string; code: PassCode | null }> {
  if (input.code !== undefined) {
    const code = await readPassCode(c.env.SIGNING_KEYS, input.code, c.var.now);
    return { passNumber: code.passNumber, code };
  }
  const passNumber = normalizePassNumber(input.passNumber ?? '');
  if (!isValidPassNumber(passNumber)) throw new Problem('pass_number_invalid');
  return { passNumber, code: null };
}

/** Refuses a replaced card, and a blocked card or its typed number; the phone's code still works. */
export function checkCard(
  code: PassCode | null,
  holder: { cardVersion: number; cardBlocked: boolean },
  locale: AppEnv['Variables']['locale'],
): Notice[] {
  if (code?.kind === 'card' && code.version !== holder.cardVersion) throw new Problem('card_replaced');
  if (!holder.cardBlocked) return [];
  if (code?.kind !== 'rotating') throw new Problem('pass_blocked');
  return [notice('card_blocked_phone_ok', locale)];
}

export function via(code: PassCode | null): 'phone' | 'card' | 'number' {
  return code === null ? 'number' : code.kind === 'card' ? 'card' : 'phone';
}
