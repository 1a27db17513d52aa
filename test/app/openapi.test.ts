import { describe, expect, it } from 'vitest';
import { call, json } from '../helpers/api.ts';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown> };
};

describe('OpenAPI document and docs', () => {
  it('describes every API route in OpenAPI 3.1, errors as problems', async () => {
    const doc = await json<Doc>('/api/openapi.json', 200);
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    for (const expected of [
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/logout',
      'GET /api/v1/me',
      'GET /api/v1/regions',
      'POST /api/v1/municipalities/{municipalityId}/clubs',
      'POST /api/v1/clubs/{clubId}/approve',
      'GET /api/v1/clubs/{clubId}/staff',
      'GET /api/v1/households/{householdId}',
      'POST /api/v1/passholders',
      'GET /api/v1/passholders',
      'POST /api/v1/passholders/{passholderId}/card/replace',
      'POST /api/v1/auth/activate',
      'GET /api/v1/me/pass',
      'POST /api/v1/scans',
      'GET /.well-known/jwks.json',
    ]) {
      expect(operations).toContain(expected);
    }
    expect(doc.components.schemas).toHaveProperty('Problem');
    expect(doc.paths['/api/v1/auth/login']!.post!.responses).toHaveProperty('401');
  });

  it('serves a readable reference without external assets', async () => {
    const response = await call('/api/docs');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('/api/v1/auth/login');
    expect(html).toContain('id="problem-login_throttled"');
    expect(html).not.toMatch(/<script|https?:\/\/(?!localhost)[a-z]/i);
  });
});
