/**
 * A phone number as an SMS gateway takes it: E.164 (`+32470123456`). Belgian numbers may be written the
 * Belgian way (`0470 12 34 56`, `0032 470 12 34 56`, `+32 (0)470/12.34.56`). Null when it is not a number an
 * SMS can go to.
 */
export function smsNumber(input: string): string | null {
  let digits = input
    .trim()
    .replace(/\(0\)/g, '')
    .replace(/[\s./-]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  else if (/^0[1-9]/.test(digits)) digits = `+32${digits.slice(1)}`;
  if (!/^\+[1-9]\d{7,14}$/.test(digits)) return null;
  // Belgian numbers: 8 or 9 digits after +32.
  if (digits.startsWith('+32') && !/^\+32\d{8,9}$/.test(digits)) return null;
  return digits;
}
