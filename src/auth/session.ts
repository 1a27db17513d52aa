import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import type { AppEnv, Bindings, SessionUser } from '../env.ts';
import { Problem } from '../lib/problem.ts';
import { addSeconds } from '../lib/time.ts';
import { signToken, verifyToken } from './jwt.ts';
import { loadSessionUser } from './repo.ts';

export const SESSION_COOKIE = 'bp_session';
export const TOKEN_TYPE = 'session+jwt';
/** A session token lives 15 minutes; the cookie is renewed while the session row lives. */
export const TOKEN_SECONDS = 15 * 60;
/** A session lives at most 14 days, then the user signs in again. */
export const SESSION_SECONDS = 14 * 24 * 3600;
/** Longer tokens are refused before any parsing. */
const MAX_TOKEN_LENGTH = 2048;

export async function issueToken(env: Bindings, user: { id: string; sessionId: string }, now: Date) {
  const expiresAt = addSeconds(now, TOKEN_SECONDS);
  const token = await signToken(
    env.SIGNING_KEYS,
    { sid: user.sessionId },
    { typ: TOKEN_TYPE, issuer: env.TOKEN_ISSUER, audience: env.TOKEN_AUDIENCE, subject: user.id, expiresAt },
  );
  return { token, expiresAt };
}

export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: new URL(c.req.url).protocol === 'https:',
    sameSite: 'Lax',
    path: '/',
    maxAge: SESSION_SECONDS,
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/** Verifies a token and loads its live session; null for anything invalid, expired or revoked. */
async function authenticate(
  env: Bindings,
  token: string,
  now: Date,
): Promise<{ user: SessionUser; exp: number } | null> {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  try {
    const payload = await verifyToken(env.SIGNING_KEYS, token, {
      typ: TOKEN_TYPE,
      issuer: env.TOKEN_ISSUER,
      audience: env.TOKEN_AUDIENCE,
      now,
    });
    if (typeof payload.sid !== 'string' || typeof payload.sub !== 'string') return null;
    const user = await loadSessionUser(env.DB, payload.sid, now.toISOString());
    if (!user || user.id !== payload.sub) return null;
    return { user, exp: payload.exp! };
  } catch {
    return null;
  }
}

/**
 * Loads the signed-in user from a bearer token or the session cookie. An invalid bearer token is a 401;
 * an invalid cookie is cleared and the request goes on anonymously. A cookie token past half its life is renewed.
 */
export const loadSession = createMiddleware<AppEnv>(async function loadSession(c, next) {
  const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const cookie = bearer ? undefined : getCookie(c, SESSION_COOKIE);
  const token = bearer ?? cookie;
  if (token) {
    const session = await authenticate(c.env, token, c.var.now);
    if (session) {
      c.set('user', session.user);
      if (!c.req.header('accept-language')) c.set('locale', session.user.locale);
      if (cookie && session.exp * 1000 - c.var.now.getTime() < (TOKEN_SECONDS * 1000) / 2) {
        setSessionCookie(c, (await issueToken(c.env, session.user, c.var.now)).token);
      }
    } else if (bearer) {
      throw new Problem('unauthenticated', { detail: 'The bearer token is invalid, expired or revoked' });
    } else {
      clearSessionCookie(c);
    }
  }
  await next();
});
