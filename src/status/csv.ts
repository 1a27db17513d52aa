import { isValidPassNumber, normalizePassNumber } from '../passes/number.ts';

/** Parses CSV text (RFC 4180 quotes; comma or semicolon, as spreadsheets in Belgium write it). */
export function parseCsv(text: string): string[][] {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
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
  | { line: number; invalid: string; name: string };

/** `DD/MM/YYYY`, `DD-MM-YYYY` or `YYYY-MM-DD` to `YYYY-MM-DD`; null when it is not a date. */
export function parseDate(text: string): string | null {
  const t = text.trim();
  const iso = t.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  const be = t.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
  const [y, m, d] = iso
    ? [iso[1], iso[2], iso[3]]
    : be
      ? [be[3], be[2]!.padStart(2, '0'), be[1]!.padStart(2, '0')]
      : [];
  if (!y || !m || !d) return null;
  const date = `${y}-${m}-${d}`;
  return new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date ? date : null;
}

/**
 * Reads the list of entitled people: a header row, then one person per row identified by pass number,
 * or by first name, last name, birth date and postal code. Rows that say too little are `invalid`.
 */
export function readImport(csv: string): { lines: ImportLine[]; error: string | null } {
  const [header, ...rows] = parseCsv(csv);
  if (!header) return { lines: [], error: 'The file is empty' };
  const columns = header.map(
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
  const lines = rows.map((cells, index): ImportLine => {
    const get = (name: string) => (cells[columns.indexOf(name as never)] ?? '').trim();
    const line = index + 2;
    const name = `${get('firstName')} ${get('lastName')}`.trim();
    const passNumber = normalizePassNumber(get('passNumber'));
    if (passNumber) {
      return isValidPassNumber(passNumber)
        ? { line, passNumber, name }
        : { line, invalid: 'not a valid pass number', name };
    }
    const birthDate = parseDate(get('birthDate'));
    if (!get('firstName') || !get('lastName') || !birthDate || !/^\d{4}$/.test(get('postalCode'))) {
      return {
        line,
        invalid: 'needs a pass number, or first name, last name, birth date and postal code',
        name,
      };
    }
    return {
      line,
      passNumber: null,
      firstName: get('firstName'),
      lastName: get('lastName'),
      birthDate,
      postalCode: get('postalCode'),
      name,
    };
  });
  return { lines, error: null };
}
