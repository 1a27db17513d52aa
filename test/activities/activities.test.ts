import ICAL from 'ical.js';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import { createActivity } from '../helpers/fixtures.ts';

type Activity = {
  id: string;
  title: string;
  startsAt: string;
  capacity: number | null;
  placesLeft: number | null;
  signupRequired: boolean;
  points: number;
  accessibility: string[];
  myPrice?: { priceCents: number } | null;
  distanceKm?: number;
  cancelled: boolean;
};
type Page = { items: Activity[]; nextCursor: string | null };

describe('activities', () => {
  it('creates from the minimal contract body with sensible defaults', async () => {
    const club = await loginAs('club');
    const response = await call(`/api/v1/clubs/${await demo.sportsClub()}/activities`, {
      token: club,
      body: {
        title: 'Petanque',
        category: 'sport',
        startsAt: '2027-05-01T13:00:00Z',
        endsAt: '2027-05-01T15:00:00Z',
        capacity: 12,
        regularPriceCents: 200,
      },
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as Activity & { seriesIds: string[] };
    expect(created.id).toBeTruthy();
    expect(created).toMatchObject({
      capacity: 12,
      placesLeft: 12,
      signupRequired: true,
      points: 1,
      accessibility: [],
      cancelled: false,
    });
    await expectProblem(
      await call(`/api/v1/clubs/${await demo.sportsClub()}/activities`, {
        token: club,
        body: {
          title: 'x',
          category: 'sport',
          startsAt: '2027-05-01T15:00:00Z',
          endsAt: '2027-05-01T13:00:00Z',
          capacity: null,
          regularPriceCents: 0,
        },
      }),
      400,
      'validation_failed',
    );
    await expectProblem(
      await call(`/api/v1/clubs/${await demo.cultureClub()}/activities`, {
        token: club,
        body: {
          title: 'x',
          category: 'sport',
          startsAt: '2027-05-01T13:00:00Z',
          endsAt: '2027-05-01T15:00:00Z',
          capacity: null,
          regularPriceCents: 0,
        },
      }),
      403,
      'forbidden',
    );
  });

  it('repeats weekly and edits', async () => {
    const created = await createActivity({
      startsAt: '2027-01-05T18:00:00Z',
      endsAt: '2027-01-05T19:00:00Z',
      repeatWeekly: 3,
    });
    const ids = created.seriesIds as string[];
    expect(ids).toHaveLength(4);
    const last = await json<Activity>(`/api/v1/activities/${ids[3]}`, 200);
    expect(last.startsAt).toBe('2027-01-26T18:00:00.000Z');
    const edited = await json<Activity>(`/api/v1/activities/${ids[0]}`, 200, {
      method: 'PATCH',
      token: await loginAs('club'),
      body: { title: 'Nieuwe titel', capacity: 5 },
    });
    expect(edited).toMatchObject({ title: 'Nieuwe titel', capacity: 5 });
  });

  it('searches by category, free, accessibility, municipality and neighbourhood, page by page', async () => {
    const free = await json<Page>('/api/v1/activities?free=true', 200);
    expect(
      free.items.every((a) => (a as unknown as { regularPriceCents: number }).regularPriceCents === 0),
    ).toBe(true);
    const culture = await json<Page>('/api/v1/activities?category=culture', 200);
    expect(culture.items.map((a) => a.title)).toEqual(['Concert: Koor en Strijkers']);
    const loop = await json<Page>('/api/v1/activities?accessibility=hearing_loop,step_free', 200);
    expect(loop.items.map((a) => a.title)).toEqual(['Concert: Koor en Strijkers']);
    const buurdorp = await json<Page>(`/api/v1/activities?municipalityId=${await demo.buurdorp()}`, 200);
    expect(buurdorp.items.map((a) => a.title).sort()).toEqual([
      'Concert: Koor en Strijkers',
      'Workshop keramiek',
    ]);
    const molenhoek = await json<Page>(
      `/api/v1/activities?neighbourhoodId=${await demo.id('demostad-molenhoek')}`,
      200,
    );
    expect(molenhoek.items.map((a) => a.title).sort()).toEqual([
      'Minivoetbaltornooi',
      'Voetbaltraining jeugd',
    ]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await json<Page>(
        `/api/v1/activities?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        200,
      );
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(6);
  });

  it('finds activities near a point with an index, not a scan of every row', async () => {
    const near = await json<Page>('/api/v1/activities?near=50.9378,4.0403&km=1', 200);
    expect(near.items.map((a) => a.title).sort()).toEqual(['Yoga in het park', 'Zwemmen voor iedereen']);
    expect(near.items.every((a) => (a.distanceKm ?? 99) <= 1)).toBe(true);
    const wide = await json<Page>('/api/v1/activities?near=50.9378,4.0403&km=10', 200);
    expect(wide.items.length).toBeGreaterThanOrEqual(6);
    const plan = await env.DB.prepare(
      `EXPLAIN QUERY PLAN SELECT a.id FROM activities a JOIN clubs c ON c.id = a.club_id
        WHERE a.cancelled_at IS NULL AND a.ends_at >= ?1 AND a.lat BETWEEN ?2 AND ?3 AND a.lon BETWEEN ?4 AND ?5 ORDER BY a.starts_at, a.id LIMIT 20`,
    )
      .bind('2026-01-01', 50.9, 51, 4, 4.1)
      .all<{ detail: string }>();
    const details = plan.results.map((r) => r.detail).join(' | ');
    expect(details).toContain('activities_by_lat');
    expect(details).not.toMatch(/SCAN a\b(?! USING)/);
  });

  it('shows a signed-in resident their own price, and nobody else any', async () => {
    const swim = await demo.id('activity:swim');
    expect(
      (await json<Activity>(`/api/v1/activities/${swim}`, 200, { token: await loginAs('resident') })).myPrice,
    ).toMatchObject({ priceCents: 100 });
    expect(
      (await json<Activity>(`/api/v1/activities/${swim}`, 200, { token: await loginAs('neighbour') }))
        .myPrice,
    ).toMatchObject({ priceCents: 400 });
    expect((await json<Activity>(`/api/v1/activities/${swim}`, 200)).myPrice).toBeUndefined();
    expect(
      (await json<Activity>(`/api/v1/activities/${swim}`, 200, { token: await loginAs('club') })).myPrice,
    ).toBeUndefined();
  });

  it('downloads a calendar entry that a standard parser reads', async () => {
    const swim = await demo.id('activity:swim');
    const response = await call(`/api/v1/activities/${swim}/calendar.ics`);
    expect(response.headers.get('content-type')).toContain('text/calendar');
    const component = new ICAL.Component(ICAL.parse(await response.text()));
    const event = new ICAL.Event(component.getFirstSubcomponent('vevent')!);
    const activity = await json<Activity>(`/api/v1/activities/${swim}`, 200);
    expect(event.summary).toBe('Zwemmen voor iedereen');
    expect(event.location).toBe('Stedelijk zwembad, Zwembadlaan 1, 9300 Demostad');
    expect(event.startDate.toJSDate().toISOString()).toBe(new Date(activity.startsAt).toISOString());
    expect(event.uid).toBe(`${swim}@buurtpas`);
  });

  it('cancels an activity and tells everyone signed up, each in their language', async () => {
    const activity = await createActivity({
      startsAt: '2027-03-01T10:00:00Z',
      endsAt: '2027-03-01T12:00:00Z',
      capacity: 10,
    });
    const resident = await loginAs('resident');
    await json(`/api/v1/activities/${activity.id}/signups`, 201, {
      token: resident,
      body: {
        passholderIds: [await demo.id('passholder:resident'), await demo.id('passholder:samira-child-1')],
      },
    });
    await json(`/api/v1/activities/${activity.id}/cancel`, 200, {
      method: 'POST',
      token: await loginAs('club'),
    });
    const { items } = await json<{ items: { kind: string; message: string; activityId: string }[] }>(
      '/api/v1/me/notifications',
      200,
      { token: resident },
    );
    const mine = items.filter((n) => n.activityId === activity.id);
    expect(mine).toHaveLength(2);
    expect(mine.every((n) => n.kind === 'activity_cancelled' && n.message.includes('geannuleerd'))).toBe(
      true,
    );
    expect(
      (
        await json<Page>('/api/v1/activities?from=2027-02-28T00:00:00Z&to=2027-03-02T00:00:00Z', 200)
      ).items.some((a) => a.id === activity.id),
    ).toBe(false);
    await expectProblem(
      await call(`/api/v1/activities/${activity.id}/signups`, { token: resident, body: {} }),
      409,
      'activity_cancelled',
    );
  });
});
