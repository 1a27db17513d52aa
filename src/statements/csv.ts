import { brusselsDate } from '../lib/time.ts';
import type { Statement, StatementAudit, StatementTotals } from './schema.ts';

/** Euros with a decimal comma, as Belgian spreadsheets expect. */
export function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** A cell a spreadsheet would read as a formula: =, +, -, @, tab, carriage return (and their full-width forms). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * A cell of text that came from people (a title, a club's name): a leading formula character is
 * neutralised with a single quote, so `=HYPERLINK(...)` reaches the spreadsheet as text.
 */
export function textCell(value: string): string {
  if (FORMULA_START.test(value)) return `"'${value.replace(/"/g, '""')}"`;
  return /[";\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A cell we wrote ourselves (an amount, a count, a date): never quoted, so `-1,50` stays a number. */
type Raw = { raw: string };
const raw = (value: string | number): Raw => ({ raw: String(value) });

function csv(rows: (string | Raw)[][]): string {
  const lines = rows.map((r) => r.map((c) => (typeof c === 'string' ? textCell(c) : c.raw)).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const amounts = (a: Omit<StatementTotals, 'lines'>): Raw[] => [
  raw(euros(a.regularPrice)),
  raw(euros(a.paid)),
  raw(euros(a.clubShare)),
  raw(euros(a.municipalityShare)),
];

const AMOUNT_HEADERS = ['regularPrice', 'paid', 'clubShare', 'municipalityShare'];

/**
 * A club's statement as CSV that opens cleanly in a spreadsheet set to Dutch or French: UTF-8 with a byte
 * order mark, semicolons between cells, decimal commas, one header row, one row per activity and price,
 * and a total row. Like the JSON, it says nothing about who bought.
 */
export function statementCsv(s: Statement): string {
  const header = ['kind', 'type', 'activity', 'count', 'unitRegularPrice', 'unitPaid', ...AMOUNT_HEADERS];
  const rows = s.groups.map((g) => [
    raw(g.kind),
    raw(g.type),
    g.description,
    raw(g.count),
    raw(euros(g.unitRegularPrice)),
    raw(euros(g.unitPaid)),
    ...amounts(g),
  ]);
  const total = [raw('total'), raw(''), `${s.month} ${s.clubName}`, raw(s.totals.lines), raw(''), raw('')];
  return csv([header, ...rows, [...total, ...amounts(s.totals)]]);
}

const brusselsTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Brussels',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * The municipality's audit of a statement as CSV: one row per sale or correction with its Brussels date
 * and time (the same calendar as the month's boundaries), no person.
 */
export function auditCsv(s: StatementAudit): string {
  const header = ['saleId', 'kind', 'type', 'date', 'time', 'activity', ...AMOUNT_HEADERS];
  const rows = s.lines.map((l) => [
    raw(l.saleId),
    raw(l.kind),
    raw(l.type),
    raw(brusselsDate(new Date(l.at))),
    raw(brusselsTime.format(new Date(l.at))),
    l.description,
    ...amounts(l),
  ]);
  const total = [raw(''), raw('total'), raw(''), raw(''), raw(''), `${s.month} ${s.clubName}`];
  return csv([header, ...rows, [...total, ...amounts(s.totals)]]);
}

/** Does the request ask for a CSV (`Accept: text/csv`)? */
export function wantsCsv(accept: string | undefined): boolean {
  return /text\/csv/.test(accept ?? '');
}

/** The headers of a CSV download named after the statement. */
export function csvHeaders(name: string): Record<string, string> {
  return {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name.replace(/[^\w-]+/g, '-')}.csv"`,
  };
}
