import { describe, expect, it } from 'vitest';
import {
  defaultActivityTimes,
  proposedDeadline,
  fromBrusselsInput,
  toBrusselsInput,
} from '../../web/src/pages/activity-times.ts';

describe('the new-activity form proposes a Saturday afternoon in Brussels (pure)', () => {
  it.each([
    // now (UTC)                   start (Brussels)     end                 deadline
    ['2026-11-25T03:44:00Z', '2026-11-28T14:00', '2026-11-28T16:00', '2026-11-27T20:00'], // Wednesday
    ['2026-11-26T22:30:00Z', '2026-11-28T14:00', '2026-11-28T16:00', '2026-11-27T20:00'], // Thursday 23:30
    ['2026-11-26T23:30:00Z', '2026-12-05T14:00', '2026-12-05T16:00', '2026-12-04T20:00'], // already Friday in Brussels
    ['2026-11-28T10:00:00Z', '2026-12-05T14:00', '2026-12-05T16:00', '2026-12-04T20:00'], // Saturday
    ['2026-11-29T10:00:00Z', '2026-12-05T14:00', '2026-12-05T16:00', '2026-12-04T20:00'], // Sunday
    ['2026-03-25T09:00:00Z', '2026-03-28T14:00', '2026-03-28T16:00', '2026-03-27T20:00'], // before summer time
    ['2026-03-27T09:00:00Z', '2026-04-04T14:00', '2026-04-04T16:00', '2026-04-03T20:00'], // after it starts
  ])('at %s: %s to %s, sign-ups until %s', (now, start, end, deadline) => {
    const t = defaultActivityTimes(new Date(now));
    expect([t.startsAt, t.endsAt, t.signupDeadline].map(toBrusselsInput)).toEqual([start, end, deadline]);
    expect(Date.parse(t.startsAt)).toBeGreaterThan(Date.parse(now));
    expect(Date.parse(t.signupDeadline)).toBeGreaterThan(Date.parse(now));
    expect(Date.parse(t.endsAt) - Date.parse(t.startsAt)).toBe(2 * 3_600_000);
    expect(Date.parse(t.startsAt) % 3_600_000).toBe(0);
  });

  it('reads and writes Brussels wall-clock times in winter and in summer', () => {
    expect(fromBrusselsInput('2026-12-05T14:00')).toBe('2026-12-05T13:00:00.000Z');
    expect(fromBrusselsInput('2026-07-04T14:00')).toBe('2026-07-04T12:00:00.000Z');
    expect(toBrusselsInput('2026-07-04T12:00:00.000Z')).toBe('2026-07-04T14:00');
    expect(toBrusselsInput('2026-12-05T13:30:00Z')).toBe('2026-12-05T14:30');
  });

  it('moves the proposed deadline with the start: the evening before, or none once that evening has passed', () => {
    const now = new Date('2026-11-25T10:00:00Z');
    expect(proposedDeadline('2026-12-05T13:00:00Z', now)).toBe('2026-12-04T19:00:00.000Z');
    expect(proposedDeadline('2026-11-25T10:20:00Z', now)).toBeNull();
    expect(proposedDeadline('2026-11-26T09:00:00Z', now)).toBe('2026-11-25T19:00:00.000Z');
  });
});
