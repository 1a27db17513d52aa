import { fromBase64Url, toBase64Url } from './ids.ts';
import { fieldProblem } from './validation.ts';

/** Where a page ended: the sort key and the id of its last item. */
export type Position = { at: string; id: string };

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** An opaque cursor for the next page. */
export function encodeCursor(position: Position): string {
  return toBase64Url(new TextEncoder().encode(`${position.at}|${position.id}`));
}

/** Reads a cursor made by `encodeCursor`; anything else is a 400 on `/query/cursor`, never a 500. */
export function decodeCursor(cursor: string): Position {
  const invalid = () => fieldProblem('/query/cursor', 'invalid_format', 'Invalid cursor');
  if (!/^[A-Za-z0-9_-]+$/.test(cursor) || cursor.length % 4 === 1) throw invalid();
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(fromBase64Url(cursor));
  } catch {
    throw invalid();
  }
  const [at, id, ...rest] = text.split('|');
  if (rest.length || !at || !id || !ISO_INSTANT.test(at) || Number.isNaN(Date.parse(at)) || !ID.test(id))
    throw invalid();
  return { at, id };
}
