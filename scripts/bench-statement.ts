/**
 * `npx node scripts/bench-statement.ts` (npx puts the project's Node 24 first on the PATH, as wrangler needs):
 * times one club's monthly statement on local workerd as `npm run bench`'s large size does, without the rest of
 * the bench (no load runs, no bundle sizes); about two minutes. Not part of `npm test`.
 *
 * Fills a fresh local D1 (prepared as `npm start` does) as the bench's large size does: BENCH_LARGE_PASSHOLDERS
 * (default 200,000) and BENCH_LARGE_ROWS (default 1,000,000) past check-ins and sales, half each; the sales are
 * the sports club's, spread over June to October 2026, a fifth (100,000) in each month. Then, over HTTP, with
 * the D1 rows read from the D1 probe's headers:
 *   1. the open October statement (JSON) three times: what the bench reports;
 *   2. approval of June, July and August (each freezes 100,000 lines), and the approved June statement three times;
 *   3. with the server stopped, 1% of June's sales cancelled in October (after June's approval), so the open
 *      October statement also holds corrections; EXPLAIN QUERY PLAN of the statement's queries; the open
 *      October statement three times (JSON) and once as CSV; approval of September (sales and corrections).
 * Each answer's body is printed as a short SHA-256, to compare answers before and after a change.
 * BENCH_STATEMENT_DIR=path (a new directory) holds the database and is kept after, to look into; the default is a
 * temporary directory, removed after.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { demoId } from '../src/demo/seed.ts';
import * as repo from '../src/statements/repo.ts';
import { monthRange } from '../src/lib/periods.ts';
import { insertPassholders, prepareDatabase } from './bench-fill.ts';
import { databaseFile, signIn, startApp, stopApp } from './local-app.ts';

const HOLDERS = Number(process.env.BENCH_LARGE_PASSHOLDERS ?? 200_000);
const ROWS = Number(process.env.BENCH_LARGE_ROWS ?? 1_000_000);
const PORT = 8900 + Math.floor(Math.random() * 100);
const URL_ = `http://127.0.0.1:${PORT}`;
const keep = process.env.BENCH_STATEMENT_DIR;
const persist = keep ?? mkdtempSync(join(tmpdir(), 'buurtpas-statement-'));
const log = (message: string) => process.stdout.write(`${message}\n`);

/**
 * The bench's large fill (`fill` in scripts/bench.ts, without its open-door activity): passholders with cards,
 * past activities, and per row pair a check-in with its points and a sale of the sports club.
 */
async function fill(holders: number, rows: number) {
  const db = new DatabaseSync(databaseFile(persist));
  const municipality = await demoId('demostad');
  const club = await demoId('club:sports');
  const now = new Date().toISOString();
  db.exec('BEGIN');
  insertPassholders(db, municipality, 0, holders, now);
  const activities = Math.max(1, Math.ceil(rows / 2 / Math.max(holders, 1)));
  const activity = db.prepare(
    "INSERT INTO activities (id, club_id, title, category, starts_at, ends_at, capacity, regular_price_cents, created_at) VALUES (?, ?, ?, 'sport', ?, ?, NULL, 400, ?)",
  );
  for (let a = 0; a < activities; a++) {
    const day = `2026-10-${String((a % 28) + 1).padStart(2, '0')}`;
    activity.run(
      `bench-activity-${a}`,
      club,
      `Bench ${a}`,
      `${day}T10:00:00.000Z`,
      `${day}T11:00:00.000Z`,
      now,
    );
  }
  const checkin = db.prepare(
    "INSERT OR IGNORE INTO checkins (activity_id, passholder_id, at, via) VALUES (?, ?, ?, 'door')",
  );
  const points = db.prepare(
    "INSERT OR IGNORE INTO points_ledger (id, passholder_id, points, kind, activity_id, created_at) VALUES (?, ?, 1, 'checkin', ?, ?)",
  );
  const sale = db.prepare(
    `INSERT INTO ticket_sales (id, club_id, activity_id, kind, description, category, passholder_id, regular_price_cents, price_cents, club_share_cents,
       municipality_share_cents, reduced, paying_municipality_id, sold_at, cancel_until) VALUES (?, ?, ?, 'ticket', 'Bench', 'sport', ?, 400, 100, 150, 150, 1, ?, ?, ?)`,
  );
  for (let i = 0; i < rows / 2; i++) {
    const h = `bench-${i % holders}`;
    const a = `bench-activity-${Math.floor(i / holders) % activities}`;
    checkin.run(a, h, '2026-10-15T10:30:00.000Z');
    points.run(`checkin:${a}:${h}`, h, a, '2026-10-15T10:30:00.000Z');
    sale.run(
      `bench-sale-${i}`,
      club,
      a,
      h,
      municipality,
      `2026-${String(6 + (i % 5)).padStart(2, '0')}-${String((Math.floor(i / 5) % 28) + 1).padStart(2, '0')}T09:00:00.000Z`,
      '2026-10-31T00:00:00.000Z',
    );
  }
  db.exec('COMMIT');
  db.close();
}

