import { describe, expect, it } from 'vitest';
import { call, demo, json, loginAs } from '../helpers/api.ts';
import { createActivity } from '../helpers/fixtures.ts';

describe('Idempotency-Key', () => {
  it('replays a creation with the same status as the first answer (201), marked Idempotent-Replayed', async () => {
    const door = await loginAs('door');
    const activityId = (await createActivity({ regularPriceCents: 500 })).id;
    const passNumber = await demo.passNumber('neighbour');
    const quote = await json<{ tariffId: string }>(
      `/api/v1/tariffs?activityId=${activityId}&passNumber=${passNumber}`,
      200,
      { token: door },
    );
    const key = crypto.randomUUID();
    const sell = () =>
      call('/api/v1/ticket-sales', {
        token: door,
        headers: { 'idempotency-key': key },
        body: { sales: [{ activityId, passNumber, tariffId: quote.tariffId }] },
      });
    const first = await sell();
    const firstBody = await first.text();
    expect(first.status, firstBody).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const replay = await sell();
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.text()).toBe(firstBody);

    const doc = await json<{
      paths: Record<string, Record<string, { responses: Record<string, { headers?: object }> }>>;
    }>('/api/openapi.json', 200);
    const responses = doc.paths['/api/v1/ticket-sales']!.post!.responses;
    expect(Object.keys(responses).filter((s) => s.startsWith('2'))).toEqual(['201']);
    expect(responses['201']!.headers).toHaveProperty('Idempotent-Replayed');
  });
});
