/**
 * Filling a local D1 database for the benchmarks (`scripts/bench.ts`, `scripts/bench-statement.ts`,
 * `scripts/bench-outreach.ts`): the database prepared as `npm start` prepares it, then bulk rows written
 * straight into its SQLite file with `node:sqlite` while the server is stopped (one transaction: far faster
 * than going through the API or `wrangler d1 execute`).
 */
import { execFileSync } from 'node:child_process';
import type { DatabaseSync } from 'node:sqlite';
import { luhnCheckDigit } from '../src/lib/pass-number.ts';

/** Migrations applied and the demo data loaded into the local database under `persist`; nothing served. */
export function prepareDatabase(persist: string): void {
  execFileSync(process.execPath, ['scripts/start.ts'], {
    env: { ...process.env, PERSIST_DIR: persist, SETUP_ONLY: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** The pass number of bench passholder `i` (`bench-${i}`): a valid Luhn number no demo resident has. */
export function passNumber(i: number): string {
  const body = String(500_000_000_000 + i).padStart(12, '0');
  return body + luhnCheckDigit(body);
}

/** What a bench passholder may have beyond the defaults (no neighbourhood, no account, no phone, created now). */
export type HolderExtras = {
  neighbourhoodId?: string | null;
  userId?: string | null;
  phone?: string | null;
  createdAt?: string;
};

/**
 * Passholders `bench-${from}` to `bench-${to - 1}` of `municipalityId` (last name "Bench"), each with card 1.
 * Call inside a transaction.
 */
export function insertPassholders(
  db: DatabaseSync,
  municipalityId: string,
  from: number,
  to: number,
  now: string,
  extras: (i: number) => HolderExtras = () => ({}),
): void {
  const holder = db.prepare(
    `INSERT INTO passholders (id, municipality_id, neighbourhood_id, user_id, pass_number, first_name, last_name, birth_date,
       postal_code, phone, created_at) VALUES (?, ?, ?, ?, ?, ?, 'Bench', '1980-01-01', '9300', ?, ?)`,
  );
  const card = db.prepare('INSERT INTO cards (passholder_id, version, issued_at) VALUES (?, 1, ?)');
  for (let i = from; i < to; i++) {
    const x = extras(i);
    const createdAt = x.createdAt ?? now;
    holder.run(
      `bench-${i}`,
      municipalityId,
      x.neighbourhoodId ?? null,
      x.userId ?? null,
      passNumber(i),
      `B${i}`,
      x.phone ?? null,
      createdAt,
    );
    card.run(`bench-${i}`, createdAt);
  }
}
