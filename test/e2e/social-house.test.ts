import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoId } from '../../src/demo/seed.ts';
import { en } from '../../web/src/locales/en.ts';
import { fr } from '../../web/src/locales/fr.ts';
import { nl } from '../../web/src/locales/nl.ts';
import { audit } from './axe.ts';
import {
  apiSignIn,
  chooseLanguage,
  hasChromium,
  screenshot,
  send,
  signIn,
  useAppAndBrowser,
} from './server.ts';

/**
 * The municipality admin sets the Social House's phone and address, in nl, fr and en on a phone: a number
 * that is not Belgian is told beside its field, a good one is saved. The database is shared with the other
 * browser files (whose letters name Demostad's phone): the demo's phone and address are put back at the end.
 */
const LANGUAGES = { nl, fr, en } as const;
type Language = keyof typeof LANGUAGES;
const NOT_BELGIAN = {
  nl: 'Dit is geen Belgisch telefoonnummer',
  fr: 'Ce n’est pas un numéro de téléphone belge',
  en: 'This is not a Belgian phone number',
};
const REQUIRED = {
  nl: 'Dit veld is verplicht.',
  fr: 'Ce champ est obligatoire.',
  en: 'This field is required.',
};
/** A number per language that no other browser test uses. */
const PHONES = { nl: '050 98 76 51', fr: '+32 50/98.76.52', en: '050.98.76.53' };

type SocialHouse = { phone: string | null; address: string | null };

async function choose(page: Page, language: Language) {
  await chooseLanguage(page, language);
}

describe.skipIf(!hasChromium)('the Social House’s phone and address', () => {
  const ctx = useAppAndBrowser();

  it('the municipality admin sets the phone on a phone screen, in three languages', async () => {
    const url = ctx.app.url;
    const { token } = await apiSignIn(url, 'admin@demo.local');
    const path = `/municipalities/${await demoId('demostad')}/social-house`;
    const before = await send<SocialHouse>(url, path, token);
    try {
      for (const [language, L] of Object.entries(LANGUAGES) as [Language, typeof nl][]) {
        const page = await ctx.browser.newPage({ locale: 'nl-BE', viewport: { width: 390, height: 844 } });
        await signIn(page, url, 'admin@demo.local');
        await choose(page, language);
        expect(await page.locator('a[href="#/admin/social-house"]').first().textContent()).toBe(
          L.socialHouseNav,
        );
        await page.goto(`${url}/#/admin/social-house`);
        await page.getByRole('heading', { level: 1, name: L.socialHouseTitle }).waitFor();
        expect(await page.locator('main').textContent()).toContain(L.socialHouseIntro);
        const form = page.locator('#social-house-form');
        const phone = form.getByLabel(L.socialHousePhone);
        await phone.waitFor();
        expect(await form.getByLabel(L.socialHouseAddress).inputValue()).not.toBe('');

        // Left empty: required, beside the field.
        await phone.fill('');
        await form.getByRole('button', { name: L.socialHouseSave }).click();
        await form.locator('.form-problem').waitFor();
        expect(await form.locator('#social-house-phone-error').textContent()).toBe(REQUIRED[language]);

        // Not a Belgian number: said beside the field, which keeps what was typed.
        await phone.fill('+31 6 1234 5678');
        await form.getByRole('button', { name: L.socialHouseSave }).click();
        await expect
          .poll(() => form.locator('#social-house-phone-error').textContent())
          .toContain(NOT_BELGIAN[language]);
        expect(await phone.getAttribute('aria-invalid')).toBe('true');
        expect(await phone.getAttribute('aria-describedby')).toContain('social-house-phone-error');
        expect(await form.locator('.field-error').count()).toBe(1);
        expect(await phone.inputValue()).toBe('+31 6 1234 5678');
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        expect(await audit(page, `social house error (${language})`)).toEqual([]);
        await screenshot(page, `social-house-error-${language}`);

        // A good one: saved, the marks gone, and the form keeps the saved values.
        await phone.fill(PHONES[language]);
        await form.getByRole('button', { name: L.socialHouseSave }).click();
        await expect
          .poll(() => page.locator('#social-house-status').textContent())
          .toBe(L.socialHouseSaved.replace('{phone}', PHONES[language]));
        expect(await form.locator('.field-error').count()).toBe(0);
        expect(await phone.getAttribute('aria-invalid')).toBeNull();
        expect(await phone.inputValue()).toBe(PHONES[language]);
        expect(await send<SocialHouse>(url, path, token)).toEqual({
          phone: PHONES[language],
          address: before.address,
        });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        expect(await audit(page, `social house (${language})`)).toEqual([]);
        await screenshot(page, `social-house-${language}`);

        // Opened again, it shows the saved number.
        await page.reload();
        await expect.poll(() => page.locator('#social-house-phone').inputValue()).toBe(PHONES[language]);
        await page.close();
      }
    } finally {
      await send(url, path, token, { phone: before.phone, address: before.address }, 'PUT');
    }
    expect(await send<SocialHouse>(url, path, token)).toEqual(before);
  });
});
