/**
 * The app on local workerd for the benchmarks (`scripts/bench.ts`, `scripts/bench-statement.ts`): started the
 * way `npm start` starts it, on its own port and database folder; every server started is stopped at the end,
 * also when a benchmark fails half-way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export type LocalApp = { url: string; child: ChildProcess };

const running = new Set<ChildProcess>();

/** The SQLite file of the local D1 database under `persist`. */
export function databaseFile(persist: string): string {
  const dir = join(persist, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(dir).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  if (!file) throw new Error('no D1 database file');
  return join(dir, file);
}

/**
 * Starts the app on `port` with the database under `persist`. With `metrics`, answers carry the D1 probe's
 * counts (round trips, rows); without, the app runs as in production.
 */
export function startApp(port: number, persist: string, metrics: boolean): Promise<LocalApp> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['scripts/start.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      PERSIST_DIR: persist,
      SKIP_WEB_BUILD: '1',
      EXTRA_VARS: metrics ? 'D1_METRICS:on' : '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  running.add(child);
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 120_000;
    const poll = async () => {
      try {
        if ((await fetch(`${url}/api/health`)).ok) return resolve({ url, child });
      } catch {
        /* not yet */
      }
      if (Date.now() > deadline) return reject(new Error('server did not start'));
      setTimeout(poll, 500);
    };
    void poll();
  });
}

export async function stopApp(app: LocalApp): Promise<void> {
  running.delete(app.child);
  try {
    process.kill(-app.child.pid!, 'SIGTERM');
  } catch {
    /* gone */
  }
  await new Promise((r) => setTimeout(r, 1500));
}

/** Stops every server still running (call it in a `finally`). */
export async function stopAll(): Promise<void> {
  for (const child of [...running]) await stopApp({ url: '', child });
}

/** A session token of a demo account. */
export async function signIn(url: string, login: string): Promise<string> {
  const r = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: 'demo-password' }),
  });
  return ((await r.json()) as { token: string }).token;
}
