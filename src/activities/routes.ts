import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { hasClubRole, hasMunicipalityRole } from '../auth/guard.ts';
import { signCompact } from '../auth/jwt.ts';
import { managedClub } from '../auth/access.ts';
import { newId } from '../lib/ids.ts';
import { fillAll } from '../lib/i18n.ts';
import { NOTICES } from '../lib/notices.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { IdSchema, jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { Problem } from '../lib/problem.ts';
import { fieldProblem } from '../lib/validation.ts';
import { addSeconds, brusselsDateTime } from '../lib/time.ts';
import { qrSvg } from '../passes/qr.ts';
import { findNeighbourhood } from '../places/repo.ts';
import { afterPatch, changeMessages, changesThatMatter, type Essentials } from './changes.ts';
import { nearBox, distanceKm } from '../lib/geo.ts';
import { icsFile } from './ics.ts';
import { myPrices } from './prices.ts';
import * as repo from './repo.ts';
import { ActivityInputSchema, ActivityPatchSchema, ActivityQuerySchema, ActivitySchema } from './schema.ts';

const app = new OpenAPIHono<AppEnv>();
const Params = z.object({ activityId: IdSchema });
/** How long the self check-in code shown at the venue lives. */
export const ACTIVITY_CODE_SECONDS = 120;

/** What is wrong with a date, said beside its field. */
const DATE_MESSAGES = {
  '/endsAt': {
    nl: 'Het einde moet na het begin liggen.',
    fr: 'La fin doit être après le début.',
    en: 'The end must be after the start.',
  },
  '/signupDeadline': {
    nl: 'Inschrijven moet sluiten voor het einde van de activiteit.',
    fr: 'Les inscriptions doivent se clôturer avant la fin de l’activité.',
    en: 'Sign-ups must close before the activity ends.',
  },
} as const;

function dateProblem(pointer: keyof typeof DATE_MESSAGES, detail: string): Problem {
  return fieldProblem(pointer, 'invalid', detail, DATE_MESSAGES[pointer]);
}

/**
 * What publishing and editing both check of an activity's times and place: the end after the start, the
 * sign-up deadline not after the end, the neighbourhood (if any) in the club's municipality.
 */
async function checkActivity(
  db: D1Database,
  municipalityId: string,
  activity: {
    startsAt: string;
    endsAt: string;
    signupDeadline: string | null;
    neighbourhoodId: string | null;
  },
): Promise<void> {
  if (Date.parse(activity.endsAt) <= Date.parse(activity.startsAt))
    throw dateProblem('/endsAt', 'The end is before the start');
  if (activity.signupDeadline && Date.parse(activity.signupDeadline) > Date.parse(activity.endsAt))
    throw dateProblem('/signupDeadline', 'The deadline is after the end');
  if (
    activity.neighbourhoodId !== null &&
    (await findNeighbourhood(db, activity.neighbourhoodId))?.municipalityId !== municipalityId
  ) {
    throw new Problem('validation_failed', {
      detail: 'The neighbourhood is not in the club’s municipality',
      fields: [
        {
          pointer: '/neighbourhoodId',
          code: 'invalid',
          messages: {
            nl: 'Deze wijk ligt niet in de gemeente.',
            fr: 'Ce quartier n’est pas dans la commune.',
            en: 'This neighbourhood is not in the municipality.',
          },
        },
      ],
    });
  }
}

const essentials = (r: repo.ActivityRow): Essentials => ({
  title: r.title,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  venueName: r.venue_name,
  venueAddress: r.venue_address,
  capacity: r.capacity,
});

/** Nobody loses a place they hold without being asked: the club cancels sign-ups one by one first. */
function refuseIfTooFew(capacity: number | null | undefined, confirmed: number): void {
  if (capacity == null || capacity >= confirmed) return;
  throw fieldProblem('/capacity', 'too_small', `${confirmed} people hold a place`, {
    nl: `Er zijn al ${confirmed} mensen ingeschreven. Kies minstens ${confirmed} plaatsen.`,
    fr: `${confirmed} personnes sont déjà inscrites. Choisissez au moins ${confirmed} places.`,
    en: `${confirmed} people have signed up already. Choose at least ${confirmed} places.`,
  });
}

