/**
 * `npm run bench`: the app on local workerd as `npm start` runs it, filled at two sizes, driven by a load
 * generator on loopback. Prints a table and writes test/bench/results.json. Not part of `npm test`.
 *   BENCH_SECONDS (default 8) per load run; BENCH_LARGE_PASSHOLDERS (default 200000); BENCH_LARGE_ROWS (default 1000000).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { gzipSync } from 'node:zlib';
import autocannon, { type Request as LoadRequest, type Result } from 'autocannon';
import { demoId } from '../src/demo/seed.ts';
import { SESSION_SQL } from '../src/auth/repo.ts';
import { insertPassholders, passNumber, prepareDatabase } from './bench-fill.ts';
import { databaseFile, signIn, startApp, stopAll, stopApp } from './local-app.ts';

/** The bench activity whose door is open while the load runs. */
const OPEN_ACTIVITY = 'bench-open';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const LARGE_HOLDERS = Number(process.env.BENCH_LARGE_PASSHOLDERS ?? 200_000);
const LARGE_ROWS = Number(process.env.BENCH_LARGE_ROWS ?? 1_000_000);
const PORT = 8800 + Math.floor(Math.random() * 100);
const URL_ = `http://127.0.0.1:${PORT}`;
const persist = mkdtempSync(join(tmpdir(), 'buurtpas-bench-'));
const node = process.execPath;

function log(message: string) {
  process.stdout.write(`${message}\n`);
}

const setup = () => prepareDatabase(persist);

/** Fills the local D1 file directly (the server is stopped): passholders, cards, past activities, check-ins with points, and sales. */
async function fill(holders: number, rows: number) {
  const db = new DatabaseSync(databaseFile(persist));
  const municipality = await demoId('demostad');
  const club = await demoId('club:sports');
  const now = new Date().toISOString();
  const existing = (
    db.prepare("SELECT count(*) AS n FROM passholders WHERE last_name = 'Bench'").get() as { n: number }
  ).n;
  db.exec('BEGIN');
  insertPassholders(db, municipality, existing, holders, now);
  const activities = Math.max(1, Math.ceil(rows / 2 / Math.max(holders, 1)));
  const activity = db.prepare(
    "INSERT OR IGNORE INTO activities (id, club_id, title, category, starts_at, ends_at, capacity, regular_price_cents, created_at) VALUES (?, ?, ?, 'sport', ?, ?, NULL, 400, ?)",
  );
  for (let a = 0; a < activities; a++)
    activity.run(
      `bench-activity-${a}`,
      club,
      `Bench ${a}`,
      `2026-10-${String((a % 28) + 1).padStart(2, '0')}T10:00:00.000Z`,
      `2026-10-${String((a % 28) + 1).padStart(2, '0')}T11:00:00.000Z`,
      now,
    );
  // The activity the load scans: its door is open during the whole run (scans work only while it is).
  const started = Date.now() - 10 * 60_000;
  activity.run(
    OPEN_ACTIVITY,
    club,
    'Bench: open door',
    new Date(started).toISOString(),
    new Date(started + 3 * 3_600_000).toISOString(),
    now,
  );
  const checkin = db.prepare(
    "INSERT OR IGNORE INTO checkins (activity_id, passholder_id, at, via) VALUES (?, ?, ?, 'door')",
  );
  const points = db.prepare(
    "INSERT OR IGNORE INTO points_ledger (id, passholder_id, points, kind, activity_id, created_at) VALUES (?, ?, 1, 'checkin', ?, ?)",
  );
  const sale = db.prepare(
    `INSERT OR IGNORE INTO ticket_sales (id, club_id, activity_id, kind, description, category, passholder_id, regular_price_cents, price_cents, club_share_cents,
       municipality_share_cents, reduced, paying_municipality_id, sold_at, cancel_until) VALUES (?, ?, ?, 'ticket', 'Bench', 'sport', ?, 400, 100, 150, 150, 1, ?, ?, ?)`,
  );
  const half = Math.floor(rows / 2);
  for (let i = 0; i < half; i++) {
    const h = i % holders;
    const a = Math.floor(i / holders) % activities;
    checkin.run(`bench-activity-${a}`, `bench-${h}`, '2026-10-15T10:30:00.000Z');
    points.run(
      `checkin:bench-activity-${a}:bench-${h}`,
      `bench-${h}`,
      `bench-activity-${a}`,
      '2026-10-15T10:30:00.000Z',
    );
    sale.run(
      `bench-sale-${i}`,
      club,
      `bench-activity-${a}`,
      `bench-${h}`,
      municipality,
      // Five months of sales: the club's October statement has a fifth of them (100,000 at the large size).
      `2026-${String(6 + (i % 5)).padStart(2, '0')}-${String((Math.floor(i / 5) % 28) + 1).padStart(2, '0')}T09:00:00.000Z`,
      '2026-10-31T00:00:00.000Z',
    );
  }
  db.exec('COMMIT');
  db.close();
}

