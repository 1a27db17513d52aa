import { describe, expect, it } from 'vitest';
import { identityProblem, parseCsvRecords, parseDate, readImport } from '../../src/status/csv.ts';
import { classify, countRows, REASON_TEXT, withReasonCodes } from '../../src/status/import.ts';

describe('the birth date reader', () => {
  it('reads the Belgian ways of writing a date, and ISO', () => {
    for (const written of ['17/08/1948', '17-08-1948', '17.08.1948', '1948-08-17', ' 17/08/1948 ']) {
      expect(parseDate(written), written).toBe('1948-08-17');
    }
    expect(parseDate('7/8/1948')).toBe('1948-08-07');
    expect(parseDate('07.8.1948')).toBe('1948-08-07');
    expect(parseDate('1948-8-7')).toBe('1948-08-07');
    // A time a spreadsheet adds is ignored.
    expect(parseDate('17/08/1948 00:00')).toBe('1948-08-17');
    expect(parseDate('1948-08-17T00:00:00Z')).toBe('1948-08-17');
    expect(parseDate('29/02/2024')).toBe('2024-02-29');
  });

  it('refuses what is not a day of the calendar or is ambiguous', () => {
    for (const written of [
      '',
      'gisteren',
      '31/02/1990',
      '29/02/2023',
      '08/17/1948', // month first (American): no 17th month
      '17/08/48', // two-digit year: which century?
      '17/08-1948', // mixed separators
      '17 08 1948',
      '1990-02-30',
      '1948/08/17',
      '00/08/1948',
    ]) {
      expect(parseDate(written), written).toBeNull();
    }
  });
});

describe('reading an import file', () => {
  it('keeps the line of the file, also after empty lines and quoted line breaks', () => {
    const records = parseCsvRecords('a;b\n\n"x\ny";1\r\n;\n2;3\n');
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 3, cells: ['x\ny', '1'] },
      { line: 6, cells: ['2', '3'] },
    ]);
  });

  it('names what makes a row unreadable, as a code', () => {
    const full = { firstName: 'An', lastName: 'Peeters', birthDate: '17.08.1948', postalCode: '9300' };
    expect(identityProblem(full)).toBeNull();
    expect(identityProblem({ ...full, firstName: '' })).toBe('first_name_missing');
    expect(identityProblem({ ...full, lastName: '' })).toBe('last_name_missing');
    expect(identityProblem({ ...full, birthDate: '' })).toBe('birth_date_missing');
    expect(identityProblem({ ...full, birthDate: '31/02/1948' })).toBe('birth_date_unreadable');
    expect(identityProblem({ ...full, postalCode: '' })).toBe('postal_code_missing');
    expect(identityProblem({ ...full, postalCode: 'B-9300' })).toBe('postal_code_unreadable');

    const { lines } = readImport(
      [
        'Voornaam;Familienaam;Geboortedatum;Postcode',
        'An;Peeters;17/08/1948;9300',
        'Bart;Claes;17-08-1948;9300',
        '',
        'Chloé;Dubois;17.08.1948;9300',
        'Dirk;Engels;de zeventiende;9300',
      ].join('\n'),
    );
    expect(
      lines.map((l) => [l.line, 'invalid' in l ? l.invalid : (l as { birthDate: string }).birthDate]),
    ).toEqual([
      [2, '1948-08-17'],
      [3, '1948-08-17'],
      [5, '1948-08-17'],
      [6, 'birth_date_unreadable'],
    ]);
    // A file of pass numbers only: an empty number is said as such.
    expect(readImport('passNumber;naam\n;Peeters').lines).toEqual([
      { line: 2, invalid: 'pass_number_missing', name: 'Peeters' },
    ]);
  });

  it('sorts rows with a reason code and counts unreadable rows apart', () => {
    const { lines } = readImport(
      'passNumber,firstName,lastName,birthDate,postalCode\n1234,,,,\n,A,B,01/01/1950,9300',
    );
    const rows = classify(lines, new Map(), 'm1');
    expect(rows.map((r) => [r.line, r.outcome, r.reasonCode, r.reason])).toEqual([
      [2, 'invalid', 'pass_number_invalid', 'not a valid pass number'],
      [3, 'unmatched', 'no_identity', 'no pass for this name, birth date and postal code'],
    ]);
    expect(countRows(rows)).toEqual({ matched: 0, unmatched: 1, ambiguous: 0, unreadable: 1 });
  });

  it('gives rows stored before reason codes their code', () => {
    const old = {
      line: 2,
      name: 'X',
      passNumber: null,
      passholderId: null,
      outcome: 'invalid' as const,
      reason: REASON_TEXT.identity_incomplete,
    };
    expect(withReasonCodes([old])[0]!.reasonCode).toBe('identity_incomplete');
    expect(withReasonCodes([{ ...old, outcome: 'matched', reason: 'pass number' }])[0]!.reasonCode).toBe(
      'matched_pass_number',
    );
  });
});
