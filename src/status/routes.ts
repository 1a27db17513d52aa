import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { newId } from '../lib/ids.ts';
import { IdSchema, jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import { brusselsDate } from '../lib/time.ts';
import { passholderAccess } from '../auth/access.ts';
import { AuditReasonSchema } from '../passes/schema.ts';
import { readImport } from './csv.ts';
import { deriveStatus, statusUntil } from './derive.ts';
import { classify, countRows, fileHash, withReasonCodes } from './import.ts';
import * as repo from './repo.ts';
import {
  EndSchema,
  EntitlementInputSchema,
  EntitlementRuleInputSchema,
  EntitlementRuleSchema,
  ExtendSchema,
  GrantInputSchema,
  ImportInputSchema,
  ImportAnswerSchema,
  RenewalSchema,
  SocialStatusSchema,
  SuspendSchema,
  type SocialStatus,
} from './schema.ts';

const app = new OpenAPIHono<AppEnv>();
const Params = z.object({ passholderId: IdSchema });
const today = (c: Context<AppEnv>) => brusselsDate(c.var.now);

/** The status of a passholder today, with every record it is derived from. */
export async function socialStatus(db: D1Database, passholderId: string, on: string): Promise<SocialStatus> {
  const records = await repo.statusRecords(db, passholderId, on);
  const derived = deriveStatus(
    records.grants.map(repo.toGrantFacts),
    records.suspensions.map(repo.toSuspensionFacts),
    on,
  );
  return { passholderId, ...derived, ...records };
}

/** Counter staff of the passholder's municipality: the caller, with an audit line for what they do. */
async function asCounter(
  c: Context<AppEnv>,
  passholderId: string,
  action: 'update' | 'read',
  reason: string,
) {
  const access = await passholderAccess(c, passholderId, false);
  return { access, audit: { actorUserId: access.user.id, action, reason, at: c.var.now.toISOString() } };
}

const statusAnswer = async (c: Context<AppEnv>, passholderId: string) =>
  c.json(await socialStatus(c.env.DB, passholderId, today(c)), 200);
const counterOnly = problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found');

app.openapi(
  createRoute({
    method: 'get',
    path: '/passholders/{passholderId}/status',
    tags: ['social status'],
    summary: 'Social status with its records (counter staff, logged; or the holder and their guardian)',
    security: SECURITY,
    request: { params: Params, query: z.object({ reason: AuditReasonSchema.default('counter_visit') }) },
    responses: {
      200: jsonResponse(SocialStatusSchema, 'The status'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const access = await passholderAccess(c, passholderId, true);
    if (access.asStaff) {
      const audit = {
        actorUserId: access.user.id,
        action: 'read' as const,
        reason: `social_status:${c.req.valid('query').reason}`,
        at: c.var.now.toISOString(),
      };
      const [, status] = await Promise.all([
        c.env.DB.batch([repo.auditLine(c.env.DB, passholderId, audit)]),
        socialStatus(c.env.DB, passholderId, today(c)),
      ]);
      return c.json(status, 200);
    }
    return statusAnswer(c, passholderId);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/status/grants',
    tags: ['social status'],
    summary: 'Grant the social status for a period (counter staff)',
    security: SECURITY,
    request: { params: Params, body: jsonBody(GrantInputSchema) },
    responses: { 200: jsonResponse(SocialStatusSchema, 'The status now'), ...counterOnly },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const input = c.req.valid('json');
    const { access, audit } = await asCounter(c, passholderId, 'update', 'social_status:grant');
    const validFrom = input.validFrom ?? today(c);
    const validUntil = input.validUntil ?? statusUntil('april30_after_next', validFrom, null);
    if (validUntil < validFrom) throw dateProblem('/validUntil');
    await repo.grant(
      c.env.DB,
      {
        passholderId,
        source: 'counter',
        reason: input.reason,
        validFrom,
        validUntil,
        graceDays: input.graceDays ?? 60,
        decidedBy: access.user.id,
        at: audit.at,
      },
      audit,
    );
    return statusAnswer(c, passholderId);
  },
);

app.openapi(
  createRoute({
    method: 'patch',
    path: '/passholders/{passholderId}/status/grants/{grantId}',
    tags: ['social status'],
    summary: 'Extend (or shorten) a grant (counter staff)',
    security: SECURITY,
    request: { params: Params.extend({ grantId: IdSchema }), body: jsonBody(ExtendSchema) },
    responses: { 200: jsonResponse(SocialStatusSchema, 'The status now'), ...counterOnly },
  }),
  async (c) => {
    const { passholderId, grantId } = c.req.valid('param');
    const { audit } = await asCounter(c, passholderId, 'update', 'social_status:extend');
    if (!(await repo.extendGrant(c.env.DB, passholderId, grantId, c.req.valid('json').validUntil, audit)))
      throw new Problem('not_found');
    return statusAnswer(c, passholderId);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/status/end',
    tags: ['social status'],
    summary: 'End the social status now (no grace period) (counter staff)',
    security: SECURITY,
    request: { params: Params, body: jsonBody(EndSchema) },
    responses: { 200: jsonResponse(SocialStatusSchema, 'The status now'), ...counterOnly },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const { audit } = await asCounter(c, passholderId, 'update', 'social_status:end');
    await repo.endGrants(c.env.DB, passholderId, c.req.valid('json').endedOn ?? today(c), audit);
    return statusAnswer(c, passholderId);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/status/suspensions',
    tags: ['social status'],
    summary: 'Suspend the social status, from a date and optionally until one (counter staff)',
    security: SECURITY,
    request: { params: Params, body: jsonBody(SuspendSchema) },
    responses: { 200: jsonResponse(SocialStatusSchema, 'The status now'), ...counterOnly },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const input = c.req.valid('json');
    const { access, audit } = await asCounter(c, passholderId, 'update', 'social_status:suspend');
    const fromDate = input.fromDate ?? today(c);
    if (input.untilDate && input.untilDate < fromDate) throw dateProblem('/untilDate');
    await repo.suspend(
      c.env.DB,
      passholderId,
      { fromDate, untilDate: input.untilDate ?? null, reason: input.reason, by: access.user.id },
      audit,
    );
    return statusAnswer(c, passholderId);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/status/suspensions/{suspensionId}/lift',
    tags: ['social status'],
    summary: 'Lift a suspension today (counter staff)',
    security: SECURITY,
    request: { params: Params.extend({ suspensionId: IdSchema }) },
    responses: { 200: jsonResponse(SocialStatusSchema, 'The status now'), ...counterOnly },
  }),
  async (c) => {
    const { passholderId, suspensionId } = c.req.valid('param');
    const { audit } = await asCounter(c, passholderId, 'update', 'social_status:lift');
    if (!(await repo.liftSuspension(c.env.DB, passholderId, suspensionId, today(c), audit)))
      throw new Problem('not_found');
    return statusAnswer(c, passholderId);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/entitlements',
    tags: ['social status'],
    summary:
      'Record an entitlement; where the municipality’s rule says so, it opens the status at once (counter staff)',
    security: SECURITY,
    request: { params: Params, body: jsonBody(EntitlementInputSchema) },
    responses: { 200: jsonResponse(SocialStatusSchema, 'The status now'), ...counterOnly },
  }),
  async (c) => {
    const { passholderId } = c.req.valid('param');
    const input = c.req.valid('json');
    const { access, audit } = await asCounter(c, passholderId, 'update', `entitlement:${input.kind}`);
    const validFrom = input.validFrom ?? today(c);
    if (input.validUntil && input.validUntil < validFrom) throw dateProblem('/validUntil');
    const rule = (await repo.entitlementRules(c.env.DB, access.municipalityId)).find(
      (r) => r.kind === input.kind,
    )!;
    const opens = rule.opensStatus
      ? {
          passholderId,
          source: 'entitlement' as const,
          reason: input.kind,
          validFrom,
          validUntil: statusUntil(rule.duration, validFrom, input.validUntil ?? null),
          graceDays: rule.graceDays,
          decidedBy: access.user.id,
          at: audit.at,
        }
      : null;
    await repo.recordEntitlement(
      c.env.DB,
      {
        id: newId(),
        passholderId,
        kind: input.kind,
        validFrom,
        validUntil: input.validUntil ?? null,
        by: access.user.id,
      },
      opens,
      audit,
    );
    return statusAnswer(c, passholderId);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/passholders/{passholderId}/entitlements/{entitlementId}/end',
    tags: ['social status'],
    summary: 'End an entitlement today, and the status it opened (counter staff)',
    security: SECURITY,
    request: { params: Params.extend({ entitlementId: IdSchema }) },
    responses: { 200: jsonResponse(SocialStatusSchema, 'The status now'), ...counterOnly },
  }),
  async (c) => {
    const { passholderId, entitlementId } = c.req.valid('param');
    const { audit } = await asCounter(c, passholderId, 'update', 'entitlement:end');
    if (!(await repo.endEntitlement(c.env.DB, passholderId, entitlementId, today(c), audit)))
      throw new Problem('not_found');
    return statusAnswer(c, passholderId);
  },
);

const MunicipalityParams = z.object({ municipalityId: IdSchema });

app.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{municipalityId}/entitlement-rules',
    tags: ['social status'],
    summary:
      'Which entitlements open the status, for how long, with what grace (municipality admin, counter staff)',
    security: SECURITY,
    request: { params: MunicipalityParams },
    responses: {
      200: jsonResponse(z.object({ items: z.array(EntitlementRuleSchema) }), 'Rules'),
      ...problems('unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const { municipalityId } = c.req.valid('param');
    allow(hasMunicipalityRole(requireUser(c), municipalityId, 'municipality_admin', 'counter'));
    return c.json({ items: await repo.entitlementRules(c.env.DB, municipalityId) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'put',
    path: '/municipalities/{municipalityId}/entitlement-rules/{kind}',
    tags: ['social status'],
    summary: 'Set the rule for one entitlement kind (municipality admin)',
    security: SECURITY,
    request: {
      params: MunicipalityParams.extend({ kind: EntitlementRuleSchema.shape.kind }),
      body: jsonBody(EntitlementRuleInputSchema),
    },
    responses: {
      200: jsonResponse(z.object({ items: z.array(EntitlementRuleSchema) }), 'Rules'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const { municipalityId, kind } = c.req.valid('param');
    const user = requireUser(c);
    allow(hasMunicipalityRole(user, municipalityId, 'municipality_admin'));
    await repo.saveEntitlementRule(
      c.env.DB,
      municipalityId,
      { kind, ...c.req.valid('json') },
      user.id,
      c.var.now.toISOString(),
    );
    return c.json({ items: await repo.entitlementRules(c.env.DB, municipalityId) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/municipalities/{municipalityId}/status-imports',
    tags: ['social status'],
    summary:
      'Dry run of a list of entitled people (CSV): matched, unmatched, ambiguous and unreadable rows with reason codes and file line numbers (municipality admin, counter staff)',
    description:
      'CSV with a header: `passNumber`, or `firstName`, `lastName`, `birthDate`, `postalCode` (Dutch and French names work too; comma or semicolon). Birth dates as `17/08/1948`, `17-08-1948`, `17.08.1948` or `1948-08-17`. Nothing is granted until the import is confirmed.',
    security: SECURITY,
    request: { params: MunicipalityParams, body: jsonBody(ImportInputSchema) },
    responses: {
      201: jsonResponse(ImportAnswerSchema, 'The dry run'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'payload_too_large'),
    },
  }),
  async (c) => {
    const { municipalityId } = c.req.valid('param');
    const user = requireUser(c);
    allow(hasMunicipalityRole(user, municipalityId, 'municipality_admin', 'counter'));
    const input = c.req.valid('json');
    const { lines, error } = readImport(input.csv);
    if (error) {
      throw new Problem('validation_failed', {
        detail: error,
        fields: [
          {
            pointer: '/csv',
            code: 'invalid',
            messages: {
              nl: 'Dit bestand kan niet gelezen worden: kijk de kolomnamen na.',
              fr: 'Ce fichier ne peut pas être lu : vérifiez les noms de colonnes.',
              en: 'This file cannot be read: check the column names.',
            },
          },
        ],
      });
    }
    const rows = classify(
      lines,
      await repo.importCandidates(c.env.DB, municipalityId, lines),
      municipalityId,
    );
    const { unreadable: _u, ...counts } = countRows(rows);
    const record = {
      id: newId(),
      municipalityId,
      fileHash: await fileHash(input.csv),
      fileName: input.fileName ?? null,
      validUntil: input.validUntil ?? statusUntil('april30_after_next', today(c), null),
      graceDays: input.graceDays,
      rows,
      ...counts,
      confirmedAt: null,
    };
    await repo.saveImport(c.env.DB, record, user.id, c.var.now.toISOString());
    return c.json(importAnswer((await repo.findImport(c.env.DB, record.id))!), 201);
  },
);

const ImportParams = z.object({ importId: IdSchema });

async function loadImport(c: Context<AppEnv>, importId: string) {
  const found = await repo.findImport(c.env.DB, importId);
  if (!found) throw new Problem('not_found');
  allow(hasMunicipalityRole(requireUser(c), found.municipalityId, 'municipality_admin', 'counter'));
  return importAnswer(found);
}

/** An import as answered: reasons as codes (also for rows stored before codes), counts from the rows. */
function importAnswer(found: NonNullable<Awaited<ReturnType<typeof repo.findImport>>>) {
  const { municipalityId: _m, fileHash: _h, ...stored } = found;
  const rows = withReasonCodes(stored.rows);
  return { ...stored, rows, ...countRows(rows) };
}

app.openapi(
  createRoute({
    method: 'get',
    path: '/status-imports/{importId}',
    tags: ['social status'],
    summary: 'An import and its rows; the unmatched ones are the outreach list',
    security: SECURITY,
    request: { params: ImportParams },
    responses: {
      200: jsonResponse(ImportAnswerSchema, 'The import'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => c.json(await loadImport(c, c.req.valid('param').importId), 200),
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/status-imports/{importId}/confirm',
    tags: ['social status'],
    summary:
      'Confirm an import: the matched people get the status. The same file confirmed twice changes nothing',
    security: SECURITY,
    request: { params: ImportParams },
    responses: {
      200: jsonResponse(ImportAnswerSchema.extend({ granted: z.number().int() }), 'Confirmed'),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { importId } = c.req.valid('param');
    await loadImport(c, importId);
    const granted = await repo.confirmImport(
      c.env.DB,
      importId,
      today(c),
      requireUser(c).id,
      c.var.now.toISOString(),
    );
    return c.json({ ...(await loadImport(c, importId)), granted }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{municipalityId}/renewals',
    tags: ['social status'],
    summary:
      'Statuses ending within 60 days or in their grace period, as the nightly job found them (municipality admin, counter staff)',
    security: SECURITY,
    request: { params: MunicipalityParams },
    responses: {
      200: jsonResponse(z.object({ items: z.array(RenewalSchema) }), 'The renewal list'),
      ...problems('unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const { municipalityId } = c.req.valid('param');
    allow(hasMunicipalityRole(requireUser(c), municipalityId, 'municipality_admin', 'counter'));
    return c.json({ items: await repo.renewals(c.env.DB, municipalityId) }, 200);
  },
);

function dateProblem(pointer: string): Problem {
  return new Problem('validation_failed', {
    detail: `${pointer} is before the start`,
    fields: [
      {
        pointer,
        code: 'invalid',
        messages: {
          nl: 'Deze datum ligt voor de begindatum.',
          fr: 'Cette date est avant la date de début.',
          en: 'This date is before the start date.',
        },
      },
    ],
  });
}

export default app;
