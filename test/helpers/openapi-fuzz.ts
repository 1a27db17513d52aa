import { Validator } from '@cfworker/json-schema';
import fc from 'fast-check';

/** Requests and answer checks generated from the OpenAPI document itself (used by test/reliability/hostile). */

export type Schema = { [keyword: string]: unknown };
type Media = { schema?: Schema };
type ResponseEntry = { description: string; content?: Record<string, Media> };
type Parameter = { in: string; name: string; required?: boolean; schema?: Schema };
type RawOperation = {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, Media> };
  responses: Record<string, ResponseEntry>;
  security?: Record<string, string[]>[];
};
export type Document = {
  openapi: string;
  paths: Record<string, Record<string, RawOperation>>;
  components: { schemas: Record<string, Schema> };
};

export type Operation = {
  method: string;
  path: string;
  parameters: Parameter[];
  body: { required: boolean; schema: Schema } | null;
  responses: Record<string, ResponseEntry>;
  signInRequired: boolean;
};

/** Every operation of the document. */
export function operationsOf(doc: Document): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content['application/json']?.schema
        ? {
            required: op.requestBody.required ?? false,
            schema: op.requestBody.content['application/json'].schema,
          }
        : null,
      responses: op.responses,
      signInRequired: (op.security ?? []).length > 0,
    })),
  );
}

/** A request ready to send: path and query already percent-encoded (so that broken encodings can be sent). */
export type FuzzRequest = {
  path: string;
  query: string;
  headers: Record<string, string>;
  body?: string;
  /** What was changed from a valid request, if anything. */
  mutation: string;
};

/** Values met in earlier answers, by property name (`activityId`, `id`, `passNumber`, `code` ...). */
export type Pools = Map<string, string[]>;

const MAX_POOL = 40;

/** `activities` → `activityId`, `ride-offers` → `offerId`, `staff` → `userId`: the parameter an id fills. */
export function idName(collection: string): string {
  const special: Record<string, string> = {
    staff: 'userId',
    user: 'userId',
    'ride-offers': 'offerId',
    'ride-requests': 'requestId',
    'ticket-sales': 'saleId',
    sales: 'saleId',
    'status-imports': 'importId',
    passes: 'passholderId',
    people: 'passholderId',
  };
  if (special[collection]) return special[collection];
  const word = collection.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
  const singular = word.endsWith('ies') ? `${word.slice(0, -3)}y` : word.replace(/s$/, '');
  return `${singular}Id`;
}

function remember(pools: Pools, key: string, value: string): void {
  const pool = pools.get(key) ?? [];
  if (!pool.includes(value) && pool.length < MAX_POOL) pool.push(value);
  pools.set(key, pool);
}

/**
 * Collects ids, pass numbers and codes from an answer body into the pools, except `excluded` values: an
 * object's `id` under the name of the collection it came from (`entity`, e.g. `activityId`), `...Id`,
 * `passNumber` and `code` properties under their own names.
 */
export function harvest(
  pools: Pools,
  value: unknown,
  excluded: ReadonlySet<string>,
  entity: string,
  key = '',
): void {
  if (Array.isArray(value)) {
    for (const item of value.slice(0, 20)) harvest(pools, item, excluded, entity, key);
    return;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const inner = v && typeof v === 'object' && k !== 'items' ? idName(k) : entity;
      harvest(pools, v, excluded, inner, k);
    }
    return;
  }
  if (typeof value !== 'string' || excluded.has(value)) return;
  if (key === 'id') {
    remember(pools, entity, value);
    remember(pools, 'id', value);
  } else if (/^(\w+Id|passNumber)$/.test(key) || (key === 'code' && value.length >= 20)) {
    remember(pools, key, value);
  }
}

const ENCODINGS: Record<string, string> = {
  empty: '',
  space: '%20',
  spaces: '%20%09%20',
  overlong: 'a'.repeat(1100),
  'latin-1': '%FF',
  'broken utf-8': '%C3%28',
  'lone surrogate': '%ED%A0%80',
  'nul byte': '%00',
  'encoded slash': '..%2F..',
  newline: 'x%0Ay',
  emoji: encodeURIComponent('😀'),
  injection: encodeURIComponent("' OR 1=1 --"),
  'number-ish': '1e309',
  negative: '-1',
  cursor: '!!!!',
};

function enc(text: string): string {
  return encodeURIComponent(text);
}

/** Serializes one query value the way a generated client would (form style, explode). */
function queryPairs(name: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v) => queryPairs(name, v));
  return [`${enc(name)}=${enc(typeof value === 'string' ? value : JSON.stringify(value))}`];
}

/** Arbitraries for the document's schemas: values the document calls valid. */
export class SchemaArbitraries {
  constructor(
    private readonly doc: Document,
    private readonly pools: Pools,
  ) {}

