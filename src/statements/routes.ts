import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { managedClub } from '../auth/access.ts';
import { IdSchema, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import { passholderAccess } from '../auth/access.ts';
import { readRecord } from '../passes/repo.ts';
import { AuditReasonSchema, PassholderSchema } from '../passes/schema.ts';
import { monthRange } from '../lib/periods.ts';
import { auditCsv, statementCsv } from './csv.ts';
import * as repo from './repo.ts';
import {
  MonthSchema,
  StatementAuditSchema,
  StatementSchema,
  StatementSummarySchema,
  type Statement,
  type StatementAudit,
  type StatementTotals,
} from './schema.ts';

const app = new OpenAPIHono<AppEnv>();
const Params = z.object({ clubId: IdSchema, month: MonthSchema });
type Club = { id: string; name: string };

/** Totals of groups or lines: a group counts its sales, a line counts once. */
export function totals(rows: (Omit<StatementTotals, 'lines'> & { count?: number })[]): StatementTotals {
  return rows.reduce<StatementTotals>(
    (t, r) => ({
      lines: t.lines + (r.count ?? 1),
      regularPrice: t.regularPrice + r.regularPrice,
      paid: t.paid + r.paid,
      clubShare: t.clubShare + r.clubShare,
      municipalityShare: t.municipalityShare + r.municipalityShare,
    }),
    { lines: 0, regularPrice: 0, paid: 0, clubShare: 0, municipalityShare: 0 },
  );
}

/** The state of a club's month and where its lines come from: frozen once approved, live before. */
async function header(db: D1Database, club: Club, month: string) {
  const stored = await repo.findStatement(db, club.id, month);
  const source: repo.LineSource = stored
    ? { statementId: stored.id }
    : { clubId: club.id, range: monthRange(month) };
  return {
    source,
    head: {
      clubId: club.id,
      clubName: club.name,
      month,
      status: stored ? (stored.paidAt ? ('paid' as const) : ('approved' as const)) : ('open' as const),
      approvedAt: stored?.approvedAt ?? null,
      paidAt: stored?.paidAt ?? null,
      currency: 'EUR' as const,
    },
  };
}

/** A club's month added up per activity and price: what the club (and anyone else) sees. */
export async function statementOf(db: D1Database, club: Club, month: string): Promise<Statement> {
  const { source, head } = await header(db, club, month);
  const groups = await repo.groups(db, source);
  return { ...head, groups, totals: totals(groups) };
}

/** A club's month line by line without the person: the municipality's audit. */
async function auditOf(db: D1Database, club: Club, month: string): Promise<StatementAudit> {
  const { source, head } = await header(db, club, month);
  const lines = await repo.lines(db, source);
  return { ...head, lines, totals: totals(lines) };
}

function monthEnded(c: Context<AppEnv>, month: string): boolean {
  return monthRange(month).end <= c.var.now.toISOString();
}

function wantsCsv(c: Context<AppEnv>): boolean {
  return /text\/csv/.test(c.req.header('accept') ?? '');
}

function csvHeaders(name: string): Record<string, string> {
  return {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name.replace(/[^\w-]+/g, '-')}.csv"`,
  };
}

