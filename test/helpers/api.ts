import { exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoId, demoPassNumber } from '../../src/demo/seed.ts';

export const BASE = 'https://buurtpas.test';

export type CallOptions = {
  method?: string;
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
  now?: string;
};

/** Calls the Worker as a client would. */
export function call(path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.now) headers['x-test-now'] = options.now;
  return exports.default.fetch(`${BASE}${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  });
}

/** Calls and parses JSON, asserting the status. */
export async function json<T = Record<string, unknown>>(
  path: string,
  status: number,
  options: CallOptions = {},
): Promise<T> {
  const response = await call(path, options);
  const text = await response.text();
  expect(response.status, `${options.method ?? 'GET'} ${path}: ${text}`).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
}

/** Asserts an RFC 9457 problem with this status and code, and returns its body. */
export async function expectProblem(response: Response, status: number, code: string) {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(response.headers.get('x-request-id')).toBeTruthy();
  const body = JSON.parse(text) as Record<string, unknown> & { messages: Record<string, string> };
  expect(body).toMatchObject({
    status,
    code,
    title: expect.any(String),
    detail: expect.any(String),
    type: expect.any(String),
  });
  expect(body.messages).toEqual({ nl: expect.any(String), fr: expect.any(String), en: expect.any(String) });
  expect(body.requestId).toBe(response.headers.get('x-request-id'));
  return body;
}

export type DemoRole = keyof typeof DEMO_ACCOUNTS;

/**
 * Signs in as a demo account and returns its bearer token. With `now`, signs in at that moment (the token
 * lives 15 minutes from then): for tests that act at an activity's door next week.
 */
export async function loginAs(role: DemoRole, now?: string): Promise<string> {
  const body = await json<{ token: string }>('/api/v1/auth/login', 200, {
    body: { login: DEMO_ACCOUNTS[role], password: DEMO_PASSWORD },
    ...(now ? { now } : {}),
  });
  return body.token;
}

/** Ids of the demo data. */
export const demo = {
  id: demoId,
  passNumber: demoPassNumber,
  demostad: () => demoId('demostad'),
  buurdorp: () => demoId('buurdorp'),
  sportsClub: () => demoId('club:sports'),
  cultureClub: () => demoId('club:culture'),
  pendingClub: () => demoId('club:chess'),
  user: (role: DemoRole) => demoId(`user:${role}`),
  household: (key: string) => demoId(`household:${key}`),
};

/** A unique suffix for fixtures a test creates. */
export function unique(prefix = 'x'): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}
