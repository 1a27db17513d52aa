import { isValidPassNumber, normalizePassNumber } from '../lib/pass-number.ts';
import type { ImportReason } from './schema.ts';

/** One record of a CSV file with the line of the file it starts on (the header is line 1). */
export type CsvRecord = { line: number; cells: string[] };

/**
 * Parses CSV text (RFC 4180 quotes; comma or semicolon, as spreadsheets in Belgium write it), keeping the
 * line of the file each record starts on, so a person reading the file finds the row. Empty rows are left out.
 */
export function parseCsvRecords(text: string): CsvRecord[] {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records: CsvRecord[] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n' || (ch === '\r' && source[i + 1] !== '\n')) line++;
        cell += ch;
      }
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      row.push(cell);
      records.push({ line: startLine, cells: row });
      row = [];
      cell = '';
      line++;
      startLine = line;
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    records.push({ line: startLine, cells: row });
  }
  return records.filter((r) => r.cells.some((c) => c.trim() !== ''));
}

/** Parses CSV text into rows of cells (see {@link parseCsvRecords}). */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text).map((r) => r.cells);
}

const HEADERS: Record<string, 'passNumber' | 'firstName' | 'lastName' | 'birthDate' | 'postalCode'> = {
  passnumber: 'passNumber',
  pasnummer: 'passNumber',
  numerodecarte: 'passNumber',
  firstname: 'firstName',
  voornaam: 'firstName',
  prenom: 'firstName',
  lastname: 'lastName',
  familienaam: 'lastName',
  naam: 'lastName',
  nom: 'lastName',
  birthdate: 'birthDate',
  geboortedatum: 'birthDate',
  datedenaissance: 'birthDate',
  postalcode: 'postalCode',
  postcode: 'postalCode',
  codepostal: 'postalCode',
};

/** Why a row of the file cannot be read (a code the page translates). */
export type UnreadableReason = Extract<
  ImportReason,
  | 'pass_number_invalid'
  | 'pass_number_missing'
  | 'first_name_missing'
  | 'last_name_missing'
  | 'birth_date_missing'
  | 'birth_date_unreadable'
  | 'postal_code_missing'
  | 'postal_code_unreadable'
>;

export type ImportLine =
  | { line: number; passNumber: string; name: string }
  | {
      line: number;
      passNumber: null;
      firstName: string;
      lastName: string;
      birthDate: string;
      postalCode: string;
      name: string;
    }
  | { line: number; invalid: UnreadableReason; name: string };

/**
 * A birth date as people write it in Belgium, to `YYYY-MM-DD`: day, month and year with `/`, `-` or `.`
 * (`17/08/1948`, `17-08-1948`, `17.08.1948`, also `7/8/1948`), or ISO `1948-08-17`; a time a spreadsheet
 * adds (`17/08/1948 00:00`) is ignored. Null when it is not a date of the calendar (31/02/1990, 08/17/1948).
 */
export function parseDate(text: string): string | null {
  const t = text.trim().replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/, '');
  const iso = t.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  const be = t.match(/^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : be ? [be[4], be[3], be[1]] : [];
  if (!y || !m || !d) return null;
  const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date ? date : null;
}

/** What is wrong with a row that has no pass number, in the order a person would fix it; null when nothing. */
export function identityProblem(cells: {
  firstName: string;
  lastName: string;
  birthDate: string;
  postalCode: string;
}): UnreadableReason | null {
  if (!cells.firstName) return 'first_name_missing';
  if (!cells.lastName) return 'last_name_missing';
  if (!cells.birthDate) return 'birth_date_missing';
  if (!parseDate(cells.birthDate)) return 'birth_date_unreadable';
  if (!cells.postalCode) return 'postal_code_missing';
  if (!/^\d{4}$/.test(cells.postalCode)) return 'postal_code_unreadable';
  return null;
}

/**
 * Reads the list of entitled people: a header row, then one person per row identified by pass number,
 * or by first name, last name, birth date and postal code. Rows that say too little are `invalid`, with
 * the reason as a code. `line` is the line of the file (the header is line 1), also after empty lines.
 */
export function readImport(csv: string): { lines: ImportLine[]; error: string | null } {
  const [header, ...rows] = parseCsvRecords(csv);
  if (!header) return { lines: [], error: 'The file is empty' };
  const columns = header.cells.map(
    (h) =>
      HEADERS[
        h
          .toLowerCase()
          .normalize('NFD')
          .replace(/[^a-z]/g, '')
      ] ?? null,
  );
  if (
    !columns.includes('passNumber') &&
    !(['firstName', 'lastName', 'birthDate', 'postalCode'] as const).every((c) => columns.includes(c))
  ) {
    return {
      lines: [],
      error: 'The header needs passNumber, or firstName, lastName, birthDate and postalCode',
    };
  }
  const lines = rows.map(({ line, cells }): ImportLine => {
    const get = (name: string) => (cells[columns.indexOf(name as never)] ?? '').trim();
    const name = `${get('firstName')} ${get('lastName')}`.trim();
    const passNumber = normalizePassNumber(get('passNumber'));
    if (passNumber) {
      return isValidPassNumber(passNumber)
        ? { line, passNumber, name }
        : { line, invalid: 'pass_number_invalid', name };
    }
    const person = {
      firstName: get('firstName'),
      lastName: get('lastName'),
      birthDate: get('birthDate'),
      postalCode: get('postalCode').replace(/\s/g, ''),
    };
    const byIdentity = (['firstName', 'lastName', 'birthDate', 'postalCode'] as const).every((c) =>
      columns.includes(c),
    );
    const problem = byIdentity ? identityProblem(person) : 'pass_number_missing';
    if (problem) return { line, invalid: problem, name };
    return { line, passNumber: null, ...person, birthDate: parseDate(person.birthDate)!, name };
  });
  return { lines, error: null };
}