app.openapi(
  createRoute({
    method: 'get',
    path: '/clubs/{clubId}/statements/{month}',
    tags: ['statements'],
    summary:
      'What the municipality owes the club for a month, added up per activity (or membership offer) and price, with totals (club admin, municipality admin)',
    description:
      'JSON by default; `Accept: text/csv` for a CSV that opens in a spreadsheet. Amounts in cents (JSON) or euros (CSV). ' +
      'Sales and corrections are counted per activity and per regular and paid price: no sale, pass number, name or time, ' +
      'so nobody can tell from a statement who paid the social tariff.',
    security: SECURITY,
    request: { params: Params },
    responses: {
      200: {
        description: 'The statement',
        content: {
          'application/json': { schema: StatementSchema },
          'text/csv': {
            schema: z.string().openapi({
              description:
                'UTF-8 with BOM, semicolons, decimal commas: kind;type;activity;count;unitRegularPrice;unitPaid;regularPrice;paid;clubShare;municipalityShare, and a total row',
            }),
          },
        },
      },
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { clubId, month } = c.req.valid('param');
    const { club } = await managedClub(c, clubId, 'club_admin');
    const statement = await statementOf(c.env.DB, club, month);
    if (wantsCsv(c))
      return c.body(statementCsv(statement), 200, csvHeaders(`buurtpas-${month}-${club.name}`));
    return c.json(statement, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/clubs/{clubId}/statements/{month}/lines',
    tags: ['statements'],
    summary:
      'The statement’s sales and corrections one by one, for audit: sale id, time, activity, amounts, never the person (municipality admin)',
    description:
      'JSON by default; `Accept: text/csv` for a CSV with Brussels dates and times. Only counter staff can go from a sale to the person, ' +
      'through `GET /ticket-sales/{saleId}/passholder`, which is written to the holder’s audit log.',
    security: SECURITY,
    request: { params: Params },
    responses: {
      200: {
        description: 'The lines',
        content: {
          'application/json': { schema: StatementAuditSchema },
          'text/csv': {
            schema: z.string().openapi({
              description:
                'UTF-8 with BOM, semicolons, decimal commas: saleId;kind;type;date;time;activity;regularPrice;paid;clubShare;municipalityShare (Brussels date and time), and a total row',
            }),
          },
        },
      },
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { clubId, month } = c.req.valid('param');
    const { club } = await managedClub(c, clubId);
    const audit = await auditOf(c.env.DB, club, month);
    if (wantsCsv(c)) return c.body(auditCsv(audit), 200, csvHeaders(`buurtpas-${month}-${club.name}-lines`));
    return c.json(audit, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/clubs/{clubId}/statements/{month}/approve',
    tags: ['statements'],
    summary: 'Approve a finished month; from then on the statement never changes (municipality admin)',
    security: SECURITY,
    request: { params: Params },
    responses: {
      200: jsonResponse(StatementSchema, 'Approved'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found', 'statement_approved'),
    },
  }),
  async (c) => {
    const { clubId, month } = c.req.valid('param');
    const { user, club } = await managedClub(c, clubId);
    if (!monthEnded(c, month)) {
      throw new Problem('validation_failed', {
        detail: 'Only a finished month can be approved',
        fields: [
          {
            pointer: '/month',
            code: 'invalid',
            messages: {
              nl: 'Deze maand is nog niet voorbij.',
              fr: 'Ce mois n’est pas encore terminé.',
              en: 'This month has not ended yet.',
            },
          },
        ],
      });
    }
    if (!(await repo.approve(c.env.DB, club.id, month, monthRange(month), user.id, c.var.now.toISOString())))
      throw new Problem('statement_approved');
    return c.json(await statementOf(c.env.DB, club, month), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/clubs/{clubId}/statements/{month}/paid',
    tags: ['statements'],
    summary: 'Mark an approved statement as paid (municipality admin)',
    security: SECURITY,
    request: { params: Params },
    responses: {
      200: jsonResponse(StatementSchema, 'Paid'),
      ...problems(
        'validation_failed',
        'unauthenticated',
        'forbidden',
        'not_found',
        'statement_not_approved',
        'statement_paid_already',
      ),
    },
  }),
  async (c) => {
    const { clubId, month } = c.req.valid('param');
    const { user, club } = await managedClub(c, clubId);
    if (!(await repo.markPaid(c.env.DB, club.id, month, user.id, c.var.now.toISOString()))) {
      const stored = await repo.findStatement(c.env.DB, club.id, month);
      throw stored?.paidAt
        ? new Problem('statement_paid_already', { detail: `Paid already (${stored.paidAt})` })
        : new Problem('statement_not_approved', { detail: 'Not approved yet' });
    }
    return c.json(await statementOf(c.env.DB, club, month), 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{municipalityId}/statements/{month}',
    tags: ['statements'],
    summary:
      'Every club’s statement of a month, with totals and status (municipality admin); the lines of one club are at `/clubs/{clubId}/statements/{month}/lines`',
    security: SECURITY,
    request: { params: z.object({ municipalityId: IdSchema, month: MonthSchema }) },
    responses: {
      200: jsonResponse(z.object({ items: z.array(StatementSummarySchema) }), 'Statements'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const { municipalityId, month } = c.req.valid('param');
    allow(hasMunicipalityRole(requireUser(c), municipalityId, 'municipality_admin'));
    const clubs = await repo.clubsOf(c.env.DB, municipalityId);
    const statements = await Promise.all(clubs.map((club) => statementOf(c.env.DB, club, month)));
    const ended = monthEnded(c, month);
    return c.json(
      {
        items: statements.map(({ clubId, clubName, month: m, status, totals: t }) => ({
          clubId,
          clubName,
          month: m,
          status,
          monthEnded: ended,
          totals: t,
        })),
      },
      200,
    );
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/ticket-sales/{saleId}/passholder',
    tags: ['statements'],
    summary:
      'From a sale to the person: the passholder’s record, written to their audit log with the reason (counter staff of the holder’s municipality)',
    description:
      'The one way from a statement line to a person. Clubs and the municipality’s admins see statements without people.',
    security: SECURITY,
    request: {
      params: z.object({ saleId: IdSchema }),
      query: z.object({ reason: AuditReasonSchema }),
    },
    responses: {
      200: jsonResponse(PassholderSchema, 'The record'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    allow(
      user.staffRoles.some((r) => r.role === 'counter'),
      'Counter staff only',
    );
    const passholderId = await repo.salePassholder(c.env.DB, c.req.valid('param').saleId);
    if (!passholderId) throw new Problem('not_found');
    const access = await passholderAccess(c, passholderId, false);
    const record = await readRecord(c.env.DB, passholderId, {
      actorUserId: access.user.id,
      action: 'read',
      reason: c.req.valid('query').reason,
      at: c.var.now.toISOString(),
    });
    if (!record) throw new Problem('not_found');
    return c.json(record, 200);
  },
);

export default app;
