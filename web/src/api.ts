import type { components, paths } from './api-types.ts';
import { locale, t } from './i18n.ts';

/** A problem answer of the API, with the end-user message in the current language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: { pointer: string; messages: Record<string, string> }[] = [],
  ) {
    super(message);
  }
}

/** Calls the API with the session cookie; throws ApiError with a translated message on failure. */
export async function api<T>(path: string, options: { method?: string; body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      credentials: 'same-origin',
      headers: {
        // Answers that have another form too (the letters batch prints as HTML) come as JSON here.
        accept: 'application/json',
        'accept-language': locale(),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'offline', t('offline'));
  }
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => null)) as
    (T & { code?: string; messages?: Record<string, string>; fields?: ApiError['fields'] }) | null;
  if (!response.ok) {
    const message = body?.messages?.[locale()] ?? t('unknownError');
    throw new ApiError(response.status, body?.code ?? 'unknown', message, body?.fields ?? []);
  }
  return body as T;
}

/**
 * For a page that loads again when the user changes a choice (a month, filters): `const current = begin()` before
 * the request, and `if (!current()) return` after it, so an older answer that arrives last never overwrites the
 * newer one on screen.
 */
export function sequence(): () => () => boolean {
  let latest = 0;
  return () => {
    const mine = ++latest;
    return () => mine === latest;
  };
}

/** A schema of the API, from the types generated out of its OpenAPI document (`npm run types:api`). */
export type Schema<N extends keyof components['schemas']> = components['schemas'][N];

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** The JSON body of a path's success answer (200 or 201), e.g. `Answer<'/api/v1/me/points'>`. */
export type Answer<P extends keyof paths, M extends Method = 'get'> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer T } } }
    ? T
    : R extends { 201: { content: { 'application/json': infer T } } }
      ? T
      : never
  : never;

export type Me = Schema<'Me'>;
export type StaffRole = Me['staffRoles'][number];
