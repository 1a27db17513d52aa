import { smsNumber } from '../messages/phone.ts';
import { fieldProblem } from '../lib/validation.ts';
import type { SocialHouse, SocialHouseInput } from './schema.ts';

/** The examples keep to one line on a phone screen (no-break spaces). */
const NOT_A_PHONE = {
  nl: 'Dit is geen Belgisch telefoonnummer. Schrijf het bijvoorbeeld als 050\u00a012\u00a034\u00a056 of +32\u00a050\u00a012\u00a034\u00a056.',
  fr: 'Ce n’est pas un numéro de téléphone belge. Écrivez-le par exemple 050\u00a012\u00a034\u00a056 ou +32\u00a050\u00a012\u00a034\u00a056.',
  en: 'This is not a Belgian phone number. Write it like 050\u00a012\u00a034\u00a056 or +32\u00a050\u00a012\u00a034\u00a056.',
};

/** Digits, spaces, `+`, `/`, `.`, and the `-` and `(0)` some people write too. */
const PHONE_CHARACTERS = /^[0-9 +/.()-]+$/;

/**
 * The Social House's contact as it will be printed: the phone as typed (spaces tidied), a Belgian number a
 * person can call (the same reading as an SMS number, src/messages/phone.ts); the address's lines trimmed,
 * empty lines left out, null when nothing is left.
 */
export function socialHouseContact(input: SocialHouseInput): SocialHouse {
  const phone = input.phone.replace(/\s+/g, ' ');
  if (phone === '') throw fieldProblem('/phone', 'required', 'The phone number is required');
  const number = PHONE_CHARACTERS.test(phone) ? smsNumber(phone) : null;
  if (!number?.startsWith('+32'))
    throw fieldProblem('/phone', 'invalid_format', 'Not a Belgian phone number', NOT_A_PHONE);
  const lines = (input.address ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
  return { phone, address: lines.length ? lines.join('\n') : null };
}
