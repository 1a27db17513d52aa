/**
 * The door window of an activity: from check-in opening (a margin before the start) until a margin after
 * the end. Scans, price look-ups, sales and check-ins of an activity happen only inside it, so nobody can
 * look up prices of people who are not there.
 */
export type DoorTimes = { startsAt: string; endsAt: string; before: number; after: number };

export function doorWindow(a: DoorTimes): { opens: number; closes: number } {
  return {
    opens: Date.parse(a.startsAt) - a.before * 60_000,
    closes: Date.parse(a.endsAt) + a.after * 60_000,
  };
}

/** Is `now` inside the door window? */
export function doorOpen(a: DoorTimes, now: Date): boolean {
  const { opens, closes } = doorWindow(a);
  const t = now.getTime();
  return t >= opens && t <= closes;
}
