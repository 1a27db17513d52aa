import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import * as repo from '../../src/statements/repo.ts';
import { monthRange } from '../../src/lib/periods.ts';
import { demo, json, loginAs } from '../helpers/api.ts';
import { registerResident, residentWithStatus } from '../helpers/fixtures.ts';
import { sellAt } from './sell.ts';
import type {
  Statement as StatementOfMonth,
  StatementGroup,
  StatementLine,
} from '../../src/statements/schema.ts';

type Group = StatementGroup;
type Line = StatementLine;
type Statement = Pick<StatementOfMonth, 'status' | 'groups' | 'totals'>;
type Audit = { lines: Line[] };

/** The groups a statement's lines add up to, in the statement's order: added up here, not by SQL. */
function groupsOf(lines: Line[]): Group[] {
  const groups = new Map<string, Group>();
  for (const l of lines) {
    const sign = l.kind === 'sale' ? 1 : -1;
    const unitRegularPrice = sign * l.regularPrice;
    const unitPaid = sign * l.paid;
    const key = JSON.stringify([l.kind, l.type, l.description, unitRegularPrice, unitPaid]);
    const g = groups.get(key) ?? {
      kind: l.kind,
      type: l.type,
      description: l.description,
      unitRegularPrice,
      unitPaid,
      count: 0,
      regularPrice: 0,
      paid: 0,
      clubShare: 0,
      municipalityShare: 0,
    };
    groups.set(key, {
      ...g,
      count: g.count + 1,
      regularPrice: g.regularPrice + l.regularPrice,
      paid: g.paid + l.paid,
      clubShare: g.clubShare + l.clubShare,
      municipalityShare: g.municipalityShare + l.municipalityShare,
    });
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...groups.values()].sort(
    (a, b) =>
      order(b.kind, a.kind) ||
      order(a.description, b.description) ||
      order(a.type, b.type) ||
      b.unitRegularPrice - a.unitRegularPrice ||
      b.unitPaid - a.unitPaid,
  );
}

