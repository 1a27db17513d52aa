import type { ZodError } from 'zod';
import type { Localized } from './i18n.ts';
import { Problem, type FieldProblem } from './problem.ts';

const FIELD_MESSAGES: Record<string, Localized> = {
  required: { nl: 'Dit veld is verplicht.', fr: 'Ce champ est obligatoire.', en: 'This field is required.' },
  invalid_type: {
    nl: 'Dit veld heeft een verkeerd type.',
    fr: 'Ce champ a un type incorrect.',
    en: 'This field has the wrong type.',
  },
  too_small: {
    nl: 'Dit is te kort of te klein.',
    fr: 'Ceci est trop court ou trop petit.',
    en: 'This is too short or too small.',
  },
  too_big: {
    nl: 'Dit is te lang of te groot.',
    fr: 'Ceci est trop long ou trop grand.',
    en: 'This is too long or too big.',
  },
  invalid_format: {
    nl: 'Dit heeft niet de juiste vorm.',
    fr: 'Ceci n’a pas le bon format.',
    en: 'This does not have the right format.',
  },
  invalid_value: {
    nl: 'Deze waarde is niet toegelaten.',
    fr: 'Cette valeur n’est pas autorisée.',
    en: 'This value is not allowed.',
  },
  unrecognized_keys: {
    nl: 'Dit veld is onbekend.',
    fr: 'Ce champ est inconnu.',
    en: 'This field is unknown.',
  },
  invalid: {
    nl: 'Deze waarde is niet geldig.',
    fr: 'Cette valeur n’est pas valide.',
    en: 'This value is not valid.',
  },
};

/** JSON pointer (RFC 6901) of a path inside the validated target. */
export function jsonPointer(prefix: string, path: readonly PropertyKey[]): string {
  const escaped = path.map((key) => String(key).replace(/~/g, '~0').replace(/\//g, '~1'));
  return [prefix, ...escaped].join('/') || '/';
}

/** Turns a zod error on one request part (json, query, param, header) into field problems. */
export function fieldProblems(error: ZodError, target: string): FieldProblem[] {
  const prefix = target === 'json' || target === 'form' ? '' : `/${target}`;
  return error.issues.flatMap((issue) => {
    const isMissing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    const code = isMissing ? 'required' : issue.code in FIELD_MESSAGES ? issue.code : 'invalid';
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map((key) => ({
      pointer: jsonPointer(prefix, key === undefined ? issue.path : [...issue.path, key]),
      code,
      messages: FIELD_MESSAGES[code] ?? FIELD_MESSAGES.invalid!,
    }));
  });
}

/**
 * A 400 problem for one field (`pointer` into the request, `code` one of the field codes above), with the
 * code's usual words, or `messages` that say exactly what is wrong with this field.
 */
export function fieldProblem(
  pointer: string,
  code: string,
  detail: string,
  messages?: { nl: string; fr: string; en: string },
): Problem {
  const known = code in FIELD_MESSAGES ? code : 'invalid';
  return new Problem('validation_failed', {
    detail,
    fields: [{ pointer, code: known, messages: messages ?? FIELD_MESSAGES[known]! }],
  });
}

export function validationProblem(error: ZodError, target: string): Problem {
  const fields = fieldProblems(error, target);
  return new Problem('validation_failed', {
    detail: `Invalid ${target}: ${fields.map((f) => `${f.pointer} (${f.code})`).join(', ')}`,
    fields,
  });
}
