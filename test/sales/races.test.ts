import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import { createActivity, residentWithStatus } from '../helpers/fixtures.ts';

type Price = { price: number; tariffId: string };
type Sales = { sales: { id: string }[] };

async function tighterRule(admin: string) {
  // A new rule version for Demostad: many tickets per activity, but only three reduced ones a month.
  await json(`/api/v1/municipalities/${await demo.demostad()}/tariff-rules`, 201, {
    token: admin,
    body: {
      key: { participantBp: 2000, clubBp: 4000, municipalityBp: 4000 },
      caps: { perActivity: 100, perPeriod: [{ period: 'MONTH', count: 3 }] },
    },
  });
}

const salesOf = async (passholderId: string) =>
  (await env.DB.prepare(
    'SELECT count(*) AS n FROM ticket_sales WHERE passholder_id = ?1 AND cancelled_at IS NULL',
  )
    .bind(passholderId)
    .first<{ n: number }>())!.n;

describe('caps and idempotency under concurrency', () => {
  it('50 parallel sales for a holder with 3 reduced uses left: exactly 3 succeed', async () => {
    await tighterRule(await loginAs('admin'));
    const person = await residentWithStatus(await loginAs('counter'));
    const door = await loginAs('door');
    const activityId = (await createActivity({ regularPriceCents: 1500 })).id;
    const quote = await json<Price>(
      `/api/v1/tariffs?activityId=${activityId}&passNumber=${person.passholder.passNumber}`,
      200,
      { token: door },
    );
    expect(quote).toMatchObject({ price: 300 });
    const body = {
      sales: [{ activityId, passNumber: person.passholder.passNumber, tariffId: quote.tariffId }],
    };
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => call('/api/v1/ticket-sales', { token: door, body })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(47);
    // The till hears only that the price changed (as for any other change), never that a cap was reached.
    for (const r of responses.filter((r) => r.status === 409))
      expect(((await r.json()) as { code: string }).code).toBe('tariff_changed');
    expect(await salesOf(person.passholder.id)).toBe(3);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM sale_guards').first<{ n: number }>())!.n).toBe(0);
  });

  it('replays the same Idempotency-Key, refuses it for another body, and writes once under concurrency', async () => {
    const person = await residentWithStatus(await loginAs('counter'));
    const door = await loginAs('door');
    const activityId = (await createActivity({ regularPriceCents: 400 })).id;
    const quote = await json<Price>(
      `/api/v1/tariffs?activityId=${activityId}&passNumber=${person.passholder.passNumber}`,
      200,
      { token: door },
    );
    const body = {
      sales: [{ activityId, passNumber: person.passholder.passNumber, tariffId: quote.tariffId }],
    };
    const key = crypto.randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        call('/api/v1/ticket-sales', { token: door, body, headers: { 'idempotency-key': key } }),
      ),
    );
    const answers = (await Promise.all(responses.map((r) => r.json()))) as Sales[];
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(answers.map((a) => a.sales[0]!.id)).size).toBe(1);
    expect(await salesOf(person.passholder.id)).toBe(1);
    const replay = await call('/api/v1/ticket-sales', {
      token: door,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(((await replay.json()) as Sales).sales[0]!.id).toBe(answers[0]!.sales[0]!.id);
    await expectProblem(
      await call('/api/v1/ticket-sales', {
        token: door,
        body: { sales: [{ ...body.sales[0]!, passNumber: await demo.passNumber('neighbour') }] },
        headers: { 'idempotency-key': key },
      }),
      422,
      'idempotency_mismatch',
    );
    expect(await salesOf(person.passholder.id)).toBe(1);
  });

  it('keeps past sales as they were when the rule changes', async () => {
    const admin = await loginAs('admin');
    const person = await residentWithStatus(await loginAs('counter'));
    const door = await loginAs('door');
    const activityId = (await createActivity({ regularPriceCents: 400 })).id;
    const before = await json<Price>(
      `/api/v1/tariffs?activityId=${activityId}&passNumber=${person.passholder.passNumber}`,
      200,
      { token: door },
    );
    const sold = await json<Sales>('/api/v1/ticket-sales', 201, {
      token: door,
      body: { sales: [{ activityId, passNumber: person.passholder.passNumber, tariffId: before.tariffId }] },
    });
    const rules = await json<{ items: { version: number; validUntil: string | null; scope: string }[] }>(
      `/api/v1/municipalities/${await demo.demostad()}/tariff-rules`,
      201,
      {
        token: admin,
        body: {
          key: { participantBp: 1000, clubBp: 4500, municipalityBp: 4500 },
          minPriceCents: 50,
          caps: {},
        },
      },
    );
    const own = rules.items.filter((r) => r.scope === 'municipality');
    expect(own[0]).toMatchObject({ validUntil: null });
    expect(own.slice(1).every((r) => r.validUntil !== null)).toBe(true);
    const stored = await env.DB.prepare('SELECT price_cents, rule_version FROM ticket_sales WHERE id = ?1')
      .bind(sold.sales[0]!.id)
      .first<{ price_cents: number; rule_version: number }>();
    expect(stored!.price_cents).toBe(100);
    expect(stored!.rule_version).toBeLessThan(own[0]!.version);
    const other = await residentWithStatus(await loginAs('counter'));
    expect(
      (
        await json<Price>(
          `/api/v1/tariffs?activityId=${activityId}&passNumber=${other.passholder.passNumber}`,
          200,
          { token: door },
        )
      ).price,
    ).toBe(50);
    await expectProblem(
      await call(`/api/v1/municipalities/${await demo.demostad()}/tariff-rules`, {
        token: admin,
        body: { key: { participantBp: 3000, clubBp: 3500, municipalityBp: 3500 } },
      }),
      400,
      'validation_failed',
    );
    await expectProblem(
      await call(`/api/v1/municipalities/${await demo.demostad()}/tariff-rules`, {
        token: admin,
        body: { validFrom: '2020-01-01', key: { participantBp: 2000, clubBp: 4000, municipalityBp: 4000 } },
      }),
      400,
      'validation_failed',
    );
  });
});
