import type { Statement } from './schema.ts';

/** Euros with a decimal comma, as Belgian spreadsheets expect. */
export function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

function cell(value: string | number): string {
  const text = String(value);
  return /[";\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A statement as CSV that opens cleanly in a spreadsheet set to Dutch or French: UTF-8 with a byte order
 * mark, semicolons between cells, decimal commas, one header row, one row per line and a total row.
 */
export function statementCsv(s: Statement): string {
  const header = [
    'date',
    'kind',
    'activity',
    'passNumber',
    'regularPrice',
    'paid',
    'clubShare',
    'municipalityShare',
  ];
  const rows = s.lines.map((l) => [
    l.date.slice(0, 10),
    l.kind,
    l.description,
    l.passNumber,
    euros(l.regularPrice),
    euros(l.paid),
    euros(l.clubShare),
    euros(l.municipalityShare),
  ]);
  const total = [
    '',
    'total',
    `${s.month} ${s.clubName}`,
    '',
    euros(s.totals.regularPrice),
    euros(s.totals.paid),
    euros(s.totals.clubShare),
    euros(s.totals.municipalityShare),
  ];
  return `\uFEFF${[header, ...rows, total].map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}
