import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { openSeasons, seasonOf } from '../../src/memberships/seasons.ts';
import { call, demo, expectProblem, json, loginAs, unique } from '../helpers/api.ts';
import { createStaffUser } from '../helpers/fixtures.ts';

/** A new club of Demostad, awaiting approval, with a club admin signed in. */
async function pendingClub() {
  const admin = await loginAs('admin');
  const club = await json<{ id: string; status: string }>(
    `/api/v1/municipalities/${await demo.demostad()}/clubs`,
    201,
    { token: admin, body: { name: unique('Nieuwe club'), kind: 'sports' } },
  );
  expect(club.status).toBe('pending');
  const staff = await createStaffUser('club_admin', { clubId: club.id });
  const token = (
    await json<{ token: string }>('/api/v1/auth/login', 200, {
      body: { login: staff.email, password: staff.password },
    })
  ).token;
  return { clubId: club.id, token, admin };
}

const activity = (overrides: Record<string, unknown> = {}) => {
  const start = Date.now() + 86_400_000;
  return {
    title: unique('Training'),
    category: 'sport',
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 3_600_000).toISOString(),
    capacity: 10,
    regularPriceCents: 500,
    ...overrides,
  };
};

describe('only approved clubs publish and charge the municipality', () => {
  it('a club awaiting approval prepares drafts, publishes once approved', async () => {
    const { clubId, token, admin } = await pendingClub();
    await expectProblem(
      await call(`/api/v1/clubs/${clubId}/activities`, { token, body: activity() }),
      403,
      'club_not_approved',
    );
    const draft = await json<{ id: string; draft: boolean }>(`/api/v1/clubs/${clubId}/activities`, 201, {
      token,
      body: activity({ draft: true }),
    });
    expect(draft.draft).toBe(true);
    // Nobody else sees a draft: not in the list, not by id, no sign-ups.
    const resident = await loginAs('resident');
    const list = await json<{ items: { id: string }[] }>(`/api/v1/activities?clubId=${clubId}`, 200);
    expect(list.items).toEqual([]);
    await expectProblem(await call(`/api/v1/activities/${draft.id}`, { token: resident }), 404, 'not_found');
    await expectProblem(
      await call(`/api/v1/activities/${draft.id}/signups`, { token: resident, body: {} }),
      404,
      'not_found',
    );
    // The club sees it, marked as a draft.
    const own = await json<{ items: { id: string; draft: boolean }[] }>(
      `/api/v1/clubs/${clubId}/activities`,
      200,
      { token },
    );
    expect(own.items).toEqual([expect.objectContaining({ id: draft.id, draft: true })]);
    await expectProblem(
      await call(`/api/v1/activities/${draft.id}/publish`, { method: 'POST', token }),
      403,
      'club_not_approved',
    );

    await json(`/api/v1/clubs/${clubId}/approve`, 200, { method: 'POST', token: admin });
    const published = await json<{ draft: boolean }>(`/api/v1/activities/${draft.id}/publish`, 200, {
      method: 'POST',
      token,
    });
    expect(published.draft).toBe(false);
    await expectProblem(
      await call(`/api/v1/activities/${draft.id}/publish`, { method: 'POST', token }),
      409,
      'already_published',
    );
    expect(
      (await json<{ items: { id: string }[] }>(`/api/v1/activities?clubId=${clubId}`, 200)).items,
    ).toEqual([expect.objectContaining({ id: draft.id })]);
    await json(`/api/v1/activities/${draft.id}/signups`, 201, { token: resident, body: {} });
  });

  it('a suspended club disappears from the public list and cannot offer memberships', async () => {
    const { clubId, token, admin } = await pendingClub();
    await json(`/api/v1/clubs/${clubId}/approve`, 200, { method: 'POST', token: admin });
    const a = await json<{ id: string }>(`/api/v1/clubs/${clubId}/activities`, 201, {
      token,
      body: activity(),
    });
    expect((await json<{ items: unknown[] }>(`/api/v1/activities?clubId=${clubId}`, 200)).items).toHaveLength(
      1,
    );
    await json(`/api/v1/clubs/${clubId}/suspend`, 200, { method: 'POST', token: admin });
    expect((await json<{ items: unknown[] }>(`/api/v1/activities?clubId=${clubId}`, 200)).items).toEqual([]);
    await expectProblem(await call(`/api/v1/activities/${a.id}`), 404, 'not_found');
    const season = openSeasons(new Date().toISOString().slice(0, 10))[0]!;
    await expectProblem(
      await call(`/api/v1/clubs/${clubId}/membership-offers`, {
        token,
        body: { season, title: 'Lidgeld', category: 'sport', regularPriceCents: 5000 },
      }),
      403,
      'club_not_approved',
    );
  });

  it('membership offers: seasons from a fixed list, the price set by the club, withdrawn offers not sold', async () => {
    const { clubId, token, admin } = await pendingClub();
    await json(`/api/v1/clubs/${clubId}/approve`, 200, { method: 'POST', token: admin });
    const { seasons } = await json<{ seasons: string[] }>(`/api/v1/clubs/${clubId}/membership-offers`, 200, {
      token,
    });
    expect(seasons).toEqual(openSeasons(new Date().toISOString().slice(0, 10)));
    const wrong = await expectProblem(
      await call(`/api/v1/clubs/${clubId}/membership-offers`, {
        token,
        body: { season: '1999-2000', title: 'Lidgeld', category: 'sport', regularPriceCents: 5000 },
      }),
      400,
      'validation_failed',
    );
    expect(wrong.fields).toEqual([expect.objectContaining({ pointer: '/season' })]);
    const offer = await json<{ id: string; season: string; regularPriceCents: number }>(
      `/api/v1/clubs/${clubId}/membership-offers`,
      201,
      { token, body: { season: seasons[0], title: 'Lidgeld', category: 'sport', regularPriceCents: 5000 } },
    );
    expect(offer).toMatchObject({ season: seasons[0], regularPriceCents: 5000 });
    const q = await json<{ price: number; tariffId: string }>(
      `/api/v1/tariffs?offerId=${offer.id}&passNumber=${await demo.passNumber('neighbour')}`,
      200,
      { token },
    );
    expect(q.price).toBe(5000);
    await json(`/api/v1/membership-offers/${offer.id}/archive`, 200, { method: 'POST', token });
    await expectProblem(
      await call(`/api/v1/membership-offers/${offer.id}/archive`, { method: 'POST', token }),
      409,
      'offer_withdrawn',
    );
    await expectProblem(
      await call(`/api/v1/clubs/${clubId}/memberships`, {
        token,
        body: { offerId: offer.id, passNumber: await demo.passNumber('neighbour'), tariffId: q.tariffId },
      }),
      404,
      'not_found',
    );
    expect(
      (await env.DB.prepare('SELECT count(*) AS n FROM ticket_sales WHERE club_id = ?1')
        .bind(clubId)
        .first<{ n: number }>())!.n,
    ).toBe(0);
  });

  it('seasons run from September to August', () => {
    expect(seasonOf('2026-08-31')).toBe('2025-2026');
    expect(seasonOf('2026-09-01')).toBe('2026-2027');
    expect(openSeasons('2026-11-23')).toEqual(['2026-2027', '2027-2028']);
  });
});
