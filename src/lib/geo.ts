/** Kilometres per degree of latitude. */
export const KM_PER_DEGREE = 111.32;

/**
 * The bounding box of a circle and the factor that turns degrees of longitude into kilometres there:
 * an index reads the latitude band, then a plain arithmetic test (equirectangular, exact enough at the
 * scale of a municipality) keeps what lies within the radius.
 */
export function nearBox(lat: number, lon: number, km: number) {
  const lonScale = Math.cos((lat * Math.PI) / 180);
  const dLat = km / KM_PER_DEGREE;
  const dLon = km / (KM_PER_DEGREE * Math.max(lonScale, 0.01));
  return {
    minLat: lat - dLat,
    maxLat: lat + dLat,
    minLon: lon - dLon,
    maxLon: lon + dLon,
    lonScale,
    maxSquared: (km / KM_PER_DEGREE) ** 2,
  };
}

/** Distance in km (equirectangular approximation). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const x = (lon2 - lon1) * Math.cos((((lat1 + lat2) / 2) * Math.PI) / 180);
  const y = lat2 - lat1;
  return Math.sqrt(x * x + y * y) * KM_PER_DEGREE;
}
