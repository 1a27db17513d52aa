import { describe, expect, it } from 'vitest';
import { parseCsv, parseDate, readImport } from '../../src/status/csv.ts';
import { call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import { registerResident } from '../helpers/fixtures.ts';

type Import = {
  id: string;
  matched: number;
  unmatched: number;
  ambiguous: number;
  alreadyImported: boolean;
  confirmedAt: string | null;
  rows: { line: number; outcome: string; reason: string; passholderId: string | null }[];
};

describe('CSV reading', () => {
  it('reads quotes, semicolons and Belgian dates', () => {
    expect(parseCsv('a;b\r\n"x;1";"say ""hi"""\n')).toEqual([
      ['a', 'b'],
      ['x;1', 'say "hi"'],
    ]);
    expect(parseDate('03/07/1990')).toBe('1990-07-03');
    expect(parseDate('1990-02-30')).toBeNull();
    const { lines } = readImport(
      'Voornaam;Familienaam;Geboortedatum;Postcode\nAn;Peeters;01/02/1980;9300\n;;;\nX;;1980-01-01;9300',
    );
    expect(lines).toEqual([
      {
        line: 2,
        passNumber: null,
        firstName: 'An',
        lastName: 'Peeters',
        birthDate: '1980-02-01',
        postalCode: '9300',
        name: 'An Peeters',
      },
      { line: 3, invalid: expect.any(String), name: 'X' },
    ]);
    expect(readImport('foo,bar\n1,2').error).toBeTruthy();
  });
});

describe('proactive status import', () => {
  it('dry runs with reasons, grants on confirm, and changes nothing the second time', async () => {
    const counter = await loginAs('counter');
    const admin = await loginAs('admin');
    const municipality = await demo.demostad();
    const a = await registerResident(counter, {
      firstName: 'Import',
      lastName: 'Alpha',
      birthDate: '1971-01-01',
    });
    await registerResident(counter, { firstName: 'Twin', lastName: 'Same', birthDate: '1972-02-02' });
    await registerResident(counter, {
      firstName: 'Twin',
      lastName: 'Same',
      birthDate: '1972-02-02',
      confirmDuplicate: true,
    });
    const b = await registerResident(counter, {
      firstName: 'Import',
      lastName: 'Beta',
      birthDate: '1973-03-03',
      postalCode: '9308',
    });
    const csv = [
      'passNumber,firstName,lastName,birthDate,postalCode',
      `${a.passholder.passNumber},,,,`,
      ',Import,Beta,03/03/1973,9308',
      ',Twin,Same,1972-02-02,9300',
      ',Nobody,Known,1950-01-01,9300',
      `${await demo.passNumber('r15')},,,,`,
      '1234,,,,',
    ].join('\n');
    const dry = await json<Import>(`/api/v1/municipalities/${municipality}/status-imports`, 201, {
      token: admin,
      body: { csv, fileName: 'ocmw.csv', validUntil: '2027-04-30' },
    });
    expect(dry).toMatchObject({ matched: 2, unmatched: 3, ambiguous: 1, confirmedAt: null });
    expect(dry.rows.map((r) => `${r.line}:${r.outcome}:${r.reason}`)).toEqual([
      '2:matched:pass number',
      '3:matched:name, birth date and postal code',
      '4:ambiguous:several passes with this name, birth date and postal code',
      '5:unmatched:no pass for this name, birth date and postal code',
      '6:unmatched:the pass belongs to another municipality',
      '7:invalid:not a valid pass number',
    ]);
    // A dry run grants nothing.
    expect(
      (
        await json<{ status: string }>(`/api/v1/passholders/${a.passholder.id}/status`, 200, {
          token: counter,
        })
      ).status,
    ).toBe('NONE');

    const confirmed = await json<Import & { granted: number }>(
      `/api/v1/status-imports/${dry.id}/confirm`,
      200,
      { method: 'POST', token: admin },
    );
    expect(confirmed.granted).toBe(2);
    for (const id of [a.passholder.id, b.passholder.id]) {
      expect(
        (await json<{ status: string }>(`/api/v1/passholders/${id}/status`, 200, { token: counter })).status,
      ).toBe('ACTIVE');
    }
    expect(
      (
        await json<Import & { granted: number }>(`/api/v1/status-imports/${dry.id}/confirm`, 200, {
          method: 'POST',
          token: admin,
        })
      ).granted,
    ).toBe(0);
    const again = await json<Import>(`/api/v1/municipalities/${municipality}/status-imports`, 201, {
      token: counter,
      body: { csv: csv.replace(/\n/g, '\r\n'), validUntil: '2027-04-30' },
    });
    expect(again.alreadyImported).toBe(true);
    const second = await json<Import & { granted: number }>(
      `/api/v1/status-imports/${again.id}/confirm`,
      200,
      { method: 'POST', token: admin },
    );
    expect(second.granted).toBe(0);
    const grants = await json<{ grants: unknown[] }>(`/api/v1/passholders/${a.passholder.id}/status`, 200, {
      token: counter,
    });
    expect(grants.grants).toHaveLength(1);
  });

  it('refuses an unreadable file and other municipalities', async () => {
    const admin = await loginAs('admin');
    const body = await expectProblem(
      await call(`/api/v1/municipalities/${await demo.demostad()}/status-imports`, {
        token: admin,
        body: { csv: 'a,b\n1,2' },
      }),
      400,
      'validation_failed',
    );
    expect((body.fields as { pointer: string }[])[0]!.pointer).toBe('/csv');
    await expectProblem(
      await call(`/api/v1/municipalities/${await demo.buurdorp()}/status-imports`, {
        token: admin,
        body: { csv: 'passNumber\n1' },
      }),
      403,
      'forbidden',
    );
    await expectProblem(
      await call(`/api/v1/municipalities/${await demo.demostad()}/status-imports`, {
        token: await loginAs('club'),
        body: { csv: 'passNumber\n1' },
      }),
      403,
      'forbidden',
    );
  });
});
