import { parse } from 'csv-parse/sync';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import {
  createStaffUser,
  registerResident,
  residentWithStatus,
  type Registered,
} from '../helpers/fixtures.ts';
import { activityAt, sell as sellTo } from '../statements/sell.ts';

/** Keys a club's statement may hold: the statement's own, and a group's. None differs per buyer. */
const STATEMENT_KEYS = [
  'approvedAt',
  'clubId',
  'clubName',
  'currency',
  'groups',
  'month',
  'paidAt',
  'status',
  'totals',
];
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
const LINE_KEYS = [
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
];

type Person = Registered & { firstName: string };

/** A sale to this person at an activity with this title whose door is open at `now`. */
async function sell(door: string, who: Person, title: string, now: string) {
  const activity = await activityAt(now, { title, regularPriceCents: 800 });
  return { saleId: await sellTo(door, who.passholder.passNumber, activity.id, now), activityId: activity.id };
}

async function person(counter: string, withStatus: boolean): Promise<Person> {
  const firstName = `Priv${crypto.randomUUID().slice(0, 6)}`;
  const registered = withStatus
    ? await residentWithStatus(counter, { firstName, lastName: 'Zichtbaar' })
    : await registerResident(counter, { firstName, lastName: 'Zichtbaar' });
  return { ...registered, firstName };
}

async function csvOf(path: string, token: string): Promise<string> {
  const response = await call(path, { token, headers: { accept: 'text/csv' } });
  expect(response.status).toBe(200);
  return response.text();
}

type Group = Record<string, unknown> & { description: string; kind: string; count: number };
type Statement = Record<string, unknown> & { groups: Group[] };

