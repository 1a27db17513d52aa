import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectProblem, json, loginAs } from '../helpers/api.ts';
import { newMunicipality, people, staffOf, type Made } from './scenario.ts';

type Count = number | '< 5';
type Measures = { entitled: Count; active: Count; activated: Count; used: Count; rightsOpened: Count };
type TakeUp = {
  months: string[];
  neighbourhoods: { id: string | null; name: string | null }[];
  rows: ({ month: string; neighbourhoodId: string | null } & Measures)[];
  totals: ({ month: string } & { [K in keyof Measures]: Count | null })[];
};

const GRANT = { from: '2026-01-01', until: '2027-04-30' };

/**
 * A municipality of its own with two neighbourhoods and somebody without one. Hand count per month
 * (January, February, March 2026):
 *
 * Noord: n1..n5 import grant, account 10 Jan, check-in 15 Jan, n1 and n2 a right opened on 1 March;
 *        n6 import grant, check-in at 00:30 on 1 March Brussels (23:30 UTC on 28 Feb);
 *        n7 counter grant, suspended from 1 February (open-ended);
 *        n8 import grant, account on 5 March;
 *        n9 no grant and no entitlement, activated and used: never counted.
 *   Jan: entitled 8, active 8, activated 5, used 5, rights 0
 *   Feb: entitled 8, active 7 (n7 suspended all month), activated 5, used 5 (n6's check-in is March), rights 0
 *   Mar: entitled 8, active 7, activated 6, used 6, rights 2 → "< 5"
 * Zuid:  z1..z3 living wage from 15 February (no status grant);
 *        z4 grant until 31 January with 60 days of grace (in grace until 1 April).
 *   Jan: entitled 1 → "< 5", active 1 → "< 5"
 *   Feb and Mar: entitled 4 → "< 5", active 1 → "< 5", the rest 0
 * Unknown: u1 import grant, no neighbourhood: entitled and active 1 → "< 5" every month.
 * Another municipality's resident with a grant is never counted.
 */
