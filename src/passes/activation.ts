/** Activation codes: printed on the welcome letter, used once to set a password. */

/** No 0/O, 1/I/L: easy to read aloud over the phone and to type. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ACTIVATION_DAYS = 60;

/** A new code like `K7PM-3QXD` (about 40 bits; attempts are throttled per pass number). */
export function newActivationCode(): string {
  let code = '';
  while (code.length < 8) {
    const [byte] = crypto.getRandomValues(new Uint8Array(1));
    if (byte! < 248) code += ALPHABET[byte! % ALPHABET.length];
  }
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What people type: any case, with or without spaces and dashes. */
export function normalizeActivationCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** The stored form: SHA-256 of the passholder id and the normalised code, hex. */
export async function hashActivationCode(passholderId: string, code: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${passholderId}:${normalizeActivationCode(code)}`);
  return Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}
