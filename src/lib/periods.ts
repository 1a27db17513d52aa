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
