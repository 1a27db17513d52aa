import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

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
 * The test clock is on: a page may send `X-Test-Now` (see {@link travelTo}) to be at the door of an
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
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
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
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`the app did not start:\n${log}`);
}

export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
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
  });
}

/**
 * Starts the app and a browser for a test file (before its tests, stopped after them).
 * Use the returned object's fields inside tests only.
 */
export function useAppAndBrowser(): { app: RunningApp; browser: Browser } {
  const context = {} as { app: RunningApp; browser: Browser };
  beforeAll(async () => {
    [context.app, context.browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await context.browser?.close();
    await context.app?.stop();
  });
  return context;
}

/** Signs in through the browser app's form (Dutch labels). */
export async function signIn(
  page: Page,
  url: string,
  login: string,
  password = 'demo-password',
): Promise<void> {
  await page.goto(url);
  await page.getByLabel('E-mailadres of pasnummer').fill(login);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
}

/** Signs in through the API, for set-up steps a test does not walk through in the browser. */
export async function apiSignIn(
  url: string,
  login: string,
  password = 'demo-password',
): Promise<{ token: string; clubIds: string[]; municipalityId: string | null }> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (!response.ok) throw new Error(`sign-in of ${login} failed: ${response.status}`);
  const { token, user } = (await response.json()) as {
    token: string;
    user: { clubIds: string[]; municipalityId: string | null };
  };
  return { token, clubIds: user.clubIds, municipalityId: user.municipalityId };
}

/** The coming activities of the clubs `login` works for (as the door page lists them), earliest first. */
export async function clubActivities(
  url: string,
  login: string,
): Promise<{ id: string; title: string; startsAt: string }[]> {
  const { token, clubIds } = await apiSignIn(url, login);
  const lists = await Promise.all(
    clubIds.map(async (clubId) => {
      const response = await fetch(`${url}/api/v1/clubs/${clubId}/activities`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return ((await response.json()) as { items: { id: string; title: string; startsAt: string }[] }).items;
    }),
  );
  return lists.flat().sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/**
 * Sets the app's clock for every request of this page to `minutesBefore` minutes before the activity
 * starts (inside its door window). Call it before signing in: a session lives 15 minutes from its issue
 * time on the same clock.
 */
export async function travelTo(
  page: Page,
  activity: { startsAt: string },
  minutesBefore = 10,
): Promise<void> {
  const now = new Date(Date.parse(activity.startsAt) - minutesBefore * 60_000);
  await page.setExtraHTTPHeaders({ 'x-test-now': now.toISOString() });
}

/** Where browser tests save their screenshots (git-ignored test artifacts), to look at the screens by eye. */
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

/** Saves a full-page screenshot as `test-results/screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Calls the API as a signed-in user for a test's set-up steps, asserting success; answers the JSON body. */
export async function send<T>(
  url: string,
  path: string,
  token: string,
  body?: unknown,
  method?: string,
): Promise<T> {
  const response = await fetch(`${url}/api/v1${path}`, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  expect(response.ok, `${path}: ${text}`).toBe(true);
  return JSON.parse(text) as T;
}
