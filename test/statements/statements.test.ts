import { parse } from 'csv-parse/sync';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import { registerResident, residentWithStatus } from '../helpers/fixtures.ts';

type Line = {
  saleId: string;
  kind: string;
  regularPrice: number;
  paid: number;
  clubShare: number;
  municipalityShare: number;
};
type Statement = {
  status: string;
  lines: Line[];
  totals: { lines: number; regularPrice: number; paid: number; clubShare: number; municipalityShare: number };
};

const september = (day: number, hour = 10) =>
  `2026-09-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

async function sellAt(door: string, passNumber: string, activityKey: string, now: string): Promise<string> {
  const activityId = await demo.id(`activity:${activityKey}`);
  const quote = await json<{ tariffId: string }>(
    `/api/v1/tariffs?activityId=${activityId}&passNumber=${passNumber}`,
    200,
    { token: door, now },
  );
  const sold = await json<{ sales: { id: string }[] }>('/api/v1/ticket-sales', 201, {
    token: door,
    now,
    body: { sales: [{ activityId, passNumber, tariffId: quote.tariffId }] },
  });
  return sold.sales[0]!.id;
}

describe('monthly statements', () => {
  it('lists every sale with totals equal to the sum of the sales, as JSON and as CSV', async () => {
    const counter = await loginAs('counter');
    const club = await loginAs('club');
    const door = await loginAs('door');
    const a = await residentWithStatus(counter);
    const b = await residentWithStatus(counter);
    const c = await registerResident(counter);
    await sellAt(door, a.passholder.passNumber, 'swim', september(3));
    await sellAt(door, b.passholder.passNumber, 'tournament', september(10));
    await sellAt(door, c.passholder.passNumber, 'swim', september(20));
    await sellAt(door, a.passholder.passNumber, 'yoga', '2026-10-01T08:00:00.000Z');
    const url = `/api/v1/clubs/${await demo.sportsClub()}/statements/2026-09`;
    const statement = await json<Statement>(url, 200, { token: club });
    expect(statement.status).toBe('open');
    expect(statement.lines).toHaveLength(3);
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

    const csvResponse = await call(url, { token: club, headers: { accept: 'text/csv' } });
    expect(csvResponse.headers.get('content-type')).toContain('text/csv');
    const rows = parse(await csvResponse.text(), { delimiter: ';', bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(4);
    expect(
      rows
        .slice(0, 3)
        .map((r) => r.passNumber)
        .sort(),
    ).toEqual([a.passholder.passNumber, b.passholder.passNumber, c.passholder.passNumber].sort());
    const euros = (s: string) => Math.round(Number(s.replace(',', '.')) * 100);
    expect(rows.slice(0, 3).reduce((sum, r) => sum + euros(r.municipalityShare!), 0)).toBe(750);
    expect(rows[3]).toMatchObject({ kind: 'total', municipalityShare: '7,50', paid: '8,00' });
  });

  it('is approved by the municipality and never changes after; a later cancellation is a correction in the next', async () => {
    const counter = await loginAs('counter');
    const admin = await loginAs('admin');
    const door = await loginAs('door');
    const club = await loginAs('club');
    const clubId = await demo.sportsClub();
    const person = await residentWithStatus(counter);
    const saleId = await sellAt(door, person.passholder.passNumber, 'swim', '2026-08-20T10:00:00.000Z');
    const url = `/api/v1/clubs/${clubId}/statements/2026-08`;
    await expectProblem(await call(`${url}/approve`, { method: 'POST', token: club }), 403, 'forbidden');
    await expectProblem(
      await call(`/api/v1/clubs/${clubId}/statements/2099-01/approve`, { method: 'POST', token: admin }),
      400,
      'validation_failed',
    );
    const approved = await json<Statement>(`${url}/approve`, 200, { method: 'POST', token: admin });
    expect(approved.status).toBe('approved');
    const before = approved.totals;
    await expectProblem(
      await call(`${url}/approve`, { method: 'POST', token: admin }),
      409,
      'statement_approved',
    );

    // Cancelled after approval (the window is long enough in the test clock), inside September.
    await json(`/api/v1/ticket-sales/${saleId}/cancel`, 200, {
      method: 'POST',
      token: door,
      now: '2026-08-21T09:00:00.000Z',
    });
    expect((await json<Statement>(url, 200, { token: club })).totals).toEqual(before);
    const next = await json<Statement>(`/api/v1/clubs/${clubId}/statements/2026-09`, 200, { token: club });
    const correction = next.lines.find((l) => l.saleId === saleId)!;
    expect(correction).toMatchObject({ kind: 'correction', municipalityShare: -150, paid: -100 });

    const paid = await json<Statement>(`${url}/paid`, 200, { method: 'POST', token: admin });
    expect(paid.status).toBe('paid');
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

  it('shows the municipality its yearly budget use, per category and per club, with the warning', async () => {
    const admin = await loginAs('admin');
    const year = new Date().getUTCFullYear();
    const url = `/api/v1/municipalities/${await demo.demostad()}/budgets/${year}`;
    const person = await residentWithStatus(await loginAs('counter'));
    await sellAt(await loginAs('door'), person.passholder.passNumber, 'tournament', new Date().toISOString());
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
