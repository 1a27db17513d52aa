import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.ts';
import { call, demo, expectProblem, json, loginAs, unique } from '../helpers/api.ts';

type Club = { id: string; name: string; status: string; municipalityId: string; approvedAt: string | null };
type Staff = { items: { userId: string; email: string; role: string }[] };

describe('clubs', () => {
  it('lists approved clubs publicly, without pending ones or contact data', async () => {
    const { items } = await json<{ items: Record<string, unknown>[] }>('/api/v1/clubs', 200);
    const names = items.map((c) => c.name);
    expect(names).toContain('Sportclub Demostad');
    expect(names).toContain('Cultuurhuis De Schakel');
    expect(names).not.toContain('Schaakclub Het Paard');
    expect(Object.keys(items[0]!).sort()).toEqual(['id', 'kind', 'municipalityId', 'name']);
  });

  it('registers a club that waits for the municipality admin’s approval', async () => {
    const admin = await loginAs('admin');
    const municipality = await demo.demostad();
    const name = unique('Club');
    const club = await json<Club>(`/api/v1/municipalities/${municipality}/clubs`, 201, {
      token: admin,
      body: { name, kind: 'youth' },
    });
    expect(club).toMatchObject({ name, status: 'pending', approvedAt: null });
    const all = await json<{ items: Club[] }>(`/api/v1/municipalities/${municipality}/clubs`, 200, {
      token: admin,
    });
    expect(all.items.find((c) => c.id === club.id)?.status).toBe('pending');
    expect((await json<{ items: Club[] }>('/api/v1/clubs', 200)).items.some((c) => c.id === club.id)).toBe(
      false,
    );

    await expectProblem(
      await call(`/api/v1/clubs/${club.id}/approve`, { method: 'POST', token: await loginAs('club') }),
      403,
      'forbidden',
    );
    const approved = await json<Club>(`/api/v1/clubs/${club.id}/approve`, 200, {
      method: 'POST',
      token: admin,
    });
    expect(approved.status).toBe('approved');
    expect(approved.approvedAt).toBeTruthy();
    expect((await json<{ items: Club[] }>('/api/v1/clubs', 200)).items.some((c) => c.id === club.id)).toBe(
      true,
    );
    await expectProblem(
      await call(`/api/v1/municipalities/${municipality}/clubs`, { token: admin, body: { name } }),
      409,
      'club_name_taken',
    );
  });

  it('refuses to approve a club of another municipality', async () => {
    await expectProblem(
      await call(`/api/v1/clubs/${await demo.cultureClub()}/approve`, {
        method: 'POST',
        token: await loginAs('admin'),
      }),
      403,
      'forbidden',
    );
  });

  it('shows a club its coming activities', async () => {
    const { items } = await json<{ items: { title: string; startsAt: string }[] }>(
      `/api/v1/clubs/${await demo.sportsClub()}/activities`,
      200,
      {
        token: await loginAs('door'),
      },
    );
    expect(items.length).toBeGreaterThanOrEqual(4);
    expect(items.map((a) => a.startsAt)).toEqual([...items.map((a) => a.startsAt)].sort());
  });

  it('answers 404 for a club that does not exist', async () => {
    await expectProblem(
      await call('/api/v1/clubs/nope', { token: await loginAs('admin') }),
      404,
      'not_found',
    );
  });
});

describe('staff management', () => {
  it('lets a club admin add door staff who can then sign in and see the club', async () => {
    const clubAdmin = await loginAs('club');
    const club = await demo.sportsClub();
    const email = `${unique('door')}@test.local`;
    const staff = await json<Staff>(`/api/v1/clubs/${club}/staff`, 201, {
      token: clubAdmin,
      body: { email, displayName: 'New Door', role: 'door', password: 'first-password' },
    });
    const added = staff.items.find((s) => s.email === email)!;
    expect(added.role).toBe('door');
    const session = await json<{ token: string }>('/api/v1/auth/login', 200, {
      body: { login: email, password: 'first-password' },
    });
    await json(`/api/v1/clubs/${club}`, 200, { token: session.token });

    await expectProblem(
      await call(`/api/v1/clubs/${club}/staff`, {
        token: clubAdmin,
        body: { email, displayName: 'New Door', role: 'door' },
      }),
      409,
      'role_exists',
    );
    const removed = await call(`/api/v1/clubs/${club}/staff/${added.userId}`, {
      method: 'DELETE',
      token: clubAdmin,
    });
    expect(removed.status).toBe(204);
    await expectProblem(await call(`/api/v1/clubs/${club}`, { token: session.token }), 403, 'forbidden');
  });

  it('needs a first password for a new account', async () => {
    const body = await expectProblem(
      await call(`/api/v1/clubs/${await demo.sportsClub()}/staff`, {
        token: await loginAs('club'),
        body: { email: `${unique('x')}@test.local`, displayName: 'X', role: 'door' },
      }),
      400,
      'validation_failed',
    );
    expect((body.fields as { pointer: string }[])[0]?.pointer).toBe('/password');
  });

  it('lets the municipality admin add counter staff; blocking revokes their sessions at once', async () => {
    const admin = await loginAs('admin');
    const municipality = await demo.demostad();
    const email = `${unique('counter')}@test.local`;
    const staff = await json<Staff>(`/api/v1/municipalities/${municipality}/staff`, 201, {
      token: admin,
      body: { email, displayName: 'Balie Twee', role: 'counter', password: 'first-password' },
    });
    const userId = staff.items.find((s) => s.email === email)!.userId;
    const session = await json<{ token: string }>('/api/v1/auth/login', 200, {
      body: { login: email, password: 'first-password' },
    });
    await json('/api/v1/me', 200, { token: session.token });

    await expectProblem(
      await call(`/api/v1/users/${userId}/block`, { method: 'POST', token: await loginAs('club') }),
      403,
      'forbidden',
    );
    expect((await call(`/api/v1/users/${userId}/block`, { method: 'POST', token: admin })).status).toBe(204);
    await expectProblem(await call('/api/v1/me', { token: session.token }), 401, 'unauthenticated');
    await expectProblem(
      await call('/api/v1/auth/login', { body: { login: email, password: 'first-password' } }),
      403,
      'account_blocked',
    );
    expect((await call(`/api/v1/users/${userId}/unblock`, { method: 'POST', token: admin })).status).toBe(
      204,
    );
    await json('/api/v1/auth/login', 200, { body: { login: email, password: 'first-password' } });
  });

  it('refuses staff changes in another municipality and to one’s own role', async () => {
    const admin = await loginAs('admin');
    await expectProblem(
      await call(`/api/v1/municipalities/${await demo.buurdorp()}/staff`, {
        token: admin,
        body: { email: 'x@test.local', displayName: 'X', role: 'counter', password: DEMO_PASSWORD },
      }),
      403,
      'forbidden',
    );
    await expectProblem(
      await call(`/api/v1/municipalities/${await demo.demostad()}/staff/${await demo.user('admin')}`, {
        method: 'DELETE',
        token: admin,
      }),
      409,
      'own_role',
    );
  });

  it('refuses to block or unblock one’s own account', async () => {
    const admin = await loginAs('admin');
    for (const action of ['block', 'unblock'])
      await expectProblem(
        await call(`/api/v1/users/${await demo.user('admin')}/${action}`, { method: 'POST', token: admin }),
        409,
        'own_account',
      );
    await json('/api/v1/me', 200, { token: admin });
  });
});