  resolve(schema: Schema): Schema {
    let s = schema;
    for (let i = 0; i < 20 && typeof s.$ref === 'string'; i++) {
      const name = s.$ref.replace('#/components/schemas/', '');
      s = {
        ...this.doc.components.schemas[name],
        ...Object.fromEntries(Object.entries(s).filter(([k]) => k !== '$ref')),
      };
    }
    return s;
  }

  private merge(schemas: Schema[]): Schema {
    const merged: Schema = { type: 'object', properties: {}, required: [] };
    for (const part of schemas.map((s) => this.resolve(s))) {
      Object.assign(merged.properties as Schema, part.properties ?? {});
      merged.required = [...(merged.required as string[]), ...((part.required as string[]) ?? [])];
      if (part.additionalProperties === false) merged.additionalProperties = false;
    }
    return merged;
  }

  private pooled(name: string | undefined, generated: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
    if (!name) return generated;
    const own = this.pools.get(name === 'passCode' ? 'code' : name) ?? [];
    if (!/Id$/.test(name))
      return own.length
        ? fc.oneof({ arbitrary: fc.constantFrom(...own), weight: 4 }, { arbitrary: generated, weight: 1 })
        : generated;
    // An id: mostly one of the right kind, sometimes one of another kind, an unknown one, or anything.
    const any = this.pools.get('id') ?? [];
    return fc.oneof(
      ...(own.length ? [{ arbitrary: fc.constantFrom(...own), weight: 6 }] : []),
      ...(any.length ? [{ arbitrary: fc.constantFrom(...any), weight: 1 }] : []),
      { arbitrary: fc.uuid(), weight: 1 },
      { arbitrary: generated, weight: 1 },
    );
  }

