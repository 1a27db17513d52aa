import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { luhnCheckDigit, newPassNumber } from '../../src/lib/pass-number.ts';
import { call, demo, json, loginAs } from '../helpers/api.ts';
import { createActivity, createStaffUser } from '../helpers/fixtures.ts';

/**
 * The door and the till get the same answer for everyone who pays the same price: tested by pairs of
 * holders, one with social status and one without, through the Worker's HTTP entry.
 * Each test builds its own municipality, club, rule and holders, so no other test's rules interfere.
 */
async function world() {
  const now = new Date();
  const at = now.toISOString();
  const region = await demo.id('region');
  const municipality = crypto.randomUUID();
  const farRegion = crypto.randomUUID();
  const farMunicipality = crypto.randomUUID();
  const club = crypto.randomUUID();
  const tag = club.slice(0, 8);
  const db = env.DB;
  await db.batch([
    db
      .prepare('INSERT INTO municipalities (id, region_id, name, created_at) VALUES (?1, ?2, ?3, ?4)')
      .bind(municipality, region, `Paarstad ${tag}`, at),
    db
      .prepare('INSERT INTO regions (id, name, created_at) VALUES (?1, ?2, ?3)')
      .bind(farRegion, `Ver ${tag}`, at),
    db
      .prepare('INSERT INTO municipalities (id, region_id, name, created_at) VALUES (?1, ?2, ?3, ?4)')
      .bind(farMunicipality, farRegion, `Verweg ${tag}`, at),
    db
      .prepare(
        "INSERT INTO clubs (id, municipality_id, name, kind, status, created_at) VALUES (?1, ?2, ?3, 'sports', 'approved', ?4)",
      )
      .bind(club, municipality, `Paarclub ${tag}`, at),
    // Sport only, one reduced ticket per activity.
    db
      .prepare(
        `INSERT INTO tariff_rules (id, version, municipality_id, valid_from, participant_bp, club_bp, municipality_bp,
                                   min_price_cents, rounding_cents, categories, caps, created_at)
         VALUES (?1, 1, ?2, '2026-01-01', 2000, 4000, 4000, 100, 10, '["sport"]', '{"perActivity":1}', ?3)`,
      )
      .bind(crypto.randomUUID(), municipality, at),
  ]);
  const activity = async (category: string, startsInMinutes = -10) => {
    const id = crypto.randomUUID();
    const start = new Date(now.getTime() + startsInMinutes * 60_000);
    await db
      .prepare(
        `INSERT INTO activities (id, club_id, title, category, starts_at, ends_at, capacity, regular_price_cents, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, 1000, ?7)`,
      )
      .bind(
        id,
        club,
        `Pair ${category} ${tag}`,
        category,
        start.toISOString(),
        new Date(start.getTime() + 3_600_000).toISOString(),
        at,
      )
      .run();
    return id;
  };
  const holder = async (name: string, home: string, status: boolean) => {
    const id = crypto.randomUUID();
    const household = crypto.randomUUID();
    const passNumber = newPassNumber();
    await db.batch([
      db
        .prepare('INSERT INTO households (id, municipality_id, created_at) VALUES (?1, ?2, ?3)')
        .bind(household, home, at),
      db
        .prepare(
          `INSERT INTO passholders (id, municipality_id, household_id, pass_number, first_name, last_name, birth_date, postal_code, created_at)
           VALUES (?1, ?2, ?3, ?4, ?5, 'Pair', '1980-01-01', '9300', ?6)`,
        )
        .bind(id, home, household, passNumber, name, at),
      db.prepare('INSERT INTO cards (passholder_id, version, issued_at) VALUES (?1, 1, ?2)').bind(id, at),
      ...(status
        ? [
            db
              .prepare(
                `INSERT INTO status_grants (id, passholder_id, source, reason, valid_from, valid_until, grace_days, created_at)
                 VALUES (?1, ?2, 'counter', 'low_income', '2026-01-01', '2027-12-31', 60, ?3)`,
              )
              .bind(crypto.randomUUID(), id, at),
          ]
        : []),
    ]);
    return { id, passNumber };
  };
  const staff = await createStaffUser('door', { clubId: club });
  const token = (
    await json<{ token: string }>('/api/v1/auth/login', 200, {
      body: { login: staff.email, password: staff.password },
    })
  ).token;
  return {
    token,
    activity,
    withStatus: await holder('Anna', municipality, true),
    without: await holder('Bert', municipality, false),
    farWithStatus: await holder('Carla', farMunicipality, true),
  };
}

type Holder = { id: string; passNumber: string };

/** Everything the door and the till get for one holder at one activity: price, scan and sale. */
async function doorAnswers(token: string, activityId: string, h: Holder) {
  const price = await call(`/api/v1/tariffs?activityId=${activityId}&passNumber=${h.passNumber}`, { token });
  const priceBody = (await price.json()) as { tariffId: string };
  const scan = await call('/api/v1/scans', { token, body: { activityId, passNumber: h.passNumber } });
  const sale = await call('/api/v1/ticket-sales', {
    token,
    body: { sales: [{ activityId, passNumber: h.passNumber, tariffId: priceBody.tariffId ?? 't_none' }] },
  });
  return {
    statuses: [price.status, scan.status, sale.status],
    bodies: [priceBody, await scan.json(), await sale.json()],
    pass: h.passNumber,
  };
}

/** Blanks what may differ between two people (name, pass number, ids, times) and keeps everything else. */
function comparable(answer: Awaited<ReturnType<typeof doorAnswers>>): string {
  return JSON.stringify(answer.bodies, (key, value: unknown) => {
    // A tariff id holds the price sealed: its value differs per person, its length never does.
    if (key === 'tariffId') return `${typeof value} of ${String(value).length}`;
    if (['id', 'displayName', 'soldAt', 'cancelUntil'].includes(key)) return typeof value;
    if (value === answer.pass) return 'PASS';
    return value;
  });
}

