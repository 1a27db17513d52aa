import { describe, expect, it } from 'vitest';
import { call, demo, expectProblem, json, loginAs, type DemoRole } from '../helpers/api.ts';

type Me = {
  roles: string[];
  municipalityId: string | null;
  clubIds: string[];
  passholderId: string | null;
  householdId: string | null;
};

describe('me: roles and scopes of every demo account', () => {
  it.each([
    ['admin', ['municipality_admin'], 'demostad', []],
    ['counter', ['counter'], 'demostad', []],
    ['club', ['club_admin'], null, ['sports']],
    ['door', ['door'], null, ['sports']],
    ['resident', ['resident'], 'demostad', []],
    ['neighbour', ['resident'], 'demostad', []],
  ] as const)('%s', async (role, roles, municipality, clubs) => {
    const me = await json<Me>('/api/v1/me', 200, { token: await loginAs(role) });
    expect(me.roles).toEqual(roles);
    expect(me.municipalityId).toBe(municipality ? await demo.demostad() : null);
    expect(me.clubIds).toEqual(await Promise.all(clubs.map(() => demo.sportsClub())));
    expect(me.passholderId !== null).toBe(role === 'resident' || role === 'neighbour');
  });
});

/**
 * For every role, one read across a club boundary and one across a household boundary must be refused,
 * while the same kind of read inside the role's own scope works.
 */
describe('scope checks', () => {
  const ownHousehold = () => demo.household('h1'); // the resident's household in Demostad
  const otherHousehold = () => demo.household('h9'); // a household in Buurdorp

  const cases: {
    role: DemoRole;
    allowed: (() => Promise<string>)[];
    forbidden: (() => Promise<string>)[];
  }[] = [
    {
      role: 'admin',
      allowed: [
        async () => `/api/v1/clubs/${await demo.sportsClub()}/staff`,
        async () => `/api/v1/municipalities/${await demo.demostad()}/staff`,
      ],
      forbidden: [
        async () => `/api/v1/clubs/${await demo.cultureClub()}/staff`,
        async () => `/api/v1/municipalities/${await demo.buurdorp()}/clubs`,
        async () => `/api/v1/households/${await ownHousehold()}`,
      ],
    },
    {
      role: 'counter',
      allowed: [async () => `/api/v1/households/${await ownHousehold()}`],
      forbidden: [
        async () => `/api/v1/households/${await otherHousehold()}`,
        async () => `/api/v1/clubs/${await demo.sportsClub()}/staff`,
        async () => `/api/v1/municipalities/${await demo.demostad()}/staff`,
      ],
    },
    {
      role: 'club',
      allowed: [
        async () => `/api/v1/clubs/${await demo.sportsClub()}/staff`,
        async () => `/api/v1/clubs/${await demo.sportsClub()}`,
      ],
      forbidden: [
        async () => `/api/v1/clubs/${await demo.cultureClub()}/staff`,
        async () => `/api/v1/clubs/${await demo.cultureClub()}/activities`,
        async () => `/api/v1/households/${await ownHousehold()}`,
      ],
    },
    {
      role: 'door',
      allowed: [
        async () => `/api/v1/clubs/${await demo.sportsClub()}`,
        async () => `/api/v1/clubs/${await demo.sportsClub()}/activities`,
      ],
      forbidden: [
        async () => `/api/v1/clubs/${await demo.cultureClub()}`,
        async () => `/api/v1/clubs/${await demo.sportsClub()}/staff`,
        async () => `/api/v1/households/${await ownHousehold()}`,
      ],
    },
    {
      role: 'resident',
      allowed: [async () => `/api/v1/households/${await ownHousehold()}`],
      forbidden: [
        async () => `/api/v1/households/${await demo.household('h2')}`,
        async () => `/api/v1/clubs/${await demo.sportsClub()}/staff`,
        async () => `/api/v1/clubs/${await demo.sportsClub()}`,
      ],
    },
    {
      role: 'neighbour',
      allowed: [async () => `/api/v1/households/${await demo.household('h2')}`],
      forbidden: [
        async () => `/api/v1/households/${await ownHousehold()}`,
        async () => `/api/v1/clubs/${await demo.cultureClub()}/activities`,
      ],
    },
  ];

  for (const { role, allowed, forbidden } of cases) {
    it(`${role}: own scope allowed, other scopes forbidden`, async () => {
      const token = await loginAs(role);
      for (const path of allowed) await json(await path(), 200, { token });
      for (const path of forbidden)
        await expectProblem(await call(await path(), { token }), 403, 'forbidden');
    });
  }

  it('anonymous callers get 401 on protected reads', async () => {
    await expectProblem(await call(`/api/v1/households/${await ownHousehold()}`), 401, 'unauthenticated');
    await expectProblem(await call(`/api/v1/clubs/${await demo.sportsClub()}/staff`), 401, 'unauthenticated');
  });

  it('a household read shows members but no birth date, address or status', async () => {
    const household = await json<{ members: Record<string, unknown>[] }>(
      `/api/v1/households/${await ownHousehold()}`,
      200,
      {
        token: await loginAs('resident'),
      },
    );
    expect(household.members).toHaveLength(4);
    for (const member of household.members) {
      expect(Object.keys(member).sort()).toEqual([
        'firstName',
        'hasAccount',
        'lastName',
        'passNumber',
        'passholderId',
      ]);
    }
  });
});
