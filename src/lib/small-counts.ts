/**
 * Small-count suppression for the policy team (DOMAIN "Who sees what": aggregates only, counts under five
 * shown as "< 5"). Pure functions, applied to every number the take-up dashboard answers with.
 */

export const FEWER_THAN_FIVE = '< 5' as const;
/** A count as the policy team sees it: 0, 5 and more as the number; 1 to 4 as "< 5". */
export type ShownCount = number | typeof FEWER_THAN_FIVE;

/** Is this count too small to show (1 to 4)? Zero is shown: "nobody" singles nobody out. */
export function isSmall(n: number): boolean {
  return n > 0 && n < 5;
}

export function shown(n: number): ShownCount {
  return isSmall(n) ? FEWER_THAN_FIVE : n;
}

/**
 * The total of a column of cells (the neighbourhoods of one month, one measure). An exact total beside a
 * suppressed cell gives that cell away by subtraction (total minus the other cells), and two suppressed cells
 * with a known sum can too (a sum of 2 means 1 and 1). So the total is shown only when no cell of its column is
 * suppressed; otherwise it is withheld (null), and the page says why. A total of cells that are each 0 or 5+ is
 * itself 0 or 5+, so it never needs "< 5".
 */
export function shownTotal(cells: number[]): ShownCount | null {
  if (cells.some(isSmall)) return null;
  return shown(cells.reduce((a, b) => a + b, 0));
}