const tariffMessages = async (passholderId: string) =>
  (
    await env.DB.prepare("SELECT message FROM notifications WHERE passholder_id = ?1 AND kind = 'tariff'")
      .bind(passholderId)
      .all<{ message: string }>()
  ).results.map((r) => r.message);

describe('the door and the till, by pairs of holders', () => {
  it('status at its cap vs no status: identical answers; only the holder hears about the cap', async () => {
    const w = await world();
    const sport = await w.activity('sport');
    // Use the one reduced ticket of this activity.
    const first = await doorAnswers(w.token, sport, w.withStatus);
    expect(first.statuses).toEqual([200, 200, 201]);
    expect((first.bodies[0] as { price: number }).price).toBe(200);
    const capped = await doorAnswers(w.token, sport, w.withStatus);
    const plain = await doorAnswers(w.token, sport, w.without);
    expect(capped.statuses).toEqual([200, 200, 201]);
    expect(plain.statuses).toEqual([200, 200, 201]);
    expect((capped.bodies[0] as { price: number }).price).toBe(1000);
    expect(comparable(capped)).toBe(comparable(plain));
    expect(await tariffMessages(w.withStatus.id)).toEqual([expect.stringContaining('maximum')]);
    expect(await tariffMessages(w.without.id)).toEqual([]);
  });

  it('status outside the region vs no status: identical answers; only the holder hears about the region', async () => {
    const w = await world();
    const sport = await w.activity('sport');
    const far = await doorAnswers(w.token, sport, w.farWithStatus);
    const plain = await doorAnswers(w.token, sport, w.without);
    expect(far.statuses).toEqual([200, 200, 201]);
    expect(comparable(far)).toBe(comparable(plain));
    expect(await tariffMessages(w.farWithStatus.id)).toEqual([expect.stringContaining('regio')]);
  });

  it('status on an excluded category vs no status: identical answers; only the holder hears why', async () => {
    const w = await world();
    const culture = await w.activity('culture');
    const excluded = await doorAnswers(w.token, culture, w.withStatus);
    const plain = await doorAnswers(w.token, culture, w.without);
    expect(excluded.statuses).toEqual([200, 200, 201]);
    expect((excluded.bodies[0] as { price: number }).price).toBe(1000);
    expect(comparable(excluded)).toBe(comparable(plain));
    expect(await tariffMessages(w.withStatus.id)).toEqual([expect.stringContaining('soort activiteit')]);
  });

  it('outside the door window: the same problem for a holder with status, one without, and nobody', async () => {
    const w = await world();
    const tomorrow = await w.activity('sport', 24 * 60);
    const nobody = `888888888888${luhnCheckDigit('888888888888')}`;
    const bodies: string[] = [];
    for (const passNumber of [w.withStatus.passNumber, w.without.passNumber, nobody]) {
      const answers = [
        await call(`/api/v1/tariffs?activityId=${tomorrow}&passNumber=${passNumber}`, { token: w.token }),
        await call('/api/v1/scans', { token: w.token, body: { activityId: tomorrow, passNumber } }),
        await call('/api/v1/ticket-sales', {
          token: w.token,
          body: { sales: [{ activityId: tomorrow, passNumber, tariffId: 't_guess' }] },
        }),
      ];
      for (const response of answers) {
        expect(response.status).toBe(409);
        const body = (await response.json()) as Record<string, unknown>;
        expect(body.code).toBe('door_closed');
        bodies.push(JSON.stringify({ ...body, requestId: null, instance: null }));
      }
    }
    expect(new Set(bodies).size).toBe(1);
  });

  it('a club awaiting approval or suspended cannot look up prices or sell; the door is told plainly', async () => {
    const w = await world();
    const sport = await w.activity('sport');
    const clubId = (await env.DB.prepare('SELECT club_id FROM activities WHERE id = ?1')
      .bind(sport)
      .first<{ club_id: string }>())!.club_id;
    await env.DB.prepare("UPDATE clubs SET status = 'suspended' WHERE id = ?1").bind(clubId).run();
    for (const h of [w.withStatus, w.without]) {
      const answers = await doorAnswers(w.token, sport, h);
      expect(answers.statuses).toEqual([403, 403, 403]);
      expect(answers.bodies.map((b) => (b as { code: string }).code)).toEqual([
        'club_not_approved',
        'club_not_approved',
        'club_not_approved',
      ]);
    }
    expect(
      (await env.DB.prepare('SELECT count(*) AS n FROM ticket_sales WHERE club_id = ?1')
        .bind(clubId)
        .first<{ n: number }>())!.n,
    ).toBe(0);
  });

  it('every price look-up by staff appears in the holder’s “who looked at my record”', async () => {
    const activity = await createActivity({ regularPriceCents: 400, title: 'Zwemmen voor iedereen' });
    const door = await loginAs('door');
    const samira = await demo.id('passholder:resident');
    await json(
      `/api/v1/tariffs?activityId=${activity.id}&passNumber=${await demo.passNumber('resident')}`,
      200,
      {
        token: door,
      },
    );
    await json('/api/v1/scans', 200, {
      token: door,
      body: { activityId: activity.id, passNumber: await demo.passNumber('resident') },
    });
    const audit = await json<{ items: { action: string; reason: string; role: string }[] }>(
      `/api/v1/passholders/${samira}/audit`,
      200,
      { token: await loginAs('resident') },
    );
    const lookups = audit.items.filter(
      (i) => i.action === 'door_price' && i.reason === 'Zwemmen voor iedereen',
    );
    expect(lookups).toHaveLength(2);
    expect(lookups[0]!.role).toContain('door');
  });
});
