import type { Locale, Localized } from './i18n.ts';
import { fill } from './i18n.ts';

type ProblemDefinition = { status: number; title: string; messages: Localized };

/**
 * The closed catalogue of problems the API can answer with. `code` is stable and machine-readable;
 * `messages` are shown to end users, with `{placeholders}` filled from the problem's params.
 */
export const PROBLEMS = {
  validation_failed: {
    status: 400,
    title: 'The request is not valid',
    messages: {
      nl: 'Niet alle gegevens zijn correct ingevuld. Kijk de gemarkeerde velden na.',
      fr: 'Certaines données ne sont pas correctes. Vérifiez les champs indiqués.',
      en: 'Some of the data is not correct. Please check the marked fields.',
    },
  },
  malformed_json: {
    status: 400,
    title: 'The request body is not valid JSON',
    messages: {
      nl: 'De gegevens konden niet gelezen worden.',
      fr: 'Les données n’ont pas pu être lues.',
      en: 'The data could not be read.',
    },
  },
  unauthenticated: {
    status: 401,
    title: 'Sign-in required',
    messages: {
      nl: 'Je bent niet (meer) aangemeld. Meld je opnieuw aan.',
      fr: 'Vous n’êtes pas (plus) connecté. Veuillez vous reconnecter.',
      en: 'You are not signed in (any more). Please sign in again.',
    },
  },
  invalid_credentials: {
    status: 401,
    title: 'Wrong login or password',
    messages: {
      nl: 'Dit e-mailadres of pasnummer en wachtwoord passen niet bij elkaar.',
      fr: 'Cette adresse e-mail ou ce numéro de carte et ce mot de passe ne correspondent pas.',
      en: 'This email address or pass number and password do not match.',
    },
  },
  login_throttled: {
    status: 429,
    title: 'Too many failed sign-in attempts',
    messages: {
      nl: 'Te veel mislukte pogingen. Probeer opnieuw over {minutes} minuten, of vraag hulp aan de balie.',
      fr: 'Trop de tentatives échouées. Réessayez dans {minutes} minutes, ou demandez de l’aide au guichet.',
      en: 'Too many failed attempts. Try again in {minutes} minutes, or ask for help at the counter.',
    },
  },
  account_blocked: {
    status: 403,
    title: 'Account blocked',
    messages: {
      nl: 'Deze account is geblokkeerd. Neem contact op met de balie.',
      fr: 'Ce compte est bloqué. Contactez le guichet.',
      en: 'This account is blocked. Please contact the counter.',
    },
  },
  forbidden: {
    status: 403,
    title: 'Not allowed',
    messages: {
      nl: 'Je hebt geen toegang tot deze gegevens.',
      fr: 'Vous n’avez pas accès à ces données.',
      en: 'You do not have access to this data.',
    },
  },
  not_found: {
    status: 404,
    title: 'Not found',
    messages: {
      nl: 'Dit bestaat niet (meer).',
      fr: 'Ceci n’existe pas (ou plus).',
      en: 'This does not exist (any more).',
    },
  },
  conflict: {
    status: 409,
    title: 'Conflict',
    messages: {
      nl: 'Dit bestaat al of is intussen gewijzigd.',
      fr: 'Ceci existe déjà ou a été modifié entre-temps.',
      en: 'This already exists or has changed in the meantime.',
    },
  },
  payload_too_large: {
    status: 413,
    title: 'Request body too large',
    messages: {
      nl: 'Er werden te veel gegevens tegelijk verstuurd.',
      fr: 'Trop de données ont été envoyées en une fois.',
      en: 'Too much data was sent at once.',
    },
  },
  unsupported_media_type: {
    status: 415,
    title: 'Unsupported media type',
    messages: {
      nl: 'De gegevens moeten als JSON verstuurd worden.',
      fr: 'Les données doivent être envoyées en JSON.',
      en: 'The data must be sent as JSON.',
    },
  },
  internal_error: {
    status: 500,
    title: 'Internal error',
    messages: {
      nl: 'Er ging iets mis aan onze kant. Probeer het later opnieuw.',
      fr: 'Un problème est survenu de notre côté. Réessayez plus tard.',
      en: 'Something went wrong on our side. Please try again later.',
    },
  },
} as const satisfies Record<string, ProblemDefinition>;

export type ProblemCode = keyof typeof PROBLEMS;

/** One invalid field, addressed by a JSON pointer into the request (e.g. `/login`, `/query/limit`). */
export type FieldProblem = { pointer: string; code: string; messages: Localized };

export type ProblemOptions = {
  /** Values for the `{placeholders}` of the end-user messages. */
  params?: Record<string, string | number>;
  /** Technical detail in English for developers; defaults to the title. */
  detail?: string;
  fields?: FieldProblem[];
  headers?: Record<string, string>;
};

/** Throw this anywhere; the app's error handler renders it as RFC 9457 problem+json. */
export class Problem extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly options: ProblemOptions;

  constructor(code: ProblemCode, options: ProblemOptions = {}) {
    super(options.detail ?? PROBLEMS[code].title);
    this.name = 'Problem';
    this.code = code;
    this.status = PROBLEMS[code].status;
    this.options = options;
  }
}

export type ProblemBody = {
  type: string;
  code: ProblemCode;
  title: string;
  status: number;
  detail: string;
  message: string;
  messages: Localized;
  instance: string;
  requestId: string;
  fields?: FieldProblem[];
};

/** Renders a problem for one request: `message` is in the caller's language, `messages` in all. */
export function problemBody(
  problem: Problem,
  locale: Locale,
  instance: string,
  requestId: string,
): ProblemBody {
  const definition = PROBLEMS[problem.code];
  const params = problem.options.params ?? {};
  const messages: Localized = {
    nl: fill(definition.messages.nl, params),
    fr: fill(definition.messages.fr, params),
    en: fill(definition.messages.en, params),
  };
  return {
    type: `/api/docs#problem-${problem.code}`,
    code: problem.code,
    title: definition.title,
    status: definition.status,
    detail: problem.options.detail ?? definition.title,
    message: messages[locale],
    messages,
    instance,
    requestId,
    ...(problem.options.fields ? { fields: problem.options.fields } : {}),
  };
}
