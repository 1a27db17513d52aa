import { describe, expect, it } from 'vitest';
import { decideBonuses, type RideFacts } from '../../src/rides/bonus.ts';
import { detourKm, rankOffers } from '../../src/rides/matching.ts';

const ride = (over: Partial<RideFacts> = {}): RideFacts => ({
  requestId: crypto.randomUUID(),
  activityId: 'a1',
  driverId: 'd1',
  passengerId: `p-${crypto.randomUUID()}`,
  sameHousehold: false,
  pickupConfirmed: true,
  passengerCheckedIn: true,
  activityEnded: true,
  ...over,
});
const none = () => ({
  perActivity: new Map<string, number>(),
  perMonth: new Map<string, number>(),
  counted: new Set<string>(),
});
const caps = { perActivity: 4, perMonth: 20 };

describe('ride bonus rules', () => {
  it('awards a confirmed pickup of a passenger who checked in', () => {
    expect(decideBonuses([ride()], caps, none()).award).toHaveLength(1);
  });
  it('gives nothing for an accepted match alone (no pickup)', () => {
    const r = ride({ pickupConfirmed: false });
    expect(decideBonuses([r], caps, none()).refused.get(r.requestId)).toBe('no_pickup');
  });
  it('gives nothing when the passenger did not check in', () => {
    const r = ride({ passengerCheckedIn: false });
    expect(decideBonuses([r], caps, none()).refused.get(r.requestId)).toBe('not_checked_in');
  });
  it('gives nothing before the activity ended', () => {
    const r = ride({ activityEnded: false });
    expect(decideBonuses([r], caps, none()).refused.get(r.requestId)).toBe('not_ended');
  });
  it('gives nothing for driving oneself', () => {
    const r = ride({ passengerId: 'd1' });
    expect(decideBonuses([r], caps, none()).refused.get(r.requestId)).toBe('own_ride');
  });
  it('gives nothing for one’s own household', () => {
    const r = ride({ sameHousehold: true });
    expect(decideBonuses([r], caps, none()).refused.get(r.requestId)).toBe('own_household');
  });
  it('counts a passenger once per activity, even with two drivers', () => {
    const first = ride({ passengerId: 'p1' });
    const second = ride({ passengerId: 'p1', driverId: 'd2' });
    const result = decideBonuses([first, second], caps, none());
    expect(result.award.map((r) => r.requestId)).toEqual([first.requestId]);
    expect(result.refused.get(second.requestId)).toBe('passenger_counted');
    const earlier = none();
    earlier.counted.add('p9:a1');
    const late = ride({ passengerId: 'p9' });
    expect(decideBonuses([late], caps, earlier).refused.get(late.requestId)).toBe('passenger_counted');
  });
  it('stops at the cap per activity and per month', () => {
    const rides = Array.from({ length: 6 }, () => ride());
    const result = decideBonuses(rides, { perActivity: 4, perMonth: 20 }, none());
    expect(result.award).toHaveLength(4);
    expect([...result.refused.values()]).toEqual(['cap_activity', 'cap_activity']);
    const earlier = none();
    earlier.perMonth.set('d1', 20);
    const r = ride({ activityId: 'a2' });
    expect(decideBonuses([r], caps, earlier).refused.get(r.requestId)).toBe('cap_month');
  });
});

describe('ranking by detour', () => {
  const venue = { lat: 50.9378, lon: 4.0403 };
  it('puts the driver who passes by first', () => {
    const pickup = { lat: 50.93, lon: 4.05 };
    expect(detourKm({ lat: 50.92, lon: 4.06 }, pickup, venue)).toBeLessThan(
      detourKm({ lat: 50.96, lon: 4.0 }, pickup, venue),
    );
    const ranked = rankOffers(
      [
        { id: 'far', start: { lat: 50.96, lon: 4.0 }, seatsLeft: 2, allows: [] },
        { id: 'near', start: { lat: 50.92, lon: 4.06 }, seatsLeft: 2, allows: [] },
        { id: 'unknown', start: null, seatsLeft: 2, allows: [] },
        { id: 'full', start: { lat: 50.93, lon: 4.05 }, seatsLeft: 0, allows: [] },
      ],
      pickup,
      venue,
      { seats: 1, needs: [] },
    );
    expect(ranked.map((o) => o.id)).toEqual(['near', 'far', 'unknown']);
  });
  it('keeps only cars that allow what the passenger needs', () => {
    const ranked = rankOffers(
      [
        { id: 'a', start: null, seatsLeft: 3, allows: ['wheelchair'] },
        { id: 'b', start: null, seatsLeft: 3, allows: [] },
      ],
      null,
      null,
      { seats: 2, needs: ['wheelchair'] },
    );
    expect(ranked.map((o) => o.id)).toEqual(['a']);
  });
});
