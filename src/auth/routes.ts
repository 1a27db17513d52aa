import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import { requireUser } from './guard.ts';
import { publicJwks } from './jwt.ts';
import { login } from './login.ts';
import { toMe } from './me.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { changePassword, findPasswordHash, loadSessionUser, revokeSession, setLocale } from './repo.ts';
import {
  JwksSchema,
  LoginSchema,
  MePatchSchema,
  MeSchema,
  PasswordChangeSchema,
  SessionSchema,
  TokenSchema,
} from './schema.ts';
import { clearSessionCookie, issueToken, setSessionCookie } from './session.ts';

const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'post',
    path: '/auth/login',
    tags: ['auth'],
    summary: 'Sign in with email or pass number and password',
    description:
      'Answers a session token and sets it as an httpOnly cookie. Five failed attempts lock the account for a minute, doubling up to an hour.',
    request: { body: jsonBody(LoginSchema) },
    responses: {
      200: jsonResponse(SessionSchema, 'Signed in'),
      ...problems('validation_failed', 'invalid_credentials', 'account_blocked', 'login_throttled'),
    },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const { sessionId } = await login(c.env, body.login, body.password, c.var.now);
    const user = await loadSessionUser(c.env.DB, sessionId, c.var.now.toISOString());
    if (!user) throw new Problem('internal_error', { detail: 'Session vanished right after login' });
    const { token, expiresAt } = await issueToken(c.env, user, c.var.now);
    setSessionCookie(c, token);
    return c.json({ token, expiresAt: expiresAt.toISOString(), user: toMe(user) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/auth/logout',
    tags: ['auth'],
    summary: 'Sign out: revokes the session behind the token or cookie',
    security: SECURITY,
    responses: { 204: { description: 'Signed out' }, ...problems('unauthenticated') },
  }),
  async (c) => {
    const user = requireUser(c);
    await revokeSession(c.env.DB, user.sessionId, c.var.now.toISOString());
    clearSessionCookie(c);
    return c.body(null, 204);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/auth/refresh',
    tags: ['auth'],
    summary: 'A fresh short-lived token for the same session',
    security: SECURITY,
    responses: { 200: jsonResponse(TokenSchema, 'New token'), ...problems('unauthenticated') },
  }),
  async (c) => {
    const user = requireUser(c);
    const { token, expiresAt } = await issueToken(c.env, user, c.var.now);
    setSessionCookie(c, token);
    return c.json({ token, expiresAt: expiresAt.toISOString() }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/me',
    tags: ['auth'],
    summary: 'Who is signed in, with roles and scopes',
    security: SECURITY,
    responses: { 200: jsonResponse(MeSchema, 'The signed-in user'), ...problems('unauthenticated') },
  }),
  (c) => c.json(toMe(requireUser(c)), 200),
);

app.openapi(
  createRoute({
    method: 'patch',
    path: '/me',
    tags: ['auth'],
    summary: 'Change the preferred language',
    security: SECURITY,
    request: { body: jsonBody(MePatchSchema) },
    responses: {
      200: jsonResponse(MeSchema, 'Updated'),
      ...problems('validation_failed', 'unauthenticated'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const { locale } = c.req.valid('json');
    await setLocale(c.env.DB, user.id, locale);
    return c.json(toMe({ ...user, locale }), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/me/password',
    tags: ['auth'],
    summary: 'Change one’s password; signs out every other session',
    security: SECURITY,
    request: { body: jsonBody(PasswordChangeSchema) },
    responses: {
      204: { description: 'Changed' },
      ...problems('validation_failed', 'unauthenticated', 'invalid_credentials'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const body = c.req.valid('json');
    const stored = await findPasswordHash(c.env.DB, user.id);
    if (!stored || !(await verifyPassword(body.currentPassword, stored)))
      throw new Problem('invalid_credentials');
    await changePassword(
      c.env.DB,
      user.id,
      await hashPassword(body.newPassword),
      user.sessionId,
      c.var.now.toISOString(),
    );
    return c.body(null, 204);
  },
);

/** The public keys that verify pass codes, so a scanner could verify them offline (served at the root). */
export const jwks = new OpenAPIHono<AppEnv>().openapi(
  createRoute({
    method: 'get',
    path: '/.well-known/jwks.json',
    tags: ['passes'],
    summary: 'Public keys (EdDSA, with kid) that verify pass codes',
    responses: {
      200: jsonResponse(JwksSchema, 'JWK set'),
    },
  }),
  async (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(await publicJwks(c.env.SIGNING_KEYS), 200);
  },
);

export default app;
