import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { managedClub } from '../clubs/routes.ts';
import { IdSchema, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import { monthRange } from '../tariffs/periods.ts';
import { statementCsv } from './csv.ts';
import * as repo from './repo.ts';
import {
  MonthSchema,
  StatementSchema,
  StatementSummarySchema,
  type Statement,
  type StatementLine,
} from './schema.ts';

const app = new OpenAPIHono<AppEnv>();
const Params = z.object({ clubId: IdSchema, month: MonthSchema });

export function totals(lines: StatementLine[]): Statement['totals'] {
  return lines.reduce(
    (t, l) => ({
      lines: t.lines + 1,
      regularPrice: t.regularPrice + l.regularPrice,
      paid: t.paid + l.paid,
      clubShare: t.clubShare + l.clubShare,
      municipalityShare: t.municipalityShare + l.municipalityShare,
    }),
    { lines: 0, regularPrice: 0, paid: 0, clubShare: 0, municipalityShare: 0 },
  );
}

/** A club's month: frozen lines once approved, live lines before. */
export async function statementOf(
  db: D1Database,
  club: { id: string; name: string },
  month: string,
): Promise<Statement> {
  const stored = await repo.findStatement(db, club.id, month);
  const lines = stored
    ? await repo.approvedLines(db, stored.id)
    : await repo.liveLines(db, club.id, monthRange(month));
  return {
    clubId: club.id,
    clubName: club.name,
    month,
    status: stored ? (stored.paidAt ? 'paid' : 'approved') : 'open',
    approvedAt: stored?.approvedAt ?? null,
    paidAt: stored?.paidAt ?? null,
    currency: 'EUR',
    lines,
    totals: totals(lines),
  };
}

function monthEnded(c: Context<AppEnv>, month: string): boolean {
  return monthRange(month).end <= c.var.now.toISOString();
}

app.openapi(
  createRoute({
    method: 'get',
    path: '/clubs/{clubId}/statements/{month}',
    tags: ['statements'],
    summary:
      'What the municipality owes the club for a month: every sale and correction, with totals (club admin, municipality admin)',
    description:
      'JSON by default; `Accept: text/csv` for a CSV that opens in a spreadsheet. Amounts in cents (JSON) or euros (CSV).',
    security: SECURITY,
    request: { params: Params },
    responses: {
      200: {
        description: 'The statement',
        content: { 'application/json': { schema: StatementSchema }, 'text/csv': { schema: z.string() } },
      },
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { clubId, month } = c.req.valid('param');
    const { club } = await managedClub(c, clubId, 'club_admin');
    const statement = await statementOf(c.env.DB, club, month);
    if (/text\/csv/.test(c.req.header('accept') ?? '')) {
      return c.body(statementCsv(statement), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="buurtpas-${month}-${club.name.replace(/[^\w-]+/g, '-')}.csv"`,
      });
    }
    return c.json(statement, 200);
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
      ...problems('unauthenticated', 'forbidden', 'not_found', 'conflict'),
    },
  }),
  async (c) => {
    const { clubId, month } = c.req.valid('param');
    const { user, club } = await managedClub(c, clubId);
    if (!(await repo.markPaid(c.env.DB, club.id, month, user.id, c.var.now.toISOString()))) {
      throw new Problem('conflict', { detail: 'Not approved yet, or paid already' });
    }
    return c.json(await statementOf(c.env.DB, club, month), 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{municipalityId}/statements/{month}',
    tags: ['statements'],
    summary: 'Every club’s statement of a month, with totals and status (municipality admin)',
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
    return c.json(
      {
        items: statements.map(({ clubId, clubName, month: m, status, totals: t }) => ({
          clubId,
          clubName,
          month: m,
          status,
          totals: t,
        })),
      },
      200,
    );
  },
);

export default app;
