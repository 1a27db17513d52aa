import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { managedClub } from '../auth/access.ts';
import { jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { auditCsv, csvHeaders, statementCsv, wantsCsv } from './csv.ts';
import {
  AuditCsvSchema,
  ClubMonthParams,
  StatementAuditSchema,
  StatementCsvSchema,
  StatementSchema,
} from './schema.ts';
import * as service from './service.ts';

/** A club's monthly statement: added up, line by line for the audit, approved, paid. */
const app = new OpenAPIHono<AppEnv>();

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
    request: { params: ClubMonthParams },
    responses: {
      200: {
        description: 'The statement',
        content: {
          'application/json': { schema: StatementSchema },
          'text/csv': { schema: StatementCsvSchema },
        },
      },
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { clubId, month } = c.req.valid('param');
    const { club } = await managedClub(c, clubId, 'club_admin');
    const statement = await service.statementOf(c.env.DB, club, month);
    if (wantsCsv(c.req.header('accept')))
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
    request: { params: ClubMonthParams },
    responses: {
      200: {
        description: 'The lines',
        content: {
          'application/json': { schema: StatementAuditSchema },
          'text/csv': { schema: AuditCsvSchema },
        },
      },
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const { clubId, month } = c.req.valid('param');
    const { club } = await managedClub(c, clubId);
    const audit = await service.auditOf(c.env.DB, club, month);
    if (wantsCsv(c.req.header('accept')))
      return c.body(auditCsv(audit), 200, csvHeaders(`buurtpas-${month}-${club.name}-lines`));
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
    request: { params: ClubMonthParams },
    responses: {
      200: jsonResponse(StatementSchema, 'Approved'),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found', 'statement_approved'),
    },
  }),
  async (c) => {
    const { clubId, month } = c.req.valid('param');
    const { user, club } = await managedClub(c, clubId);
    return c.json(await service.approve(c.env.DB, { club, month, by: user.id, now: c.var.now }), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/clubs/{clubId}/statements/{month}/paid',
    tags: ['statements'],
    summary: 'Mark an approved statement as paid (municipality admin)',
    security: SECURITY,
    request: { params: ClubMonthParams },
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
    return c.json(await service.markPaid(c.env.DB, { club, month, by: user.id, now: c.var.now }), 200);
  },
);

export default app;
