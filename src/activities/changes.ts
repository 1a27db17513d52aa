import { LOCALES, fill, type Locale, type Localized } from '../lib/i18n.ts';
import { NOTICES } from '../lib/notices.ts';
import type { ActivityPatch } from './schema.ts';

/** What people signed up rely on: when, where, how many places. */
export type Essentials = {
  title: string;
  startsAt: string;
  endsAt: string;
  venueName: string | null;
  venueAddress: string | null;
  capacity: number | null;
};

/** A change that matters to someone signed up or waiting: the time, the place, or fewer places. */
export type ChangeKind = 'time' | 'place' | 'places';

const same = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? '').trim() === (b ?? '').trim();

/** The activity as it will be after the patch (only the parts people rely on). */
export function afterPatch(before: Essentials, patch: ActivityPatch): Essentials {
  return {
    title: patch.title ?? before.title,
    startsAt: patch.startsAt ?? before.startsAt,
    endsAt: patch.endsAt ?? before.endsAt,
    venueName: patch.venue && 'name' in patch.venue ? (patch.venue.name ?? null) : before.venueName,
    venueAddress:
      patch.venue && 'address' in patch.venue ? (patch.venue.address ?? null) : before.venueAddress,
    capacity: patch.capacity === undefined ? before.capacity : patch.capacity,
  };
}

/**
 * Which changes people signed up must hear about: another start or end, another venue name or address, or
 * fewer places (more places, a new title or description change nothing for them).
 */
export function changesThatMatter(before: Essentials, after: Essentials): ChangeKind[] {
  const kinds: ChangeKind[] = [];
  if (
    Date.parse(before.startsAt) !== Date.parse(after.startsAt) ||
    Date.parse(before.endsAt) !== Date.parse(after.endsAt)
  )
    kinds.push('time');
  if (!same(before.venueName, after.venueName) || !same(before.venueAddress, after.venueAddress))
    kinds.push('place');
  if (after.capacity !== null && (before.capacity === null || after.capacity < before.capacity))
    kinds.push('places');
  return kinds;
}

/** "za 5 dec. 2026 14:00–16:00" as people read it in Belgium, in their language. */
export function brusselsSpan(startsAt: string, endsAt: string, locale: Locale): string {
  return new Intl.DateTimeFormat(`${locale}-BE`, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Brussels',
  }).formatRange(new Date(startsAt), new Date(endsAt));
}

/** The message for everyone signed up or waiting, in each language: what changed and how it is now. */
export function changeMessages(after: Essentials, kinds: ChangeKind[]): Localized {
  const one = (locale: Locale): string => {
    const place =
      [after.venueName, after.venueAddress].filter((x) => x && x.trim()).join(', ') ||
      NOTICES.activity_place_unknown[locale];
    const parts = kinds.map((kind) =>
      kind === 'time'
        ? fill(NOTICES.activity_changed_time[locale], {
            date: brusselsSpan(after.startsAt, after.endsAt, locale),
          })
        : kind === 'place'
          ? fill(NOTICES.activity_changed_place[locale], { place })
          : fill(NOTICES.activity_changed_places[locale], { count: after.capacity ?? 0 }),
    );
    return fill(NOTICES.activity_changed[locale], { title: after.title, changes: parts.join(' ') });
  };
  return Object.fromEntries(LOCALES.map((l) => [l, one(l)])) as Localized;
}
