/**
 * Starting the app and Chromium for the browser tests. No vitest import here: test/e2e/global-setup.ts runs
 * this in vitest's main process, once for every browser file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserServer, type LaunchOptions } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export type RunningApp = { url: string; stop: () => Promise<void> };

/**
 * Starts the app the way `npm start` does, on a free loopback port with its own fresh database.
 * The test clock is on: a page may send `X-Test-Now` (see `travelTo` in server.ts) to be at the door of an
 * activity that, in the demo data, is next week. Requests without the header use the real clock.
 */
export async function startApp(): Promise<RunningApp> {
  const port = await freePort();
  const persist = mkdtempSync(join(tmpdir(), 'buurtpas-e2e-'));
  const extraVars = [process.env.EXTRA_VARS, 'TEST_CLOCK:on'].filter(Boolean).join(' ');
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      PERSIST_DIR: persist,
      SKIP_WEB_BUILD: '1',
      EXTRA_VARS: extraVars,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  // The app's whole log (requests, queue deliveries, errors) is kept for reading after a failed run.
  mkdirSync('test-results', { recursive: true });
  const file = createWriteStream(join('test-results', 'e2e-app.log'));
  const keep = (d: Buffer) => {
    if (log.length < 200_000) log += d.toString();
    file.write(d);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      // Wait for the app to be gone (not a fixed pause) before its database is removed.
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
    rmSync(persist, { recursive: true, force: true });
  };
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return { url, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`the app did not start:\n${log}`);
}

/** How every test Chromium starts: headless, no sandbox (CI runs as root), nothing in the background. */
export function chromiumOptions(extraArgs: string[] = []): LaunchOptions {
  return {
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  };
}

/** A Chromium of its own (e.g. with a fake camera); the shared one is started by global-setup.ts. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch(chromiumOptions(extraArgs));
}

/** The Chromium every browser file connects to (one process, a context per test). */
export function launchBrowserServer(): Promise<BrowserServer> {
  return chromium.launchServer(chromiumOptions());
}
