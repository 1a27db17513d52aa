import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.ts';
import { BASE, call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import { createActivity, createStaffUser, registerResident } from '../helpers/fixtures.ts';

/** What the door can write about a holder: audit lines, check-ins, points, sales. */
async function writtenFor(passholderId: string) {
  const row = await env.DB.prepare(
    `SELECT (SELECT count(*) FROM audit_log WHERE passholder_id = ?1) AS audit,
            (SELECT count(*) FROM checkins WHERE passholder_id = ?1) AS checkins,
            (SELECT count(*) FROM points_ledger WHERE passholder_id = ?1) AS points,
            (SELECT count(*) FROM ticket_sales WHERE passholder_id = ?1) AS sales`,
  )
    .bind(passholderId)
    .first();
  return row;
}

async function doorRequests(token: string, activityId: string, passNumber: string, tariffId: string) {
  return [
    await call('/api/v1/scans', { token, body: { activityId, passNumber } }),
    await call(`/api/v1/tariffs?activityId=${activityId}&passNumber=${passNumber}`, { token }),
    await call('/api/v1/ticket-sales', { token, body: { sales: [{ activityId, passNumber, tariffId }] } }),
    await call(`/api/v1/activities/${activityId}/checkins`, { token, body: { passNumber } }),
  ];
}

/**
 * The door checks the session in the same batch as its work: every write is guarded in SQL by the
 * session's validity, so a session revoked after its token was issued writes nothing and answers 401.
 */
describe('door requests check the session in their own batch', () => {
  it('a revoked session answers 401 to scan, price, sale and check-in, and writes nothing', async () => {
    const activity = await createActivity({ regularPriceCents: 500 });
    const person = await registerResident(await loginAs('counter'));
    const passNumber = person.passholder.passNumber;
    const door = await loginAs('door');
    const { price } = await json<{ price: { tariffId: string } }>('/api/v1/scans', 200, {
      token: door,
      body: { activityId: activity.id, passNumber },
    });
    const before = await writtenFor(person.passholder.id);
    expect(await call('/api/v1/auth/logout', { method: 'POST', token: door }).then((r) => r.status)).toBe(
      204,
    );
    for (const answer of await doorRequests(door, activity.id, passNumber, price.tariffId)) {
      await expectProblem(answer, 401, 'unauthenticated');
    }
    expect(await writtenFor(person.passholder.id)).toEqual(before);
  });

  it('door staff of another club get 403 and write nothing; their own club works in one round trip', async () => {
    const activity = await createActivity({ regularPriceCents: 500 });
    const person = await registerResident(await loginAs('counter'));
    const passNumber = person.passholder.passNumber;
    const other = await createStaffUser('door', { clubId: await demo.cultureClub() });
    const token = (
      await json<{ token: string }>('/api/v1/auth/login', 200, {
        body: { login: other.email, password: other.password },
      })
    ).token;
    const before = await writtenFor(person.passholder.id);
    for (const answer of await doorRequests(token, activity.id, passNumber, 't_AAAA')) {
      await expectProblem(answer, 403, 'forbidden');
    }
    expect(await writtenFor(person.passholder.id)).toEqual(before);
  });

  it('without Accept-Language the door speaks the staff member’s own language', async () => {
    const activity = await createActivity({
      regularPriceCents: 500,
      startsAt: new Date(Date.now() + 86_400_000 * 3).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000 * 3 + 3_600_000).toISOString(),
    });
    const person = await registerResident(await loginAs('counter'));
    const staff = await createStaffUser('door');
    const token = (
      await json<{ token: string }>('/api/v1/auth/login', 200, {
        body: { login: staff.email, password: staff.password },
      })
    ).token;
    await json('/api/v1/me', 200, { method: 'PATCH', token, body: { locale: 'fr' } });
    const problem = await expectProblem(
      await call('/api/v1/scans', {
        token,
        body: { activityId: activity.id, passNumber: person.passholder.passNumber },
      }),
      409,
      'door_closed',
    );
    expect(problem.message).toBe(problem.messages.fr);
  });

  it('with the browser’s cookie: renews it past half its life, and clears it once the session is revoked', async () => {
    const activity = await createActivity({
      regularPriceCents: 500,
      startsAt: new Date(Date.now() + 5 * 60_000).toISOString(),
      endsAt: new Date(Date.now() + 65 * 60_000).toISOString(),
    });
    const person = await registerResident(await loginAs('counter'));
    const login = await call('/api/v1/auth/login', {
      body: { login: 'door@demo.local', password: DEMO_PASSWORD },
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const scan = (now?: string) =>
      call('/api/v1/scans', {
        headers: { cookie, origin: BASE },
        body: { activityId: activity.id, passNumber: person.passholder.passNumber },
        ...(now ? { now } : {}),
      });
    const fresh = await scan();
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('set-cookie')).toBeNull();
    const later = await scan(new Date(Date.now() + 10 * 60_000).toISOString());
    expect(later.status).toBe(200);
    expect(later.headers.get('x-d1-round-trips')).toBe('1');
    expect(later.headers.get('set-cookie')).toMatch(/^bp_session=/);
    const logout = await call('/api/v1/auth/logout', { method: 'POST', headers: { cookie, origin: BASE } });
    expect(logout.status).toBe(204);
    const refused = await scan();
    await expectProblem(refused, 401, 'unauthenticated');
    expect(refused.headers.get('set-cookie')).toMatch(/^bp_session=;/);
  });
});
