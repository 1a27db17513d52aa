import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '../../src/lib/pass-number.ts';
import { call, demo, expectProblem, json, loginAs, type DemoRole } from '../helpers/api.ts';
import {
  createStaffUser,
  doorTime,
  grantStatusInDb,
  registerResident,
  residentWithStatus,
} from '../helpers/fixtures.ts';

type Price = {
  regularPrice: number;
  price: number;
  tariffId: string;
  messages: { code: string; message: string }[];
};
type Sales = { sales: { id: string; price: number; regularPrice: number; cancelUntil: string }[] };

const at = async (activityKey: string) => doorTime(await demo.id(`activity:${activityKey}`));
/** The price at the activity's door, looked up by a member of staff signed in at that moment. */
const price = async (role: DemoRole, activityKey: string, passNumber: string) => {
  const now = await at(activityKey);
  return json<Price>(
    `/api/v1/tariffs?activityId=${await demo.id(`activity:${activityKey}`)}&passNumber=${passNumber}`,
    200,
    { token: await loginAs(role, now), now },
  );
};

describe('prices at the door and the till', () => {
  it('gives the social price to a resident with status and the regular price to others, in the same shape', async () => {
    const samira = await price('door', 'swim', await demo.passNumber('resident'));
    const jan = await price('door', 'swim', await demo.passNumber('neighbour'));
    expect(samira).toMatchObject({ regularPrice: 400, price: 100, messages: [] });
    expect(jan).toMatchObject({ regularPrice: 400, price: 400, messages: [] });
    expect(Object.keys(samira).sort()).toEqual(Object.keys(jan).sort());
    expect(samira.tariffId).not.toBe(jan.tariffId);
    // The children of a household with status inherit it.
    expect((await price('door', 'swim', await demo.passNumber('samira-child-1'))).price).toBe(100);
    // The scan shows the same price.
    const scan = await json<{ price: Price }>('/api/v1/scans', 200, {
      token: await loginAs('door', await at('swim')),
      now: await at('swim'),
      body: { activityId: await demo.id('activity:swim'), passNumber: await demo.passNumber('resident') },
    });
    const { messages: _none, passholder: _who, ...samiraPrice } = samira as Price & { passholder: unknown };
    expect(scan.price).toEqual(samiraPrice);
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
    expect(await price('club', 'concert', await demo.passNumber('resident'))).toMatchObject({
      regularPrice: 1200,
      price: 300,
    });
    const fatou = await demo.id('passholder:r15');
    await grantStatusInDb(fatou);
    expect(await price('club', 'swim', await demo.passNumber('r15'))).toMatchObject({
      regularPrice: 400,
      price: 100,
    });
    const sale = await json<Sales>('/api/v1/ticket-sales', 201, {
      token: await loginAs('club', await at('swim')),
      now: await at('swim'),
      body: {
        sales: [
          {
            activityId: await demo.id('activity:swim'),
            passNumber: await demo.passNumber('r15'),
            tariffId: (await price('club', 'swim', await demo.passNumber('r15'))).tariffId,
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

  it('charges the regular price outside the holder’s region, and tells only the holder, in their language', async () => {
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
    const quote = await price('door', 'swim', far);
    expect(quote).toMatchObject({ price: 400, messages: [] });
    // The till learns nothing; the holder finds the reason among their own messages, in French.
    await json('/api/v1/ticket-sales', 201, {
      token: await loginAs('door', await at('swim')),
      now: await at('swim'),
      body: {
        sales: [{ activityId: await demo.id('activity:swim'), passNumber: far, tariffId: quote.tariffId }],
      },
    });
    const message = await env.DB.prepare(
      "SELECT message FROM notifications WHERE passholder_id = ?1 AND kind = 'tariff'",
    )
      .bind(holder)
      .first<{ message: string }>();
    expect(message?.message).toContain('région');
  });

  it('stops the reduction at the cap per activity, and tells the holder why (not the till)', async () => {
    const counter = await loginAs('counter');
    const person = await residentWithStatus(counter);
    const first = await price('door', 'tournament', person.passholder.passNumber);
    expect(first).toMatchObject({ price: 300 });
    const now = await at('tournament');
    const door = await loginAs('door', now);
    await json<Sales>('/api/v1/ticket-sales', 201, {
      token: door,
      now,
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
    const second = await price('door', 'tournament', person.passholder.passNumber);
    expect(second).toMatchObject({ price: 1500, messages: [] });
    // The old price can no longer be registered.
    await expectProblem(
      await call('/api/v1/ticket-sales', {
        token: door,
        now,
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
      now,
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
    const counter = await loginAs('counter');
    const a = await residentWithStatus(counter);
    const b = await registerResident(counter);
    const swim = await demo.id('activity:swim');
    const now = await at('swim');
    const door = await loginAs('door', now);
    const qa = await price('door', 'swim', a.passholder.passNumber);
    const qb = await price('door', 'swim', b.passholder.passNumber);
    const count = async () =>
      (await env.DB.prepare('SELECT count(*) AS n FROM ticket_sales WHERE passholder_id IN (?1, ?2)')
        .bind(a.passholder.id, b.passholder.id)
        .first<{ n: number }>())!.n;
    await expectProblem(
      await call('/api/v1/ticket-sales', {
        token: door,
        now,
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
      now,
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
      { method: 'POST', token: door, now },
    );
    expect(cancelled.cancelledAt).toBeTruthy();
    await expectProblem(
      await call(`/api/v1/ticket-sales/${both.sales[0]!.id}/cancel`, { method: 'POST', token: door, now }),
      409,
      'sale_cancelled_already',
    );
    const late = new Date(Date.parse(both.sales[1]!.cancelUntil) + 1000).toISOString();
    await expectProblem(
      await call(`/api/v1/ticket-sales/${both.sales[1]!.id}/cancel`, {
        method: 'POST',
        token: await loginAs('door', late),
        now: late,
      }),
      409,
      'cancel_window_passed',
    );
    // A reduction freed by the cancellation is available again.
    expect((await price('door', 'swim', a.passholder.passNumber)).price).toBe(100);
    await expectProblem(
      await call(`/api/v1/ticket-sales/${both.sales[1]!.id}/cancel`, {
        method: 'POST',
        token: await loginAs('resident'),
      }),
      403,
      'forbidden',
    );
  });

  it('registers a membership from the club’s own offer, at the social tariff', async () => {
    const club = await loginAs('club');
    const clubId = await demo.sportsClub();
    const offerId = await demo.id('offer:adults');
    const passNumber = await demo.passNumber('resident');
    const q = await json<Price>(`/api/v1/tariffs?offerId=${offerId}&passNumber=${passNumber}`, 200, {
      token: club,
    });
    expect(q).toMatchObject({ regularPrice: 6000, price: 1200 });
    // Season and price come from the offer: the till cannot send its own.
    await expectProblem(
      await call(`/api/v1/clubs/${clubId}/memberships`, {
        token: club,
        body: { passNumber, offerId, tariffId: q.tariffId, regularPriceCents: 1 },
      }),
      400,
      'validation_failed',
    );
    const sale = await json<Sales>(`/api/v1/clubs/${clubId}/memberships`, 201, {
      token: club,
      body: { passNumber, offerId, tariffId: q.tariffId },
    });
    expect(sale.sales[0]).toMatchObject({ price: 1200, regularPrice: 6000 });
    const again = await json<Price>(`/api/v1/tariffs?offerId=${offerId}&passNumber=${passNumber}`, 200, {
      token: club,
    });
    expect(again).toMatchObject({ price: 6000, messages: [] });
    // Another club's till cannot sell this club's offer, nor can staff of another club.
    const other = await createStaffUser('club_admin', { clubId: await demo.cultureClub() });
    const otherToken = (
      await json<{ token: string }>('/api/v1/auth/login', 200, {
        body: { login: other.email, password: other.password },
      })
    ).token;
    await expectProblem(
      await call(`/api/v1/clubs/${await demo.cultureClub()}/memberships`, {
        token: otherToken,
        body: { passNumber, offerId, tariffId: again.tariffId },
      }),
      404,
      'not_found',
    );
    await expectProblem(
      await call(`/api/v1/clubs/${clubId}/memberships`, {
        token: otherToken,
        body: { passNumber, offerId, tariffId: again.tariffId },
      }),
      403,
      'forbidden',
    );
  });

  it('limits membership look-ups per staff account per hour, the same for everyone', async () => {
    const staff = await createStaffUser('door');
    const signIn = async (now: string) =>
      (
        await json<{ token: string }>('/api/v1/auth/login', 200, {
          body: { login: staff.email, password: staff.password },
          now,
        })
      ).token;
    const offerId = await demo.id('offer:youth');
    const now = '2026-12-01T10:05:00.000Z';
    const token = await signIn(now);
    await env.DB.prepare('INSERT INTO staff_lookups (user_id, hour, count) VALUES (?1, ?2, 60)')
      .bind(staff.id, now.slice(0, 13))
      .run();
    // A holder with status and one without, and a number that belongs to nobody: the same refusal.
    for (const passNumber of [
      await demo.passNumber('resident'),
      await demo.passNumber('neighbour'),
      `999999999990${luhnCheckDigit('999999999990')}`,
    ]) {
      const refused = await call(`/api/v1/tariffs?offerId=${offerId}&passNumber=${passNumber}`, {
        token,
        now,
      });
      const body = await expectProblem(refused, 429, 'lookup_limit');
      expect(body.detail).toBe('Too many membership price look-ups');
    }
    // The next hour it works again.
    const later = '2026-12-01T11:00:00.000Z';
    await json(`/api/v1/tariffs?offerId=${offerId}&passNumber=${await demo.passNumber('neighbour')}`, 200, {
      token: await signIn(later),
      now: later,
    });
  });
});
