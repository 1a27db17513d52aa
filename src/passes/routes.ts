import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { allow, requireUser } from '../auth/guard.ts';
import { hashPassword } from '../auth/passwords.ts';
import { newId } from '../lib/ids.ts';
import { IdSchema, jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import { addSeconds } from '../lib/time.ts';
import { findNeighbourhood, municipalityRegion } from '../places/repo.ts';
import { counterMunicipality, passholderAccess } from '../auth/access.ts';
import { ACTIVATION_DAYS, hashActivationCode, newActivationCode } from './activation.ts';
import { newPassNumber, normalizePassNumber } from '../lib/pass-number.ts';
import { isMinor, isPlausibleBirthDate } from './people.ts';
import { welcomeStatement } from '../rewards/repo.ts';
import * as repo from './repo.ts';
import {
  AccountSchema,
  AuditReasonSchema,
  CardBlockSchema,
  PassholderPatchSchema,
  PassholderSchema,
  RegisteredSchema,
  RegisterSchema,
  SearchResultSchema,
  type Passholder,
} from './schema.ts';

const app = new OpenAPIHono<AppEnv>();
const Params = z.object({ passholderId: IdSchema });
const now = (c: Context<AppEnv>) => c.var.now.toISOString();

function fieldProblem(pointer: string, nl: string, fr: string, en: string): Problem {
  return new Problem('validation_failed', {
    detail: `Invalid ${pointer}`,
    fields: [{ pointer, code: 'invalid', messages: { nl, fr, en } }],
  });
}

/** Checks that a neighbourhood (if any) lies in the municipality. */
async function checkNeighbourhood(
  c: Context<AppEnv>,
  neighbourhoodId: string | null | undefined,
  municipalityId: string,
) {
  if (!neighbourhoodId) return;
  const hood = await findNeighbourhood(c.env.DB, neighbourhoodId);
  if (!hood || hood.municipalityId !== municipalityId) {
    throw fieldProblem(
      '/neighbourhoodId',
      'Deze wijk ligt niet in de gemeente.',
      'Ce quartier n’est pas dans la commune.',
      'This neighbourhood is not in the municipality.',
    );
  }
}

function checkBirthDate(c: Context<AppEnv>, birthDate: string | undefined) {
  if (birthDate && !isPlausibleBirthDate(birthDate, c.var.now)) {
    throw fieldProblem(
      '/birthDate',
      'Deze geboortedatum kan niet kloppen.',
      'Cette date de naissance est impossible.',
      'This birth date cannot be right.',
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

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders',
    tags: ['passes'],
    summary: 'Register a resident and make their pass (counter staff)',
    description:
      'Answers the new pass number and a one-time activation code for the welcome letter. A pass for the same name and birth date in the municipality is flagged with 409 `possible_duplicate` unless `confirmDuplicate` is true.',
    security: SECURITY,
    // One closed object: `.extend` of a named schema would be an allOf of two closed objects, which no
    // request can satisfy.
    request: { body: jsonBody(RegisterSchema) },
    responses: {
      201: jsonResponse(RegisteredSchema, 'Registered'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'possible_duplicate'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const { municipalityId: asked, confirmDuplicate, ...input } = c.req.valid('json');
    const municipalityId = counterMunicipality(user, asked);
    checkBirthDate(c, input.birthDate);
    await checkNeighbourhood(c, input.neighbourhoodId, municipalityId);
    if (
      input.householdId &&
      (await repo.householdMunicipality(c.env.DB, input.householdId)) !== municipalityId
    ) {
      throw fieldProblem(
        '/householdId',
        'Dit gezin bestaat niet in de gemeente.',
        'Ce ménage n’existe pas dans la commune.',
        'This household does not exist in the municipality.',
      );
    }
    if (input.guardianId) {
      const guardian = await repo.birthDateOf(c.env.DB, input.guardianId);
      if (
        !guardian ||
        guardian.municipalityId !== municipalityId ||
        isMinor(guardian.birthDate, c.var.now) ||
        !isMinor(input.birthDate, c.var.now)
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
      const duplicates = await repo.findDuplicates(c.env.DB, municipalityId, input);
      if (duplicates.length > 0) {
        throw new Problem('possible_duplicate', {
          detail: `Same name and birth date: ${duplicates.map((d) => d.passNumber).join(', ')}`,
        });
      }
    }
    const id = newId();
    const code = await newCode(id, c.var.now);
    const audit = { actorUserId: user.id, action: 'register' as const, reason: 'counter_visit', at: now(c) };
    for (let attempt = 0; ; attempt++) {
      const passNumber = newPassNumber();
      if (
        await repo.register(
          c.env.DB,
          {
            ...input,
            id,
            municipalityId,
            passNumber,
            activationCodeHash: code.hash,
            activationExpiresAt: code.expiresAt,
          },
          audit,
        )
      )
        break;
      if (attempt >= 3) throw new Problem('internal_error', { detail: 'No free pass number found' });
    }
    const passholder = (await repo.readRecord(c.env.DB, id))!;
    return c.json(
      { passholder, activationCode: code.activationCode, activationExpiresAt: code.expiresAt },
      201,
    );
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/passholders',
    tags: ['passes'],
    summary: 'Find residents by name, pass number or birth date (counter staff)',
    security: SECURITY,
    request: {
      query: z.object({
        q: z
          .string()
          .trim()
          .min(2)
          .max(80)
          .optional()
          .openapi({ description: 'Start of a name, or a full pass number' }),
        birthDate: z.iso.date().optional(),
        municipalityId: IdSchema.optional(),
        limit: z.coerce.number().int().min(1).max(50).default(20),
      }),
    },
    responses: {
      200: jsonResponse(z.object({ items: z.array(SearchResultSchema) }), 'Matches'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const query = c.req.valid('query');
    const municipalityId = counterMunicipality(user, query.municipalityId);
    const digits = query.q ? normalizePassNumber(query.q) : '';
    const byNumber = /^\d{13}$/.test(digits);
    if (!query.q && !query.birthDate) return c.json({ items: [] }, 200);
    const items = await repo.search(
      c.env.DB,
      municipalityId,
      {
        passNumber: byNumber ? digits : null,
        name: byNumber ? null : (query.q ?? null),
        birthDate: query.birthDate ?? null,
      },
      query.limit,
    );
    return c.json({ items }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/passholders/{passholderId}',
    tags: ['passes'],
    summary:
      'A passholder’s record (counter staff: written to the audit log with the reason; or the holder or their guardian)',
    security: SECURITY,
    request: { params: Params, query: z.object({ reason: AuditReasonSchema.default('counter_visit') }) },
    responses: {
      200: jsonResponse(PassholderSchema, 'The record'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const access = await passholderAccess(c, passholderId, true);
    const audit = access.asStaff
      ? {
          actorUserId: access.user.id,
          action: 'read' as const,
          reason: c.req.valid('query').reason,
          at: now(c),
        }
      : undefined;
    const record = await repo.readRecord(c.env.DB, passholderId, audit);
    if (!record) throw new Problem('not_found');
    return c.json(record, 200);
  },
);

app.openapi(
  createRoute({
    method: 'patch',
    path: '/passholders/{passholderId}',
    tags: ['passes'],
    summary: 'Correct a record, or move the resident to another municipality of the region (counter staff)',
    security: SECURITY,
    request: { params: Params, body: jsonBody(PassholderPatchSchema) },
    responses: {
      200: jsonResponse(PassholderSchema, 'Updated'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const patch = c.req.valid('json');
    const access = await passholderAccess(c, passholderId, false);
    checkBirthDate(c, patch.birthDate);
    let newHousehold: string | null = null;
    let municipalityId = access.municipalityId;
    if (patch.municipalityId && patch.municipalityId !== access.municipalityId) {
      if ((await municipalityRegion(c.env.DB, patch.municipalityId)) !== access.regionId) {
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
    await checkNeighbourhood(c, patch.neighbourhoodId, municipalityId);
    const action = newHousehold ? ('move' as const) : ('update' as const);
    await repo.update(
      c.env.DB,
      passholderId,
      patch,
      { actorUserId: access.user.id, action, reason: 'correction', at: now(c) },
      newHousehold,
    );
    return c.json((await repo.readRecord(c.env.DB, passholderId))!, 200);
  },
);

app.openapi(
  createRoute({
    method: 'put',
    path: '/passholders/{passholderId}/household',
    tags: ['passes'],
    summary: 'Move a resident into another household of the municipality, or a new one (counter staff)',
    security: SECURITY,
    request: { params: Params, body: jsonBody(z.object({ householdId: IdSchema.nullable() }).strict()) },
    responses: {
      200: jsonResponse(PassholderSchema, 'Moved'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const { householdId } = c.req.valid('json');
    const access = await passholderAccess(c, passholderId, false);
    if (householdId && (await repo.householdMunicipality(c.env.DB, householdId)) !== access.municipalityId) {
      throw fieldProblem(
        '/householdId',
        'Dit gezin bestaat niet in de gemeente.',
        'Ce ménage n’existe pas dans la commune.',
        'This household does not exist in the municipality.',
      );
    }
    await repo.moveToHousehold(c.env.DB, passholderId, access.municipalityId, householdId, {
      actorUserId: access.user.id,
      action: 'household',
      reason: 'household',
      at: now(c),
    });
    return c.json((await repo.readRecord(c.env.DB, passholderId))!, 200);
  },
);

const GuardianParams = z.object({ passholderId: IdSchema, guardianId: IdSchema });

app.openapi(
  createRoute({
    method: 'put',
    path: '/passholders/{passholderId}/guardians/{guardianId}',
    tags: ['passes'],
    summary: 'Let a guardian manage this pass: for a minor, or for an adult who consents (counter staff)',
    security: SECURITY,
    request: {
      params: GuardianParams,
      body: jsonBody(z.object({ basis: z.enum(['minor', 'consent']) }).strict()),
    },
    responses: {
      200: jsonResponse(PassholderSchema, 'The ward’s record'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId, guardianId } = c.req.valid('param');
    const { basis } = c.req.valid('json');
    const access = await passholderAccess(c, passholderId, false);
    const [ward, guardian] = await Promise.all([
      repo.birthDateOf(c.env.DB, passholderId),
      repo.birthDateOf(c.env.DB, guardianId),
    ]);
    if (!ward || !guardian) throw new Problem('not_found');
    allow(guardian.municipalityId === access.municipalityId, 'The guardian lives in another municipality');
    const adultGuardian = guardianId !== passholderId && !isMinor(guardian.birthDate, c.var.now);
    const basisFits =
      basis === 'minor' ? isMinor(ward.birthDate, c.var.now) : !isMinor(ward.birthDate, c.var.now);
    if (!adultGuardian || !basisFits) {
      throw fieldProblem(
        '/basis',
        'Een voogd is een andere volwassene; "minor" geldt voor minderjarigen, "consent" voor volwassenen die toestemmen.',
        'Un tuteur est un autre adulte ; « minor » vaut pour les mineurs, « consent » pour les adultes qui consentent.',
        'A guardian is another adult; "minor" is for minors, "consent" for adults who agree.',
      );
    }
    await repo.addGuardian(c.env.DB, guardianId, passholderId, basis, {
      actorUserId: access.user.id,
      action: 'guardian',
      reason: 'household',
      at: now(c),
    });
    return c.json((await repo.readRecord(c.env.DB, passholderId))!, 200);
  },
);

app.openapi(
  createRoute({
    method: 'delete',
    path: '/passholders/{passholderId}/guardians/{guardianId}',
    tags: ['passes'],
    summary: 'End a guardianship (counter staff)',
    security: SECURITY,
    request: { params: GuardianParams },
    responses: { 204: { description: 'Ended' }, ...problems('unauthenticated', 'forbidden', 'not_found') },
  }),
  async (c) => {
    const { passholderId, guardianId } = c.req.valid('param');
    const access = await passholderAccess(c, passholderId, false);
    const removed = await repo.removeGuardian(c.env.DB, guardianId, passholderId, {
      actorUserId: access.user.id,
      action: 'guardian',
      reason: 'household',
      at: now(c),
    });
    if (!removed) throw new Problem('not_found');
    return c.body(null, 204);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/card/block',
    tags: ['passes'],
    summary: 'Block the current card, e.g. when lost or stolen (counter staff, the holder or their guardian)',
    security: SECURITY,
    request: { params: Params, body: jsonBody(CardBlockSchema) },
    responses: {
      200: jsonResponse(PassholderSchema, 'Blocked'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found', 'card_blocked_already'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const access = await passholderAccess(c, passholderId, true);
    const blocked = await repo.blockCard(c.env.DB, passholderId, c.req.valid('json').reason, {
      actorUserId: access.user.id,
      action: 'card_block',
      reason: 'card',
      at: now(c),
    });
    if (!blocked) throw new Problem('card_blocked_already', { detail: 'The card is blocked already' });
    return c.json((await repo.readRecord(c.env.DB, passholderId))!, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/card/replace',
    tags: ['passes'],
    summary:
      'Issue a new card version; the old card stops working at once, everything else stays (counter staff)',
    security: SECURITY,
    request: { params: Params },
    responses: {
      200: jsonResponse(PassholderSchema, 'Replaced'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const access = await passholderAccess(c, passholderId, false);
    await repo.replaceCard(c.env.DB, passholderId, {
      actorUserId: access.user.id,
      action: 'card_replace',
      reason: 'card',
      at: now(c),
    });
    return c.json((await repo.readRecord(c.env.DB, passholderId))!, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/activation-code',
    tags: ['passes'],
    summary: 'A new activation code for a welcome letter, while the pass has no account (counter staff)',
    security: SECURITY,
    request: { params: Params },
    responses: {
      200: jsonResponse(
        z.object({ activationCode: z.string(), activationExpiresAt: z.string() }),
        'The code, shown once',
      ),
      ...problems('unauthenticated', 'forbidden', 'not_found', 'already_activated'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const access = await passholderAccess(c, passholderId, false);
    const code = await newCode(passholderId, c.var.now);
    const set = await repo.setActivationCode(c.env.DB, passholderId, code.hash, code.expiresAt, {
      actorUserId: access.user.id,
      action: 'activation_code',
      reason: 'counter_visit',
      at: now(c),
    });
    if (!set) throw new Problem('already_activated');
    return c.json({ activationCode: code.activationCode, activationExpiresAt: code.expiresAt }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/account',
    tags: ['passes'],
    summary: 'Set up the resident’s account at the counter (or by phone), instead of the letter',
    security: SECURITY,
    request: { params: Params, body: jsonBody(AccountSchema) },
    responses: {
      201: jsonResponse(PassholderSchema, 'Account created'),
      ...problems(
        'validation_failed',
        'unauthenticated',
        'forbidden',
        'not_found',
        'already_activated',
        'email_taken',
      ),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const body = c.req.valid('json');
    const access = await passholderAccess(c, passholderId, false);
    const record = (await repo.readRecord(c.env.DB, passholderId)) as Passholder;
    if (record.account.active) throw new Problem('already_activated');
    if (body.email && (await repo.emailInUse(c.env.DB, body.email))) throw new Problem('email_taken');
    const userId = newId();
    const created = await repo.createAccount(
      c.env.DB,
      {
        passholderId,
        userId,
        email: body.email ?? null,
        passwordHash: await hashPassword(body.password),
        displayName: `${record.firstName} ${record.lastName}`,
        locale: record.locale,
        codeHash: null,
        now: now(c),
      },
      { actorUserId: access.user.id, action: 'account', reason: 'counter_visit', at: now(c) },
      // The welcome rewards come with the account, as with activation by the resident.
      [welcomeStatement(c.env.DB, passholderId, now(c), userId)],
    );
    if (!created) throw new Problem('already_activated');
    return c.json((await repo.readRecord(c.env.DB, passholderId))!, 201);
  },
);

export default app;
