/** UTC ISO 8601 timestamp, the one format stored in the database. */
export function iso(date: Date): string {
  return date.toISOString();
}

export function addSeconds(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}

const brussels = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Brussels',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date (`YYYY-MM-DD`) in Belgium at that moment. */
export function brusselsDate(date: Date): string {
  return brussels.format(date);
}

/** A moment as people read it in Belgium, in their language: "di 24 nov. 2026 18:00". */
export function brusselsDateTime(iso: string, locale: 'nl' | 'fr' | 'en'): string {
  return new Intl.DateTimeFormat(`${locale}-BE`, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Brussels',
  }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD) as people read it: "30 april 2027", "30 avril 2027", "30 April 2027". */
export function longDate(date: string, locale: 'nl' | 'fr' | 'en'): string {
  return new Intl.DateTimeFormat(`${locale}-BE`, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}
