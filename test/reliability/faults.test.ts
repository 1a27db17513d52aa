import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, demo, json, loginAs } from '../helpers/api.ts';
import { createActivity, givePoints, registerResident, residentWithStatus } from '../helpers/fixtures.ts';

const one = async <T>(sql: string, ...values: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...values)
    .first<T>())!;
const WHEN = ['before', 'after'] as const;

/**
 * A D1 that fails a chosen round trip, before it runs or after it committed: every 2xx must be durable,
 * and every 5xx must leave no partial state.
 */
describe('faults in D1', () => {
  it('check-in: never a check-in without its points line', async () => {
    const activity = await createActivity({ points: 2 });
    const door = await loginAs('door');
    for (let call_ = 1; call_ <= 3; call_++) {
      for (const when of WHEN) {
        const person = await registerResident(await loginAs('counter'));
        const r = await call(`/api/v1/activities/${activity.id}/checkins`, {
          token: door,
          body: { passNumber: person.passholder.passNumber },
          headers: { 'x-test-fail': `${call_}:${when}` },
        });
        expect([200, 401, 500]).toContain(r.status);
        if (r.status >= 500) expect(((await r.json()) as { code: string }).code).toBe('internal_error');
        const state = await one<{ checkins: number; lines: number }>(
          `SELECT (SELECT count(*) FROM checkins WHERE activity_id = ?1 AND passholder_id = ?2) AS checkins,
                  (SELECT count(*) FROM points_ledger WHERE activity_id = ?1 AND passholder_id = ?2) AS lines`,
          activity.id,
          person.passholder.id,
        );
        expect(state.checkins, `${call_}:${when}`).toBe(state.lines);
        if (r.status === 200) expect(state.checkins).toBe(1);
      }
    }
  });

  it('ticket sale: a 2xx sale is stored, a failed one leaves no sale and no guard row', async () => {
    const door = await loginAs('door');
    const activityId = await demo.id('activity:swim');
    for (let call_ = 1; call_ <= 3; call_++) {
      for (const when of WHEN) {
        const person = await residentWithStatus(await loginAs('counter'));
        const quote = (await (
          await call(`/api/v1/tariffs?activityId=${activityId}&passNumber=${person.passholder.passNumber}`, {
            token: door,
          })
        ).json()) as { tariffId: string };
        const r = await call('/api/v1/ticket-sales', {
          token: door,
          body: {
            sales: [{ activityId, passNumber: person.passholder.passNumber, tariffId: quote.tariffId }],
          },
          headers: { 'x-test-fail': `${call_}:${when}` },
        });
        const sales = (
          await one<{ n: number }>(
            'SELECT count(*) AS n FROM ticket_sales WHERE passholder_id = ?1',
            person.passholder.id,
          )
        ).n;
        if (r.status === 201) expect(sales).toBe(1);
        if (r.status >= 500 && when === 'before') expect(sales).toBe(0);
        expect(sales).toBeLessThanOrEqual(1);
        expect((await one<{ n: number }>('SELECT count(*) AS n FROM sale_guards')).n).toBe(0);
      }
    }
  });

  it('registration: never a passholder without household, card or audit line', async () => {
    const counter = await loginAs('counter');
    for (let call_ = 1; call_ <= 4; call_++) {
      for (const when of WHEN) {
        const firstName = `Fault${call_}${when}`;
        const r = await call('/api/v1/passholders', {
          token: counter,
          body: { firstName, lastName: 'Test', birthDate: '1980-01-01', postalCode: '9300' },
          headers: { 'x-test-fail': `${call_}:${when}` },
        });
        const state = await one<{ holders: number; orphans: number }>(
          `SELECT (SELECT count(*) FROM passholders WHERE first_name = ?1) AS holders,
                  (SELECT count(*) FROM passholders p WHERE first_name = ?1 AND (
                     NOT EXISTS (SELECT 1 FROM cards c WHERE c.passholder_id = p.id)
                     OR NOT EXISTS (SELECT 1 FROM households h WHERE h.id = p.household_id)
                     OR NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.passholder_id = p.id))) AS orphans`,
          firstName,
        );
        expect(state.orphans, `${call_}:${when}`).toBe(0);
        if (r.status === 201) expect(state.holders).toBe(1);
      }
    }
  });

  it('reward redemption: stock, redemption and points line always agree', async () => {
    const door = await loginAs('door');
    const club = await loginAs('club');
    const reward = (await (
      await call(`/api/v1/clubs/${await demo.sportsClub()}/rewards`, {
        token: club,
        body: { title: 'Fault test', pointsCost: 1, stock: 100 },
      })
    ).json()) as { id: string };
    const open = await createActivity();
    const plain = await registerResident(await loginAs('counter'));
    await givePoints([plain.passholder.id], 5);
    await json(`/api/v1/rewards/${reward.id}/redemptions`, 201, {
      token: door,
      body: { passNumber: plain.passholder.passNumber, activityId: open.id },
    });
    for (let call_ = 1; call_ <= 5; call_++) {
      for (const when of WHEN) {
        const person = await registerResident(await loginAs('counter'));
        await givePoints([person.passholder.id], 5);
        await call(`/api/v1/rewards/${reward.id}/redemptions`, {
          token: door,
          body: { passNumber: person.passholder.passNumber, activityId: open.id },
          headers: { 'x-test-fail': `${call_}:${when}` },
        });
      }
    }
    const state = await one<{ redeemed: number; redemptions: number; lines: number }>(
      `SELECT redeemed, (SELECT count(*) FROM redemptions WHERE reward_id = ?1) AS redemptions,
              (SELECT count(*) FROM points_ledger WHERE id IN (SELECT 'reward:' || id FROM redemptions WHERE reward_id = ?1)) AS lines
         FROM rewards WHERE id = ?1`,
      reward.id,
    );
    // The redemption without a fault, and those whose fault came after the commit, all agree.
    expect(state.redemptions).toBeGreaterThan(0);
    expect(state.redemptions).toBe(state.redeemed);
    expect(state.lines).toBe(state.redemptions);
  });
});
