import type { ImportLine } from './csv.ts';
import type { ImportReason, ImportRow } from './schema.ts';

/** Each reason in English, for logs and API clients that do not translate (`reasonCode` is what pages show). */
export const REASON_TEXT: Record<ImportReason, string> = {
  matched_pass_number: 'pass number',
  matched_identity: 'name, birth date and postal code',
  several_passes: 'several passes with this name, birth date and postal code',
  other_municipality: 'the pass belongs to another municipality',
  no_pass_number: 'no pass with this number',
  no_identity: 'no pass for this name, birth date and postal code',
  pass_number_invalid: 'not a valid pass number',
  pass_number_missing: 'no pass number',
  first_name_missing: 'no first name',
  last_name_missing: 'no last name',
  birth_date_missing: 'no birth date',
  birth_date_unreadable: 'the birth date cannot be read',
  postal_code_missing: 'no postal code',
  postal_code_unreadable: 'the postal code cannot be read',
  identity_incomplete: 'needs a pass number, or first name, last name, birth date and postal code',
};

const row = (base: Omit<ImportRow, 'reason' | 'reasonCode'>, reasonCode: ImportReason): ImportRow => ({
  ...base,
  reasonCode,
  reason: REASON_TEXT[reasonCode],
});

/** Sorts each line of an import into matched, unmatched, ambiguous or invalid, with the reason as a code. */
export function classify(
  lines: ImportLine[],
  candidates: Map<number, { id: string; passNumber: string; municipalityId: string }[]>,
  municipalityId: string,
): ImportRow[] {
  return lines.map((l): ImportRow => {
    const base = { line: l.line, name: l.name, passNumber: 'passNumber' in l ? l.passNumber : null };
    if ('invalid' in l) return row({ ...base, outcome: 'invalid', passholderId: null }, l.invalid);
    const found = candidates.get(l.line) ?? [];
    const here = found.filter((c) => c.municipalityId === municipalityId);
    if (here.length === 1)
      return row(
        { ...base, outcome: 'matched', passholderId: here[0]!.id, passNumber: here[0]!.passNumber },
        l.passNumber ? 'matched_pass_number' : 'matched_identity',
      );
    if (here.length > 1) return row({ ...base, outcome: 'ambiguous', passholderId: null }, 'several_passes');
    if (found.length) return row({ ...base, outcome: 'unmatched', passholderId: null }, 'other_municipality');
    return row(
      { ...base, outcome: 'unmatched', passholderId: null },
      l.passNumber ? 'no_pass_number' : 'no_identity',
    );
  });
}

/**
 * Rows stored before reasons had codes carry only the English text: gives them their code, so every
 * import answers alike.
 */
export function withReasonCodes(
  rows: (Omit<ImportRow, 'reasonCode'> & { reasonCode?: ImportReason })[],
): ImportRow[] {
  const byText = new Map(Object.entries(REASON_TEXT).map(([code, text]) => [text, code as ImportReason]));
  return rows.map((r) => ({
    ...r,
    reasonCode:
      r.reasonCode ??
      byText.get(r.reason) ??
      (r.outcome === 'matched'
        ? 'matched_identity'
        : r.outcome === 'ambiguous'
          ? 'several_passes'
          : r.outcome === 'unmatched'
            ? 'no_identity'
            : 'identity_incomplete'),
  }));
}

/** How many people were found, not found and found more than once, and how many rows cannot be read. */
export function countRows(rows: Pick<ImportRow, 'outcome'>[]): {
  matched: number;
  unmatched: number;
  ambiguous: number;
  unreadable: number;
} {
  const count = (outcome: ImportRow['outcome']) => rows.filter((r) => r.outcome === outcome).length;
  return {
    matched: count('matched'),
    unmatched: count('unmatched'),
    ambiguous: count('ambiguous'),
    unreadable: count('invalid'),
  };
}

/** SHA-256 of the file's content, so the same list imported twice is recognised. */
export async function fileHash(csv: string): Promise<string> {
  const normalized = csv
    .replace(/^\uFEFF/, '')
    .replace(/\r\n/g, '\n')
    .trim();
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(normalized));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
