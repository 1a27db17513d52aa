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

export type StaffRole = {
  role: 'municipality_admin' | 'counter' | 'club_admin' | 'door';
  municipalityId: string | null;
  clubId: string | null;
};
export type Me = {
  id: string;
  displayName: string;
  locale: 'nl' | 'fr' | 'en';
  roles: string[];
  municipalityId: string | null;
  clubIds: string[];
  passholderId: string | null;
  householdId: string | null;
  staffRoles: StaffRole[];
};
