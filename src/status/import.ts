import type { ImportLine } from './csv.ts';
import type { ImportRow } from './schema.ts';

/** Sorts each line of an import into matched, unmatched, ambiguous or invalid, with the reason. */
export function classify(
  lines: ImportLine[],
  candidates: Map<number, { id: string; passNumber: string; municipalityId: string }[]>,
  municipalityId: string,
): ImportRow[] {
  return lines.map((l): ImportRow => {
    const base = { line: l.line, name: l.name, passNumber: 'passNumber' in l ? l.passNumber : null };
    if ('invalid' in l) return { ...base, outcome: 'invalid', reason: l.invalid, passholderId: null };
    const found = candidates.get(l.line) ?? [];
    const here = found.filter((c) => c.municipalityId === municipalityId);
    if (here.length === 1)
      return {
        ...base,
        outcome: 'matched',
        reason: l.passNumber ? 'pass number' : 'name, birth date and postal code',
        passholderId: here[0]!.id,
        passNumber: here[0]!.passNumber,
      };
    if (here.length > 1)
      return {
        ...base,
        outcome: 'ambiguous',
        reason: 'several passes with this name, birth date and postal code',
        passholderId: null,
      };
    if (found.length)
      return {
        ...base,
        outcome: 'unmatched',
        reason: 'the pass belongs to another municipality',
        passholderId: null,
      };
    return {
      ...base,
      outcome: 'unmatched',
      reason: l.passNumber ? 'no pass with this number' : 'no pass for this name, birth date and postal code',
      passholderId: null,
    };
  });
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
