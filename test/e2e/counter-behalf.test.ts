import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/locales/en.ts';
import { fr } from '../../web/src/locales/fr.ts';
import { nl } from '../../web/src/locales/nl.ts';
import { audit } from './axe.ts';
import { join } from 'node:path';
import {
  apiSignIn,
  findActivity,
  hasChromium,
  newResident,
  screenshot,
  SCREENSHOTS,
  useAppAndBrowser,
} from './server.ts';

/**
 * The counter acts for a resident (Samira, with five points, registered for each language: the demo's Samira
 * signs up and redeems in other browser tests) on her record, at a counter's screen (1280×800), with the page
 * in nl, fr and en: signs her up, sees the sign-up, reads the confirmation in HER language (Samira's language
 * is another one than the page's in fr and en), prints it, cancels the sign-up, asks a lift and redeems a
 * reward for her points. axe-core finds no serious or critical violation.
 */
const LANGUAGES = { nl, fr, en } as const;
type Language = keyof typeof LANGUAGES;
/** The resident's own language while the page is in this one. */
const RESIDENT: Record<Language, Language> = { nl: 'nl', fr: 'en', en: 'fr' };
const SWIM = 'Zwemmen voor iedereen';
const FOOTBALL = 'Voetbaltraining jeugd';
const DRINK = 'Gratis drankje na het sporten';
const FULL = 'Badminton voor één';
const JAN = '1608636855867';

const fill = (text: string, params: Record<string, string | number> = {}) =>
  text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m));
/** The part of `text` before its first placeholder. */
const lead = (text: string) => text.split('{')[0]!;
const weekday = (iso: string, lang: Language) =>
  new Intl.DateTimeFormat(`${lang}-BE`, { weekday: 'long', timeZone: 'Europe/Brussels' }).format(
    new Date(iso),
  );

