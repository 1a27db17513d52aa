import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { brusselsDate } from '../lib/time.ts';
import { fieldProblem } from '../lib/validation.ts';
import { addDays } from '../status/derive.ts';
import { monthsBetween, twelveMonthsTo } from '../lib/periods.ts';
import { monthWindow, rangeError } from './months.ts';
import { ENDING_DAYS, LETTER_DAYS, nextStep, QUIET_DAYS, type WorklistReason } from './next-step.ts';
import * as repo from './repo.ts';
import type { ContactInput, TakeUp, Worklist, WorklistItem } from './schema.ts';
import { shown, shownTotal } from '../lib/small-counts.ts';

const DAY = 86_400_000;
const MEASURES = ['entitled', 'active', 'activated', 'used', 'rightsOpened'] as const;

const RANGE_MESSAGES = {
  from_after_to: {
    nl: 'De laatste maand mag niet vóór de eerste maand liggen.',
    fr: 'Le dernier mois ne peut pas précéder le premier mois.',
    en: 'The last month cannot be before the first month.',
  },
  range_too_long: {
    nl: 'Kies hoogstens 24 maanden.',
    fr: 'Choisissez 24 mois au maximum.',
    en: 'Choose at most 24 months.',
  },
} as const;

/**
 * The take-up dashboard: every month of the range times every neighbourhood (and "unknown" when somebody
 * has none), zeros included, each count suppressed under five, and per month a total that is withheld when it
 * would reveal a suppressed cell.
 */
export async function takeUp(
  db: D1Database,
  municipalityId: string,
  asked: { from?: string | undefined; to?: string | undefined },
  now: Date,
): Promise<TakeUp> {
  const current = brusselsDate(now).slice(0, 7);
  const to = asked.to ?? current;
  const from = asked.from ?? twelveMonthsTo(to).from;
  const wrong = rangeError(from, to);
  if (wrong) throw fieldProblem(wrong.pointer, 'invalid', wrong.code, RANGE_MESSAGES[wrong.code]);
  const months = monthsBetween(from, to);
  const { rows, neighbourhoods } = await repo.takeUp(db, municipalityId, months.map(monthWindow));
  const hoods: { id: string | null; name: string | null }[] = neighbourhoods.map((n) => ({ ...n }));
  const known = new Set(neighbourhoods.map((n) => n.id));
  // A neighbourhood of another municipality (a resident who moved and kept it) counts as unknown here.
  const keyOf = (id: string | null) => (id !== null && known.has(id) ? id : null);
  if (rows.some((r) => keyOf(r.neighbourhoodId) === null)) hoods.push({ id: null, name: null });
  const cell = new Map<string, Record<(typeof MEASURES)[number], number>>();
  for (const r of rows) {
    const key = `${r.month}|${keyOf(r.neighbourhoodId)}`;
    const sum = cell.get(key) ?? { entitled: 0, active: 0, activated: 0, used: 0, rightsOpened: 0 };
    for (const m of MEASURES) sum[m] += r[m];
    cell.set(key, sum);
  }
  const zero = { entitled: 0, active: 0, activated: 0, used: 0, rightsOpened: 0 };
  const raw = months.flatMap((month) =>
    hoods.map((h) => ({ month, neighbourhoodId: h.id, ...(cell.get(`${month}|${h.id}`) ?? zero) })),
  );
  return {
    municipalityId,
    from,
    to,
    months,
    neighbourhoods: hoods,
    rows: raw.map((r) => ({
      month: r.month,
      neighbourhoodId: r.neighbourhoodId,
      entitled: shown(r.entitled),
      active: shown(r.active),
      activated: shown(r.activated),
      used: shown(r.used),
      rightsOpened: shown(r.rightsOpened),
    })),
    totals: months.map((month) => {
      const column = raw.filter((r) => r.month === month);
      const total = (m: (typeof MEASURES)[number]) => shownTotal(column.map((r) => r[m]));
      return {
        month,
        entitled: total('entitled'),
        active: total('active'),
        activated: total('activated'),
        used: total('used'),
        rightsOpened: total('rightsOpened'),
      };
    }),
  };
}

