/**
 * Times of the activity form, in Brussels time whatever the computer's clock says: a `datetime-local` field
 * holds a Brussels wall-clock time ("2026-12-05T14:00"), the API an instant in UTC. Pure: no DOM, no storage.
 */

const ZONE = 'Europe/Brussels';
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  weekday: 'short',
});

type Wall = { year: number; month: number; day: number; hour: number; minute: number; weekday: number };
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function wall(instant: Date): Wall {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    weekday: WEEKDAYS.indexOf(p.weekday ?? ''),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The Brussels wall-clock time of an instant, as a `datetime-local` value ("2026-12-05T14:00"). */
export function toBrusselsInput(iso: string): string {
  const w = wall(new Date(iso));
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** The instant (UTC ISO) of a Brussels wall-clock time from a `datetime-local` field. */
export function fromBrusselsInput(value: string): string {
  const [date = '', time = '00:00'] = value.split('T');
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const asUtc = Date.UTC(y!, mo! - 1, d!, h!, mi!);
  // Brussels is UTC+1 or UTC+2: take the offset at the guess, and once more at the result (DST days).
  const offset = (t: number) => {
    const w = wall(new Date(t));
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - t;
  };
  let instant = asUtc - offset(asUtc);
  instant = asUtc - offset(instant);
  return new Date(instant).toISOString();
}

/** A Brussels calendar day plus `days`, at `hour`:00, as an instant. */
function at(w: Wall, days: number, hour: number): string {
  const day = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return fromBrusselsInput(
    `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}T${pad(hour)}:00`,
  );
}

/**
 * What a new activity's form proposes: a Saturday afternoon, 14:00 to 16:00 in Brussels, with sign-ups
 * closing the evening before at 20:00. The Saturday is at least two days away, so the deadline is always
 * ahead (from Friday or Saturday, it is the Saturday of next week).
 */
export function defaultActivityTimes(now: Date): {
  startsAt: string;
  endsAt: string;
  signupDeadline: string;
} {
  const today = wall(now);
  let days = (6 - today.weekday + 7) % 7;
  if (days < 2) days += 7;
  return {
    startsAt: at(today, days, 14),
    endsAt: at(today, days, 16),
    signupDeadline: at(today, days - 1, 20),
  };
}

/**
 * The sign-up deadline the form proposes for a start: the evening before at 20:00 (Brussels), or none (sign up
 * until it ends) when that evening has passed. Used again when the club moves the start and has not set a
 * deadline of its own.
 */
export function proposedDeadline(startsAt: string, now: Date): string | null {
  const deadline = at(wall(new Date(startsAt)), -1, 20);
  return Date.parse(deadline) > now.getTime() ? deadline : null;
}