async function loadActivity(db: D1Database, id: string): Promise<repo.ActivityRow> {
  const row = await repo.findActivity(db, id);
  if (!row) throw new Problem('not_found');
  return row;
}

/** An activity as the caller may see it: a draft, or one of a club not approved, only for the club's managers. */
async function visibleActivity(c: Context<AppEnv>, id: string): Promise<repo.ActivityRow> {
  const row = await loadActivity(c.env.DB, id);
  if (repo.isPublic(row)) return row;
  const user = c.get('user');
  const manager =
    user !== undefined &&
    (hasClubRole(user, row.club_id, 'club_admin', 'door') ||
      hasMunicipalityRole(user, row.municipality_id, 'municipality_admin'));
  if (!manager) throw new Problem('not_found');
  return row;
}

app.openapi(
  createRoute({
    method: 'post',
    path: '/clubs/{clubId}/activities',
    tags: ['activities'],
    summary: 'Publish an activity, optionally repeated weekly (club admin)',
    security: SECURITY,
    request: { params: z.object({ clubId: IdSchema }), body: jsonBody(ActivityInputSchema) },
    responses: {
      201: jsonResponse(
        ActivitySchema.extend({ seriesIds: z.array(z.string()) }),
        'Published, or saved as a draft',
      ),
      ...problems('validation_failed', 'unauthenticated', 'forbidden', 'not_found', 'club_not_approved'),
    },
  }),
  async (c) => {
    const { clubId } = c.req.valid('param');
    const { club } = await managedClub(c, clubId, 'club_admin');
    const { repeatWeekly, ...input } = c.req.valid('json');
    // A club awaiting approval (or suspended) prepares drafts; only an approved club publishes.
    if (!input.draft && club.status !== 'approved') throw new Problem('club_not_approved');
    await checkActivity(c.env.DB, club.municipalityId, input);
    const seriesId = repeatWeekly > 0 ? newId() : null;
    const week = 7 * 86_400;
    const list = Array.from({ length: repeatWeekly + 1 }, (_, i) => ({
      ...input,
      id: newId(),
      clubId,
      seriesId,
      signupRequired: input.signupRequired ?? input.capacity !== null,
      startsAt: addSeconds(new Date(input.startsAt), i * week).toISOString(),
      endsAt: addSeconds(new Date(input.endsAt), i * week).toISOString(),
      signupDeadline: input.signupDeadline
        ? addSeconds(new Date(input.signupDeadline), i * week).toISOString()
        : null,
    }));
    await repo.insertActivities(c.env.DB, list, c.var.now.toISOString());
    const first = repo.toActivity((await repo.findActivity(c.env.DB, list[0]!.id))!);
    return c.json({ ...first, seriesIds: list.map((a) => a.id) }, 201);
  },
);