describe('privacy of statements', () => {
  it('a club cannot tell a holder with social status from one without, except by counts per price', async () => {
    const counter = await loginAs('counter');
    const door = await loginAs('door');
    const club = await loginAs('club');
    const admin = await loginAs('admin');
    const clubId = await demo.sportsClub();
    const title = `Dansles ${crypto.randomUUID().slice(0, 6)}`;
    const ofActivity = (s: Statement) => s.groups.filter((g) => g.description === title);

    // March: the holder with status buys first; April: another pair, the other way round, other times.
    const march = [await person(counter, true), await person(counter, false)];
    const april = [await person(counter, false), await person(counter, true)];
    const sales = [
      await sell(door, march[0]!, title, '2026-03-05T09:00:00.000Z'),
      await sell(door, march[1]!, title, '2026-03-20T17:45:00.000Z'),
      await sell(door, april[0]!, title, '2026-04-02T08:10:00.000Z'),
      await sell(door, april[1]!, title, '2026-04-29T21:00:00.000Z'),
    ];
    const saleIds = sales.map((x) => x.saleId);
    const people = [...march, ...april];

    const statements: Statement[] = [];
    const csvs: string[] = [];
    for (const month of ['2026-03', '2026-04']) {
      const url = `/api/v1/clubs/${clubId}/statements/${month}`;
      const text = await (await call(url, { token: club })).text();
      const statement = JSON.parse(text) as Statement;
      statements.push(statement);
      csvs.push(await csvOf(url, club));
      expect(Object.keys(statement).sort()).toEqual(STATEMENT_KEYS);
      for (const g of statement.groups) expect(Object.keys(g).sort()).toEqual(GROUP_KEYS);
      // Approving changes nothing about who can be seen.
      await json(`${url}/approve`, 200, { method: 'POST', token: admin });
      const approved = await json<Statement>(url, 200, { token: club });
      expect(ofActivity(approved)).toEqual(ofActivity(statement));
    }
    for (const text of [...statements.map((s) => JSON.stringify(s)), ...csvs]) {
      for (const p of people) {
        expect(text).not.toContain(p.passholder.passNumber);
        expect(text).not.toContain(p.passholder.id);
        expect(text).not.toContain(p.firstName);
      }
      expect(text).not.toContain('Zichtbaar');
      for (const id of saleIds) expect(text).not.toContain(id);
      expect(text).not.toMatch(/T\d\d:\d\d/);
    }
    // One sale at the regular price and one at the social price each month, whoever bought first.
    const [m, a] = statements.map(ofActivity) as [Group[], Group[]];
    expect(m).toHaveLength(2);
    expect(m.map((g) => g.count)).toEqual([1, 1]);
    expect(a).toEqual(m);
    // The CSV rows of the activity are the same in both months as well.
    const activityRows = (text: string) =>
      (parse(text, { delimiter: ';', bom: true, columns: true }) as Record<string, string>[]).filter(
        (r) => r.activity === title,
      );
    expect(activityRows(csvs[0]!)).toHaveLength(2);
    expect(Object.keys(activityRows(csvs[0]!)[0]!)).not.toContain('passNumber');
    expect(activityRows(csvs[1]!)).toEqual(activityRows(csvs[0]!));
  });

  it('the municipality audits each sale without the person; only counter staff go from a sale to the person, audited', async () => {
    const counter = await loginAs('counter');
    const door = await loginAs('door');
    const admin = await loginAs('admin');
    const clubId = await demo.sportsClub();
    const title = `Kookles ${crypto.randomUUID().slice(0, 6)}`;
    const holder = await person(counter, true);
    const other = await person(counter, false);
    const { saleId, activityId } = await sell(door, holder, title, '2026-05-12T10:00:00.000Z');
    await sell(door, other, title, '2026-05-12T10:05:00.000Z');

    const url = `/api/v1/clubs/${clubId}/statements/2026-05/lines`;
    const audit = await json<{ lines: (Record<string, unknown> & { saleId: string })[] }>(url, 200, {
      token: admin,
    });
    const line = audit.lines.find((l) => l.saleId === saleId)!;
    expect(Object.keys(line).sort()).toEqual(LINE_KEYS);
    expect(line).toMatchObject({
      at: '2026-05-12T10:00:00.000Z',
      activityId,
      description: title,
      regularPrice: 800,
    });
    const texts = [JSON.stringify(audit), await csvOf(url, admin)];
    for (const text of texts) {
      expect(text).toContain(saleId);
      for (const p of [holder, other]) {
        expect(text).not.toContain(p.passholder.passNumber);
        expect(text).not.toContain(p.passholder.id);
        expect(text).not.toContain(p.firstName);
      }
    }
    // The overview of every club holds totals only.
    const overview = await json(`/api/v1/municipalities/${await demo.demostad()}/statements/2026-05`, 200, {
      token: admin,
    });
    expect(JSON.stringify(overview)).not.toContain(saleId);

    // From the sale to the person: counter staff only, with a reason, written to the holder's audit log.
    const toPerson = (reason?: string) =>
      `/api/v1/ticket-sales/${saleId}/passholder${reason ? `?reason=${reason}` : ''}`;
    for (const role of ['admin', 'club', 'door', 'resident'] as const) {
      await expectProblem(
        await call(toPerson('correction'), { token: await loginAs(role) }),
        403,
        'forbidden',
      );
    }
    await expectProblem(await call(toPerson('correction')), 401, 'unauthenticated');
    await expectProblem(await call(toPerson(), { token: counter }), 400, 'validation_failed');
    await expectProblem(
      await call(`/api/v1/ticket-sales/${crypto.randomUUID()}/passholder?reason=correction`, {
        token: counter,
      }),
      404,
      'not_found',
    );
    const elsewhere = await createStaffUser('counter', { municipalityId: await demo.buurdorp() });
    const elsewhereToken = (
      await json<{ token: string }>('/api/v1/auth/login', 200, {
        body: { login: elsewhere.email, password: elsewhere.password },
      })
    ).token;
    await expectProblem(await call(toPerson('correction'), { token: elsewhereToken }), 403, 'forbidden');
    const countAudit = async () =>
      (await env.DB.prepare(
        "SELECT count(*) AS n FROM audit_log WHERE passholder_id = ?1 AND action = 'read' AND reason = 'correction'",
      )
        .bind(holder.passholder.id)
        .first<{ n: number }>())!.n;
    expect(await countAudit()).toBe(0);

    const record = await json<{ id: string; passNumber: string }>(toPerson('correction'), 200, {
      token: counter,
    });
    expect(record).toMatchObject({ id: holder.passholder.id, passNumber: holder.passholder.passNumber });
    expect(await countAudit()).toBe(1);
    const row = await env.DB.prepare(
      "SELECT actor_user_id FROM audit_log WHERE passholder_id = ?1 AND action = 'read' AND reason = 'correction'",
    )
      .bind(holder.passholder.id)
      .first<{ actor_user_id: string }>();
    expect(row!.actor_user_id).toBe(await demo.user('counter'));
  });
});