type Run = { rps: number; p50: number; p99: number; errors: number };

function load(
  path: string,
  connections: number,
  options: { token?: string; body?: () => string } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${URL_}${path}`,
        connections,
        duration: SECONDS,
        method: options.body ? 'POST' : 'GET',
        headers: {
          'content-type': 'application/json',
          // As the browser app sends it (without it, the door also reads the staff member's own language).
          'accept-language': 'nl',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        ...(options.body
          ? { requests: [{ setupRequest: (req: LoadRequest) => ({ ...req, body: options.body!() }) }] }
          : {}),
      },
      (error: Error | null, result: Result) => {
        if (error) return reject(error);
        resolve({
          rps: Math.round(result.requests.average),
          p50: result.latency.p50,
          p99: result.latency.p99,
          errors: result.non2xx + result.errors,
        });
      },
    );
  });
}

type D1Work = { roundTrips: number; rowsRead: number; rowsWritten: number };

/**
 * D1 work of each door request, read from the D1 probe's headers: a scan, a price look-up, a sale at the
 * price shown and a check-in, for a holder without status (as almost all of the load) on the open activity.
 */
async function probeRequests(door: string): Promise<Record<string, D1Work>> {
  const send = async (path: string, body?: unknown) => {
    const response = await fetch(`${URL_}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-language': 'nl',
        authorization: `Bearer ${door}`,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const work = {
      roundTrips: Number(response.headers.get('x-d1-round-trips')),
      rowsRead: Number(response.headers.get('x-d1-rows-read')),
      rowsWritten: Number(response.headers.get('x-d1-rows-written')),
    };
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return { work, answer: (await response.json()) as { price?: { tariffId: string } } };
  };
  const pass = passNumber(7);
  const scan = await send('/api/v1/scans', { activityId: OPEN_ACTIVITY, passNumber: pass });
  const price = await send(`/api/v1/tariffs?activityId=${OPEN_ACTIVITY}&passNumber=${pass}`);
  const sale = await send('/api/v1/ticket-sales', {
    sales: [{ activityId: OPEN_ACTIVITY, passNumber: pass, tariffId: scan.answer.price!.tariffId }],
  });
  const checkin = await send(`/api/v1/activities/${OPEN_ACTIVITY}/checkins`, { passNumber: passNumber(8) });
  return { scan: scan.work, price: price.work, sale: sale.work, checkin: checkin.work };
}

