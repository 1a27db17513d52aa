import { describe, expect, it } from 'vitest';
import { call, expectProblem } from '../helpers/api.ts';

describe('health and contract basics', () => {
  it('answers health with a request id', async () => {
    const response = await call('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-request-id')).toMatch(/.+/);
  });

  it('answers an unknown API route with a problem in the asked language', async () => {
    const response = await call('/api/v1/nothing-here', { headers: { 'accept-language': 'fr-BE,fr;q=0.9' } });
    const body = await expectProblem(response, 404, 'not_found');
    expect(body.message).toBe(body.messages.fr);
  });
});
