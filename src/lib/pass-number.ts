/**
 * Pass numbers: 13 digits, 12 random and a Luhn check digit. They are for humans (printed, typed at a
 * counter), not secrets, and carry no meaning: never a status digit, never a municipality code.
 */
export const PASS_NUMBER_LENGTH = 13;

/** The Luhn check digit for a string of digits. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Strips spaces and dashes people type or print between groups of digits. */
export function normalizePassNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** True when the input (after normalising) is 13 digits with a correct check digit. */
export function isValidPassNumber(input: string): boolean {
  const n = normalizePassNumber(input);
  return /^\d{13}$/.test(n) && luhnCheckDigit(n.slice(0, 12)) === Number(n[12]);
}

/** A new random pass number. `random` yields uniformly random digits (injectable for tests and seeds). */
export function newPassNumber(random: () => number = randomDigit): string {
  let body = '';
  for (let i = 0; i < PASS_NUMBER_LENGTH - 1; i++) body += String(random());
  return body + String(luhnCheckDigit(body));
}

function randomDigit(): number {
  const byte = new Uint8Array(1);
  do crypto.getRandomValues(byte);
  while (byte[0]! >= 250);
  return byte[0]! % 10;
}

/** Groups a pass number for print and screens: `1234 5678 9012 3`. */
export function formatPassNumber(n: string): string {
  return n.replace(/(\d{4})(?=\d)/g, '$1 ');
}
