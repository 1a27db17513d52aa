/**
 * `npm run bench:outreach`: times the take-up dashboard and the counter's outreach worklist on local workerd
 * (as `npm start` runs the app, on loopback, with the D1 probe on) for a municipality of realistic size. Not
 * part of `npm test`; a few minutes.
 *
 * Fills a fresh local D1 (prepared as `npm start` does; rows written straight into the SQLite file, see
 * scripts/bench-fill.ts) with, in Demostad: BENCH_OUTREACH_PASSHOLDERS (default 20,000) passholders spread over
 * its neighbourhoods (a tenth without one), created over the last three years, 15% with an account, 60% with a
 * phone; 30% entitled some time in the last two years (a status grant, an entitlement, or both; a few ended
 * early or suspended); about 3,000 holder_rights rows on the demo's local rights; BENCH_OUTREACH_CHECKINS
 * (default 50,000) check-ins on activities spread over the last 24 months; 400 audit lines `activation_code`
 * (letters) and 200 outreach contacts. Then, BENCH_OUTREACH_RUNS (default 10) times each after one warm-up:
 *   - GET /api/v1/municipalities/{id}/take-up for the last 12 and the last 24 months (municipality admin);
 *   - GET /api/v1/outreach, the first page and a later page (the cursor after BENCH_OUTREACH_PAGE - 1 pages,
 *     default page 10), as counter staff: every read writes an audit line per person listed, part of the cost.
 * Prints median, p95 (nearest rank), min and max wall time with the body read, and the D1 round trips, rows
 * read and rows written of the last run (X-D1-* headers), then EXPLAIN QUERY PLAN of the queries.
 * BENCH_OUTREACH_DIR=path (a new directory) holds the database and is kept after; the default is a temporary
 * directory, removed after.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { demoId } from '../src/demo/seed.ts';
import { addMonths, monthsBetween } from '../src/lib/periods.ts';
import { monthWindow } from '../src/outreach/months.ts';
import * as repo from '../src/outreach/repo.ts';
import { worklistClock } from '../src/outreach/service.ts';
import { insertPassholders, prepareDatabase } from './bench-fill.ts';
import { databaseFile, signIn, startApp, stopAll } from './local-app.ts';

const HOLDERS = Number(process.env.BENCH_OUTREACH_PASSHOLDERS ?? 20_000);
const CHECKINS = Number(process.env.BENCH_OUTREACH_CHECKINS ?? 50_000);
const RUNS = Number(process.env.BENCH_OUTREACH_RUNS ?? 10);
const LATER_PAGE = Number(process.env.BENCH_OUTREACH_PAGE ?? 10);
const PORT = 8700 + Math.floor(Math.random() * 100);
const URL_ = `http://127.0.0.1:${PORT}`;
const keep = process.env.BENCH_OUTREACH_DIR;
const persist = keep ?? mkdtempSync(join(tmpdir(), 'buurtpas-outreach-'));
const log = (message: string) => process.stdout.write(`${message}\n`);
const DAY = 86_400_000;

/** A small seeded random generator (mulberry32): the same fill on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const day = (t: number) => new Date(t).toISOString().slice(0, 10);
const instant = (t: number) => new Date(t).toISOString();

/** The municipality's residents, their status, rights, check-ins, letters and contacts (see the top). */
async function fill(municipality: string, nowMs: number) {
  const db = new DatabaseSync(databaseFile(persist));
  const rnd = random(14);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const between = (from: number, to: number) => from + Math.floor(rnd() * (to - from));
  const now = instant(nowMs);
  const twoYearsAgo = nowMs - 730 * DAY;
  const hoods = (
    db.prepare('SELECT id FROM neighbourhoods WHERE municipality_id = ?').all(municipality) as {
      id: string;
    }[]
  ).map((r) => r.id);
  const rights = db
    .prepare('SELECT id, basis FROM local_rights WHERE municipality_id = ?')
    .all(municipality) as { id: string; basis: string }[];
  const counter = (
    db.prepare("SELECT id FROM users WHERE email = 'counter@demo.local'").get() as { id: string }
  ).id;
  const club = await demoId('club:sports');

  db.exec('BEGIN');
  // Accounts first (passholders.user_id refers to them); a holder's account comes after their pass.
  const created = Array.from({ length: HOLDERS }, () => between(nowMs - 3 * 365 * DAY, nowMs - DAY));
  const hasAccount = Array.from({ length: HOLDERS }, () => rnd() < 0.15);
  const user = db.prepare("INSERT INTO users (id, display_name, locale, created_at) VALUES (?, ?, 'nl', ?)");
  for (let i = 0; i < HOLDERS; i++)
    if (hasAccount[i]) user.run(`bench-user-${i}`, `B${i} Bench`, instant(between(created[i]!, nowMs)));
  insertPassholders(db, municipality, 0, HOLDERS, now, (i) => ({
    neighbourhoodId: rnd() < 0.9 ? pick(hoods) : null,
    userId: hasAccount[i] ? `bench-user-${i}` : null,
    phone: rnd() < 0.6 ? `+3247${String(i).padStart(7, '0')}` : null,
    createdAt: instant(created[i]!),
  }));

  // 30% entitled in the last two years: 60% a status grant only, 25% an entitlement only, 15% both.
  const grant = db.prepare(
    `INSERT INTO status_grants (id, passholder_id, source, reason, valid_from, valid_until, grace_days, ended_on, created_at)
     VALUES (?, ?, 'counter', 'bench', ?, ?, 60, ?, ?)`,
  );
  const entitlement = db.prepare(
    'INSERT INTO entitlements (id, passholder_id, kind, valid_from, valid_until, ended_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const suspension = db.prepare(
    "INSERT INTO status_suspensions (id, passholder_id, from_date, until_date, reason, created_at) VALUES (?, ?, ?, ?, 'bench', ?)",
  );
  const holderRight = db.prepare(
    'INSERT INTO holder_rights (id, right_id, passholder_id, opened_on, ended_on, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const kinds = ['living_wage', 'increased_allowance', 'debt_mediation', 'child_benefit_supplement'] as const;
  const entitled: number[] = [];
  const counts = { grants: 0, entitlements: 0, suspensions: 0, holderRights: 0 };
  for (let i = 0; i < HOLDERS; i++) {
    if (rnd() >= 0.3) continue;
    entitled.push(i);
    const h = `bench-${i}`;
    const kind = rnd();
    const bases: string[] = [];
    if (kind < 0.75) {
      const from = between(twoYearsAgo, nowMs - 7 * DAY);
      const ended = rnd() < 0.1 ? day(between(from + DAY, from + 300 * DAY)) : null;
      grant.run(`bench-grant-${i}`, h, day(from), day(from + 364 * DAY), ended, instant(from));
      counts.grants++;
      bases.push('status');
      if (rnd() < 0.02) {
        suspension.run(`bench-susp-${i}`, h, day(from + 30 * DAY), day(from + 90 * DAY), instant(from));
        counts.suspensions++;
      }
    }
    if (kind >= 0.6) {
      const from = between(twoYearsAgo, nowMs - 7 * DAY);
      const k = pick(kinds);
      const until = rnd() < 0.5 ? day(from + 365 * DAY) : null;
      const ended = rnd() < 0.1 ? day(between(from + DAY, from + 200 * DAY)) : null;
      entitlement.run(`bench-ent-${i}`, h, k, day(from), until, ended, instant(from));
      counts.entitlements++;
      bases.push(k);
    }
    // Half of the entitled hold the local rights their basis opens (the demo has four rights in Demostad).
    if (rnd() < 0.5)
      for (const r of rights.filter((r) => bases.includes(r.basis))) {
        const opened = day(between(twoYearsAgo, nowMs - DAY));
        holderRight.run(`bench-hr-${counts.holderRights++}`, r.id, h, opened, null, now);
      }
  }

  // Activities spread over the last 24 months (four a month) and check-ins on them.
  const activity = db.prepare(
    "INSERT INTO activities (id, club_id, title, category, starts_at, ends_at, capacity, regular_price_cents, created_at) VALUES (?, ?, ?, 'sport', ?, ?, NULL, 400, ?)",
  );
  const starts: number[] = [];
  for (let a = 0; a < 96; a++) {
    const start = twoYearsAgo + Math.floor(((a + 0.5) * 730 * DAY) / 96);
    starts.push(start);
    activity.run(`bench-activity-${a}`, club, `Bench ${a}`, instant(start), instant(start + 3_600_000), now);
  }
  const checkin = db.prepare(
    "INSERT OR IGNORE INTO checkins (activity_id, passholder_id, at, via) VALUES (?, ?, ?, 'door')",
  );
  let checkins = 0;
  while (checkins < CHECKINS) {
    // Two check-ins in three by an entitled holder (they are the ones the pass is for).
    const i = rnd() < 0.66 && entitled.length ? pick(entitled) : Math.floor(rnd() * HOLDERS);
    const a = Math.floor(rnd() * starts.length);
    checkins += Number(
      checkin.run(`bench-activity-${a}`, `bench-${i}`, instant(starts[a]! + 1_800_000)).changes,
    );
  }

  // Letters (activation codes) for entitled holders without an account, and contacts by the counter.
  const audit = db.prepare(
    "INSERT INTO audit_log (id, at, actor_user_id, passholder_id, action, reason) VALUES (?, ?, ?, ?, 'activation_code', 'bench')",
  );
  const withoutAccount = entitled.filter((i) => !hasAccount[i]);
  for (let n = 0; n < 400; n++)
    audit.run(
      `bench-audit-${n}`,
      instant(between(nowMs - 90 * DAY, nowMs)),
      counter,
      `bench-${pick(withoutAccount)}`,
    );
  const contact = db.prepare(
    `INSERT INTO outreach_contacts (id, passholder_id, municipality_id, reason, how, contacted_at, outcome, note, by_user, created_at)
     VALUES (?, ?, ?, 'not_activated', ?, ?, ?, NULL, ?, ?)`,
  );
  for (let n = 0; n < 200; n++) {
    const at = instant(between(nowMs - 120 * DAY, nowMs - DAY));
    contact.run(
      `bench-contact-${n}`,
      `bench-${pick(withoutAccount)}`,
      municipality,
      pick(['call', 'letter', 'sms'] as const),
      at,
      pick(['reached', 'no_answer', 'left_message', 'declined'] as const),
      counter,
      at,
    );
  }
  db.exec('COMMIT');
  db.exec('ANALYZE');
  db.close();
  return { entitled: entitled.length, accounts: hasAccount.filter(Boolean).length, checkins, ...counts };
}

type Sample = { ms: number; roundTrips: string; rowsRead: string; rowsWritten: string; body: string };

async function call(path: string, token: string): Promise<Sample> {
  const t0 = performance.now();
  const response = await fetch(`${URL_}${path}`, {
    headers: { authorization: `Bearer ${token}`, 'accept-language': 'nl' },
  });
  const body = await response.text();
  const ms = performance.now() - t0;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${body.slice(0, 300)}`);
  const h = (name: string) => response.headers.get(name) ?? '?';
  return {
    ms,
    roundTrips: h('x-d1-round-trips'),
    rowsRead: h('x-d1-rows-read'),
    rowsWritten: h('x-d1-rows-written'),
    body,
  };
}

/** One warm-up, then RUNS timed calls; prints one line and returns the last answer's body. */
async function measure(what: string, path: string, token: string): Promise<string> {
  await call(path, token);
  const samples: Sample[] = [];
  for (let r = 0; r < RUNS; r++) samples.push(await call(path, token));
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)]!;
  const median = ms.length % 2 ? ms[(ms.length - 1) / 2]! : (ms[ms.length / 2 - 1]! + ms[ms.length / 2]!) / 2;
  const last = samples[samples.length - 1]!;
  log(
    `${what.padEnd(34)} median ${Math.round(median)} ms, p95 ${Math.round(at(0.95))} ms (min ${Math.round(ms[0]!)}, max ${Math.round(ms[ms.length - 1]!)}), ` +
      `D1 round trips ${last.roundTrips}, rows read ${last.rowsRead}, rows written ${last.rowsWritten}`,
  );
  return last.body;
}

/** EXPLAIN QUERY PLAN of the take-up and worklist queries, captured from the repo with a fake D1. */
async function explain(municipality: string, months: string[], now: Date) {
  const captured: { name: string; sql: string; values: unknown[] }[] = [];
  let name = '';
  const statement = (sql: string) => ({
    bind: (...values: unknown[]) => {
      captured.push({ name, sql, values });
      return { all: async () => ({ results: [] }), first: async () => null, run: async () => ({}) };
    },
  });
  const fake = {
    prepare: statement,
    batch: async (statements: unknown[]) => statements.map(() => ({ results: [] })),
  } as unknown as D1Database;
  name = 'take-up';
  await repo.takeUp(fake, municipality, months.map(monthWindow));
  name = 'worklist';
  await repo.worklist(fake, municipality, worklistClock(now), { reason: null, after: null, limit: 50 }, 'x');
  const db = new DatabaseSync(databaseFile(persist), { readOnly: true });
  for (const { name: query, sql, values } of captured) {
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(values as never[])) as {
      id: number;
      parent: number;
      detail: string;
    }[];
    const depth = new Map<number, number>([[0, -1]]);
    log(`\n${query}: ${sql.trim().split('\n')[0]!.slice(0, 80)}`);
    for (const r of rows) {
      depth.set(r.id, (depth.get(r.parent) ?? 0) + 1);
      log(`  ${'  '.repeat(depth.get(r.id)!)}${r.detail}`);
    }
  }
  db.close();
}

async function main() {
  if (keep && existsSync(keep)) throw new Error(`${keep} exists: the bench fills a new database`);
  const municipality = await demoId('demostad');
  const now = new Date();
  const thisMonth = now.toISOString().slice(0, 7);
  log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  prepareDatabase(persist);
  const t0 = Date.now();
  const filled = await fill(municipality, now.getTime());
  log(
    `filled ${HOLDERS} passholders (${JSON.stringify(filled)}) in ${Math.round((Date.now() - t0) / 1000)} s (${persist})`,
  );

  await startApp(PORT, persist, true);
  const admin = await signIn(URL_, 'admin@demo.local');
  const counter = await signIn(URL_, 'counter@demo.local');
  const takeUp = (months: number) =>
    `/api/v1/municipalities/${municipality}/take-up?from=${addMonths(thisMonth, 1 - months)}&to=${thisMonth}`;
  log(`\n${RUNS} runs each after one warm-up, D1 probe on; figures of the last run:`);
  await measure('take-up, 12 months', takeUp(12), admin);
  await measure('take-up, 24 months', takeUp(24), admin);
  const first = JSON.parse(await measure('worklist, first page (50)', '/api/v1/outreach', counter)) as {
    nextCursor: string | null;
  };
  // Walk to the later page once; its cursor stays valid (the order is by created_at and id).
  let cursor = first.nextCursor;
  let page = 2;
  for (; page < LATER_PAGE && cursor; page++) {
    const next = JSON.parse(
      (await call(`/api/v1/outreach?cursor=${encodeURIComponent(cursor)}`, counter)).body,
    ) as {
      nextCursor: string | null;
    };
    if (!next.nextCursor) break;
    cursor = next.nextCursor;
  }
  if (cursor)
    await measure(
      `worklist, page ${page} (cursor)`,
      `/api/v1/outreach?cursor=${encodeURIComponent(cursor)}`,
      counter,
    );
  else log('worklist: one page only, no cursor');
  log(
    `load average at end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  await stopAll();
  const db = new DatabaseSync(databaseFile(persist), { readOnly: true });
  const { n: listed } = db
    .prepare("SELECT count(*) AS n FROM audit_log WHERE reason = 'outreach:worklist'")
    .get() as { n: number };
  db.close();
  log(`audit lines written by the worklist reads: ${listed}`);
  await explain(municipality, monthsBetween(addMonths(thisMonth, -23), thisMonth), now);
}

const stopOnSignal = () => void stopAll().finally(() => process.exit(130));
process.on('SIGINT', stopOnSignal);
process.on('SIGTERM', stopOnSignal);
try {
  await main();
} finally {
  await stopAll();
  if (!keep) rmSync(persist, { recursive: true, force: true });
}
