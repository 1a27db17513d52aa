import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/locales/en.ts';
import { fr } from '../../web/src/locales/fr.ts';
import { nl } from '../../web/src/locales/nl.ts';
import { audit } from './axe.ts';
import { activate, apiSignIn, hasChromium, newResident, screenshot, useAppAndBrowser } from './server.ts';

/**
 * The counter's record page at a counter's screen (1280×800), in nl, fr and en: the reason is asked before the
 * record shows, the record is in foldable parts with headings, a person joins the household and the record moves
 * to another household, blocking and replacing the card and ending the status ask first, and the resident then
 * reads the reason under "who looked at my record". The resident is Jan, born 30 January 1958 like the demo's
 * Jan Peeters, registered (and his account activated) for each language: the demo's Jan is scanned, priced and
 * signed up in other browser tests, which must not find his card blocked or his household moved.
 */
const LANGUAGES = { nl, fr, en } as const;
type Language = keyof typeof LANGUAGES;
type Words = (typeof LANGUAGES)[Language];
/** A reason per language, with the words the resident must read for it. */
const REASONS: Record<Language, { value: string; key: keyof Words; words: string }> = {
  nl: { value: 'phone_call', key: 'reasonPhoneCall', words: 'telefoongesprek' },
  fr: { value: 'social_work', key: 'reasonSocialWork', words: 'travail social' },
  en: { value: 'counter_visit', key: 'reasonCounterVisit', words: 'counter visit' },
};

const fill = (text: string, params: Record<string, string | number> = {}) =>
  text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m));
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** The part of `text` before its first placeholder: what a sentence with a date or a name starts with. */
const lead = (text: string) => text.split('{')[0]!;

