import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/lib/cursor.ts';
import { toBase64Url } from '../../src/lib/ids.ts';
import { call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import { createActivity } from '../helpers/fixtures.ts';

type Field = { pointer: string; code: string };

async function expectInvalid(response: Response, pointer: string) {
  const body = await expectProblem(response, 400, 'validation_failed');
  expect((body.fields as Field[]).map((f) => f.pointer)).toContain(pointer);
}

describe('shared request rules', () => {
  it('answers a wrong method with 405 and Allow, an unknown path with 404', async () => {
    const me = await call('/api/v1/me', { method: 'DELETE' });
    await expectProblem(me, 405, 'method_not_allowed');
    expect(me.headers.get('allow')).toBe('GET, HEAD, PATCH');
    const activities = await call('/api/v1/activities', { method: 'PUT', body: {} });
    await expectProblem(activities, 405, 'method_not_allowed');
    expect(activities.headers.get('allow')).toBe('GET, HEAD');
    const health = await call('/api/health', { method: 'POST' });
    await expectProblem(health, 405, 'method_not_allowed');
    expect(health.headers.get('allow')).toBe('GET, HEAD');
    await expectProblem(await call('/api/v1/nothing-here'), 404, 'not_found');
  });

  it('answers signed-out calls to protected operations with 401 before any validation or look-up', async () => {
    const known = (await createActivity()).id;
    const unknown = crypto.randomUUID();
    // The same answer for a known and an unknown id, for a valid and an invalid body.
    for (const id of [known, unknown, '%FF'])
      for (const body of [{ title: 'x' }, { title: 42 }, '{"'])
        await expectProblem(
          await call(`/api/v1/activities/${id}`, { method: 'PATCH', body }),
          401,
          'unauthenticated',
        );
    await expectProblem(await call('/api/v1/passholders', { body: {} }), 401, 'unauthenticated');
    await expectProblem(await call('/api/v1/passholders?q='), 401, 'unauthenticated');
    await expectProblem(await call(`/api/v1/clubs/${unknown}/staff`), 401, 'unauthenticated');
    await expectProblem(
      await call('/api/v1/passholders', { body: 'a=1', headers: { 'content-type': 'text/plain' } }),
      401,
      'unauthenticated',
    );
  });

  it('refuses empty, blank, overlong and non-UTF-8 path and query parameters with 400', async () => {
    const admin = await loginAs('admin');
    for (const raw of ['%FF', '%C3%28', '%ED%A0%80', '%20', '%20%09', 'a'.repeat(1100)])
      await expectInvalid(await call(`/api/v1/activities/${raw}`), '/param/activityId');
    await expectInvalid(await call('/api/v1/clubs//staff', { token: admin }), '/param/clubId');
    await expectInvalid(await call('/api/v1/activities/'), '/param/activityId');
    for (const query of [
      'category=',
      'municipalityId=%20',
      'clubId=%FF',
      `accessibility=${'a'.repeat(1100)}`,
    ])
      await expectInvalid(await call(`/api/v1/activities?${query}`), `/query/${query.split('=')[0]}`);
    const door = await loginAs('door');
    await expectInvalid(
      await call(`/api/v1/tariffs?activityId=&passNumber=${await demo.passNumber('resident')}`, {
        token: door,
      }),
      '/query/activityId',
    );
  });

  it('refuses any cursor it did not make with 400, signed in or not, and follows its own', async () => {
    const resident = await loginAs('resident');
    const forged = [
      '!!!!',
      'a',
      '%FF',
      toBase64Url(new TextEncoder().encode('x|y')),
      toBase64Url(new TextEncoder().encode('2026-01-01T00:00:00.000Z')),
      toBase64Url(new TextEncoder().encode("2026-01-01T00:00:00.000Z|' OR 1=1 --")),
      toBase64Url(new Uint8Array([0xff, 0xfe, 0x7c, 0x41])),
    ];
    for (const cursor of forged)
      for (const token of [undefined, resident])
        await expectInvalid(
          await call(
            `/api/v1/activities?cursor=${cursor.startsWith('%') ? cursor : encodeURIComponent(cursor)}`,
            {
              token,
            },
          ),
          '/query/cursor',
        );
    const first = await json<{ items: { id: string }[]; nextCursor: string | null }>(
      '/api/v1/activities?limit=1',
      200,
    );
    expect(first.nextCursor).toBeTruthy();
    const second = await json<{ items: { id: string }[] }>(
      `/api/v1/activities?limit=1&cursor=${first.nextCursor}`,
      200,
    );
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
    const made = encodeCursor({ at: '2026-01-01T00:00:00.000Z', id: crypto.randomUUID() });
    await json(`/api/v1/activities?cursor=${made}`, 200);
  });
});
