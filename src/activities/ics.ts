import type { Locale } from '../lib/i18n.ts';
import type { Activity } from './schema.ts';

/** An iCalendar (RFC 5545) file with one event. */
export type CalendarEvent = {
  uid: string;
  start: string;
  end: string;
  title: string;
  location: string | null;
  description: string | null;
  url: string;
  cancelled: boolean;
};

const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const text = (value: string) =>
  value
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/([,;])/g, '\\$1');

/** Folds a content line at 75 octets, as RFC 5545 asks. */
function fold(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  for (const ch of line) {
    if (new TextEncoder().encode(current + ch).length > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
    }
    current += ch;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function icsFile(e: CalendarEvent, now: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Buurtpas//Activities//NL',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${stamp(now.toISOString())}`,
    `DTSTART:${stamp(new Date(e.start).toISOString())}`,
    `DTEND:${stamp(new Date(e.end).toISOString())}`,
    `SUMMARY:${text(e.title)}`,
    ...(e.location ? [`LOCATION:${text(e.location)}`] : []),
    ...(e.description ? [`DESCRIPTION:${text(e.description)}`] : []),
    `URL:${e.url}`,
    `STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** An activity as a calendar event: its page in the app as the link, the description in `locale`. */
export function activityEvent(a: Activity, origin: string, locale: Locale): CalendarEvent {
  return {
    uid: `${a.id}@buurtpas`,
    start: a.startsAt,
    end: a.endsAt,
    title: a.title,
    location: [a.venue.name, a.venue.address].filter(Boolean).join(', ') || null,
    description: a.description[locale] ?? a.description.nl ?? null,
    url: `${origin}/#/activities/${a.id}`,
    cancelled: a.cancelled,
  };
}