describe.skipIf(!hasChromium)('the counter’s record page', () => {
  const ctx = useAppAndBrowser();

  /** Calls the API as counter staff (set-up a person at the counter would have done before). */
  async function asCounter() {
    const { token } = await apiSignIn(ctx.app.url, 'counter@demo.local');
    return async <T>(path: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${ctx.app.url}/api/v1${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(response.ok, `${path}: ${response.status}`).toBe(true);
      return (await response.json()) as T;
    };
  }

  /** Signs in through the form in `language` (the language chosen before, as a person would). */
  async function signInAs(browser: Browser, login: string, language: Language): Promise<Page> {
    const context = await browser.newContext({
      locale: `${language}-BE`,
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    await page.goto(ctx.app.url);
    await page.evaluate((l) => localStorage.setItem('buurtpas.locale', l), language);
    await page.reload();
    await page.locator('#login').fill(login);
    await page.locator('#password').fill('demo-password');
    await page.locator('form button[type=submit]').click();
    await page.locator('#logout:not([hidden])').waitFor();
    return page;
  }

  for (const language of Object.keys(LANGUAGES) as Language[]) {
    it(`asks why, shows the parts, changes the household and the card, in ${language}`, async () => {
      const L = LANGUAGES[language];
      const reason = REASONS[language];
      const api = await asCounter();
      // Two residents in households of their own: one joins Jan's household, Jan moves to the other's.
      const tag = `${language}${Date.now() % 100_000}`;
      const register = (firstName: string) =>
        api<{ passholder: { id: string } }>('/passholders', {
          firstName,
          lastName: `Balie${tag}`,
          birthDate: '1991-04-12',
          postalCode: '9300',
        });
      await register('Anna');
      await register('Bert');
      const anna = `Anna Balie${tag}`;
      const bert = `Bert Balie${tag}`;
      const resident = await newResident(ctx.app.url, 'Jan', 'Peeters-', { birthDate: '1958-01-30' });
      const janLogin = await activate(ctx.app.url, resident);
      const janId = resident.id;
      const JAN = `Jan ${resident.lastName}`;

      const page = await signInAs(ctx.browser, 'counter@demo.local', language);
      await page.goto(`${ctx.app.url}/#/counter/p/${janId}`);

      // 1. The reason comes first; the record is not on the page yet.
      await page.getByRole('heading', { level: 1, name: L.recordReasonTitle }).waitFor();
      const question = page.getByRole('group', { name: L.recordReasonQuestion });
      await question.waitFor();
      expect(await question.getByRole('radio').count()).toBe(7);
      expect(await page.locator('main').textContent()).not.toContain(resident.lastName);
      expect(await audit(page, `reason question ${language}`)).toEqual([]);
      await screenshot(page, `counter-record-reason-${language}`);
      await page.getByRole('radio', { name: capital(L[reason.key]) }).check();
      await page.getByRole('button', { name: L.recordOpen }).click();
      await page.getByRole('heading', { level: 1, name: JAN }).waitFor();
      await expect
        .poll(() => page.locator('.opened-for').textContent())
        .toContain(fill(L.recordOpenedFor, { reason: reason.words }));

      // 2. The parts, each under a heading in a summary that folds it away.
      const parts: [string, string][] = [
        ['identity', L.recordIdentity],
        ['pass-cards', L.recordPass],
        ['household', L.householdTitle],
        ['social-status', L.statusAndEntitlements],
        ['no-shows', L.recordLifts],
        ['record-audit', L.recordAudit],
      ];
      // Acting on their behalf is another helper's part, placed as a part of its own: its own heading.
      const behalf = page.locator('#signup-behalf > details[open] > summary h2');
      await behalf.waitFor();
      parts.push(['signup-behalf', (await behalf.textContent()) ?? '']);
      for (const [id, title] of parts) {
        await page.getByRole('heading', { level: 2, name: title, exact: true }).waitFor();
        expect(await page.locator(`#${id} > details[open] > summary h2`).textContent()).toBe(title);
        expect(await page.getByRole('region', { name: title, exact: true }).count()).toBe(1);
      }
      const identity = page.locator('#identity');
      // The birth date in words in the summary; the field to correct it stays a date input.
      await expect.poll(() => identity.locator('dl').textContent()).toMatch(/30.*1958/);
      expect(await identity.locator('input[name=birthDate]').getAttribute('type')).toBe('date');
      expect(await identity.locator('input[name=birthDate]').inputValue()).toBe('1958-01-30');
      await identity.locator('summary').first().click();
      expect(await identity.locator('dl').isVisible()).toBe(false);
      await identity.locator('summary').first().click();
      expect(await identity.locator('dl').isVisible()).toBe(true);
      // Who looked and why: this very reading, in words.
      await expect
        .poll(() => page.locator('#record-audit').textContent())
        .toContain(`${L.auditRead} · ${reason.words}`);

      // 3. Someone joins this household.
      const household = page.locator('#household');
      await household.getByLabel(L.recordFindPerson).fill(anna);
      await household
        .locator('form', { has: page.getByLabel(L.recordFindPerson) })
        .getByRole('button', { name: L.search })
        .click();
      await household.getByRole('button', { name: `${L.recordAddToHousehold}: ${anna}` }).click();
      const dialog = page.getByRole('dialog');
      await expect
        .poll(() => dialog.getByRole('heading').textContent())
        .toBe(fill(L.recordAddQuestion, { person: anna, name: JAN }));
      await dialog.getByRole('button', { name: L.recordAddToHousehold }).click();
      await expect
        .poll(() => household.getByRole('status').first().textContent())
        .toContain(fill(L.recordAdded, { person: anna }));
      await expect.poll(() => household.locator('table').first().textContent()).toContain(anna);
      // The re-rendered record does not ask for the reason again.
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(JAN);

      // 4. Jan moves to another existing household, found through one of its members.
      await household.getByLabel(L.recordFindMember).fill(bert);
      await household
        .locator('form', { has: page.getByLabel(L.recordFindMember) })
        .getByRole('button', { name: L.search })
        .click();
      await household.getByRole('button', { name: `${L.recordMoveToHousehold}: ${bert}` }).click();
      await expect
        .poll(() => dialog.getByRole('heading').textContent())
        .toBe(fill(L.recordMoveQuestion, { name: JAN, person: bert }));
      await dialog.getByRole('button', { name: L.recordMoveToHousehold }).click();
      await expect
        .poll(() => household.getByRole('status').first().textContent())
        .toContain(fill(L.recordMoved, { name: JAN, person: bert }));
      const members = household.locator('table').first();
      await expect.poll(() => members.textContent()).toContain(bert);
      expect(await members.textContent()).toContain(JAN);
      expect(await members.textContent()).not.toContain(anna);

      // 5. Blocking the card asks first; "no" changes nothing, "block" blocks; a new card asks too.
      const card = page.locator('#pass-cards');
      await card.getByRole('button', { name: L.blockCard }).click();
      await expect
        .poll(() => dialog.getByRole('heading').textContent())
        .toBe(fill(L.recordBlockQuestion, { name: JAN }));
      expect(await dialog.textContent()).toContain(lead(L.recordCardKeeps));
      await dialog.getByRole('button', { name: L.confirmNo }).click();
      expect(await dialog.count()).toBe(0);
      expect(await card.locator('dl').textContent()).toContain(L.cardActive);
      await card.getByRole('button', { name: L.blockCard }).click();
      await dialog.getByRole('button', { name: L.blockCard }).click();
      await expect.poll(() => card.getByRole('status').first().textContent()).toBe(L.cardBlockedDone);
      expect(await card.locator('dl').textContent()).toContain(lead(L.recordCardBlockedOn));
      await card.getByRole('button', { name: L.replaceCard }).click();
      await dialog.getByRole('button', { name: L.replaceCard }).click();
      await expect.poll(() => card.getByRole('status').first().textContent()).toBe(L.cardReplacedDone);
      expect(await card.locator('dl').textContent()).toContain(L.cardActive);

      // 6. Ending the status now asks first too, and says what happens.
      const status = page.locator('#social-status');
      await status.getByRole('button', { name: L.grantStatus }).click();
      await expect.poll(() => status.locator('.big').textContent()).toContain(L.statusActive);
      await status.getByRole('button', { name: L.endStatus }).click();
      await expect
        .poll(() => dialog.getByRole('heading').textContent())
        .toBe(fill(L.recordEndQuestion, { name: JAN }));
      expect(await dialog.textContent()).toContain(fill(L.recordEndEffect, { name: JAN }));
      await dialog.getByRole('button', { name: L.endStatus }).click();
      await expect.poll(() => status.getByRole('status').first().textContent()).toBe(L.recordEndDone);
      expect(await status.locator('.big').textContent()).not.toContain(L.statusActive);

      // The reason holds for this visit: the page shown again does not ask; another one can be chosen.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: JAN }).waitFor();
      await page.getByRole('button', { name: L.recordOtherReason }).click();
      await page.getByRole('group', { name: L.recordReasonQuestion }).waitFor();
      await page.getByRole('radio', { name: capital(L.reasonCorrection) }).check();
      await page.getByRole('button', { name: L.recordOpen }).click();
      await expect
        .poll(() => page.locator('.opened-for').textContent())
        .toContain(fill(L.recordOpenedFor, { reason: L.reasonCorrection }));
      await page.locator('#household table').first().waitFor();
      await page.locator('#record-audit table').waitFor();
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(text).not.toMatch(/phone_call|social_work|social_status|counter_visit/);
      expect(await audit(page, `record ${language}`)).toEqual([]);
      await screenshot(page, `counter-record-${language}`);
      await page.context().close();

      // 7. Jan reads the reason on his own pass page, in words.
      const jan = await signInAs(ctx.browser, janLogin, language);
      await jan.goto(`${ctx.app.url}/#/pass`);
      const looked = jan.locator('#audit');
      await expect.poll(() => looked.textContent()).toContain(`${L.auditRead} · ${reason.words}`);
      expect(await looked.textContent()).toContain(`${L.auditAreaStatus}: ${reason.words}`);
      expect(await looked.textContent()).not.toContain(reason.value);
      expect(await looked.textContent()).not.toContain('social_status');
      await jan.context().close();
    });
  }
});
