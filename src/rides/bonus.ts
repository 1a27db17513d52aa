/**
 * Who earns the ride bonus. The activity's own check-in is independent evidence that the passenger was
 * really there: an accepted match alone earns nothing.
 */
export type RideFacts = {
  requestId: string;
  activityId: string;
  driverId: string;
  passengerId: string;
  sameHousehold: boolean;
  pickupConfirmed: boolean;
  passengerCheckedIn: boolean;
  activityEnded: boolean;
};

export type Refusal =
  | 'not_ended'
  | 'no_pickup'
  | 'not_checked_in'
  | 'own_ride'
  | 'own_household'
  | 'passenger_counted'
  | 'cap_activity'
  | 'cap_month';

export type Caps = { perActivity: number; perMonth: number };

/**
 * Decides each ride in order (oldest first), counting what was awarded before and in this run:
 * `earlier` gives the driver's awards per activity and this month, and the passengers already counted per
 * activity.
 */
export function decideBonuses(
  rides: RideFacts[],
  caps: Caps,
  earlier: { perActivity: Map<string, number>; perMonth: Map<string, number>; counted: Set<string> },
): { award: RideFacts[]; refused: Map<string, Refusal> } {
  const award: RideFacts[] = [];
  const refused = new Map<string, Refusal>();
  const perActivity = new Map(earlier.perActivity);
  const perMonth = new Map(earlier.perMonth);
  const counted = new Set(earlier.counted);
  for (const r of rides) {
    const activityKey = `${r.driverId}:${r.activityId}`;
    const passengerKey = `${r.passengerId}:${r.activityId}`;
    const reason: Refusal | null = !r.activityEnded
      ? 'not_ended'
      : !r.pickupConfirmed
        ? 'no_pickup'
        : !r.passengerCheckedIn
          ? 'not_checked_in'
          : r.driverId === r.passengerId
            ? 'own_ride'
            : r.sameHousehold
              ? 'own_household'
              : counted.has(passengerKey)
                ? 'passenger_counted'
                : (perActivity.get(activityKey) ?? 0) >= caps.perActivity
                  ? 'cap_activity'
                  : (perMonth.get(r.driverId) ?? 0) >= caps.perMonth
                    ? 'cap_month'
                    : null;
    if (reason) {
      refused.set(r.requestId, reason);
      continue;
    }
    award.push(r);
    counted.add(passengerKey);
    perActivity.set(activityKey, (perActivity.get(activityKey) ?? 0) + 1);
    perMonth.set(r.driverId, (perMonth.get(r.driverId) ?? 0) + 1);
  }
  return { award, refused };
}
