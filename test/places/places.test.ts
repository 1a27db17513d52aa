import { describe, expect, it } from 'vitest';
import { call, demo, expectProblem, json, loginAs, unique } from '../helpers/api.ts';

type Neighbourhood = {
  id: string;
  name: string;
  postalCodes: string[];
  lat: number | null;
  municipalityId: string;
};

describe('regions, municipalities and neighbourhoods', () => {
  it('lists the demo region publicly', async () => {
    const { items } = await json<{ items: { name: string; municipalities: { name: string }[] }[] }>(
      '/api/v1/regions',
      200,
    );
    const region = items.find((r) => r.name === 'Regio Demo');
    expect(region?.municipalities.map((m) => m.name)).toEqual(['Buurdorp', 'Demostad']);
    const hoods = await json<{ items: Neighbourhood[] }>(
      `/api/v1/municipalities/${await demo.demostad()}/neighbourhoods`,
      200,
    );
    expect(hoods.items.map((n) => n.name)).toEqual(['Centrum', 'Molenhoek', 'Stationswijk']);
    expect(hoods.items[0]).toMatchObject({ postalCodes: ['9300'], lat: expect.any(Number) });
  });

  it('lets the municipality admin add and change a neighbourhood, nobody else', async () => {
    const admin = await loginAs('admin');
    const municipality = await demo.demostad();
    const name = unique('Wijk');
    const created = await json<Neighbourhood>(`/api/v1/municipalities/${municipality}/neighbourhoods`, 201, {
      token: admin,
      body: { name, postalCodes: ['9300'], lat: 50.93, lon: 4.04 },
    });
    expect(created).toMatchObject({ name, municipalityId: municipality, postalCodes: ['9300'] });
    await expectProblem(
      await call(`/api/v1/municipalities/${municipality}/neighbourhoods`, {
        token: admin,
        body: { name, postalCodes: ['9300'] },
      }),
      409,
      'neighbourhood_name_taken',
    );
    const renamed = await json<Neighbourhood>(`/api/v1/neighbourhoods/${created.id}`, 200, {
      method: 'PATCH',
      token: admin,
      body: { postalCodes: ['9300', '9308'] },
    });
    expect(renamed).toMatchObject({ name, postalCodes: ['9300', '9308'], lat: 50.93 });
    // A new name that another neighbourhood of the municipality has: refused by the UNIQUE, nothing changed.
    const taken = await expectProblem(
      await call(`/api/v1/neighbourhoods/${created.id}`, {
        method: 'PATCH',
        token: admin,
        body: { name: 'Centrum', lat: 50.9 },
      }),
      409,
      'neighbourhood_name_taken',
    );
    expect(taken.messages.en).toBe(
      'This municipality already has a neighbourhood with this name. Choose another name.',
    );
    const after = await json<{ items: Neighbourhood[] }>(
      `/api/v1/municipalities/${municipality}/neighbourhoods`,
      200,
    );
    expect(after.items.find((n) => n.id === created.id)).toMatchObject({ name, lat: 50.93 });

    await expectProblem(
      await call(`/api/v1/municipalities/${await demo.buurdorp()}/neighbourhoods`, {
        token: admin,
        body: { name, postalCodes: ['9310'] },
      }),
      403,
      'forbidden',
    );
    await expectProblem(
      await call(`/api/v1/municipalities/${municipality}/neighbourhoods`, {
        token: await loginAs('counter'),
        body: { name: 'X', postalCodes: ['9300'] },
      }),
      403,
      'forbidden',
    );
  });

  it('points at each invalid field', async () => {
    const response = await call(`/api/v1/municipalities/${await demo.demostad()}/neighbourhoods`, {
      token: await loginAs('admin'),
      body: { name: 'Ok', postalCodes: ['123'], lat: 123, colour: 'red' },
    });
    const body = await expectProblem(response, 400, 'validation_failed');
    const pointers = (body.fields as { pointer: string }[]).map((f) => f.pointer).sort();
    expect(pointers).toEqual(['/colour', '/lat', '/postalCodes/0']);
  });
});