async function main() {
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? '?',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString(),
  };
  log(
    `Buurtpas benchmark on ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${SECONDS} s per run`,
  );
  execFileSync(
    join('node_modules', '.bin', 'vite'),
    ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    { stdio: 'inherit' },
  );
  setup();

  // Small size: about 1,000 passholders.
  await fill(1_000, 2_000);
  // Probes with the D1 probe's counts; the load without it, as production runs (the probe wraps every D1
  // call, which costs the requests that use D1, not health, about a tenth of their throughput).
  let server = await startApp(PORT, persist, true);
  let door = await signIn(URL_, 'door@demo.local');
  const scanBody = (holders: number) => () =>
    JSON.stringify({
      activityId: OPEN_ACTIVITY,
      passNumber: passNumber(Math.floor(Math.random() * holders)),
    });
  const perRequest = await probeRequests(door);
  const perScan = perRequest.scan!;
  await stopApp(server);
  server = await startApp(PORT, persist, false);
  door = await signIn(URL_, 'door@demo.local');
  const small: Record<string, Run> = {};
  for (const c of [16, 64]) {
    small[`health${c}`] = await load('/api/health', c);
    small[`scan${c}`] = await load('/api/v1/scans', c, { token: door, body: scanBody(1_000) });
    log(
      `small c=${c}: scan ${JSON.stringify(small[`scan${c}`])} health ${JSON.stringify(small[`health${c}`])}`,
    );
  }
  await stopApp(server);

  // Large size: 200,000 passholders and 1,000,000 past check-ins and sales.
  const t0 = Date.now();
  await fill(LARGE_HOLDERS, LARGE_ROWS);
  log(`filled the large database in ${Math.round((Date.now() - t0) / 1000)} s`);
  server = await startApp(PORT, persist, false);
  door = await signIn(URL_, 'door@demo.local');
  const large = await load('/api/v1/scans', 16, { token: door, body: scanBody(LARGE_HOLDERS) });
  log(`large c=16: scan ${JSON.stringify(large)}`);
  const club = await signIn(URL_, 'club@demo.local');
  // The statement three times, the median reported (scripts/bench-statement.ts measures it in detail).
  const statementRunsMs: number[] = [];
  let statementLines = 0;
  for (let run = 0; run < 3; run++) {
    const t1 = Date.now();
    const statement = await fetch(`${URL_}/api/v1/clubs/${await demoId('club:sports')}/statements/2026-10`, {
      headers: { authorization: `Bearer ${club}` },
    });
    statementLines = ((await statement.json()) as { totals: { lines: number } }).totals.lines;
    statementRunsMs.push(Date.now() - t1);
  }
  const statementMs = [...statementRunsMs].sort((a, b) => a - b)[1]!;
  await stopApp(server);

  const plans = await explain();
  const workerDir = mkdtempSync(join(tmpdir(), 'buurtpas-bundle-'));
  execFileSync(join('node_modules', '.bin', 'wrangler'), ['deploy', '--dry-run', '--outdir', workerDir], {
    stdio: 'ignore',
    env: { ...process.env, CI: 'true' },
  });
  const workerGzip = readdirSync(workerDir)
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(workerDir, f))).length, 0);
  const assets = join('web', 'dist', 'assets');
  const pageJs = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const residentJs = pageJs
    .filter((f) => !f.startsWith('jsQR'))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(assets, f))).length, 0);
  const doorExtra = pageJs
    .filter((f) => f.startsWith('jsQR'))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(assets, f))).length, 0);

  const results = {
    machine,
    scanHealthRatio16: Math.round((small.scan16!.rps / small.health16!.rps) * 100) / 100,
    scanHealthRatio64: Math.round((small.scan64!.rps / small.health64!.rps) * 100) / 100,
    roundTripsPerScan: perScan.roundTrips,
    rowsReadPerScan: perScan.rowsRead,
    rowsWrittenPerScan: perScan.rowsWritten,
    perRequest,
    largeSmallLatencyRatio: Math.round((large.p50 / Math.max(small.scan16!.p50, 1)) * 100) / 100,
    fullScansOnHotPaths: plans.filter((p) => p.fullScan).length,
    workerBundleGzipBytes: workerGzip,
    residentPageJsGzipBytes: residentJs,
    doorPageExtraJsGzipBytes: doorExtra,
    statementMs,
    statementRunsMs,
    statementLines,
    small,
    large: { scan16: large },
    plans,
  };
  mkdirSync(join('test', 'bench'), { recursive: true });
  writeFileSync(join('test', 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  log('');
  log('| figure | value | target |');
  log('| --- | --- | --- |');
  log(`| scan/health throughput at 16 connections | ${results.scanHealthRatio16} | >= 0.5 |`);
  log(`| scan/health throughput at 64 connections | ${results.scanHealthRatio64} | |`);
  log(`| scan p50 / p99 (ms), small, 16 connections | ${small.scan16!.p50} / ${small.scan16!.p99} | |`);
  log(`| D1 round trips per scan | ${results.roundTripsPerScan} | 1 |`);
  log(`| D1 rows read per scan | ${results.rowsReadPerScan} | <= 10 |`);
  for (const [kind, m] of Object.entries(perRequest))
    log(
      `| ${kind}: D1 round trips / rows read / rows written | ${m.roundTrips} / ${m.rowsRead} / ${m.rowsWritten} | 1 / <= 10 |`,
    );
  log(`| large/small scan latency (p50) | ${results.largeSmallLatencyRatio} | <= 1.2 |`);
  log(`| full scans on hot paths | ${results.fullScansOnHotPaths} | 0 |`);
  log(`| statement of ${statementLines} sales (median of 3) | ${statementMs} ms | < 1 s |`);
  log(`| Worker bundle (gzip) | ${workerGzip} B | < 1 MB |`);
  log(`| resident page JS (gzip) | ${residentJs} B | < 100 KB |`);
  rmSync(persist, { recursive: true, force: true });
  rmSync(workerDir, { recursive: true, force: true });
}

/** EXPLAIN QUERY PLAN of every hot-path query, on the large database. */
async function explain(): Promise<{ query: string; plan: string; fullScan: boolean }[]> {
  const { doorFactsStatement } = await import('../src/tariffs/repo.ts');
  const { clockFor } = await import('../src/tariffs/service.ts');
  const { checkinStatements } = await import('../src/points/repo.ts');
  const { signupStatement } = await import('../src/signups/repo.ts');
  const door = await import('../src/door/repo.ts');
  const captured: { name: string; sql: string; values: unknown[] }[] = [];
  let name = '';
  const fake = {
    prepare: (sql: string) => ({
      bind: (...values: unknown[]) => (captured.push({ name, sql, values }), {}),
    }),
  } as unknown as D1Database;
  const clock = clockFor(new Date());
  const params = door.doorParams({
    activityId: OPEN_ACTIVITY,
    passNumber: passNumber(1),
    sessionId: 'x',
    userId: 'x',
    now: new Date().toISOString(),
    via: 'number',
    cardVersion: null,
    marker: 'x',
    today: clock.today,
    minorCutoff: clock.minorCutoff,
    periodStarts: clock.periodStarts,
    userLocale: false,
  });
  name = 'door answer (scan, price)';
  door.doorAnswer(fake, params);
  name = 'door audit line with every check (scan, price, sale)';
  door.auditMarker(fake, params, 'door_price');
  name = 'door check-in';
  door.checkinStatements(fake, params);
  name = 'door sale';
  door.insertSale(fake, params, 'x', {
    regularPriceCents: 500,
    priceCents: 500,
    clubShareCents: 0,
    municipalityShareCents: 0,
    reduced: false,
    rule: null,
  });
  name = 'till facts (memberships, sales with an Idempotency-Key, sign-up and activity prices)';
  doorFactsStatement(
    fake,
    { kind: 'ticket', activityId: OPEN_ACTIVITY },
    { passNumber: passNumber(1) },
    clock,
  );
  name = 'self check-in';
  name = 'sign-up';
  signupStatement(fake, {
    id: 'x',
    activityId: 'bench-activity-0',
    passholderId: 'bench-1',
    by: 'x',
    at: new Date().toISOString(),
  });
  name = 'session';
  captured.push({ name, sql: SESSION_SQL, values: ['x', new Date().toISOString()] });
  const db = new DatabaseSync(databaseFile(persist), { readOnly: true });
  const plans = captured.map(({ name: query, sql, values }) => {
    const rows = db
      .prepare(`EXPLAIN QUERY PLAN ${sql.replace(/\?(\d+)/g, '?')}`)
      .all(...(reorder(sql, values) as never[])) as { detail: string }[];
    const plan = rows.map((r) => r.detail).join(' | ');
    // A SCAN of a table without an index is a full scan; scanning a subquery's own result (a co-routine),
    // a constant row or a JSON array is not.
    const coroutines = rows.flatMap((r) => r.detail.match(/^CO-ROUTINE (\w+)/)?.[1] ?? []);
    const fullScan = rows.some((r) => {
      const scan = r.detail.trim().match(/^SCAN (\w+)/);
      return (
        scan !== null &&
        !['CONSTANT', 'json_each', ...coroutines].includes(scan[1]!) &&
        !/USING (COVERING )?INDEX|USING PRIMARY KEY/.test(r.detail)
      );
    });
    return { query, plan, fullScan };
  });
  db.close();
  return plans;
}

/** D1 binds ?N by number; node:sqlite by position: expand the values in the order the placeholders appear. */
function reorder(sql: string, values: unknown[]): unknown[] {
  return [...sql.matchAll(/\?(\d+)/g)].map((m) => values[Number(m[1]) - 1] ?? null);
}

try {
  await main();
} finally {
  await stopAll();
}