/** One June sale in a hundred cancelled in October, after June's approval: corrections for October. */
function cancelSome() {
  const db = new DatabaseSync(databaseFile(persist));
  const { changes } = db
    .prepare(
      "UPDATE ticket_sales SET cancelled_at = '2026-10-20T12:00:00.000Z' WHERE id LIKE 'bench-sale-%' AND sold_at LIKE '2026-06-%' AND CAST(substr(id, 12) AS INTEGER) % 500 = 0",
    )
    .run();
  db.close();
  return changes;
}

/** EXPLAIN QUERY PLAN of the statement's queries, captured from the repo with a fake D1. */
async function explain() {
  const club = await demoId('club:sports');
  const captured: { name: string; sql: string; values: unknown[] }[] = [];
  let name = '';
  const statement = (sql: string) => ({
    bind: (...values: unknown[]) => {
      captured.push({ name, sql, values });
      return { all: async () => ({ results: [] }), first: async () => null, run: async () => ({}) };
    },
  });
  const fake = { prepare: statement, batch: async () => [] } as unknown as D1Database;
  const db = new DatabaseSync(databaseFile(persist), { readOnly: true });
  const june = db.prepare("SELECT id FROM statements WHERE month = '2026-06'").get() as { id: string };
  const open = { clubId: club, range: monthRange('2026-10') };
  for (const [query, run] of [
    ['open statement: groups', () => repo.groups(fake, open)],
    ['open statement: lines', () => repo.lines(fake, open)],
    ['approved statement: groups', () => repo.groups(fake, { statementId: june.id })],
    ['approve', () => repo.approve(fake, club, '2026-10', monthRange('2026-10'), 'x', 'x')],
  ] as const) {
    name = query;
    await run();
  }
  for (const { name: query, sql, values } of captured) {
    const ordered = [...sql.matchAll(/\?(\d+)/g)].map((m) => values[Number(m[1]) - 1] ?? null);
    const rows = db
      .prepare(`EXPLAIN QUERY PLAN ${sql.replace(/\?(\d+)/g, '?')}`)
      .all(...(ordered as never[])) as { id: number; parent: number; detail: string }[];
    const depth = new Map<number, number>([[0, -1]]);
    log(`\n${query}:`);
    for (const r of rows) {
      depth.set(r.id, (depth.get(r.parent) ?? 0) + 1);
      log(`  ${'  '.repeat(depth.get(r.id)!)}${r.detail}`);
    }
  }
  db.close();
}

/** One timed call: wall time with the body read, status, lines, D1 rows read and the body's hash. */
async function timed(what: string, path: string, auth: string, init: RequestInit = {}) {
  const t0 = performance.now();
  const response = await fetch(`${URL_}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${auth}`, ...init.headers },
  });
  const body = await response.text();
  const ms = Math.round(performance.now() - t0);
  const lines = body.startsWith('{')
    ? (JSON.parse(body) as { totals?: { lines: number } }).totals?.lines
    : '';
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  log(
    `${what}: ${ms} ms, ${response.status}, lines ${lines}, rows read ${response.headers.get('x-d1-rows-read')}, body ${hash}`,
  );
}

async function main() {
  const club = await demoId('club:sports');
  const statements = `/api/v1/clubs/${club}/statements`;
  if (keep && existsSync(keep)) throw new Error(`${keep} exists: the bench fills a new database`);
  prepareDatabase(persist);
  const t0 = Date.now();
  await fill(HOLDERS, ROWS);
  log(
    `filled ${HOLDERS} passholders and ${ROWS} check-ins and sales in ${Math.round((Date.now() - t0) / 1000)} s (${persist})`,
  );

  let server = await startApp(PORT, persist, true);
  try {
    const clubToken = await signIn(URL_, 'club@demo.local');
    const admin = await signIn(URL_, 'admin@demo.local');
    for (let i = 1; i <= 3; i++) await timed(`open 2026-10, run ${i}`, `${statements}/2026-10`, clubToken);
    for (const month of ['2026-06', '2026-07', '2026-08'])
      await timed(`approve ${month}`, `${statements}/${month}/approve`, admin, { method: 'POST' });
    for (let i = 1; i <= 3; i++)
      await timed(`approved 2026-06, run ${i}`, `${statements}/2026-06`, clubToken);
  } finally {
    await stopApp(server);
  }

  log(`cancelled ${cancelSome()} June sales in October`);
  await explain();
  log('');
  server = await startApp(PORT, persist, true);
  try {
    const clubToken = await signIn(URL_, 'club@demo.local');
    const admin = await signIn(URL_, 'admin@demo.local');
    for (let i = 1; i <= 3; i++)
      await timed(`open 2026-10 with corrections, run ${i}`, `${statements}/2026-10`, clubToken);
    await timed('open 2026-10 with corrections, CSV', `${statements}/2026-10`, clubToken, {
      headers: { accept: 'text/csv' },
    });
    await timed('approve 2026-09 with corrections', `${statements}/2026-09/approve`, admin, {
      method: 'POST',
    });
  } finally {
    await stopApp(server);
  }
  if (!keep) rmSync(persist, { recursive: true, force: true });
}

await main();
