import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/locales/en.ts';
import { fr } from '../../web/src/locales/fr.ts';
import { nl } from '../../web/src/locales/nl.ts';
import { audit } from './axe.ts';
import {
  activate,
  chooseLanguage,
  grantStatus,
  hasChromium,
  newResident,
  screenshot,
  SCREENSHOTS,
  signIn,
  tag,
  useAppAndBrowser,
} from './server.ts';

/**
 * Local rights in the browser, in nl, fr and en: the municipality admin adds a right (and hears what is
 * missing, beside each field), a resident with the status reads "your rights" on their pass page, and the
 * counter sees the rights on the record and records a use. Demostad's demo rights (src/demo/seed.ts) open
 * with the status, so a new resident given the status holds school meals and the swimming pool.
 */
const LANGUAGES = { nl, fr, en } as const;
type Language = keyof typeof LANGUAGES;
const lead = (text: string) => text.split('{')[0]!;
const SCHOOL_MEALS = {
  nl: 'Schoolmaaltijden aan verminderd tarief',
  fr: 'Repas scolaires à tarif réduit',
  en: 'School meals at a reduced price',
};

async function choose(page: Page, language: Language) {
  await chooseLanguage(page, language);
}

describe.skipIf(!hasChromium)('local rights', () => {
  const ctx = useAppAndBrowser();

  it('the municipality admin adds a right in three languages and sees how many hold it', async () => {
    for (const [language, L] of Object.entries(LANGUAGES) as [Language, typeof nl][]) {
      const page = await ctx.browser.newPage({ locale: 'nl-BE', viewport: { width: 390, height: 844 } });
      await signIn(page, ctx.app.url, 'admin@demo.local');
      await choose(page, language);
      await page.goto(`${ctx.app.url}/#/admin/rights`);
      await page.getByRole('heading', { level: 1, name: L.rightsAdminTitle }).waitFor();
      const list = page.locator('#rights-list table');
      await list.waitFor();
      expect(await list.textContent()).toContain(SCHOOL_MEALS[language]);

      // Sent half filled in: the problem above the form, each missing text beside its field.
      const form = page.locator('#new-right');
      await form.getByLabel(lead(L.rightsNameIn), { exact: false }).first().fill(`Bibliotheek ${tag()}`);
      await form.getByRole('button', { name: L.rightsSave }).click();
      await form.locator('.form-problem').waitFor();
      await expect.poll(() => form.locator('[aria-invalid="true"]').count()).toBeGreaterThan(5);
      expect(await form.locator('#right-name-fr').getAttribute('aria-invalid')).toBe('true');
      expect(await form.locator('#right-name-nl').getAttribute('aria-invalid')).toBeNull();
      expect(await form.locator('#right-name-fr-error').textContent()).toBe(
        { nl: 'Dit veld is verplicht.', fr: 'Ce champ est obligatoire.', en: 'This field is required.' }[
          language
        ],
      );
      expect(await audit(page, `rights form error (${language})`)).toEqual([]);
      await screenshot(page, `rights-admin-error-${language}`);

      const name = `Bibliotheek ${tag()}`;
      for (const code of ['nl', 'fr', 'en'] as const) {
        await form.locator(`#right-name-${code}`).fill(`${name} ${code}`);
        await form.locator(`#right-description-${code}`).fill(`Gratis lid van de bibliotheek (${code}).`);
        await form
          .locator(`#right-how-${code}`)
          .fill(`Toon je pas aan de balie van de bibliotheek (${code}).`);
      }
      await form.locator('#right-granted-by').fill('Bibliotheek Demostad');
      await form.locator('#right-basis').selectOption('living_wage');
      await form.getByRole('button', { name: L.rightsSave }).click();
      await expect.poll(() => form.locator('.ok').textContent()).toContain(`${name} ${language}`);
      await expect.poll(() => list.textContent()).toContain(`${name} ${language}`);
      const row = list.locator('tr', { hasText: `${name} ${language}` });
      expect(await row.textContent()).toContain(L.rightsBasisLivingWage);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await audit(page, `rights admin (${language})`)).toEqual([]);
      await screenshot(page, `rights-admin-${language}`);
      await page.close();
    }
  });

  it('a resident with the status reads "your rights" on the pass page; the counter sees them and records a use', async () => {
    for (const [language, L] of Object.entries(LANGUAGES) as [Language, typeof nl][]) {
      const resident = await newResident(ctx.app.url, 'Amina', 'R', { locale: language });
      await grantStatus(ctx.app.url, resident);
      const passNumber = await activate(ctx.app.url, resident);
      const page = await ctx.browser.newPage({ locale: 'nl-BE', viewport: { width: 390, height: 844 } });
      await signIn(page, ctx.app.url, passNumber);
      await choose(page, language);
      await page.goto(`${ctx.app.url}/#/pass`);
      const rights = page.locator('#my-rights');
      await rights.getByRole('heading', { level: 3, name: SCHOOL_MEALS[language] }).waitFor();
      const text = (await rights.textContent())!;
      expect(text).toContain(L.rightsYours);
      expect(text).toContain(L.rightsYoursIntro);
      expect(text).toContain(L.rightsHowToUse);
      expect(text).toContain(lead(L.rightsUntil));
      expect(text).not.toMatch(/undefined|NaN|\d{4}-\d{2}-\d{2}/);
      await rights.scrollIntoViewIfNeeded();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await audit(page, `your rights (${language})`)).toEqual([]);
      await screenshot(page, `rights-pass-${language}`);
      await page.close();

      const desk = await ctx.browser.newPage({ locale: 'nl-BE', viewport: { width: 390, height: 844 } });
      await signIn(desk, ctx.app.url, 'counter@demo.local');
      await choose(desk, language);
      await desk.goto(`${ctx.app.url}/#/counter/p/${resident.id}`);
      await desk.getByRole('radio').first().check();
      await desk.getByRole('button', { name: L.recordOpen }).click();
      const part = desk.locator('#record-rights');
      const meals = part.locator('li', { hasText: SCHOOL_MEALS[language] });
      await meals.waitFor();
      await meals.getByRole('button', { name: L.rightsRecordUse }).click();
      await expect.poll(() => part.locator('.ok').textContent()).toContain(lead(L.rightsRecordUsed));
      await expect
        .poll(() => part.locator('li', { hasText: SCHOOL_MEALS[language] }).textContent())
        .toContain(L.rightsUses.replace('{count}', '1'));
      expect(await audit(desk, `record rights (${language})`)).toEqual([]);
      await screenshot(desk, `rights-record-${language}`);
      // The rights part alone: the whole record is too long to read at phone size.
      await part.screenshot({ path: join(SCREENSHOTS, `rights-record-part-${language}.png`) });
      await desk.close();
    }
  });
});
