import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';

export { CHROMIUM, hasChromium, launchBrowser } from './app.ts';

/**
 * The app and the browser for a test file: the run's one app and one Chromium (started by global-setup.ts),
 * connected before the file's tests and disconnected after them. Use the returned object's fields inside
 * tests only. The database is shared with every other browser file: a test creates what it changes, or
 * reads the state before it acts, and never counts on being first.
 */
export function useAppAndBrowser(): { app: { url: string }; browser: Browser } {
  const context = {} as { app: { url: string }; browser: Browser };
  beforeAll(async () => {
    context.app = { url: inject('appUrl') };
    context.browser = await chromium.connect(inject('browserEndpoint'));
  });
  afterAll(async () => {
    // A connected browser's close() closes this file's contexts and pages, not the shared Chromium.
    await context.browser?.close();
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

/**
 * Chooses the app's language in its menu and waits until the page switched: the app fetches a language's
 * texts first (one chunk per language), so the switch is not immediate.
 */
export async function chooseLanguage(page: Page, language: string): Promise<void> {
  await page.locator('#lang').selectOption(language);
  await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
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

/**
 * A short random tag for names a test makes up: the browser files share one database, so what one test
 * creates must not be mistaken for another's.
 */
export function tag(): string {
  return crypto.randomUUID().slice(0, 6);
}

export type Resident = {
  id: string;
  passNumber: string;
  householdId: string;
  firstName: string;
  lastName: string;
  activationCode: string;
};

/**
 * A new resident of Demostad, registered by the counter: for tests that change a person (sign-ups, points,
 * status, card, household) where the demo residents are shared with every other browser file. The last name
 * starts with `lastInitial` and ends with a tag, so the app shows the same short name ("Samira E.") as for the
 * demo resident it stands in for.
 */
export async function newResident(
  url: string,
  firstName: string,
  lastInitial: string,
  fields: Record<string, unknown> = {},
): Promise<Resident> {
  const { token } = await apiSignIn(url, 'counter@demo.local');
  const lastName = `${lastInitial}${tag()}`;
  const made = await send<{
    passholder: { id: string; passNumber: string; householdId: string };
    activationCode: string;
  }>(url, '/passholders', token, {
    firstName,
    lastName,
    birthDate: '1987-03-14',
    postalCode: '9300',
    ...fields,
  });
  return { ...made.passholder, firstName, lastName, activationCode: made.activationCode };
}

/** The resident gets the social status from today (the counter's default term). */
export async function grantStatus(url: string, resident: { id: string }): Promise<void> {
  const { token } = await apiSignIn(url, 'counter@demo.local');
  await send(url, `/passholders/${resident.id}/status/grants`, token, { reason: 'low_income' });
}

/** Activates the resident's account with the letter's code: they sign in with their pass number. */
export async function activate(url: string, resident: Resident, password = 'demo-password'): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/activate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      passNumber: resident.passNumber,
      activationCode: resident.activationCode,
      password,
    }),
  });
  const text = await response.text();
  expect(response.status, `activate: ${text}`).toBe(201);
  return resident.passNumber;
}

/** A published activity found by its exact title (the public list, every page of it). */
export async function findActivity(
  url: string,
  title: string,
): Promise<{ id: string; title: string; startsAt: string }> {
  let cursor: string | null = null;
  do {
    const query: string = `limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = (await (await fetch(`${url}/api/v1/activities?${query}`)).json()) as {
      items: { id: string; title: string; startsAt: string }[];
      nextCursor: string | null;
    };
    const found = page.items.find((a) => a.title === title);
    if (found) return found;
    cursor = page.nextCursor;
  } while (cursor);
  throw new Error(`no activity "${title}"`);
}

/** A club of Demostad registered by its municipality admin: it waits for approval. */
export async function pendingClub(url: string, name: string): Promise<{ id: string; name: string }> {
  const admin = await apiSignIn(url, 'admin@demo.local');
  return send(url, `/municipalities/${admin.municipalityId}/clubs`, admin.token, { name, kind: 'other' });
}

/**
 * Resolves when the page has nothing left to do (its event loop is idle): after the last answer a test
 * waited for, whatever the page does with it has been done. For checks that something did NOT change.
 */
export async function pageIdle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve())));
}
