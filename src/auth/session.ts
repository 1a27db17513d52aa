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

/** Served over https: directly, or behind a proxy that terminates TLS and says so. */
function overHttps(c: Context<AppEnv>): boolean {
  return (
    new URL(c.req.url).protocol === 'https:' ||
    c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https'
  );
}

function cookieOptions(c: Context<AppEnv>) {
  return { httpOnly: true, secure: overHttps(c), sameSite: 'Lax', path: '/' } as const;
}

export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, { ...cookieOptions(c), maxAge: SESSION_SECONDS });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Does this request come from our own pages? Browsers send `Origin` (and `Sec-Fetch-Site`) with every
 * unsafe request; a request with neither is not from a browser, so no other site can have sent it with
 * the user's cookie. Our own origin is the request's, or `TOKEN_ISSUER` when that is a URL (behind a proxy
 * that changes the host).
 */
function fromOwnOrigin(c: Context<AppEnv>): boolean {
  const origin = c.req.header('origin');
  if (origin !== undefined) {
    const own = [new URL(c.req.url).origin];
    if (/^https?:\/\//.test(c.env.TOKEN_ISSUER)) own.push(new URL(c.env.TOKEN_ISSUER).origin);
    return own.includes(origin);
  }
  const site = c.req.header('sec-fetch-site');
  return site === undefined || site === 'same-origin' || site === 'none';
}

/** A verified token whose session row has not been read yet (see {@link loadSession}'s `inBatch`). */
export type TokenSession = { userId: string; sessionId: string; exp: number; viaCookie: boolean };

/** Verifies a token's signature and claims (no database); null for anything invalid or expired. */
async function verifySessionToken(
  env: Bindings,
  token: string,
  now: Date,
): Promise<{ userId: string; sessionId: string; exp: number } | null> {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  try {
    const payload = await verifyToken(env.SIGNING_KEYS, token, {
      typ: TOKEN_TYPE,
      issuer: env.TOKEN_ISSUER,
      audience: env.TOKEN_AUDIENCE,
      now,
    });
    if (typeof payload.sid !== 'string' || typeof payload.sub !== 'string') return null;
    return { userId: payload.sub, sessionId: payload.sid, exp: payload.exp! };
  } catch {
    return null;
  }
}

/** The user behind a verified token's live session (not revoked, not expired, user not blocked), or null. */
async function liveUser(env: Bindings, token: TokenSession, now: Date): Promise<SessionUser | null> {
  const user = await loadSessionUser(env.DB, token.sessionId, now.toISOString());
  return user && user.id === token.userId ? user : null;
}

/** A cookie token past half its life is renewed. */
async function renewCookie(c: Context<AppEnv>, token: TokenSession): Promise<void> {
  if (token.viaCookie && token.exp * 1000 - c.var.now.getTime() < (TOKEN_SECONDS * 1000) / 2) {
    const renewed = await issueToken(c.env, { id: token.userId, sessionId: token.sessionId }, c.var.now);
    setSessionCookie(c, renewed.token);
  }
}

/**
 * Loads the signed-in user from a bearer token or the session cookie. An invalid bearer token is a 401;
 * an invalid cookie is cleared and the request goes on anonymously. A cookie token past half its life is renewed.
 * An unsafe request with the cookie from another site is refused (403 `forbidden_origin`).
 *
 * When `inBatch(c)` says so (the door's requests), only the token is verified here and set as `token`: the
 * route checks the session in SQL, in the same batch as its work, and calls {@link sessionConfirmed} or
 * {@link sessionRefused} with what it found. That saves the door a round trip per request.
 */
export function loadSession(inBatch: (c: Context<AppEnv>) => boolean = () => false) {
  return createMiddleware<AppEnv>(async function loadSession(c, next) {
    const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookie = bearer ? undefined : getCookie(c, SESSION_COOKIE);
    const token = bearer ?? cookie;
    // Cross-site request forgery: an unsafe request that relies on the cookie must come from our own pages.
    // Bearer tokens are never sent by a browser on its own, so they need no such check.
    if (cookie && !SAFE_METHODS.has(c.req.method) && !fromOwnOrigin(c)) {
      throw new Problem('forbidden_origin', {
        detail: `Refused an unsafe request with the session cookie from ${c.req.header('origin') ?? c.req.header('sec-fetch-site')}`,
      });
    }
    if (token) {
      const verified = await verifySessionToken(c.env, token, c.var.now);
      const session = verified ? { ...verified, viaCookie: cookie !== undefined } : null;
      if (session && inBatch(c)) {
        c.set('token', session);
      } else {
        const user = session ? await liveUser(c.env, session, c.var.now) : null;
        if (session && user) {
          c.set('user', user);
          if (!c.req.header('accept-language')) c.set('locale', user.locale);
          await renewCookie(c, session);
        } else if (bearer) {
          throw new Problem('unauthenticated', { detail: 'The bearer token is invalid, expired or revoked' });
        } else {
          clearSessionCookie(c);
        }
      }
    }
    await next();
  });
}

/** The caller of a request: the loaded user, or the verified token whose session the route checks itself. */
export function caller(c: Context<AppEnv>): { userId: string; sessionId: string } {
  const user = c.get('user');
  if (user) return { userId: user.id, sessionId: user.sessionId };
  const token = c.get('token');
  if (token) return { userId: token.userId, sessionId: token.sessionId };
  throw new Problem('unauthenticated');
}

/** The route found the token's session live in its own batch: renew the cookie as the middleware would. */
export async function sessionConfirmed(c: Context<AppEnv>): Promise<void> {
  const token = c.get('token');
  if (token) await renewCookie(c, token);
}

/** The route found the token's session dead in its own batch: the same answer the middleware gives. */
export function sessionRefused(c: Context<AppEnv>): never {
  if (c.get('token')?.viaCookie) clearSessionCookie(c);
  throw new Problem('unauthenticated', { detail: 'The token is invalid, expired or revoked' });
}

/** The signed-in user, loading the session now when the middleware left it to the route. */
export async function sessionUser(c: Context<AppEnv>): Promise<SessionUser> {
  const loaded = c.get('user');
  if (loaded) return loaded;
  const token = c.get('token');
  const user = token ? await liveUser(c.env, token, c.var.now) : null;
  if (!user) sessionRefused(c);
  c.set('user', user);
  await sessionConfirmed(c);
  return user;
}