for (const language of Object.keys(LANGUAGES) as Language[]) {
  describe.skipIf(!hasChromium)(`the counter acts for a resident, in ${language}`, () => {
    const ctx = useAppAndBrowser();

    async function api<T>(token: string, path: string, method = 'GET', body?: unknown): Promise<T> {
      const response = await fetch(`${ctx.app.url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      expect(response.ok, `${path}: ${text}`).toBe(true);
      return JSON.parse(text) as T;
    }

    /** Opens the record; the record page may first ask why (any reason will do here). */
    async function openRecord(page: Page, id: string) {
      await page.goto(`${ctx.app.url}/#/counter/p/${id}`);
      const behalf = page.locator('#signup-behalf');
      const reason = page.locator('main input[type=radio]').first();
      await Promise.race([behalf.waitFor(), reason.waitFor()]);
      if (await reason.isVisible()) {
        await reason.check();
        await page.locator('main form button[type=submit]').first().click();
      }
      await behalf.locator('#behalf-activity').waitFor();
      return behalf;
    }

    it('signs Samira up, reads the confirmation in her language, prints it, cancels, asks a lift, redeems, and signs her up on a waiting list', async () => {
      const L = LANGUAGES[language];
      const lang = RESIDENT[language];
      const R = LANGUAGES[lang];
      const { token } = await apiSignIn(ctx.app.url, 'counter@demo.local');
      const samira = (await newResident(ctx.app.url, 'Samira', 'E', { locale: lang })).id;
      // Five points to spend, as the demo's Samira has (given by the municipality, with a reason).
      const admin = await apiSignIn(ctx.app.url, 'admin@demo.local');
      await api(admin.token, `/passholders/${samira}/points/corrections`, 'POST', {
        points: 5,
        reason: 'Welkom bij Buurtpas',
      });
      const swim = await findActivity(ctx.app.url, SWIM);
      const football = await findActivity(ctx.app.url, FOOTBALL);
      // A workshop with one place, taken by Jan: Samira gets a place on the waiting list.
      const club = await apiSignIn(ctx.app.url, 'club@demo.local');
      const start = Date.now() + 3 * 86_400_000;
      const full = await api<{ id: string }>(club.token, `/clubs/${club.clubIds[0]}/activities`, 'POST', {
        title: FULL,
        category: 'sport',
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 3_600_000).toISOString(),
        capacity: 1,
        regularPriceCents: 0,
        venue: { name: 'Sporthal Molenhoek' },
      });
      const jan = (await api<{ items: { id: string }[] }>(token, `/passholders?q=${JAN}`)).items[0]!.id;
      await api(token, `/activities/${full.id}/signups`, 'POST', { passholderIds: [jan] });

      const context = await ctx.browser.newContext({
        locale: `${language}-BE`,
        viewport: { width: 1280, height: 800 },
      });
      const page = await context.newPage();
      await page.goto(ctx.app.url);
      await page.evaluate((l) => localStorage.setItem('buurtpas.locale', l), language);
      await page.reload();
      await page.locator('#login').fill('counter@demo.local');
      await page.locator('#password').fill('demo-password');
      await page.locator('form button[type=submit]').click();
      await page.locator('#logout:not([hidden])').waitFor();
      const behalf = await openRecord(page, samira);
      const said = behalf.locator('.behalf-confirmation');

      // 1. Activities as choices in words: the day and the time, never an ISO date.
      const options = await behalf.locator('#behalf-activity option').allTextContents();
      const swimOption = options.find((o) => o.startsWith(SWIM))!;
      expect(swimOption).toContain('Stedelijk zwembad');
      expect(swimOption).toMatch(/\d{1,2}[:.]\d{2}–\d{1,2}[:.]\d{2}/);
      expect(options.join(' ')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(await behalf.textContent()).toContain(fill(L.behalfNoSignups, { name: 'Samira' }));
      expect(await behalf.textContent()).toContain(fill(L.behalfNoLiftToAsk, { name: 'Samira' }));

      // 2. Sign up: the sign-up shows, and the confirmation speaks to Samira in her own language.
      await behalf.locator('#behalf-activity').selectOption(swim.id);
      await behalf.getByRole('button', { name: L.signUp, exact: true }).click();
      await said.waitFor();
      const readOut = said.locator('.read-out');
      expect(await readOut.getAttribute('lang')).toBe(lang);
      const text = (await readOut.textContent()) ?? '';
      expect(text).toContain(`${lead(R.behalfSaySignedUp)}${SWIM}`);
      expect(text).toContain(weekday(swim.startsAt, lang));
      expect(text).toContain(
        fill(R.behalfSayWhere, { place: 'Stedelijk zwembad, Zwembadlaan 1, 9300 Demostad' }),
      );
      expect(await said.textContent()).toContain(fill(L.behalfConfirmation, { name: 'Samira' }));
      expect(await said.textContent()).toContain(fill(L.behalfSignedUpDone, { name: 'Samira' }));
      const list = behalf.locator('ul.behalf-list').first();
      await expect.poll(() => list.textContent()).toContain(SWIM);
      expect(await list.textContent()).toContain(L.behalfSignedUp);
      // Focus is on the confirmation, to read it out at once.
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('behalf-confirmation');
      expect(await audit(page, `on behalf ${language}`)).toEqual([]);
      await screenshot(page, `counter-behalf-${language}`);
      // The part alone, to look at without the rest of the record.
      await behalf.screenshot({ path: join(SCREENSHOTS, `counter-behalf-${language}-part.png`) });

      // 3. Print: only the confirmation goes on paper.
      await page.evaluate(() => {
        (window as unknown as { printed: number }).printed = 0;
        window.print = () => void ((window as unknown as { printed: number }).printed += 1);
      });
      await said.getByRole('button', { name: L.behalfPrint }).click();
      expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('#behalf-print').isVisible()).toBe(true);
      expect(await page.locator('main').isVisible()).toBe(false);
      expect(await page.locator('#behalf-print').textContent()).toContain(
        `${lead(R.behalfSaySignedUp)}${SWIM}`,
      );
      expect(await page.locator('#behalf-print button').count()).toBe(0);
      // On paper only her language: a title for her, without the clerk's notes.
      expect(await page.locator('#behalf-print h3').allTextContents()).toEqual([
        fill(R.behalfSayTitle, { name: 'Samira' }),
      ]);
      expect(await page.locator('#behalf-print').textContent()).not.toContain(
        fill(L.behalfSignedUpDone, { name: 'Samira' }),
      );
      await screenshot(page, `counter-behalf-${language}-print`);
      await page.emulateMedia({ media: 'screen' });
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
      expect(await page.locator('#behalf-print').count()).toBe(0);

      // 4. Cancel, after a question that names her and the activity.
      await behalf.getByRole('button', { name: `${L.cancelSignup}: ${SWIM}` }).click();
      const dialog = page.getByRole('dialog');
      await expect
        .poll(() => dialog.getByRole('heading').textContent())
        .toBe(fill(L.cancelSignupQuestion, { name: 'Samira', title: SWIM }));
      expect(await dialog.textContent()).toContain(L.cancelSignupDetails);
      await dialog.getByRole('button', { name: L.cancelSignup }).click();
      await expect.poll(() => readOut.textContent()).toContain(`${lead(R.behalfSayCancelled)}${SWIM}`);
      await expect.poll(() => behalf.textContent()).toContain(fill(L.behalfNoSignups, { name: 'Samira' }));

      // 5. A lift to the football training she is signed up for.
      await behalf.locator('#behalf-activity').selectOption(football.id);
      await behalf.getByRole('button', { name: L.signUp, exact: true }).click();
      await expect.poll(() => list.textContent()).toContain(FOOTBALL);
      const liftForm = behalf.locator('form', { has: page.locator('#behalf-lift-activity') });
      await liftForm.getByLabel(L.pickupAddress).fill('Stationsstraat 12, 9300 Demostad');
      await liftForm.getByLabel(L.needWheelchair).check();
      await liftForm.getByRole('button', { name: L.behalfLiftTitle }).click();
      await expect.poll(() => readOut.textContent()).toContain(`${lead(R.behalfSayLiftAsked)}${FOOTBALL}`);
      expect(await readOut.textContent()).toContain('Stationsstraat 12, 9300 Demostad');
      await expect.poll(() => list.textContent()).toContain(fill(L.behalfLift, { state: L.rideOpen }));
      // Every sign-up has its lift now: the form says why there is nothing to ask.
      expect(await behalf.textContent()).toContain(fill(L.behalfAllLiftsAsked, { name: 'Samira' }));

      // 6. Redeem: the question says what is left and where to collect; the confirmation too, in her language.
      expect(await behalf.textContent()).toContain(fill(L.behalfBalance, { name: 'Samira', count: 5 }));
      await behalf.getByRole('button', { name: `${L.redeem}: ${DRINK}` }).click();
      await expect
        .poll(() => dialog.getByRole('heading').textContent())
        .toBe(fill(L.behalfRedeemQuestion, { title: DRINK, name: 'Samira', points: 3 }));
      const facts = (await dialog.textContent()) ?? '';
      expect(facts).toContain(fill(L.behalfRedeemLeft, { name: 'Samira', count: 2 }));
      expect(facts).toContain(fill(L.collectAtClub, { name: 'Sportclub Demostad' }));
      expect(facts).toContain(L.collectNoEnd);
      await dialog.getByRole('button', { name: L.redeem }).click();
      await expect
        .poll(() => readOut.textContent())
        .toContain(fill(R.behalfSayRedeemed, { title: DRINK, points: 3 }));
      const redeemed = (await readOut.textContent()) ?? '';
      expect(redeemed).toContain(fill(R.behalfSayLeft, { count: 2 }));
      expect(redeemed).toContain(fill(R.collectAtClub, { name: 'Sportclub Demostad' }));
      expect(redeemed).toContain(R.collectNoEnd);
      await expect
        .poll(() => behalf.textContent())
        .toContain(fill(L.behalfBalance, { name: 'Samira', count: 2 }));
      expect(await behalf.textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      expect(await audit(page, `on behalf after redeeming ${language}`)).toEqual([]);
      await screenshot(page, `counter-behalf-${language}-redeemed`);
      await behalf.screenshot({ path: join(SCREENSHOTS, `counter-behalf-${language}-redeemed-part.png`) });

      // 7. A full activity: the confirmation says the place on the waiting list, and so does the list.
      await behalf.locator('#behalf-activity').selectOption(full.id);
      await behalf.getByRole('button', { name: L.signUp, exact: true }).click();
      await expect.poll(() => readOut.textContent()).toContain(`${lead(R.behalfSayWaitlisted)}${FULL}`);
      expect(await readOut.textContent()).toContain(fill(R.behalfSayWhere, { place: 'Sporthal Molenhoek' }));
      expect(await said.textContent()).toContain(
        fill(L.behalfWaitlistedDone, { name: 'Samira', position: 1 }),
      );
      await expect.poll(() => list.textContent()).toContain(fill(L.onWaitlist, { position: 1 }));
      await context.close();
    });
  });
}
