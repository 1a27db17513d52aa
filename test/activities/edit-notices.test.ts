import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  afterPatch,
  changeMessages,
  changesThatMatter,
  type Essentials,
} from '../../src/activities/changes.ts';
import { call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import { bulkPassholders, createActivity, createStaffUser } from '../helpers/fixtures.ts';

type Signup = { id: string; passholderId: string; status: string };
type Field = { pointer: string; messages: Record<string, string> };
const future = { startsAt: '2027-06-05T12:00:00Z', endsAt: '2027-06-05T14:00:00Z' };

/** Signs passholders up one by one through the counter; answers their sign-ups in order. */
async function signUp(activityId: string, ids: string[]): Promise<Signup[]> {
  const counter = await loginAs('counter');
  const out: Signup[] = [];
  for (const id of ids) {
    const { signups } = await json<{ signups: Signup[] }>(`/api/v1/activities/${activityId}/signups`, 201, {
      token: counter,
      body: { passholderIds: [id] },
    });
    out.push(...signups);
  }
  return out;
}

async function noticesOf(activityId: string) {
  const { results } = await env.DB.prepare(
    "SELECT passholder_id, message, created_at FROM notifications WHERE activity_id = ?1 AND kind = 'activity_changed'",
  )
    .bind(activityId)
    .all<{ passholder_id: string; message: string; created_at: string }>();
  return results;
}

describe('editing a published activity tells the people signed up', () => {
  it('writes a message for everyone signed up or waiting, in their language, and none for a cancelled sign-up', async () => {
    const activity = await createActivity({ ...future, capacity: 2, signupRequired: true });
    const [nl, fr, en, gone] = await bulkPassholders(4);
    await env.DB.batch(
      [
        [fr!, 'fr'],
        [en!, 'en'],
      ].map(([id, locale]) =>
        env.DB.prepare('UPDATE passholders SET locale = ?2 WHERE id = ?1').bind(id, locale),
      ),
    );
    // nl and fr hold the places; gone waits first, then cancels; en waits.
    const signups = await signUp(activity.id, [nl!, fr!, gone!, en!]);
    expect(signups.map((s) => s.status)).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
    await json(`/api/v1/signups/${signups[2]!.id}/cancel`, 200, {
      method: 'POST',
      token: await loginAs('counter'),
    });

    const club = await loginAs('club');
    const edited = await json<{ notified: number; startsAt: string; venue: { name: string } }>(
      `/api/v1/activities/${activity.id}`,
      200,
      {
        method: 'PATCH',
        token: club,
        body: {
          startsAt: '2027-06-05T13:00:00Z',
          endsAt: '2027-06-05T15:00:00Z',
          venue: { name: 'Sporthal Noord', address: 'Kerkstraat 1, 9300 Demostad' },
        },
      },
    );
    expect(edited.notified).toBe(3);
    expect(edited.venue.name).toBe('Sporthal Noord');
    const notices = await noticesOf(activity.id);
    const to = (id: string) => notices.find((n) => n.passholder_id === id)?.message;
    expect(notices).toHaveLength(3);
    expect(to(gone!)).toBeUndefined();
    expect(to(nl!)).toMatch(
      /^De activiteit ".*" is gewijzigd\. Nieuw tijdstip: .*15:00.*Nieuwe plaats: Sporthal Noord/,
    );
    expect(to(fr!)).toMatch(/^L’activité « .* » a changé\. Nouvel horaire : .*Nouveau lieu : Sporthal Noord/);
    expect(to(en!)).toMatch(/^The activity ".*" has changed\. New time: .*New place: Sporthal Noord/);
    // One transaction: the messages carry the change's own moment.
    const row = await env.DB.prepare('SELECT updated_at FROM activities WHERE id = ?1')
      .bind(activity.id)
      .first<{ updated_at: string }>();
    expect(new Set(notices.map((n) => n.created_at))).toEqual(new Set([row!.updated_at]));

    // A new title or more places tell nobody.
    const quiet = await json<{ notified: number }>(`/api/v1/activities/${activity.id}`, 200, {
      method: 'PATCH',
      token: club,
      body: { title: 'Andere titel', capacity: 10, description: { nl: 'Meer', fr: 'Plus', en: 'More' } },
    });
    expect(quiet.notified).toBe(0);
    expect(await noticesOf(activity.id)).toHaveLength(3);
    // Fewer places do (still room for those who hold one).
    const fewer = await json<{ notified: number; description: Record<string, string> }>(
      `/api/v1/activities/${activity.id}`,
      200,
      { method: 'PATCH', token: club, body: { capacity: 3 } },
    );
    expect(fewer.notified).toBe(3);
    expect(fewer.description).toEqual({ nl: 'Meer', fr: 'Plus', en: 'More' });
  });

  it('refuses fewer places than people holding one, beside the field', async () => {
    const activity = await createActivity({ ...future, capacity: 5, signupRequired: true });
    await signUp(activity.id, await bulkPassholders(2));
    const body = await expectProblem(
      await call(`/api/v1/activities/${activity.id}`, {
        method: 'PATCH',
        token: await loginAs('club'),
        body: { capacity: 1 },
      }),
      400,
      'validation_failed',
    );
    const fields = body.fields as Field[];
    expect(fields.map((f) => f.pointer)).toEqual(['/capacity']);
    expect(fields[0]!.messages.fr).toContain('2 personnes');
  });

  it('keeps the map point when only the venue name changes', async () => {
    const activity = await createActivity({
      ...future,
      venue: { name: 'Oud', address: 'Markt 1', lat: 50.94, lon: 4.04 },
    });
    const edited = await json<{ venue: Record<string, unknown> }>(`/api/v1/activities/${activity.id}`, 200, {
      method: 'PATCH',
      token: await loginAs('club'),
      body: { venue: { name: 'Nieuw' } },
    });
    expect(edited.venue).toEqual({ name: 'Nieuw', address: 'Markt 1', lat: 50.94, lon: 4.04 });
  });

  it('refuses a club admin of another club, and a cancelled activity', async () => {
    const activity = await createActivity({ ...future });
    const other = await createStaffUser('club_admin', { clubId: await demo.cultureClub() });
    const { token } = await json<{ token: string }>('/api/v1/auth/login', 200, {
      body: { login: other.email, password: other.password },
    });
    await expectProblem(
      await call(`/api/v1/activities/${activity.id}`, { method: 'PATCH', token, body: { title: 'Van ons' } }),
      403,
      'forbidden',
    );
    const club = await loginAs('club');
    await json(`/api/v1/activities/${activity.id}/cancel`, 200, { method: 'POST', token: club });
    await expectProblem(
      await call(`/api/v1/activities/${activity.id}`, {
        method: 'PATCH',
        token: club,
        body: { title: 'Toch' },
      }),
      409,
      'activity_cancelled',
    );
  });
});

describe('which changes matter to people signed up (pure)', () => {
  const before: Essentials = {
    title: 'Zwemles',
    startsAt: '2027-06-05T12:00:00Z',
    endsAt: '2027-06-05T14:00:00Z',
    venueName: 'Zwembad',
    venueAddress: null,
    capacity: 10,
  };
  it('the time, the venue and fewer places; not the title, more places or the same time written otherwise', () => {
    const kinds = (patch: Parameters<typeof afterPatch>[1]) =>
      changesThatMatter(before, afterPatch(before, patch));
    expect(kinds({ title: 'Andere' })).toEqual([]);
    expect(kinds({ capacity: 20 })).toEqual([]);
    expect(kinds({ capacity: null })).toEqual([]);
    expect(kinds({ startsAt: '2027-06-05T14:00:00+02:00' })).toEqual([]);
    expect(kinds({ venue: { name: ' Zwembad ' } })).toEqual([]);
    expect(kinds({ endsAt: '2027-06-05T15:00:00Z' })).toEqual(['time']);
    expect(kinds({ venue: { address: 'Markt 1' } })).toEqual(['place']);
    expect(kinds({ capacity: 5, startsAt: '2027-06-05T11:00:00Z' })).toEqual(['time', 'places']);
  });
  it('says each change in Brussels time, in every language', () => {
    const after = afterPatch(before, {
      startsAt: '2027-06-05T13:00:00Z',
      endsAt: '2027-06-05T15:00:00Z',
      venue: { name: null },
    });
    const m = changeMessages(after, ['time', 'place']);
    expect(m.nl).toContain('15:00–17:00');
    expect(m.nl).toContain('Nieuwe plaats: nog niet bekend.');
    expect(m.fr).toContain('Nouveau lieu : pas encore connu.');
    expect(m.en).toContain('New place: not known yet.');
  });
});
