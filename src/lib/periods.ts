import { brusselsDate } from './time.ts';

/** The periods a cap or a limit counts in. */
export type Period = 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR';

/** The UTC instant at which a Belgian calendar date begins (00:00 Europe/Brussels). */
export function brusselsMidnight(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(Date.UTC(y, m - 1, d) - offsetHours * 3_600_000);
    if (brusselsDate(candidate) === date && brusselsDate(new Date(candidate.getTime() - 1)) !== date)
      return candidate;
  }
  return new Date(Date.UTC(y, m - 1, d));
}

/** The first Belgian calendar day of the period that contains `now`. */
export function periodStartDate(period: Period, now: Date): string {
  const today = brusselsDate(now);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (period) {
    case 'DAY':
      return today;
    case 'WEEK': {
      const date = new Date(Date.UTC(y, m - 1, d));
      date.setUTCDate(d - ((date.getUTCDay() + 6) % 7));
      return date.toISOString().slice(0, 10);
    }
    case 'MONTH':
      return `${y}-${pad(m)}-01`;
    case 'QUARTER':
      return `${y}-${pad(Math.floor((m - 1) / 3) * 3 + 1)}-01`;
    case 'YEAR':
      return `${y}-01-01`;
  }
}

/** The UTC instant at which the period containing `now` began. */
export function periodStart(period: Period, now: Date): string {
  return brusselsMidnight(periodStartDate(period, now)).toISOString();
}

/** `YYYY-MM` -> the UTC instants where that Belgian month begins and ends. */
export function monthRange(month: string): { start: string; end: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { start: brusselsMidnight(`${month}-01`).toISOString(), end: brusselsMidnight(next).toISOString() };
}

// Belgian calendar months as `YYYY-MM` (the take-up dashboard and the rights counts).
const pad2 = (n: number) => String(n).padStart(2, '0');

/** `month` plus `n` months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}`;
}

/** The months from `from` to `to`, both included, in order (empty when `from` is after `to`). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The last calendar day of a month. */
export function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${pad2(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}

/** The default range: the twelve months ending with the current one. */
export function twelveMonthsTo(currentMonth: string): { from: string; to: string } {
  return { from: addMonths(currentMonth, -11), to: currentMonth };
}
