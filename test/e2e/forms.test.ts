import { describe, expect, it } from 'vitest';
import { chooseLanguage, hasChromium, signIn, useAppAndBrowser } from './server.ts';

/**
 * Forms say what is wrong, next to the field: the API's field problems (JSON pointers) land on their inputs,
 * the problem's message stands above the form, and the first wrong field has the focus.
 */
describe.skipIf(!hasChromium)('forms in the browser', () => {
  const ctx = useAppAndBrowser();

  it('an activity that ends before it starts: the end field is marked with the reason, in each language', async () => {
    for (const [language, labels] of [
      [
        'nl',
        {
          end: 'Eindigt',
          title: 'Titel',
          submit: /Publiceren|Als concept bewaren/,
          reason: 'Het einde moet na het begin liggen.',
        },
      ],
      [
        'en',
        {
          end: 'Ends',
          title: 'Title',
          submit: /Publish|Save as a draft/,
          reason: 'The end must be after the start.',
        },
      ],
    ] as const) {
      const page = await ctx.browser.newPage({ locale: 'nl-BE', viewport: { width: 390, height: 844 } });
      await signIn(page, ctx.app.url, 'club@demo.local');
      await page.locator('#logout:not([hidden])').waitFor();
      if (language !== 'nl') await chooseLanguage(page, language);
      await page.goto(`${ctx.app.url}/#/club/activities`);
      const form = page.locator('form[aria-labelledby=new-activity-title]');
      await form.getByLabel(labels.title, { exact: true }).fill('Te vroeg gedaan');
      const start = form.locator('input[name=startsAt]');
      await start.fill('2027-05-10T18:00');
      await form.locator('input[name=endsAt]').fill('2027-05-10T17:00');
      await form.getByRole('button', { name: labels.submit }).click();

      const end = form.locator('input[name=endsAt]');
      await expect.poll(() => end.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await end.getAttribute('aria-describedby'))!;
      expect(await page.locator(`#${describedBy}`).textContent()).toBe(labels.reason);
      // The message sits right under the field it is about.
      const [fieldBox, errorBox] = [
        await end.boundingBox(),
        await page.locator(`#${describedBy}`).boundingBox(),
      ];
      expect(errorBox!.y).toBeGreaterThan(fieldBox!.y);
      expect(errorBox!.y - (fieldBox!.y + fieldBox!.height)).toBeLessThan(40);
      expect(await form.locator('.form-problem[role=alert]').count()).toBe(1);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('endsAt');
      if (process.env.E2E_SHOTS_DIR)
        await page.screenshot({
          path: `${process.env.E2E_SHOTS_DIR}/form-error-${language}.png`,
          fullPage: true,
        });
      // Only the wrong field is marked, and a corrected form clears the marks.
      expect(await start.getAttribute('aria-invalid')).toBeNull();
      await form.locator('input[name=endsAt]').fill('2027-05-10T20:00');
      await form.getByRole('button', { name: labels.submit }).click();
      await expect.poll(() => form.locator('[aria-invalid]').count()).toBe(0);
      expect(await form.locator('.form-problem').count()).toBe(0);
      await page.close();
    }
  });
});
