import { describe, expect, it } from 'vitest';
import { call, demo, expectProblem, json, loginAs, unique } from '../helpers/api.ts';
import { registerResident } from '../helpers/fixtures.ts';
import { isValidPassNumber } from '../../src/lib/pass-number.ts';

type Record = {
  id: string;
  passNumber: string;
  householdId: string;
  municipalityId: string;
  firstName: string;
  birthDate: string;
  account: { active: boolean };
  activationExpiresAt: string | null;
  guardians: { passholderId: string }[];
  wards: { passholderId: string }[];
};

describe('registration at the counter', () => {
  it('registers a resident with a new pass number and a one-time activation code', async () => {
    const counter = await loginAs('counter');
    const hood = await demo.id('demostad-centrum');
    const result = await registerResident(counter, {
      neighbourhoodId: hood,
      locale: 'fr',
      email: 'Someone@Example.org',
    });
    expect(isValidPassNumber(result.passholder.passNumber)).toBe(true);
    expect(result.activationCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const days = (Date.parse(result.activationExpiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(59);
    expect(days).toBeLessThan(61);
    expect(result.passholder).toMatchObject({
      locale: 'fr',
      email: 'someone@example.org',
      neighbourhoodId: hood,
      account: { active: false },
    });
    const record = await json<Record>(`/api/v1/passholders/${result.passholder.id}`, 200, { token: counter });
    expect(record.activationExpiresAt).toBe(result.activationExpiresAt);
  });

  it('flags a possible duplicate before making a second pass, and registers it when confirmed', async () => {
    const counter = await loginAs('counter');
    const firstName = unique('Dup');
    await registerResident(counter, { firstName, birthDate: '1970-01-01' });
    const response = await call('/api/v1/passholders', {
      token: counter,
      body: {
        firstName: firstName.toUpperCase(),
        lastName: 'resident',
        birthDate: '1970-01-01',
        postalCode: '9300',
      },
    });
    await expectProblem(response, 409, 'possible_duplicate');
    await registerResident(counter, { firstName, birthDate: '1970-01-01', confirmDuplicate: true });
  });

  it('refuses impossible data with field pointers', async () => {
    const counter = await loginAs('counter');
    const future = await expectProblem(
      await call('/api/v1/passholders', {
        token: counter,
        body: { firstName: 'A', lastName: 'B', birthDate: '2999-01-01', postalCode: '9300' },
      }),
      400,
      'validation_failed',
    );
    expect((future.fields as { pointer: string }[])[0]?.pointer).toBe('/birthDate');
    const foreignHood = await expectProblem(
      await call('/api/v1/passholders', {
        token: counter,
        body: {
          firstName: 'A',
          lastName: 'B',
          birthDate: '2000-01-01',
          postalCode: '9300',
          neighbourhoodId: await demo.id('buurdorp-heide'),
        },
      }),
      400,
      'validation_failed',
    );
    expect((foreignHood.fields as { pointer: string }[])[0]?.pointer).toBe('/neighbourhoodId');
    const bad = await expectProblem(
      await call('/api/v1/passholders', {
        token: counter,
        body: { firstName: '', birthDate: '01/02/2000', postalCode: '93' },
      }),
      400,
      'validation_failed',
    );
    expect((bad.fields as { pointer: string }[]).map((f) => f.pointer).sort()).toEqual([
      '/birthDate',
      '/firstName',
      '/lastName',
      '/postalCode',
    ]);
  });

  it('is for counter staff only', async () => {
    for (const role of ['admin', 'club', 'door', 'resident'] as const) {
      await expectProblem(
        await call('/api/v1/passholders', {
          token: await loginAs(role),
          body: { firstName: 'A', lastName: 'B', birthDate: '2000-01-01', postalCode: '9300' },
        }),
        403,
        'forbidden',
      );
    }
  });

  it('registers a minor into a household with a guardian, who then sees the pass', async () => {
    const counter = await loginAs('counter');
    const guardian = await demo.id('passholder:resident');
    const child = await registerResident(counter, {
      birthDate: '2020-02-02',
      householdId: await demo.household('h1'),
      guardianId: guardian,
    });
    expect(child.passholder.householdId).toBe(await demo.household('h1'));
    expect(child.passholder.guardians).toEqual([
      expect.objectContaining({ passholderId: guardian, basis: 'minor' }),
    ]);
    const resident = await loginAs('resident');
    const passes = await json<{ items: { passholderId: string }[] }>('/api/v1/me/passes', 200, {
      token: resident,
    });
    expect(passes.items.map((p) => p.passholderId)).toContain(child.passholder.id);
    await json(`/api/v1/me/pass?passholderId=${child.passholder.id}`, 200, { token: resident });
    // An adult cannot be registered as a "minor" ward.
    await expectProblem(
      await call('/api/v1/passholders', {
        token: counter,
        body: {
          firstName: 'A',
          lastName: 'B',
          birthDate: '1990-01-01',
          postalCode: '9300',
          guardianId: guardian,
        },
      }),
      400,
      'validation_failed',
    );
  });
});

describe('finding and correcting residents', () => {
  it('finds by start of name, full pass number and birth date, only in the counter’s municipality', async () => {
    const counter = await loginAs('counter');
    const byName = await json<{ items: { firstName: string; passNumber: string }[] }>(
      '/api/v1/passholders?q=el%20am',
      200,
      { token: counter },
    );
    expect(byName.items.map((p) => p.firstName).sort()).toEqual(['Adam', 'Nour', 'Samira', 'Youssef']);
    const samira = await demo.passNumber('resident');
    const byNumber = await json<{ items: { firstName: string }[] }>(
      `/api/v1/passholders?q=${samira.slice(0, 4)}%20${samira.slice(4)}`,
      200,
      { token: counter },
    );
    expect(byNumber.items.map((p) => p.firstName)).toEqual(['Samira']);
    const byBirth = await json<{ items: { firstName: string }[] }>(
      '/api/v1/passholders?birthDate=1958-01-30',
      200,
      { token: counter },
    );
    expect(byBirth.items.map((p) => p.firstName)).toEqual(['Jan']);
    const buurdorp = await json<{ items: unknown[] }>('/api/v1/passholders?q=diallo', 200, {
      token: counter,
    });
    expect(buurdorp.items).toEqual([]);
  });

  it('corrects data, moves a resident within the region keeping the pass, and refuses other staff', async () => {
    const counter = await loginAs('counter');
    const person = await registerResident(counter);
    const corrected = await json<Record>(`/api/v1/passholders/${person.passholder.id}`, 200, {
      method: 'PATCH',
      token: counter,
      body: { firstName: 'Corrected', phone: '+32 470 12 34 56' },
    });
    expect(corrected).toMatchObject({ firstName: 'Corrected', passNumber: person.passholder.passNumber });
    const moved = await json<Record>(`/api/v1/passholders/${person.passholder.id}`, 200, {
      method: 'PATCH',
      token: counter,
      body: {
        municipalityId: await demo.buurdorp(),
        postalCode: '9310',
        neighbourhoodId: await demo.id('buurdorp-heide'),
      },
    });
    expect(moved.municipalityId).toBe(await demo.buurdorp());
    expect(moved.passNumber).toBe(person.passholder.passNumber);
    expect(moved.householdId).not.toBe(person.passholder.householdId);
    // Now out of Demostad's counter's reach.
    await expectProblem(
      await call(`/api/v1/passholders/${person.passholder.id}`, { token: counter }),
      403,
      'forbidden',
    );
    await expectProblem(
      await call(`/api/v1/passholders/${await demo.id('passholder:neighbour')}`, {
        token: await loginAs('door'),
      }),
      403,
      'forbidden',
    );
  });

  it('moves a resident into another household and sets a consenting adult’s guardian', async () => {
    const counter = await loginAs('counter');
    const adult = await registerResident(counter, { birthDate: '1950-03-03' });
    const jan = await demo.id('passholder:neighbour');
    const moved = await json<Record>(`/api/v1/passholders/${adult.passholder.id}/household`, 200, {
      method: 'PUT',
      token: counter,
      body: { householdId: await demo.household('h2') },
    });
    expect(moved.householdId).toBe(await demo.household('h2'));
    await expectProblem(
      await call(`/api/v1/passholders/${adult.passholder.id}/guardians/${jan}`, {
        method: 'PUT',
        token: counter,
        body: { basis: 'minor' },
      }),
      400,
      'validation_failed',
    );
    const ward = await json<Record>(`/api/v1/passholders/${adult.passholder.id}/guardians/${jan}`, 200, {
      method: 'PUT',
      token: counter,
      body: { basis: 'consent' },
    });
    expect(ward.guardians.map((g) => g.passholderId)).toEqual([jan]);
    const neighbour = await loginAs('neighbour');
    await json(`/api/v1/passholders/${adult.passholder.id}`, 200, { token: neighbour });
    expect(
      (
        await call(`/api/v1/passholders/${adult.passholder.id}/guardians/${jan}`, {
          method: 'DELETE',
          token: counter,
        })
      ).status,
    ).toBe(204);
    await expectProblem(
      await call(`/api/v1/passholders/${adult.passholder.id}`, { token: neighbour }),
      403,
      'forbidden',
    );
  });
});
