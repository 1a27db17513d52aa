import { parse } from 'csv-parse/sync';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import { registerResident, residentWithStatus } from '../helpers/fixtures.ts';
import { activityAt, sell, sellAt } from './sell.ts';

type Amounts = { regularPrice: number; paid: number; clubShare: number; municipalityShare: number };
type Group = Amounts & {
  kind: string;
  type: string;
  description: string;
  unitRegularPrice: number;
  unitPaid: number;
  count: number;
};
type Line = Amounts & { saleId: string; kind: string; at: string; description: string };
type Statement = {
  status: string;
  paidAt: string | null;
  groups: Group[];
  totals: Amounts & { lines: number };
};
type Audit = { status: string; lines: Line[]; totals: Amounts & { lines: number } };

const GROUP_KEYS = [
  'clubShare',
  'count',
  'description',
  'kind',
  'municipalityShare',
  'paid',
  'regularPrice',
  'type',
  'unitPaid',
  'unitRegularPrice',
];

const september = (day: number, hour = 10) =>
  `2026-09-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

function csvRows(text: string): Record<string, string>[] {
  return parse(text, { delimiter: ';', bom: true, columns: true }) as Record<string, string>[];
}

/** The body as sent, byte order mark included (Response.text() drops it). */
async function csvText(response: Response): Promise<string> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return `${bom ? '\uFEFF' : ''}${new TextDecoder().decode(bom ? bytes.subarray(3) : bytes)}`;
}

const cents = (s: string) => Math.round(Number(s.replace(',', '.')) * 100);

describe('monthly statements', () => {
  it('adds up every sale per activity and price, totals equal to the sum of the sales, as JSON and as CSV', async () => {
    const counter = await loginAs('counter');
    const club = await loginAs('club');
    const door = await loginAs('door');
    const a = await residentWithStatus(counter);
    const b = await residentWithStatus(counter);
    const c = await registerResident(counter);
    // Swimming twice in the month (two activities with one title), a tournament once.
    const swim = { title: `Zwemmen ${crypto.randomUUID().slice(0, 6)}`, regularPriceCents: 400 };
    await sellAt(door, a.passholder.passNumber, september(3), swim);
    await sellAt(door, b.passholder.passNumber, september(10), { regularPriceCents: 1500 });
    await sellAt(door, c.passholder.passNumber, september(20), swim);
    await sellAt(door, a.passholder.passNumber, '2026-10-01T08:00:00.000Z', { regularPriceCents: 500 });
    const url = `/api/v1/clubs/${await demo.sportsClub()}/statements/2026-09`;
    const statement = await json<Statement>(url, 200, { token: club });
    expect(statement.status).toBe('open');
    expect(statement).not.toHaveProperty('lines');
    const sums = await env.DB.prepare(
      `SELECT count(*) AS lines, sum(regular_price_cents) AS regularPrice, sum(price_cents) AS paid, sum(club_share_cents) AS clubShare,
              sum(municipality_share_cents) AS municipalityShare
         FROM ticket_sales WHERE club_id = ?1 AND sold_at >= '2026-08-31T22:00:00.000Z' AND sold_at < '2026-09-30T22:00:00.000Z' AND cancelled_at IS NULL`,
    )
      .bind(await demo.sportsClub())
      .first();
    expect(statement.totals).toEqual(sums);
    expect(statement.totals).toEqual({
      lines: 3,
      regularPrice: 2300,
      paid: 800,
      clubShare: 750,
      municipalityShare: 750,
    });
    // Swimming at the regular and at the social price are two groups; the tournament one.
    expect(statement.groups, JSON.stringify(statement.groups)).toHaveLength(3);
    for (const g of statement.groups) {
      expect(Object.keys(g).sort()).toEqual(GROUP_KEYS);
      expect(g, JSON.stringify(g)).toMatchObject({ kind: 'sale', type: 'ticket', count: 1 });
      expect(g.regularPrice).toBe(g.unitRegularPrice * g.count);
      expect(g.paid).toBe(g.unitPaid * g.count);
    }
    const swimming = statement.groups.filter((g) => g.description === swim.title);
    expect(swimming.map((g) => [g.unitRegularPrice, g.unitPaid])).toEqual([
      [400, 400],
      [400, 100],
    ]);

    const csvResponse = await call(url, { token: club, headers: { accept: 'text/csv' } });
    expect(csvResponse.headers.get('content-type')).toContain('text/csv');
    const text = await csvText(csvResponse);
    expect(text.startsWith('\uFEFFkind;type;activity;count;')).toBe(true);
    const rows = csvRows(text);
    expect(rows).toHaveLength(4);
    expect(Object.keys(rows[0]!)).toEqual([
      'kind',
      'type',
      'activity',
      'count',
      'unitRegularPrice',
      'unitPaid',
      'regularPrice',
      'paid',
      'clubShare',
      'municipalityShare',
    ]);
    for (const person of [a, b, c]) expect(text).not.toContain(person.passholder.passNumber);
    expect(rows.slice(0, 3).reduce((sum, r) => sum + cents(r.municipalityShare!), 0)).toBe(750);
    expect(rows.slice(0, 3).map((r) => r.count)).toEqual(['1', '1', '1']);
    expect(rows[3]).toMatchObject({ kind: 'total', count: '3', municipalityShare: '7,50', paid: '8,00' });
  });

  it('is approved by the municipality and never changes after; a later cancellation is a correction group in the next', async () => {
    const counter = await loginAs('counter');
    const admin = await loginAs('admin');
    const door = await loginAs('door');
    const club = await loginAs('club');
    const clubId = await demo.sportsClub();
    const person = await residentWithStatus(counter);
    const saleId = await sellAt(door, person.passholder.passNumber, '2026-08-20T10:00:00.000Z');
    const url = `/api/v1/clubs/${clubId}/statements/2026-08`;
    await expectProblem(await call(`${url}/approve`, { method: 'POST', token: club }), 403, 'forbidden');
    await expectProblem(
      await call(`/api/v1/clubs/${clubId}/statements/2099-01/approve`, { method: 'POST', token: admin }),
      400,
      'validation_failed',
    );
    await expectProblem(
      await call(`${url}/paid`, { method: 'POST', token: admin }),
      409,
      'statement_not_approved',
    );
    const approved = await json<Statement>(`${url}/approve`, 200, { method: 'POST', token: admin });
    expect(approved.status).toBe('approved');
    const before = approved.totals;
    await expectProblem(
      await call(`${url}/approve`, { method: 'POST', token: admin }),
      409,
      'statement_approved',
    );
    const frozenLines = await json<Audit>(`${url}/lines`, 200, { token: admin });
    expect(frozenLines.lines.map((l) => l.saleId)).toContain(saleId);

    // Cancelled after approval (the window is long enough in the test clock), inside September.
    await json(`/api/v1/ticket-sales/${saleId}/cancel`, 200, {
      method: 'POST',
      token: door,
      now: '2026-08-21T09:00:00.000Z',
    });
    expect((await json<Statement>(url, 200, { token: club })).totals).toEqual(before);
    expect((await json<Audit>(`${url}/lines`, 200, { token: admin })).lines).toEqual(frozenLines.lines);
    const next = await json<Statement>(`/api/v1/clubs/${clubId}/statements/2026-09`, 200, { token: club });
    const corrections = next.groups.filter((g) => g.kind === 'correction');
    expect(corrections).toHaveLength(1);
    expect(Object.keys(corrections[0]!).sort()).toEqual(GROUP_KEYS);
    expect(corrections[0]).toMatchObject({
      kind: 'correction',
      count: 1,
      unitRegularPrice: 400,
      unitPaid: 100,
      regularPrice: -400,
      municipalityShare: -150,
      paid: -100,
    });
    expect(JSON.stringify(next)).not.toContain(saleId);
    const nextLines = await json<Audit>(`/api/v1/clubs/${clubId}/statements/2026-09/lines`, 200, {
      token: admin,
    });
    expect(nextLines.lines.find((l) => l.saleId === saleId)).toMatchObject({
      kind: 'correction',
      at: '2026-08-21T09:00:00.000Z',
      municipalityShare: -150,
    });
    const csv = await (
      await call(`/api/v1/clubs/${clubId}/statements/2026-09`, {
        token: club,
        headers: { accept: 'text/csv' },
      })
    ).text();
    const correctionRow = csvRows(csv).find((r) => r.kind === 'correction')!;
    expect(correctionRow).toMatchObject({ count: '1', paid: '-1,00', municipalityShare: '-1,50' });
    expect(csv).toContain(';-1,50\r\n');

    const paid = await json<Statement>(`${url}/paid`, 200, { method: 'POST', token: admin });
    expect(paid.status).toBe('paid');
    await expectProblem(
      await call(`${url}/paid`, { method: 'POST', token: admin }),
      409,
      'statement_paid_already',
    );
    expect((await json<Statement>(url, 200, { token: admin })).paidAt).toBe(paid.paidAt);
    const overview = await json<{ items: { clubName: string; status: string }[] }>(
      `/api/v1/municipalities/${await demo.demostad()}/statements/2026-08`,
      200,
      { token: admin },
    );
    expect(overview.items.find((s) => s.clubName === 'Sportclub Demostad')?.status).toBe('paid');
    await expectProblem(
      await call(`/api/v1/clubs/${await demo.cultureClub()}/statements/2026-08`, { token: club }),
      403,
      'forbidden',
    );
  });

  it('offers approval only for a finished month: the overview says whether the month ended, and approving a running month is refused on its field', async () => {
    // Sessions follow the test clock: sign in at the moment of each call.
    const municipality = await demo.demostad();
    const overview = async (now: string) =>
      json<{ items: { clubId: string; monthEnded: boolean }[] }>(
        `/api/v1/municipalities/${municipality}/statements/2026-11`,
        200,
        { token: await loginAs('admin', now), now },
      );
    // On the last evening of November in Brussels the month still runs; an hour later it is over.
    expect((await overview('2026-11-30T22:30:00Z')).items.every((s) => !s.monthEnded)).toBe(true);
    expect((await overview('2026-11-30T23:30:00Z')).items.every((s) => s.monthEnded)).toBe(true);
    const refused = await call(`/api/v1/clubs/${await demo.sportsClub()}/statements/2026-11/approve`, {
      method: 'POST',
      token: await loginAs('admin', '2026-11-30T22:30:00Z'),
      now: '2026-11-30T22:30:00Z',
    });
    const problem = await expectProblem(refused, 400, 'validation_failed');
    expect(JSON.stringify(problem)).toContain('/month');
  });

  it('gives the municipality the lines one by one with Brussels dates in the CSV, near midnight in summer and winter', async () => {
    const counter = await loginAs('counter');
    const admin = await loginAs('admin');
    const door = await loginAs('door');
    const clubId = await demo.sportsClub();
    const title = `Nachtzwemmen ${crypto.randomUUID().slice(0, 6)}`;
    const activityIds = new Map<string, string>();
    const sellOne = async (now: string) => {
      const passNumber = (await registerResident(counter)).passholder.passNumber;
      const { id } = await activityAt(now, { title, regularPriceCents: 700 });
      const saleId = await sell(door, passNumber, id, now);
      activityIds.set(saleId, id);
      return saleId;
    };
    // 00:30 on 1 July in Brussels (summer time, UTC+2) is still 30 June in UTC.
    const julyFirst = await sellOne('2026-06-30T22:30:00.000Z');
    const juneLast = await sellOne('2026-06-30T21:30:00.000Z');
    // 00:30 on 1 November in Brussels (winter time since 25 October, UTC+1).
    const novemberFirst = await sellOne('2026-10-31T23:30:00.000Z');
    const octoberLast = await sellOne('2026-10-31T22:30:00.000Z');

    const audit = async (month: string) => {
      const response = await call(`/api/v1/clubs/${clubId}/statements/${month}/lines`, {
        token: admin,
        headers: { accept: 'text/csv' },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/csv');
      const text = await csvText(response);
      expect(text.startsWith('\uFEFFsaleId;kind;type;date;time;activity;')).toBe(true);
      return csvRows(text);
    };
    const row = (rows: Record<string, string>[], saleId: string) => rows.find((r) => r.saleId === saleId);
    const june = await audit('2026-06');
    const july = await audit('2026-07');
    expect(row(july, julyFirst)).toMatchObject({ date: '2026-07-01', time: '00:30', kind: 'sale' });
    expect(row(june, julyFirst)).toBeUndefined();
    expect(row(june, juneLast)).toMatchObject({ date: '2026-06-30', time: '23:30' });
    expect(row(july, juneLast)).toBeUndefined();
    const october = await audit('2026-10');
    const november = await audit('2026-11');
    expect(row(november, novemberFirst)).toMatchObject({ date: '2026-11-01', time: '00:30' });
    expect(row(october, octoberLast)).toMatchObject({ date: '2026-10-31', time: '23:30' });
    expect(row(october, novemberFirst)).toBeUndefined();
    expect(october.at(-1)).toMatchObject({ kind: 'total' });

    // The JSON lines carry the UTC time, the sale id and the amounts, never the person.
    const lines = await json<Audit>(`/api/v1/clubs/${clubId}/statements/2026-07/lines`, 200, {
      token: admin,
    });
    const line = lines.lines.find((l) => l.saleId === julyFirst)!;
    expect(Object.keys(line).sort()).toEqual([
      'activityId',
      'at',
      'clubShare',
      'description',
      'kind',
      'municipalityShare',
      'paid',
      'regularPrice',
      'saleId',
      'type',
    ]);
    expect(line).toMatchObject({
      at: '2026-06-30T22:30:00.000Z',
      activityId: activityIds.get(julyFirst),
      description: title,
      regularPrice: 700,
    });
  });

  it('keeps the lines for the municipality: club admins, door staff and counter staff are refused', async () => {
    const url = `/api/v1/clubs/${await demo.sportsClub()}/statements/2026-09/lines`;
    for (const role of ['club', 'door', 'counter'] as const) {
      await expectProblem(await call(url, { token: await loginAs(role) }), 403, 'forbidden');
    }
    await expectProblem(await call(url), 401, 'unauthenticated');
    await expectProblem(
      await call(`/api/v1/clubs/${await demo.sportsClub()}/statements/2026-13/lines`, {
        token: await loginAs('admin'),
      }),
      400,
      'validation_failed',
    );
  });

  it('shows the municipality its yearly budget use, per category and per club, with the warning', async () => {
    const admin = await loginAs('admin');
    const year = new Date().getUTCFullYear();
    const url = `/api/v1/municipalities/${await demo.demostad()}/budgets/${year}`;
    const person = await residentWithStatus(await loginAs('counter'));
    await sellAt(await loginAs('door'), person.passholder.passNumber, new Date().toISOString(), {
      regularPriceCents: 1500,
    });
    const budget = await json<{
      usedCents: number;
      warning: boolean;
      byCategory: { category: string; cents: number }[];
      byClub: { clubName: string }[];
    }>(url, 200, { token: admin });
    expect(budget.usedCents).toBeGreaterThanOrEqual(600);
    expect(budget.byCategory.find((c) => c.category === 'sport')!.cents).toBe(budget.usedCents);
    expect(budget.byClub.map((c) => c.clubName)).toEqual(['Sportclub Demostad']);
    expect(budget.warning).toBe(false);
    const tight = await json<{ warning: boolean; usedPct: number }>(url, 200, {
      method: 'PUT',
      token: admin,
      body: { amountCents: budget.usedCents, warningPct: 90 },
    });
    expect(tight).toMatchObject({ warning: true, usedPct: 100 });
    await expectProblem(await call(url, { token: await loginAs('counter') }), 403, 'forbidden');
  });
});