/** `date` minus `months` calendar months (the same day, or the month's last day when it has fewer). */
function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/** The moments the worklist's rules compare with, from the request's clock. */
export function worklistClock(now: Date): repo.WorklistClock {
  const today = brusselsDate(now);
  const sixMonthsAgo = monthsBefore(today, 6);
  return {
    now: now.toISOString(),
    today,
    letterBefore: new Date(now.getTime() - LETTER_DAYS * DAY).toISOString(),
    sixMonthsAgo,
    // Midnight UTC of that day: within an hour or two of the Belgian midnight, enough for "six months".
    sixMonthsAgoAt: `${sixMonthsAgo}T00:00:00.000Z`,
    endingBy: addDays(today, ENDING_DAYS),
    quietSince: new Date(now.getTime() - QUIET_DAYS * DAY).toISOString(),
  };
}

/** One page of the worklist; every person on it is written to their audit log in the same batch. */
export async function worklist(
  db: D1Database,
  municipalityId: string,
  query: { reason?: WorklistReason | undefined; cursor?: string | undefined; limit: number },
  actorUserId: string,
  now: Date,
): Promise<Worklist> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await repo.worklist(
    db,
    municipalityId,
    worklistClock(now),
    { reason: query.reason ?? null, after, limit: query.limit },
    actorUserId,
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const items: WorklistItem[] = page.map((r) => {
    const reasons: WorklistReason[] = [];
    if (r.not_activated) reasons.push('not_activated');
    if (r.not_used) reasons.push('not_used');
    if (r.status_ending) reasons.push('status_ending');
    const lastContact = r.last_contact_parsed;
    return {
      passholderId: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      passNumber: r.pass_number,
      phone: r.phone,
      email: r.email,
      hasAddress: Boolean(r.has_address),
      reasons,
      nextStep: nextStep({ phone: Boolean(r.phone?.trim()), address: Boolean(r.has_address) }, lastContact),
      letterAt: r.not_activated ? r.letter_at : null,
      lastUsedAt: r.last_used_at,
      statusUntil: r.status_until,
      lastContact,
    };
  });
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.created_at, id: last.id }) : null,
  };
}

const CONTACTED_AT_MESSAGES = {
  future: {
    nl: 'Dit tijdstip ligt in de toekomst.',
    fr: 'Ce moment est dans le futur.',
    en: 'This moment is in the future.',
  },
  old: {
    nl: 'Dit tijdstip ligt meer dan een jaar terug.',
    fr: 'Ce moment date de plus d’un an.',
    en: 'This moment is more than a year ago.',
  },
} as const;

/** Logs a contact with a resident; `contactedAt` may be earlier today, not in the future or over a year ago. */
export async function addContact(
  db: D1Database,
  passholderId: string,
  municipalityId: string,
  input: ContactInput,
  byUser: string,
  now: Date,
): Promise<repo.ContactRecord> {
  const at = input.contactedAt ? new Date(input.contactedAt) : now;
  if (at.getTime() > now.getTime() + 5 * 60_000)
    throw fieldProblem(
      '/contactedAt',
      'invalid',
      'contactedAt is in the future',
      CONTACTED_AT_MESSAGES.future,
    );
  if (at.getTime() < now.getTime() - 366 * DAY)
    throw fieldProblem(
      '/contactedAt',
      'invalid',
      'contactedAt is over a year ago',
      CONTACTED_AT_MESSAGES.old,
    );
  return repo.addContact(db, {
    passholderId,
    municipalityId,
    reason: input.reason,
    how: input.how,
    outcome: input.outcome,
    contactedAt: at.toISOString(),
    note: input.note ? input.note : null,
    byUser,
    createdAt: now.toISOString(),
  });
}