describe('the take-up dashboard', () => {
  let municipality: { id: string; hoods: string[] };
  let admin: string;
  let everyone: Made[];

  beforeAll(async () => {
    municipality = await newMunicipality(['Noord', 'Zuid']);
    const [noord, zuid] = municipality.hoods as [string, string];
    admin = (await staffOf(municipality.id, 'municipality_admin')).token;
    const active = { hood: noord, grants: [GRANT], activatedAt: '2026-01-10T09:00:00.000Z' };
    everyone = await people(municipality.id, [
      { ...active, checkins: ['2026-01-15T10:00:00.000Z'], rightsOpenedOn: ['2026-03-01'] },
      { ...active, checkins: ['2026-01-15T10:00:00.000Z'], rightsOpenedOn: ['2026-03-01'] },
      { ...active, checkins: ['2026-01-15T10:00:00.000Z'] },
      { ...active, sales: ['2026-01-15T10:00:00.000Z'] },
      { ...active, checkins: ['2026-01-15T10:00:00.000Z'] },
      { hood: noord, grants: [GRANT], checkins: ['2026-02-28T23:30:00.000Z'] },
      { hood: noord, grants: [{ ...GRANT, source: 'counter' }], suspendedFrom: '2026-02-01' },
      { hood: noord, grants: [GRANT], activatedAt: '2026-03-05T09:00:00.000Z' },
      { hood: noord, activatedAt: '2026-01-10T09:00:00.000Z', checkins: ['2026-01-20T10:00:00.000Z'] },
      { hood: zuid, entitlements: [{ from: '2026-02-15' }] },
      { hood: zuid, entitlements: [{ from: '2026-02-15' }] },
      { hood: zuid, entitlements: [{ from: '2026-02-15' }] },
      { hood: zuid, grants: [{ from: '2025-06-01', until: '2026-01-31', grace: 60 }] },
      { hood: null, grants: [GRANT] },
    ]);
    const elsewhere = await newMunicipality(['Elders']);
    everyone.push(...(await people(elsewhere.id, [{ hood: elsewhere.hoods[0]!, grants: [GRANT] }])));
  });

  const get = (query: string, token = admin) =>
    json<TakeUp>(`/api/v1/municipalities/${municipality.id}/take-up${query}`, 200, { token });

  it('counts each neighbourhood and month as by hand, with "< 5" for 1 to 4', async () => {
    const answer = await get('?from=2026-01&to=2026-03');
    const [noord, zuid] = municipality.hoods;
    expect(answer.months).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(answer.neighbourhoods).toEqual([
      { id: noord, name: 'Noord' },
      { id: zuid, name: 'Zuid' },
      { id: null, name: null },
    ]);
    const row = (month: string, hood: string | null | undefined) => {
      const found = answer.rows.find((r) => r.month === month && r.neighbourhoodId === hood);
      const { month: _m, neighbourhoodId: _n, ...measures } = found!;
      return measures;
    };
    expect(answer.rows).toHaveLength(9);
    expect(row('2026-01', noord)).toEqual({ entitled: 8, active: 8, activated: 5, used: 5, rightsOpened: 0 });
    expect(row('2026-02', noord)).toEqual({ entitled: 8, active: 7, activated: 5, used: 5, rightsOpened: 0 });
    expect(row('2026-03', noord)).toEqual({
      entitled: 8,
      active: 7,
      activated: 6,
      used: 6,
      rightsOpened: '< 5',
    });
    expect(row('2026-01', zuid)).toEqual({
      entitled: '< 5',
      active: '< 5',
      activated: 0,
      used: 0,
      rightsOpened: 0,
    });
    for (const month of ['2026-02', '2026-03'])
      expect(row(month, zuid)).toEqual({
        entitled: '< 5',
        active: '< 5',
        activated: 0,
        used: 0,
        rightsOpened: 0,
      });
    for (const month of answer.months)
      expect(row(month, null)).toEqual({
        entitled: '< 5',
        active: '< 5',
        activated: 0,
        used: 0,
        rightsOpened: 0,
      });
  });

  it('withholds a total beside a "< 5" cell, and shows the others', async () => {
    const answer = await get('?from=2026-01&to=2026-03');
    expect(answer.totals).toEqual([
      { month: '2026-01', entitled: null, active: null, activated: 5, used: 5, rightsOpened: 0 },
      { month: '2026-02', entitled: null, active: null, activated: 5, used: 5, rightsOpened: 0 },
      { month: '2026-03', entitled: null, active: null, activated: 6, used: 6, rightsOpened: null },
    ]);
  });

  it('draws the month boundaries at Belgian midnight and looks back six months for use', async () => {
    // A check-in on 15 January still counts in June (six months ending 30 June), not in July.
    const answer = await get('?from=2026-06&to=2026-07');
    const noord = (month: string) =>
      answer.rows.find((r) => r.month === month && r.neighbourhoodId === municipality.hoods[0]);
    expect(noord('2026-06')!.used).toBe(6);
    // July: only n6 (1 March) is within six months: "< 5".
    expect(noord('2026-07')!.used).toBe('< 5');
    // Before anybody was entitled: every neighbourhood is there, with zeros, and no "unknown" row.
    const before = await get('?from=2025-01&to=2025-02');
    expect(before.neighbourhoods.map((n) => n.name)).toEqual(['Noord', 'Zuid']);
    expect(before.rows.every((r) => r.entitled === 0 && r.active === 0)).toBe(true);
    expect(before.totals[0]).toEqual({
      month: '2025-01',
      entitled: 0,
      active: 0,
      activated: 0,
      used: 0,
      rightsOpened: 0,
    });
  });

  it('names nobody: no name, pass number or id of a person in the answer', async () => {
    const text = JSON.stringify(await get('?from=2026-01&to=2026-03'));
    for (const person of everyone) {
      expect(text).not.toContain(person.firstName);
      expect(text).not.toContain(person.passNumber);
      expect(text).not.toContain(person.id);
    }
    expect(text).not.toContain('Outreach');
  });

  it('answers counter staff of the municipality too; refuses other municipalities, residents and clubs', async () => {
    const counter = await staffOf(municipality.id, 'counter');
    await get('?from=2026-01&to=2026-01', counter.token);
    for (const role of ['admin', 'counter', 'resident', 'club', 'door'] as const) {
      const response = await call(`/api/v1/municipalities/${municipality.id}/take-up`, {
        token: await loginAs(role),
      });
      await expectProblem(response, 403, 'forbidden');
    }
    await expectProblem(
      await call(`/api/v1/municipalities/${municipality.id}/take-up`),
      401,
      'unauthenticated',
    );
  });

  it('refuses a wrong range beside the field, in the user’s language', async () => {
    const ask = async (query: string, language: string) => {
      const response = await call(`/api/v1/municipalities/${municipality.id}/take-up${query}`, {
        token: admin,
        headers: { 'accept-language': language },
      });
      return (await expectProblem(response, 400, 'validation_failed')) as unknown as {
        message: string;
        fields: { pointer: string; messages: { nl: string; fr: string; en: string } }[];
      };
    };
    const format = await ask('?from=2026-13&to=2026-03', 'nl');
    expect(format.fields.map((f) => f.pointer)).toEqual(['/query/from']);
    const backwards = await ask('?from=2026-04&to=2026-03', 'fr');
    expect(backwards.fields[0]!.pointer).toBe('/query/to');
    expect(backwards.fields[0]!.messages).toEqual({
      nl: 'De laatste maand mag niet vóór de eerste maand liggen.',
      fr: 'Le dernier mois ne peut pas précéder le premier mois.',
      en: 'The last month cannot be before the first month.',
    });
    expect(backwards.message).toMatch(/Vérifiez/);
    const long = await ask('?from=2024-01&to=2026-01', 'en');
    expect(long.fields[0]!.pointer).toBe('/query/from');
    expect(long.fields[0]!.messages.en).toBe('Choose at most 24 months.');
    // 24 months is fine.
    expect((await get('?from=2024-02&to=2026-01')).months).toHaveLength(24);
  });

  it('defaults to the twelve months ending this month, and counts in one round trip', async () => {
    const response = await call(`/api/v1/municipalities/${municipality.id}/take-up`, {
      token: admin,
      now: '2026-03-10T12:00:00.000Z',
    });
    const answer = (await response.json()) as TakeUp;
    expect(answer.months[0]).toBe('2025-04');
    expect(answer.months.at(-1)).toBe('2026-03');
    // The session is read first, then the counts and neighbourhoods in one batch.
    expect(Number(response.headers.get('x-d1-round-trips'))).toBeLessThanOrEqual(2);
  });
});
