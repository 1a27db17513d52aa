import { problemResponse } from './openapi.ts';
import { MAX_PARAMETER_LENGTH } from './operations.ts';
import type { ProblemCode } from './problem.ts';

type Schema = Record<string, unknown>;
type Parameter = { in: string; name: string; required?: boolean; schema?: Schema };
type Response = { description: string; headers?: Record<string, unknown>; content?: Record<string, unknown> };
type Operation = {
  parameters?: Parameter[];
  requestBody?: unknown;
  responses: Record<string, Response>;
  security?: Record<string, string[]>[];
};
export type OpenApiDocument = { paths: Record<string, Record<string, Operation>> } & Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** What the app's middleware enforces on every query and path parameter (see `checkParameters`). */
function tightenParameter(parameter: Parameter): void {
  if (parameter.in !== 'query' && parameter.in !== 'path') return;
  const schema = parameter.schema;
  if (!schema) return;
  const types = ([] as unknown[]).concat(schema.type ?? []);
  if (!types.includes('string') || schema.enum) return;
  schema.minLength = Math.max(Number(schema.minLength ?? 0), 1);
  schema.maxLength = Math.min(Number(schema.maxLength ?? MAX_PARAMETER_LENGTH), MAX_PARAMETER_LENGTH);
  if (!schema.pattern && !schema.format) schema.pattern = '\\S';
}

/** Adds problem codes to an operation's responses, merging them into the entries already there. */
function addProblems(responses: Record<string, Response>, codes: ProblemCode[]): void {
  const added = problemResponse(...codes);
  for (const [status, entry] of Object.entries(added)) {
    const existing = responses[status];
    if (!existing) {
      responses[status] = entry;
      continue;
    }
    const listed = new Set([...existing.description.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!));
    const missing = codes.filter((code) => !listed.has(code) && entry.description.includes(`\`${code}\``));
    if (missing.length) existing.description += `; ${problemResponse(...missing)[status]!.description}`;
    existing.content ??= entry.content;
  }
}

/**
 * Completes the generated document with what the app's shared middleware does for every operation, so
 * that the document lists every answer a client can get:
 * - public operations declare `security: []`;
 * - query and path parameters are non-blank and at most `MAX_PARAMETER_LENGTH` characters;
 * - 400 where a parameter or body can be invalid; 401 on every `/api/v1` operation (an invalid bearer
 *   token); 403 `forbidden_origin`, 413 and 415 on every unsafe `/api/v1` operation;
 * - the `Idempotent-Replayed` header on the successful answers of operations that take an `Idempotency-Key`.
 */
export function finishDocument<T extends OpenApiDocument>(document: T): T {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operation.security ??= [];
      const parameters = operation.parameters ?? [];
      parameters.forEach(tightenParameter);
      const api = path.startsWith('/api/v1/');
      const unsafe = method !== 'get' && method !== 'head';
      const codes: ProblemCode[] = [];
      if (parameters.length || operation.requestBody) codes.push('validation_failed');
      if (operation.requestBody) codes.push('malformed_json');
      if (api) codes.push('unauthenticated');
      if (api && unsafe) codes.push('forbidden_origin', 'payload_too_large', 'unsupported_media_type');
      addProblems(operation.responses, codes);
      if (parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key')) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (!status.startsWith('2')) continue;
          response.headers = {
            ...response.headers,
            'Idempotent-Replayed': {
              description:
                'Present (`true`) when this is the stored answer to an earlier request with the same `Idempotency-Key`: same status and body, nothing written again.',
              schema: { type: 'string', enum: ['true'] },
            },
          };
        }
      }
    }
  }
  return document;
}
