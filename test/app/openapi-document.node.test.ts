import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';

type Schema = { [keyword: string]: unknown };
type Operation = {
  security?: unknown[];
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<string, { headers?: Record<string, unknown> }>;
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

/** The served document, built in Node (no workerd needed to describe the API). */
async function servedDocument(): Promise<Document> {
  const response = await createApp().request('/api/openapi.json', {}, {} as never);
  expect(response.status).toBe(200);
  return (await response.json()) as Document;
}

function operations(doc: Document) {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      where: `${method.toUpperCase()} ${path}`,
      method,
      path,
      op,
    })),
  );
}

/** Every schema object in the document, with where it is. */
function* schemas(value: unknown, where: string): Generator<[Schema, string]> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* schemas(item, `${where}/${i}`);
  } else if (value && typeof value === 'object') {
    yield [value as Schema, where];
    for (const [key, item] of Object.entries(value)) yield* schemas(item, `${where}/${key}`);
  }
}

describe('the OpenAPI document (validated in Node)', () => {
  it('is a valid OpenAPI 3.1 document (@seriousme/openapi-schema-validator)', async () => {
    const result = await new Validator().validate((await servedDocument()) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has no allOf that no value can satisfy: a closed member beside members with other properties', async () => {
    const doc = await servedDocument();
    const resolve = (s: Schema): Schema =>
      typeof s.$ref === 'string' ? resolve(doc.components.schemas[s.$ref.split('/').pop()!]!) : s;
    const unsatisfiable: string[] = [];
    for (const [schema, where] of schemas(doc, '#')) {
      if (!Array.isArray(schema.allOf)) continue;
      const members = (schema.allOf as Schema[]).map(resolve);
      for (const closed of members.filter((m) => m.additionalProperties === false)) {
        const allowed = new Set(Object.keys((closed.properties as Schema) ?? {}));
        const extra = members
          .filter((m) => m !== closed)
          .flatMap((m) => Object.keys((m.properties as Schema) ?? {}))
          .filter((key) => !allowed.has(key));
        if (extra.length) unsatisfiable.push(`${where}: ${extra.join(', ')}`);
      }
    }
    expect(unsatisfiable).toEqual([]);
  });

  it('declares security on every operation ([] when public) and the answers of the shared middleware', async () => {
    const doc = await servedDocument();
    const missing: string[] = [];
    for (const { where, method, path, op } of operations(doc)) {
      if (!Array.isArray(op.security)) missing.push(`${where}: no security`);
      const statuses = Object.keys(op.responses);
      const need = [
        ...(op.parameters?.length || op.requestBody ? ['400'] : []),
        ...(path.startsWith('/api/v1/') ? ['401'] : []),
        ...(path.startsWith('/api/v1/') && method !== 'get' ? ['403', '413', '415'] : []),
      ];
      for (const status of need) if (!statuses.includes(status)) missing.push(`${where}: no ${status}`);
      if (op.security?.length && !statuses.includes('401')) missing.push(`${where}: protected without 401`);
    }
    expect(missing).toEqual([]);
    expect(doc.paths['/api/v1/activities']!.get!.security).toEqual([]);
    expect(doc.paths['/api/v1/me']!.get!.security).toEqual([{ bearer: [] }, { cookie: [] }]);
  });

  it('documents a replay as the first answer with Idempotent-Replayed, never as a 200 beside a 201', async () => {
    const doc = await servedDocument();
    const idempotent = operations(doc).filter(({ op }) =>
      op.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key'),
    );
    expect(idempotent.map((o) => o.where)).toContain('POST /api/v1/ticket-sales');
    for (const { where, op } of idempotent) {
      const success = Object.keys(op.responses).filter((s) => s.startsWith('2'));
      expect(success, where).toHaveLength(1);
      expect(op.responses[success[0]!]!.headers, where).toHaveProperty('Idempotent-Replayed');
    }
    expect(doc.paths['/api/v1/ticket-sales']!.post!.responses).not.toHaveProperty('200');
  });
});
