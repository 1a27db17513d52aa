/** Pure scale arithmetic of the charts (no DOM), so it is tested on its own. */

/**
 * Axis ticks for values up to `max`: about four steps of 1, 2 or 5 times a power of ten, never smaller than
 * `minStep` (1 for counts, so no "0,25 lifts"; 100 cents for euros). Returns the step and the top.
 */
export function axisTicks(max: number, minStep = 0): { step: number; top: number } {
  const raw = Math.max(max, minStep, Number.MIN_VALUE) / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(minStep, [1, 2, 5, 10].find((f) => f * power >= raw)! * power);
  return { step, top: Math.max(step, Math.ceil(max / step) * step) };
}

/** A round number at or above `max`, for the end of a horizontal bar's scale. */
export function niceMax(max: number): number {
  return axisTicks(max).top;
}
