import { normalizePassNumber, PASS_NUMBER_LENGTH } from '../lib/pass-number.ts';
import { fieldProblem } from '../lib/validation.ts';

const NOT_A_PASS_NUMBER = {
  nl: `Dit is geen pasnummer: een pasnummer heeft ${PASS_NUMBER_LENGTH} cijfers.`,
  fr: `Ce n’est pas un numéro de carte : un numéro de carte a ${PASS_NUMBER_LENGTH} chiffres.`,
  en: `This is not a pass number: a pass number has ${PASS_NUMBER_LENGTH} digits.`,
};

/** A typed number that cannot be a pass number at all (not 13 digits) is told so on its field, in words. */
export function checkTypedNumber(passNumber: string | undefined): void {
  const digits = normalizePassNumber(passNumber ?? '');
  if (passNumber === undefined || (/^\d+$/.test(digits) && digits.length === PASS_NUMBER_LENGTH)) return;
  throw fieldProblem('/passNumber', 'invalid_format', 'A pass number has 13 digits', NOT_A_PASS_NUMBER);
}
