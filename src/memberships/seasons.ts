/**
 * Membership seasons come from a fixed list, never from free text: a season runs from 1 September to
 * 31 August and is written "2026-2027". A club can sell the current season and prepare the next one.
 */
export function seasonOf(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const start = month >= 9 ? year : year - 1;
  return `${start}-${start + 1}`;
}

/** The seasons a club may offer on `day` (a Brussels date): the current one and the next. */
export function openSeasons(day: string): string[] {
  const start = Number(seasonOf(day).slice(0, 4));
  return [`${start}-${start + 1}`, `${start + 1}-${start + 2}`];
}
