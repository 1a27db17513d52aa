import { distanceKm } from '../lib/geo.ts';

export type Point = { lat: number; lon: number };

/** Extra kilometres a driver makes to pick a passenger up on the way to the venue. */
export function detourKm(driver: Point, pickup: Point, venue: Point): number {
  const via =
    distanceKm(driver.lat, driver.lon, pickup.lat, pickup.lon) +
    distanceKm(pickup.lat, pickup.lon, venue.lat, venue.lon);
  return Math.max(0, via - distanceKm(driver.lat, driver.lon, venue.lat, venue.lon));
}

/** Offers that can take the passenger (seats and needs), best (smallest detour) first; unknown points last. */
export function rankOffers<T extends { start: Point | null; seatsLeft: number; allows: string[] }>(
  offers: T[],
  pickup: Point | null,
  venue: Point | null,
  need: { seats: number; needs: string[] },
): (T & { detourKm: number | null })[] {
  return offers
    .filter((o) => o.seatsLeft >= need.seats && need.needs.every((n) => o.allows.includes(n)))
    .map((o) => ({
      ...o,
      detourKm: o.start && pickup && venue ? Math.round(detourKm(o.start, pickup, venue) * 10) / 10 : null,
    }))
    .sort((a, b) => (a.detourKm ?? Infinity) - (b.detourKm ?? Infinity));
}
