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
  unreadable: number;
  rows: {
    line: number;
    outcome: string;
    reason: string;
    reasonCode: string;
    passholderId: string | null;
  }[];
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
      // The empty row is skipped, but the line numbers stay those of the file.
      { line: 4, invalid: 'last_name_missing', name: 'X' },
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
    // The unreadable row is counted apart from the people not found.
    expect(dry).toMatchObject({ matched: 2, unmatched: 2, ambiguous: 1, unreadable: 1, confirmedAt: null });
    expect(dry.rows.map((r) => r.reasonCode)).toEqual([
      'matched_pass_number',
      'matched_identity',
      'several_passes',
      'no_identity',
      'other_municipality',
      'pass_number_invalid',
    ]);
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

  it('reads Belgian dates and tells unreadable rows by their line in the file', async () => {
    const counter = await loginAs('counter');
    const municipality = await demo.demostad();
    const people = await Promise.all(
      ['Slash', 'Dash', 'Dot', 'Iso'].map((lastName) =>
        registerResident(counter, { firstName: 'Belgian', lastName, birthDate: '1948-08-17' }),
      ),
    );
    const csv = [
      'Voornaam;Familienaam;Geboortedatum;Postcode',
      'Belgian;Slash;17/08/1948;9300',
      'Belgian;Dash;17-08-1948;9300',
      '',
      'Belgian;Dot;17.08.1948;9300',
      'Belgian;Iso;1948-08-17;9300',
      'Niemand;Gekend;17/08/1948;9300',
      'Kapot;Datum;31/02/1948;9300',
      ';Zonder voornaam;17/08/1948;9300',
    ].join('\r\n');
    const dry = await json<Import>(`/api/v1/municipalities/${municipality}/status-imports`, 201, {
      token: counter,
      body: { csv },
    });
    expect(dry).toMatchObject({ matched: 4, unmatched: 1, ambiguous: 0, unreadable: 2 });
    expect(dry.rows.filter((r) => r.outcome === 'matched').map((r) => r.passholderId)).toEqual(
      people.map((p) => p.passholder.id),
    );
    expect(
      dry.rows.filter((r) => r.outcome !== 'matched').map((r) => [r.line, r.outcome, r.reasonCode]),
    ).toEqual([
      [7, 'unmatched', 'no_identity'],
      [8, 'invalid', 'birth_date_unreadable'],
      [9, 'invalid', 'first_name_missing'],
    ]);
    // Read again, the import answers the same codes and counts.
    const read = await json<Import>(`/api/v1/status-imports/${dry.id}`, 200, { token: counter });
    expect(read).toMatchObject({ matched: 4, unmatched: 1, unreadable: 2 });
    expect(read.rows.map((r) => r.reasonCode)).toEqual(dry.rows.map((r) => r.reasonCode));
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
