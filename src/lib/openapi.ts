import { z } from '@hono/zod-openapi';
import { PROBLEMS, type ProblemCode } from './problem.ts';

const LocalizedSchema = z.object({ nl: z.string(), fr: z.string(), en: z.string() }).openapi('Localized');

/** A message that goes with a successful answer (see notices.ts), in the request's language and all three. */
/** A count of people as the policy team reads it (lib/small-counts.ts): 1 to 4 as the string "< 5". */
export const ShownCountSchema = z
  .union([z.number().int().min(0), z.literal('< 5')])
  .openapi('ShownCount', { description: 'A count of people; 1 to 4 are answered as the string "< 5"' });

export const MessageSchema = z.object({
  code: z.string(),
  message: z.string(),
  messages: z.object({ nl: z.string(), fr: z.string(), en: z.string() }),
});

/** RFC 9457 problem details, the one error shape of the API. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    code: z.enum(Object.keys(PROBLEMS) as [ProblemCode, ...ProblemCode[]]),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    message: z.string().openapi({ description: 'End-user text in the language of the request' }),
    messages: LocalizedSchema,
    instance: z.string(),
    requestId: z.string(),
    fields: z
      .array(z.object({ pointer: z.string(), code: z.string(), messages: LocalizedSchema }))
      .optional()
      .openapi({ description: 'Invalid fields, addressed by JSON pointers' }),
  })
  .openapi('Problem');

function byStatus(codes: ProblemCode[]): [number, ProblemCode[]][] {
  const map = new Map<number, ProblemCode[]>();
  for (const code of codes) map.set(PROBLEMS[code].status, [...(map.get(PROBLEMS[code].status) ?? []), code]);
  return [...map];
}

function describe(codes: ProblemCode[]): string {
  return codes.map((code) => `\`${code}\`: ${PROBLEMS[code].title}`).join('; ');
}

/** OpenAPI response entries for the problems a route can answer with. */
export function problems(...codes: ProblemCode[]) {
  return Object.fromEntries(
    byStatus(codes).map(([status, list]) => [
      status,
      {
        description: describe(list),
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  );
}

/** The same entries in the finished JSON document (the schema as a reference). */
export function problemResponse(...codes: ProblemCode[]) {
  return Object.fromEntries(
    byStatus(codes).map(([status, list]) => [
      String(status),
      {
        description: describe(list),
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    ]),
  );
}

/** A required JSON request body. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } } as const;
}

/** A JSON response. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

/** An id in a path or query: letters, digits, `-` and `_`, at most 64 (ours are UUIDs). */
export const IdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/)
  .openapi({ example: '0b0c6c53-5e0b-4e38-a0e1-d6c2f1a5b9aa' });

/** Operations that need a signed-in user: a bearer token or the session cookie. */
export const SECURITY: Record<string, string[]>[] = [{ bearer: [] }, { cookie: [] }];