  private string(s: Schema): fc.Arbitrary<string> {
    const min = Number(s.minLength ?? 0);
    const max = Math.min(Number(s.maxLength ?? min + 40), min + 40);
    const fits = (v: string) => [...v].length >= min && [...v].length <= Number(s.maxLength ?? Infinity);
    if (s.format === 'date-time')
      return fc
        .date({ min: new Date('2024-01-01'), max: new Date('2028-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString());
    if (s.format === 'date')
      return fc
        .date({ min: new Date('1920-01-01'), max: new Date('2028-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    if (s.format === 'email')
      return fc
        .tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,12}$/), fc.constantFrom('example.org', 'demo.local'))
        .map(([local, domain]) => `${local}@${domain}`)
        .filter(fits);
    if (typeof s.pattern === 'string') {
      const pattern = new RegExp(s.pattern);
      return fc.stringMatching(pattern).filter(fits);
    }
    return fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.max(min, max) }).filter(fits);
  }

  private number(s: Schema, integer: boolean): fc.Arbitrary<number> {
    const lo =
      typeof s.exclusiveMinimum === 'number'
        ? s.exclusiveMinimum + (integer ? 1 : 1e-6)
        : typeof s.minimum === 'number'
          ? s.minimum
          : -1e6;
    const hi =
      typeof s.exclusiveMaximum === 'number'
        ? s.exclusiveMaximum - (integer ? 1 : 1e-6)
        : typeof s.maximum === 'number'
          ? s.maximum
          : 1e6;
    const ints = fc.integer({ min: Math.ceil(Math.max(lo, -2e9)), max: Math.floor(Math.min(hi, 2e9)) });
    if (integer) return ints;
    return fc.oneof(ints, fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }));
  }

  /** Values valid under `schema`; `name` is the property or parameter it belongs to. */
  forSchema(schema: Schema, name?: string, depth = 0): fc.Arbitrary<unknown> {
    const s = this.resolve(schema);
    if ('const' in s) return fc.constant(s.const);
    if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
    if (Array.isArray(s.allOf)) return this.forSchema(this.merge(s.allOf as Schema[]), name, depth);
    const alternatives = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
    if (alternatives) return fc.oneof(...alternatives.map((a) => this.forSchema(a, name, depth + 1)));
    const types = ([] as string[]).concat((s.type as string | string[] | undefined) ?? []);
    if (types.length > 1)
      return fc.oneof(
        ...types.map((type) => ({
          arbitrary: this.forSchema({ ...s, type }, name, depth),
          weight: type === 'null' ? 1 : 4,
        })),
      );
    const type = types[0] ?? (s.properties ? 'object' : s.items ? 'array' : undefined);
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
        return this.number(s, true);
      case 'number':
        return this.number(s, false);
      case 'string':
        return this.pooled(name, this.string(s));
      case 'array': {
        const min = Number(s.minItems ?? 0);
        const max = Math.min(Number(s.maxItems ?? min + 3), min + 3);
        return fc.array(this.forSchema((s.items as Schema) ?? {}, name, depth + 1), {
          minLength: min,
          maxLength: depth > 3 ? min : max,
        });
      }
      case 'object': {
        const properties = (s.properties ?? {}) as Record<string, Schema>;
        const required = new Set((s.required as string[] | undefined) ?? []);
        const keys = Object.keys(properties);
        if (keys.length === 0 && s.additionalProperties && typeof s.additionalProperties === 'object')
          return fc.dictionary(
            fc.string({ minLength: 1, maxLength: 8 }),
            this.forSchema(s.additionalProperties as Schema, undefined, depth + 1),
            { maxKeys: 3 },
          );
        return fc.record(
          Object.fromEntries(keys.map((key) => [key, this.forSchema(properties[key]!, key, depth + 1)])),
          { requiredKeys: keys.filter((key) => required.has(key)) },
        );
      }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  /** A request the document calls valid (its values may still be refused by rules the schema cannot say). */
  validRequest(op: Operation): fc.Arbitrary<FuzzRequest & { values: RequestValues }> {
    const param = (p: Parameter) => this.forSchema(p.schema ?? { type: 'string' }, p.name);
    const path = fc.tuple(...op.parameters.filter((p) => p.in === 'path').map(param));
    const query = fc.tuple(
      ...op.parameters
        .filter((p) => p.in === 'query')
        .map((p) => (p.required ? param(p) : fc.option(param(p), { nil: undefined, freq: 2 }))),
    );
    const body = op.body
      ? op.body.required
        ? this.forSchema(op.body.schema)
        : fc.option(this.forSchema(op.body.schema), { nil: undefined })
      : fc.constant(undefined);
    const idempotencyKey = op.parameters.some((p) => p.in === 'header' && p.name === 'idempotency-key')
      ? fc.option(fc.constantFrom('key-1', 'key-2', 'key-3'), { nil: undefined })
      : fc.constant(undefined);
    return fc.record({ path, query, body, idempotencyKey }).map(({ path, query, body, idempotencyKey }) => {
      const values: RequestValues = {
        path: Object.fromEntries(
          op.parameters.filter((p) => p.in === 'path').map((p, i) => [p.name, enc(String(path[i]))]),
        ),
        query: op.parameters.filter((p) => p.in === 'query').flatMap((p, i) => queryPairs(p.name, query[i])),
        body,
        headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
        contentType: body === undefined ? undefined : 'application/json',
      };
      return { ...render(op, values, 'none'), values };
    });
  }

  /** A valid request with one thing broken: a field, a parameter's encoding, the body, the media type. */
  nearlyValidRequest(op: Operation): fc.Arbitrary<FuzzRequest> {
    const pathNames = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
    const queryNames = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
    const requiredQuery = op.parameters.filter((p) => p.in === 'query' && p.required).map((p) => p.name);
    const bodySchema = op.body ? this.resolve(op.body.schema) : null;
    const bodyKeys = Object.keys((bodySchema?.properties as Schema | undefined) ?? {});
    const oddValue = fc.constantFrom<unknown>(
      null,
      12345,
      -1,
      1e308,
      'x',
      '',
      ' ',
      true,
      [],
      {},
      'a'.repeat(5000),
    );
    const encoding = fc.constantFrom(...Object.keys(ENCODINGS));
    type Mutate = (v: RequestValues) => fc.Arbitrary<[RequestValues, string]>;
    const mutations: Mutate[] = [
      (v) =>
        fc
          .constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/jsonx', '')
          .map((type) => [
            { ...v, contentType: type, body: v.body ?? 'a=1' },
            `content-type ${type || '(none)'}`,
          ]),
      (v) =>
        fc
          .constantFrom('{"', '[', 'null', '"text"', '[]', '', '{"a":1}{', '1'.repeat(400))
          .map((raw) => [
            { ...v, body: new RawBody(raw), contentType: 'application/json' },
            `body ${raw.slice(0, 20)}`,
          ]),
      (v) =>
        fc
          .constantFrom('a'.repeat(300), ' ', 'x\u0001y')
          .map((key) => [{ ...v, headers: { ...v.headers, 'idempotency-key': key } }, 'idempotency-key']),
    ];
    if (pathNames.length)
      mutations.push((v) =>
        fc
          .tuple(fc.constantFrom(...pathNames), encoding)
          .map(([name, how]) => [
            { ...v, path: { ...v.path, [name]: ENCODINGS[how]! } },
            `path ${name}: ${how}`,
          ]),
      );
    if (queryNames.length)
      mutations.push(
        (v) =>
          fc.tuple(fc.constantFrom(...queryNames), encoding).map(([name, how]) => [
            {
              ...v,
              query: [
                ...v.query.filter((q) => !q.startsWith(`${enc(name)}=`)),
                `${enc(name)}=${ENCODINGS[how]}`,
              ],
            },
            `query ${name}: ${how}`,
          ]),
        (v) =>
          fc
            .constantFrom(...queryNames)
            .map((name) => [
              { ...v, query: [...v.query, `${enc(name)}=1`, `${enc(name)}=2`] },
              `query ${name} twice`,
            ]),
      );
    if (requiredQuery.length)
      mutations.push((v) =>
        fc
          .constantFrom(...requiredQuery)
          .map((name) => [
            { ...v, query: v.query.filter((q) => !q.startsWith(`${enc(name)}=`)) },
            `query ${name} missing`,
          ]),
      );
    if (op.body) {
      mutations.push(
        (v) => fc.constant([{ ...v, body: undefined, contentType: undefined }, 'no body']),
        (v) =>
          fc.constant([
            { ...v, body: { ...(isObject(v.body) ? v.body : {}), unexpected: 1 } },
            'unknown property',
          ]),
      );
      if (bodyKeys.length)
        mutations.push(
          (v) =>
            fc
              .tuple(fc.constantFrom(...bodyKeys), oddValue)
              .map(([key, value]) => [
                { ...v, body: { ...(isObject(v.body) ? v.body : {}), [key]: value } },
                `property ${key}: ${JSON.stringify(value)?.slice(0, 20)}`,
              ]),
          (v) =>
            fc.constantFrom(...bodyKeys).map((key) => {
              const body = { ...(isObject(v.body) ? v.body : {}) };
              delete body[key];
              return [{ ...v, body }, `property ${key} missing`];
            }),
        );
    }
    return this.validRequest(op).chain(({ values }) =>
      fc
        .oneof(...mutations.map((m) => m(values)))
        .map(([changed, description]) => render(op, changed, description)),
    );
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A body sent exactly as written (not JSON-encoded). */
class RawBody {
  constructor(readonly text: string) {}
}

type RequestValues = {
  /** Path parameters, already percent-encoded. */
  path: Record<string, string>;
  /** `name=value` pairs, already percent-encoded. */
  query: string[];
  body: unknown;
  headers: Record<string, string>;
  contentType: string | undefined;
};

function render(op: Operation, v: RequestValues, mutation: string): FuzzRequest {
  const headers: Record<string, string> = { ...v.headers };
  if (v.contentType) headers['content-type'] = v.contentType;
  return {
    path: op.path.replace(/\{([^}]+)\}/g, (_, name: string) => v.path[name] ?? 'x'),
    query: v.query.join('&'),
    headers,
    body:
      v.body === undefined || op.method === 'GET'
        ? undefined
        : v.body instanceof RawBody
          ? v.body.text
          : typeof v.body === 'string' && v.contentType !== 'application/json'
            ? v.body
            : JSON.stringify(v.body),
    mutation,
  };
}

/** Checks answers against the document: status documented, media type and body as documented. */
export class AnswerChecker {
  private readonly validators = new Map<string, Validator>();

  constructor(private readonly doc: Document) {}

  private validator(schema: Schema, key: string): Validator {
    let validator = this.validators.get(key);
    if (!validator) {
      validator = new Validator({ ...schema, components: this.doc.components } as never, '2020-12', false);
      this.validators.set(key, validator);
    }
    return validator;
  }

  /** What is wrong with this answer, or null. `undocumented` tells an undocumented status apart. */
  check(
    op: Operation,
    status: number,
    contentType: string | null,
    text: string,
  ): { kind: string; detail: string } | null {
    const entry =
      op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default;
    if (!entry) return { kind: 'undocumented status', detail: text.slice(0, 200) };
    if (!entry.content) {
      return text === '' ? null : { kind: 'body where none is documented', detail: text.slice(0, 200) };
    }
    const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
    const documented = entry.content[media];
    if (!documented)
      return {
        kind: 'undocumented media type',
        detail: `${media} not in ${Object.keys(entry.content).join(', ')}`,
      };
    if (!/json$/.test(media) || !documented.schema) return null;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { kind: 'body is not JSON', detail: text.slice(0, 200) };
    }
    const result = this.validator(documented.schema, `${op.method} ${op.path} ${status} ${media}`).validate(
      body,
    );
    if (result.valid) return null;
    const errors = result.errors
      .filter((e) => !/subschema|had errors|did not match|items did not/i.test(e.error))
      .slice(0, 3)
      .map((e) => `${e.instanceLocation}: ${e.error}`);
    return {
      kind: 'body not as documented',
      detail: (errors.length ? errors : [result.errors[0]?.error]).join('; '),
    };
  }
}
