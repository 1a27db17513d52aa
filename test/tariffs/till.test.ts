import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '../../src/passes/number.ts';
import { call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import { grantStatusInDb, registerResident, residentWithStatus } from '../helpers/fixtures.ts';

type Price = {
  regularPrice: number;
  price: number;
  tariffId: string;
  remaining: number | null;
  messages: { code: string; message: string }[];
};
type Sales = { sales: { id: string; price: number; regularPrice: number; cancelUntil: string }[] };

const price = async (token: string, activityKey: string, passNumber: string) =>
  json<Price>(
    `/api/v1/tariffs?activityId=${await demo.id(`activity:${activityKey}`)}&passNumber=${passNumber}`,
    200,
    { token },
  );

describe('prices at the door and the till', () => {
  it('gives the social price to a resident with status and the regular price to others, in the same shape', async () => {
    const door = await loginAs('door');
    const samira = await price(door, 'swim', await demo.passNumber('resident'));
    const jan = await price(door, 'swim', await demo.passNumber('neighbour'));
    expect(samira).toMatchObject({ regularPrice: 400, price: 100, remaining: 1, messages: [] });
    expect(jan).toMatchObject({ regularPrice: 400, price: 400, remaining: null, messages: [] });
    expect(Object.keys(samira).sort()).toEqual(Object.keys(jan).sort());
    expect(samira.tariffId).not.toBe(jan.tariffId);
    // The children of a household with status inherit it.
    expect((await price(door, 'swim', await demo.passNumber('samira-child-1'))).price).toBe(100);
    // The scan shows the same price.
    const scan = await json<{ price: Price }>('/api/v1/scans', 200, {
      token: door,
      body: { activityId: await demo.id('activity:swim'), passNumber: await demo.passNumber('resident') },
    });
    expect(scan.price).toEqual(samira);
  });

  it('uses the region’s rule where a municipality has none, and the other key for other residents of the region', async () => {
    const culture = await env.DB.prepare("SELECT id FROM users WHERE email = 'club@demo.local'").first<{
      id: string;
    }>();
    await env.DB.prepare(
      "INSERT INTO staff_roles (user_id, role, club_id, created_at) VALUES (?1, 'door', ?2, '2026-01-01')",
    )
      .bind(culture!.id, await demo.cultureClub())
      .run();
    const club = await loginAs('club');
    expect(await price(club, 'concert', await demo.passNumber('resident'))).toMatchObject({
      regularPrice: 1200,
      price: 300,
    });
    const fatou = await demo.id('passholder:r15');
    await grantStatusInDb(fatou);
    expect(await price(club, 'swim', await demo.passNumber('r15'))).toMatchObject({
      regularPrice: 400,
      price: 100,
    });
    const sale = await json<Sales>('/api/v1/ticket-sales', 201, {
      token: club,
      body: {
        sales: [
          {
            activityId: await demo.id('activity:swim'),
            passNumber: await demo.passNumber('r15'),
            tariffId: (await price(club, 'swim', await demo.passNumber('r15'))).tariffId,
          },
        ],
      },
    });
    const stored = await env.DB.prepare(
      'SELECT club_share_cents, municipality_share_cents FROM ticket_sales WHERE id = ?1',
    )
      .bind(sale.sales[0]!.id)
      .first();
    expect(stored).toEqual({ club_share_cents: 200, municipality_share_cents: 100 });
  });

  it('charges the regular price outside the holder’s region, and says so in the holder’s language', async () => {
    const now = new Date().toISOString();
    const far = `999999999999${luhnCheckDigit('999999999999')}`;
    const [region, municipality, household, holder] = [
      crypto.randomUUID(),
      crypto.randomUUID(),
      crypto.randomUUID(),
      crypto.randomUUID(),
    ];
    await env.DB.batch([
      env.DB.prepare('INSERT INTO regions (id, name, created_at) VALUES (?1, ?2, ?3)').bind(
        region,
        `Elders ${region}`,
        now,
      ),
      env.DB.prepare(
        'INSERT INTO municipalities (id, region_id, name, created_at) VALUES (?1, ?2, ?3, ?4)',
      ).bind(municipality, region, 'Verweg', now),
      env.DB.prepare('INSERT INTO households (id, municipality_id, created_at) VALUES (?1, ?2, ?3)').bind(
        household,
        municipality,
        now,
      ),
      env.DB.prepare(
        `INSERT INTO passholders (id, municipality_id, household_id, pass_number, first_name, last_name, birth_date, postal_code, locale, created_at)
         VALUES (?1, ?2, ?3, ?4, 'Far', 'Away', '1980-01-01', '1000', 'fr', ?5)`,
      ).bind(holder, municipality, household, far, now),
      env.DB.prepare('INSERT INTO cards (passholder_id, version, issued_at) VALUES (?1, 1, ?2)').bind(
        holder,
        now,
      ),
    ]);
    await grantStatusInDb(holder);
    const quote = await price(await loginAs('door'), 'swim', far);
    expect(quote).toMatchObject({ price: 400, messages: [{ code: 'outside_region' }] });
    expect(quote.messages[0]!.message).toContain('région');
  });

  it('stops the reduction at the cap per activity, and says why', async () => {
    const counter = await loginAs('counter');
    const door = await loginAs('door');
    const person = await residentWithStatus(counter);
    const first = await price(door, 'tournament', person.passholder.passNumber);
    expect(first).toMatchObject({ price: 300, remaining: 1 });
    await json<Sales>('/api/v1/ticket-sales', 201, {
      token: door,
      body: {
        sales: [
          {
            activityId: await demo.id('activity:tournament'),
            passNumber: person.passholder.passNumber,
            tariffId: first.tariffId,
          },
        ],
      },
    });
    const second = await price(door, 'tournament', person.passholder.passNumber);
    expect(second).toMatchObject({ price: 1500, remaining: 0, messages: [{ code: 'limit_reached' }] });
    // The old price can no longer be registered.
    await expectProblem(
      await call('/api/v1/ticket-sales', {
        token: door,
        body: {
          sales: [
            {
              activityId: await demo.id('activity:tournament'),
              passNumber: person.passholder.passNumber,
              tariffId: first.tariffId,
            },
          ],
        },
      }),
      409,
      'tariff_changed',
    );
    await json('/api/v1/ticket-sales', 201, {
      token: door,
      body: {
        sales: [
          {
            activityId: await demo.id('activity:tournament'),
            passNumber: person.passholder.passNumber,
            tariffId: second.tariffId,
          },
        ],
      },
    });
  });

  it('registers several sales all-or-nothing and cancels within the window', async () => {
    const door = await loginAs('door');
    const counter = await loginAs('counter');
    const a = await residentWithStatus(counter);
    const b = await registerResident(counter);
    const swim = await demo.id('activity:swim');
    const qa = await price(door, 'swim', a.passholder.passNumber);
    const qb = await price(door, 'swim', b.passholder.passNumber);
    const count = async () =>
      (await env.DB.prepare('SELECT count(*) AS n FROM ticket_sales WHERE passholder_id IN (?1, ?2)')
        .bind(a.passholder.id, b.passholder.id)
        .first<{ n: number }>())!.n;
    await expectProblem(
      await call('/api/v1/ticket-sales', {
        token: door,
        body: {
          sales: [
            { activityId: swim, passNumber: a.passholder.passNumber, tariffId: qa.tariffId },
            { activityId: swim, passNumber: b.passholder.passNumber, tariffId: qa.tariffId },
          ],
        },
      }),
      409,
      'tariff_changed',
    );
    expect(await count()).toBe(0);
    const both = await json<Sales>('/api/v1/ticket-sales', 201, {
      token: door,
      body: {
        sales: [
          { activityId: swim, passNumber: a.passholder.passNumber, tariffId: qa.tariffId },
          { activityId: swim, passNumber: b.passholder.passNumber, tariffId: qb.tariffId },
        ],
      },
    });
    expect(both.sales.map((s) => s.price)).toEqual([100, 400]);
    expect(await count()).toBe(2);

    const cancelled = await json<{ cancelledAt: string }>(
      `/api/v1/ticket-sales/${both.sales[0]!.id}/cancel`,
      200,
      { method: 'POST', token: door },
    );
    expect(cancelled.cancelledAt).toBeTruthy();
    await expectProblem(
      await call(`/api/v1/ticket-sales/${both.sales[0]!.id}/cancel`, { method: 'POST', token: door }),
      409,
      'conflict',
    );
    const late = new Date(Date.parse(both.sales[1]!.cancelUntil) + 1000).toISOString();
    await expectProblem(
      await call(`/api/v1/ticket-sales/${both.sales[1]!.id}/cancel`, {
        method: 'POST',
        token: door,
        now: late,
      }),
      401,
      'unauthenticated',
    );
    // A reduction freed by the cancellation is available again.
    expect((await price(door, 'swim', a.passholder.passNumber)).price).toBe(100);
    await expectProblem(
      await call(`/api/v1/ticket-sales/${both.sales[1]!.id}/cancel`, {
        method: 'POST',
        token: await loginAs('resident'),
      }),
      403,
      'forbidden',
    );
  });

  it('registers a season membership at the social tariff', async () => {
    const club = await loginAs('club');
    const clubId = await demo.sportsClub();
    const passNumber = await demo.passNumber('resident');
    const q = await json<Price>(
      `/api/v1/tariffs?clubId=${clubId}&season=2026-2027&regularPriceCents=6000&category=sport&passNumber=${passNumber}`,
      200,
      { token: club },
    );
    expect(q).toMatchObject({ regularPrice: 6000, price: 1200 });
    const sale = await json<Sales>(`/api/v1/clubs/${clubId}/memberships`, 201, {
      token: club,
      body: {
        passNumber,
        season: '2026-2027',
        regularPriceCents: 6000,
        category: 'sport',
        tariffId: q.tariffId,
      },
    });
    expect(sale.sales[0]).toMatchObject({ price: 1200, regularPrice: 6000 });
    const again = await json<Price>(
      `/api/v1/tariffs?clubId=${clubId}&season=2026-2027&regularPriceCents=6000&category=sport&passNumber=${passNumber}`,
      200,
      { token: club },
    );
    expect(again.messages.map((m) => m.code)).toEqual(['limit_reached']);
    await expectProblem(
      await call(
        `/api/v1/tariffs?clubId=${await demo.cultureClub()}&season=2026-2027&regularPriceCents=6000&category=sport&passNumber=${passNumber}`,
        { token: await loginAs('door') },
      ),
      403,
      'forbidden',
    );
  });
});
