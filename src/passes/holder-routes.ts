import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { requireUser } from '../auth/guard.ts';
import { hashPassword } from '../auth/passwords.ts';
import { findThrottle, loadSessionUser, openSession, recordFailure } from '../auth/repo.ts';
import { toMe } from '../auth/me.ts';
import { SessionSchema } from '../auth/schema.ts';
import { issueToken, SESSION_SECONDS, setSessionCookie } from '../auth/session.ts';
import { secondsLocked } from '../auth/throttle.ts';
import { newId } from '../lib/ids.ts';
import { welcomeStatement } from '../rewards/repo.ts';
import { IdSchema, jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import { addSeconds } from '../lib/time.ts';
import { passholderAccess } from '../auth/access.ts';
import { hashActivationCode } from './activation.ts';
import { cardCode, rotatingCode } from './code.ts';
import { formatPassNumber, isValidPassNumber, normalizePassNumber } from '../lib/pass-number.ts';
import { qrSvg } from './qr.ts';
import * as repo from './repo.ts';
import { ActivateSchema, AuditEntrySchema, CardCodeSchema, MyPassesSchema, MyPassSchema } from './schema.ts';

const app = new OpenAPIHono<AppEnv>();

/** The passholder a resident asks for: themself by default, or a ward with `?passholderId=`. */
async function ownPass(c: Context<AppEnv>, asked: string | undefined): Promise<string> {
  const user = requireUser(c);
  const id = asked ?? user.passholderId;
  if (!id) throw new Problem('not_found', { detail: 'This account has no pass' });
  await passholderAccess(c, id, true);
  return id;
}

async function cardFor(c: Context<AppEnv>, passholderId: string) {
  const facts = await repo.passFacts(c.env.DB, passholderId);
  if (!facts) throw new Problem('not_found');
  const code = await cardCode(c.env.SIGNING_KEYS, facts.passNumber, facts.cardVersion);
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

const PassQuery = z.object({
  passholderId: IdSchema.optional().openapi({ description: 'A ward’s pass, for a guardian' }),
});

app.openapi(
  createRoute({
    method: 'get',
    path: '/me/passes',
    tags: ['my pass'],
    summary: 'The passes I may show: mine and those of the people I am guardian of',
    security: SECURITY,
    responses: { 200: jsonResponse(MyPassesSchema, 'Passes'), ...problems('unauthenticated') },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json({ items: user.passholderId ? await repo.passesOf(c.env.DB, user.passholderId) : [] }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/me/pass',
    tags: ['my pass'],
    summary: 'My pass with its rotating code (valid about a minute) and QR',
    security: SECURITY,
    request: { query: PassQuery },
    responses: {
      200: jsonResponse(MyPassSchema, 'The pass'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const id = await ownPass(c, c.req.valid('query').passholderId);
    const facts = await repo.passFacts(c.env.DB, id);
    if (!facts) throw new Problem('not_found');
    const { code, expiresAt } = await rotatingCode(c.env.SIGNING_KEYS, facts.passNumber, c.var.now);
    c.header('Cache-Control', 'no-store');
    return c.json(
      {
        passNumber: facts.passNumber,
        code,
        expiresAt: expiresAt.toISOString(),
        qrSvg: qrSvg(code, formatPassNumber(facts.passNumber), 'L'),
      },
      200,
    );
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/me/card',
    tags: ['my pass'],
    summary: 'The static code of my current card: what the app shows when offline',
    security: SECURITY,
    request: { query: PassQuery },
    responses: {
      200: jsonResponse(CardCodeSchema, 'The card code'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => c.json(await cardFor(c, await ownPass(c, c.req.valid('query').passholderId)), 200),
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/passholders/{passholderId}/card',
    tags: ['passes'],
    summary:
      'The printable card: number, name and static code of the current card version (counter staff, logged; or the holder)',
    security: SECURITY,
    request: { params: z.object({ passholderId: IdSchema }) },
    responses: {
      200: jsonResponse(CardCodeSchema, 'The card'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const access = await passholderAccess(c, passholderId, true);
    if (access.asStaff) {
      await repo
        .auditStatement(c.env.DB, passholderId, {
          actorUserId: access.user.id,
          action: 'card_print',
          reason: 'card',
          at: c.var.now.toISOString(),
        })
        .run();
    }
    return c.json(await cardFor(c, passholderId), 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/passholders/{passholderId}/audit',
    tags: ['passes'],
    summary: 'Who read or changed this record, when and why (the holder, their guardian, or counter staff)',
    security: SECURITY,
    request: { params: z.object({ passholderId: IdSchema }) },
    responses: {
      200: jsonResponse(z.object({ items: z.array(AuditEntrySchema) }), 'Entries, newest first'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    await passholderAccess(c, passholderId, true);
    return c.json({ items: await repo.auditEntries(c.env.DB, passholderId, 100) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/auth/activate',
    tags: ['auth'],
    summary: 'Activate a pass with the code from the welcome letter and choose a password; signs in',
    request: { body: jsonBody(ActivateSchema) },
    responses: {
      201: jsonResponse(SessionSchema, 'Activated and signed in'),
      ...problems(
        'validation_failed',
        'activation_failed',
        'already_activated',
        'email_taken',
        'login_throttled',
      ),
    },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const passNumber = normalizePassNumber(body.passNumber);
    const key = `activate:${passNumber}`;
    const at = c.var.now.toISOString();
    const wait = secondsLocked((await findThrottle(c.env.DB, key)).lockedUntil, c.var.now);
    if (wait > 0)
      throw new Problem('login_throttled', {
        params: { minutes: Math.ceil(wait / 60) },
        headers: { 'Retry-After': String(wait) },
      });

    const pass = isValidPassNumber(passNumber) ? await repo.findForActivation(c.env.DB, passNumber) : null;
    if (pass?.userId) throw new Problem('already_activated');
    const codeHash = pass ? await hashActivationCode(pass.id, body.activationCode) : null;
    const valid =
      pass && codeHash && pass.codeHash === codeHash && pass.expiresAt !== null && pass.expiresAt > at;
    if (!pass || !codeHash || !valid) {
      await recordFailure(c.env.DB, key, at);
      throw new Problem('activation_failed');
    }
    if (body.email && (await repo.emailInUse(c.env.DB, body.email))) throw new Problem('email_taken');
    const userId = newId();
    const created = await repo.createAccount(
      c.env.DB,
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
      [welcomeStatement(c.env.DB, pass.id, at, userId)],
    );
    if (!created)
      throw new Problem('activation_failed', { detail: 'The code was used or expired meanwhile' });

    const sessionId = newId();
    await openSession(
      c.env.DB,
      {
        id: sessionId,
        userId,
        createdAt: at,
        expiresAt: addSeconds(c.var.now, SESSION_SECONDS).toISOString(),
      },
      key,
    );
    const user = (await loadSessionUser(c.env.DB, sessionId, at))!;
    const { token, expiresAt } = await issueToken(c.env, user, c.var.now);
    setSessionCookie(c, token);
    return c.json({ token, expiresAt: expiresAt.toISOString(), user: toMe(user) }, 201);
  },
);

export default app;