app.openapi(
  createRoute({
    method: 'patch',
    path: '/activities/{activityId}',
    tags: ['activities'],
    summary: 'Change an activity, also once published (club admin)',
    description:
      'When the time, the venue or the number of places (fewer) changes, everyone signed up or on the waiting list gets a message in their own language, in the same transaction; `notified` says how many.',
    security: SECURITY,
    request: { params: Params, body: jsonBody(ActivityPatchSchema) },
    responses: {
      200: jsonResponse(
        ActivitySchema.extend({
          notified: z
            .number()
            .int()
            .openapi({ description: 'How many people signed up or waiting were told' }),
        }),
        'Changed',
      ),
      ...problems(
        'validation_failed',
        'unauthenticated',
        'forbidden',
        'not_found',
        'activity_cancelled',
        'activity_changed',
      ),
    },
  }),
  async (c) => {
    const { activityId } = c.req.valid('param');
    const row = await loadActivity(c.env.DB, activityId);
    const { club } = await managedClub(c, row.club_id, 'club_admin');
    if (row.cancelled_at) throw new Problem('activity_cancelled');
    const patch = c.req.valid('json');
    refuseIfTooFew(patch.capacity, row.confirmed);
    // The activity as it would be after the change passes the same checks as a new one.
    await checkActivity(c.env.DB, club.municipalityId, {
      startsAt: patch.startsAt ?? row.starts_at,
      endsAt: patch.endsAt ?? row.ends_at,
      signupDeadline: patch.signupDeadline === undefined ? row.signup_deadline : patch.signupDeadline,
      neighbourhoodId: patch.neighbourhoodId === undefined ? row.neighbourhood_id : patch.neighbourhoodId,
    });
    const before = essentials(row);
    const after = afterPatch(before, patch);
    const kinds = changesThatMatter(before, after);
    const notified = await repo.updateActivity(
      c.env.DB,
      activityId,
      patch,
      c.var.now.toISOString(),
      kinds.length > 0 ? changeMessages(after, kinds) : null,
    );
    if (notified === null) {
      // Cancelled, or signed up past the new capacity, between the checks above and the write: nothing changed.
      const now = await loadActivity(c.env.DB, activityId);
      if (now.cancelled_at) throw new Problem('activity_cancelled');
      refuseIfTooFew(patch.capacity, now.confirmed);
      // Neither any more: it changed and changed back meanwhile (a sign-up came and went).
      throw new Problem('activity_changed', { detail: 'The activity changed during the edit; try again' });
    }
    return c.json({ ...repo.toActivity((await repo.findActivity(c.env.DB, activityId))!), notified }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/activities/{activityId}/publish',
    tags: ['activities'],
    summary: 'Publish a draft: residents find it and can sign up (club admin of an approved club)',
    security: SECURITY,
    request: { params: Params },
    responses: {
      200: jsonResponse(ActivitySchema, 'Published'),
      ...problems('unauthenticated', 'forbidden', 'not_found', 'club_not_approved', 'already_published'),
    },
  }),
  async (c) => {
    const { activityId } = c.req.valid('param');
    const row = await loadActivity(c.env.DB, activityId);
    const { club } = await managedClub(c, row.club_id, 'club_admin');
    if (club.status !== 'approved') throw new Problem('club_not_approved');
    if (!(await repo.publishActivity(c.env.DB, activityId, c.var.now.toISOString())))
      throw new Problem('already_published', { detail: 'Published already' });
    return c.json(repo.toActivity((await repo.findActivity(c.env.DB, activityId))!), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/activities/{activityId}/cancel',
    tags: ['activities'],
    summary: 'Cancel an activity; everyone signed up is told, in their language (club admin)',
    security: SECURITY,
    request: { params: Params },
    responses: {
      200: jsonResponse(ActivitySchema, 'Cancelled'),
      ...problems('unauthenticated', 'forbidden', 'not_found', 'activity_cancelled'),
    },
  }),
  async (c) => {
    const { activityId } = c.req.valid('param');
    const row = await loadActivity(c.env.DB, activityId);
    await managedClub(c, row.club_id, 'club_admin');
    const texts = NOTICES.activity_cancelled;
    const messages = {
      nl: fillAll(texts, { title: row.title, date: brusselsDateTime(row.starts_at, 'nl') }).nl,
      fr: fillAll(texts, { title: row.title, date: brusselsDateTime(row.starts_at, 'fr') }).fr,
      en: fillAll(texts, { title: row.title, date: brusselsDateTime(row.starts_at, 'en') }).en,
    };
    if (!(await repo.cancelActivity(c.env.DB, activityId, messages, c.var.now.toISOString())))
      throw new Problem('activity_cancelled');
    return c.json(repo.toActivity((await repo.findActivity(c.env.DB, activityId))!), 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/activities',
    tags: ['activities'],
    summary:
      'Find activities (public): by date, category, municipality, neighbourhood, accessibility, free, or near a point',
    description:
      'Cursor pagination: pass `nextCursor` back as `cursor`. A signed-in resident also sees their own price (`myPrice`).',
    request: { query: ActivityQuerySchema },
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(ActivitySchema), nextCursor: z.string().nullable() }),
        'Activities by start',
      ),
      ...problems('validation_failed'),
    },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const position = q.cursor ? decodeCursor(q.cursor) : null;
    const after = position ? { startsAt: position.at, id: position.id } : null;
    const [lat, lon] = q.near ? q.near.split(',').map(Number) : [];
    const near = lat !== undefined && lon !== undefined ? { ...nearBox(lat, lon, q.km), lat, lon } : null;
    const rows = await repo.listActivities(c.env.DB, {
      from: q.from ?? c.var.now.toISOString(),
      to: q.to ?? null,
      category: q.category ?? null,
      municipalityId: q.municipalityId ?? null,
      neighbourhoodId: q.neighbourhoodId ?? null,
      clubId: q.clubId ?? null,
      accessibility: q.accessibility ? q.accessibility.split(',').filter(Boolean) : [],
      free: q.free === undefined ? null : q.free === 'true',
      near,
      after,
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    const items = page.map((r) => ({
      ...repo.toActivity(r),
      ...(near && r.lat !== null && r.lon !== null
        ? { distanceKm: Math.round(distanceKm(near.lat, near.lon, r.lat, r.lon) * 10) / 10 }
        : {}),
    }));
    const prices = await myPrices(c, items);
    return c.json(
      {
        items: items.map((a) => (prices ? { ...a, myPrice: prices.get(a.id) ?? null } : a)),
        nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.starts_at, id: last.id }) : null,
      },
      200,
    );
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/activities/{activityId}',
    tags: ['activities'],
    summary: 'One activity (public); a signed-in resident sees their own price',
    request: { params: Params },
    responses: { 200: jsonResponse(ActivitySchema, 'The activity'), ...problems('not_found') },
  }),
  async (c) => {
    const activity = repo.toActivity(await visibleActivity(c, c.req.valid('param').activityId));
    const prices = await myPrices(c, [activity]);
    return c.json(prices ? { ...activity, myPrice: prices.get(activity.id) ?? null } : activity, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/activities/{activityId}/calendar.ics',
    tags: ['activities'],
    summary: 'The activity as an iCalendar file, for one’s own calendar (public)',
    request: { params: Params },
    responses: {
      200: { description: 'iCalendar', content: { 'text/calendar': { schema: z.string() } } },
      ...problems('not_found'),
    },
  }),
  async (c) => {
    const a = repo.toActivity(await visibleActivity(c, c.req.valid('param').activityId));
    const origin = new URL(c.req.url).origin;
    const body = icsFile(
      {
        uid: `${a.id}@buurtpas`,
        start: a.startsAt,
        end: a.endsAt,
        title: a.title,
        location: [a.venue.name, a.venue.address].filter(Boolean).join(', ') || null,
        description: a.description[c.var.locale] ?? a.description.nl ?? null,
        url: `${origin}/#/activities/${a.id}`,
        cancelled: a.cancelled,
      },
      c.var.now,
    );
    return c.body(body, 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="buurtpas-${a.id}.ics"`,
    });
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/activities/{activityId}/checkin-code',
    tags: ['check-in'],
    summary: 'A rotating code for self check-in, to show at the venue (club staff)',
    security: SECURITY,
    request: { params: Params },
    responses: {
      200: jsonResponse(
        z.object({ code: z.string(), url: z.string(), expiresAt: z.string(), qrSvg: z.string() }),
        'The code',
      ),
      ...problems('unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const row = await loadActivity(c.env.DB, c.req.valid('param').activityId);
    await managedClub(c, row.club_id, 'club_admin', 'door');
    const expiresAt = addSeconds(c.var.now, ACTIVITY_CODE_SECONDS);
    const code = await signCompact(c.env.SIGNING_KEYS, {
      k: row.id,
      x: Math.floor(expiresAt.getTime() / 1000),
    });
    const url = `${new URL(c.req.url).origin}/#/checkin/${code}`;
    c.header('Cache-Control', 'no-store');
    return c.json({ code, url, expiresAt: expiresAt.toISOString(), qrSvg: qrSvg(url, row.title, 'L') }, 200);
  },
);

export default app;
