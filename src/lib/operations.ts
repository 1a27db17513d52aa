import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';
import { Problem } from './problem.ts';
import { fieldProblem } from './validation.ts';

/** Longest value of any query or path parameter, whatever its schema says (most say less). */
export const MAX_PARAMETER_LENGTH = 1024;

/** What the request guard needs to know of one documented operation. */
export type OperationInfo = {
  /** Hono's form of the path, e.g. `/api/v1/activities/:activityId`. */
  path: string;
  signInRequired: boolean;
  /** The route checks the session itself, in the same batch as its work (`x-session-in-batch`). */
  sessionInBatch: boolean;
  queryNames: ReadonlySet<string>;
};

/** The part of a zod-openapi route definition read here. */
type RouteDefinition = {
  type: string;
  route?: {
    method: string;
    path: string;
    security?: Record<string, string[]>[];
    request?: { query?: unknown };
    'x-session-in-batch'?: boolean;
  };
};

function shapeKeys(schema: unknown): string[] {
  const s = schema as { shape?: Record<string, unknown>; in?: unknown; def?: { in?: unknown } } | undefined;
  if (!s) return [];
  if (s.shape) return Object.keys(s.shape);
  return shapeKeys(s.in ?? s.def?.in);
}

/**
 * The documented operations by `METHOD path` (Hono's path form), from the OpenAPI registry. An operation
 * requires sign-in when it declares a security requirement and none of them is the empty one.
 */
export function operationTable(definitions: readonly RouteDefinition[]): Map<string, OperationInfo> {
  const table = new Map<string, OperationInfo>();
  for (const { type, route } of definitions) {
    if (type !== 'route' || !route) continue;
    const path = route.path.replace(/\{([^}]+)\}/g, ':$1');
    const security = route.security ?? [];
    table.set(`${route.method.toUpperCase()} ${path}`, {
      path,
      signInRequired: security.length > 0 && security.every((s) => Object.keys(s).length > 0),
      sessionInBatch: route['x-session-in-batch'] === true,
      queryNames: new Set(shapeKeys(route.request?.query)),
    });
  }
  return table;
}

/** The documented operation that will answer this request, if any. */
export function findOperation(
  c: Context,
  table: ReadonlyMap<string, OperationInfo>,
): OperationInfo | undefined {
  const route = matchedRoutes(c).find((r) => r.method !== 'ALL');
  return route ? table.get(`${route.method} ${route.path}`) : undefined;
}

function decode(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

function checkValue(pointer: string, raw: string): void {
  const value = decode(raw);
  if (value === null) throw fieldProblem(pointer, 'invalid_format', `${pointer} is not valid UTF-8`);
  if (value.trim() === '') throw fieldProblem(pointer, 'too_small', `${pointer} is empty`);
  if (value.length > MAX_PARAMETER_LENGTH)
    throw fieldProblem(pointer, 'too_big', `${pointer} is longer than ${MAX_PARAMETER_LENGTH} characters`);
}

/**
 * Path parameters and the operation's own query parameters must be valid UTF-8, not empty or blank, and
 * at most `MAX_PARAMETER_LENGTH` characters; otherwise a 400 before the route's own validation.
 */
export function checkParameters(c: Context, operation: OperationInfo): void {
  const url = new URL(c.req.url);
  const segments = url.pathname.split('/');
  operation.path.split('/').forEach((part, i) => {
    if (part.startsWith(':')) checkValue(`/param/${part.slice(1)}`, segments[i] ?? '');
  });
  if (operation.queryNames.size === 0 || url.search.length < 2) return;
  for (const pair of url.search.slice(1).split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    const name = decode((at < 0 ? pair : pair.slice(0, at)).replace(/\+/g, ' '));
    if (name === null || !operation.queryNames.has(name)) continue;
    checkValue(`/query/${name}`, (at < 0 ? '' : pair.slice(at + 1)).replace(/\+/g, ' '));
  }
}

type CompiledRoute = { method: string; pattern: RegExp; params: string[] };

/** Hono route paths as patterns whose parameters may also match an empty segment. */
export function compileRoutes(routes: readonly { method: string; path: string }[]): CompiledRoute[] {
  const seen = new Set<string>();
  const compiled: CompiledRoute[] = [];
  for (const { method, path } of routes) {
    if (method === 'ALL' || seen.has(`${method} ${path}`)) continue;
    seen.add(`${method} ${path}`);
    const params: string[] = [];
    const source = path
      .split('/')
      .map((part) => {
        if (part === '*') return '.*';
        const param = part.match(/^:([^{?]+)/);
        if (!param) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        params.push(param[1]!);
        return '([^/]*)';
      })
      .join('/');
    compiled.push({ method, pattern: new RegExp(`^${source}$`), params });
  }
  return compiled;
}

/**
 * For a request no route answered: 400 when a route would have matched but for an empty path parameter,
 * 405 with `Allow` when the path exists for other methods, otherwise null (a 404).
 */
export function unmatchedProblem(
  routes: readonly CompiledRoute[],
  method: string,
  path: string,
): Problem | null {
  const wanted = method === 'HEAD' ? 'GET' : method;
  const allowed = new Set<string>();
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (route.method === wanted) {
      const empty = route.params.findIndex((_, i) => match[i + 1] === '');
      if (empty >= 0) {
        const pointer = `/param/${route.params[empty]}`;
        return fieldProblem(pointer, 'too_small', `${pointer} is empty`);
      }
    }
    allowed.add(route.method);
  }
  if (allowed.size === 0 || allowed.has(wanted)) return null;
  if (allowed.has('GET')) allowed.add('HEAD');
  const allow = [...allowed].sort().join(', ');
  return new Problem('method_not_allowed', {
    detail: `${method} is not allowed here; allowed: ${allow}`,
    headers: { Allow: allow },
  });
}