describe('statement sums', () => {
  it('adds up in SQL what its lines add up to: prices, a cancellation before approval, corrections after; approval freezes the same groups', async () => {
    const counter = await loginAs('counter');
    const door = await loginAs('door');
    const admin = await loginAs('admin');
    const club = await loginAs('club');
    const clubId = await demo.sportsClub();
    const tag = crypto.randomUUID().slice(0, 6);
    const swim = { title: `Som zwemmen ${tag}`, regularPriceCents: 400 };
    const match = { title: `Som match ${tag}`, regularPriceCents: 1500 };
    const mine = <T extends { description: string }>(rows: T[]) =>
      rows.filter((r) => r.description.endsWith(tag));
    const social = (await residentWithStatus(counter)).passholder.passNumber;
    const [one, two] = [
      (await registerResident(counter)).passholder.passNumber,
      (await registerResident(counter)).passholder.passNumber,
    ];
    const url = (month: string) => `/api/v1/clubs/${clubId}/statements/${month}`;
    const open = async (month: string) => {
      const statement = await json<Statement>(url(month), 200, { token: club });
      const audit = await json<Audit>(`${url(month)}/lines`, 200, { token: admin });
      return { statement, groups: mine(statement.groups), lines: mine(audit.lines), allLines: audit.lines };
    };
    const cancel = (saleId: string, now: string) =>
      json(`/api/v1/ticket-sales/${saleId}/cancel`, 200, { method: 'POST', token: door, now });

    // January: two groups of swimming (one with two sales), a match, a match cancelled the next day.
    await sellAt(door, social, '2026-01-10T10:00:00.000Z', swim);
    await sellAt(door, one, '2026-01-10T11:00:00.000Z', swim);
    await sellAt(door, two, '2026-01-12T10:00:00.000Z', swim);
    await sellAt(door, social, '2026-01-20T10:00:00.000Z', match);
    const cancelledEarly = await sellAt(door, one, '2026-01-20T12:00:00.000Z', match);
    await cancel(cancelledEarly, '2026-01-21T09:00:00.000Z');
    // Sold at the end of January, cancelled on 1 February after January's approval: four corrections.
    const late = [
      await sellAt(door, social, '2026-01-30T10:00:00.000Z', swim),
      await sellAt(door, one, '2026-01-30T11:00:00.000Z', swim),
      await sellAt(door, two, '2026-01-30T12:00:00.000Z', swim),
      await sellAt(door, social, '2026-01-31T10:00:00.000Z', match),
    ];

    const january = await open('2026-01');
    expect(january.lines).toHaveLength(8);
    expect(january.lines.map((l) => l.saleId)).not.toContain(cancelledEarly);
    expect(january.groups).toEqual(groupsOf(january.lines));
    expect(january.groups.map((g) => [g.description, g.unitRegularPrice, g.unitPaid, g.count])).toEqual([
      [match.title, 1500, 300, 2],
      [swim.title, 400, 400, 4],
      [swim.title, 400, 100, 2],
    ]);
    expect(january.statement.totals).toEqual(
      groupsOf(january.allLines).reduce(
        (t, g) => ({
          lines: t.lines + g.count,
          regularPrice: t.regularPrice + g.regularPrice,
          paid: t.paid + g.paid,
          clubShare: t.clubShare + g.clubShare,
          municipalityShare: t.municipalityShare + g.municipalityShare,
        }),
        { lines: 0, regularPrice: 0, paid: 0, clubShare: 0, municipalityShare: 0 },
      ),
    );
    const approvedJanuary = await json<Statement>(`${url('2026-01')}/approve`, 200, {
      method: 'POST',
      token: admin,
    });
    expect(approvedJanuary.groups).toEqual(january.statement.groups);
    expect(approvedJanuary.totals).toEqual(january.statement.totals);

    for (const saleId of late) await cancel(saleId, '2026-02-01T09:00:00.000Z');
    await sellAt(door, two, '2026-02-05T10:00:00.000Z', match);
    expect((await json<Statement>(url('2026-01'), 200, { token: club })).groups).toEqual(
      january.statement.groups,
    );

    const february = await open('2026-02');
    expect(february.groups).toEqual(groupsOf(february.lines));
    expect(february.groups).toEqual([
      {
        kind: 'sale',
        type: 'ticket',
        description: match.title,
        unitRegularPrice: 1500,
        unitPaid: 1500,
        count: 1,
        regularPrice: 1500,
        paid: 1500,
        clubShare: 0,
        municipalityShare: 0,
      },
      {
        kind: 'correction',
        type: 'ticket',
        description: match.title,
        unitRegularPrice: 1500,
        unitPaid: 300,
        count: 1,
        regularPrice: -1500,
        paid: -300,
        clubShare: -600,
        municipalityShare: -600,
      },
      {
        kind: 'correction',
        type: 'ticket',
        description: swim.title,
        unitRegularPrice: 400,
        unitPaid: 400,
        count: 2,
        regularPrice: -800,
        paid: -800,
        clubShare: 0,
        municipalityShare: 0,
      },
      {
        kind: 'correction',
        type: 'ticket',
        description: swim.title,
        unitRegularPrice: 400,
        unitPaid: 100,
        count: 1,
        regularPrice: -400,
        paid: -100,
        clubShare: -150,
        municipalityShare: -150,
      },
    ]);
    // Until February is approved, a later open month shows the same corrections.
    expect((await open('2026-03')).groups).toEqual(february.groups.filter((g) => g.kind === 'correction'));

    const approvedFebruary = await json<Statement>(`${url('2026-02')}/approve`, 200, {
      method: 'POST',
      token: admin,
    });
    expect(approvedFebruary.groups).toEqual(february.statement.groups);
    expect(approvedFebruary.totals).toEqual(february.statement.totals);
    const frozen = await json<Audit>(`${url('2026-02')}/lines`, 200, { token: admin });
    expect(frozen.lines).toEqual(february.allLines);
    expect((await open('2026-03')).groups).toEqual([]);
  });

  it('adds up an open month from indexes: the sales from a covering index, corrections from the cancelled sales', async () => {
    const captured: { sql: string; values: unknown[] }[] = [];
    const fake = {
      prepare: (sql: string) => ({
        bind: (...values: unknown[]) => {
          captured.push({ sql, values });
          return { all: async () => ({ results: [] }) };
        },
      }),
    } as unknown as D1Database;
    const source = { clubId: await demo.sportsClub(), range: monthRange('2026-02') };
    await repo.groups(fake, source);
    await repo.lines(fake, source);
    const plans = [];
    for (const { sql, values } of captured) {
      const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...values)
        .all<{ detail: string }>();
      plans.push(plan.results.map((r) => r.detail));
    }
    const [groups, lines] = plans as [string[], string[]];
    expect(groups, groups.join('\n')).toContainEqual(
      expect.stringMatching(
        /^SEARCH s USING COVERING INDEX sales_by_club_month_amounts \(club_id=\? AND sold_at>\? AND sold_at<\?\)$/,
      ),
    );
    for (const plan of [groups, lines]) {
      expect(plan, plan.join('\n')).toContainEqual(
        expect.stringMatching(/^SEARCH s USING INDEX sales_cancelled_by_club \(club_id=\? AND cancelled_at/),
      );
      expect(plan, plan.join('\n')).toContainEqual(
        expect.stringMatching(/^SEARCH s USING (COVERING )?INDEX sales_by_club_month_amounts/),
      );
      expect(plan.join('\n')).not.toMatch(/\bSCAN s\b/);
    }
  });
});
