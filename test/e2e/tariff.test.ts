import { describe, expect, it } from 'vitest';
import { clubActivities, hasChromium, newResident, signIn, travelTo, useAppAndBrowser } from './server.ts';

describe.skipIf(!hasChromium)('social tariff in the browser', () => {
  const ctx = useAppAndBrowser();

  it('till: the door scans, sees the social price, registers the sale and cancels it', async () => {
    // The demo's swimming is next week; the door is open only shortly before and during it.
    const swim = (await clubActivities(ctx.app.url, 'door@demo.local')).find(
      (a) => a.title === 'Zwemmen voor iedereen',
    )!;
    const page = await ctx.browser.newPage({ locale: 'nl-BE' });
    await travelTo(page, swim);
    await signIn(page, ctx.app.url, 'door@demo.local');
    await page.getByRole('link', { name: 'Onthaal' }).first().click();
    await page.getByRole('radio', { name: /^Zwemmen voor iedereen/ }).check();
    const typed = page.getByRole('form', { name: 'Pasnummer intypen' });
    await typed.getByLabel('Pasnummer').fill('4143 3760 4089 9');
    await page.getByRole('button', { name: 'Nakijken' }).click();
    await expect.poll(() => page.locator('.scan-result').textContent()).toContain('Samira E.');
    expect((await page.locator('.scan-result .till .amount').textContent())?.replace(/\s/g, ' ')).toBe(
      '€ 1,00',
    );
    await page.getByRole('button', { name: 'Verkoop registreren' }).click();
    await expect
      .poll(() => page.locator('.scan-result .till [role=status]').textContent())
      .toContain('Verkoop geregistreerd');
    await page.getByRole('button', { name: 'Verkoop annuleren' }).click();
    await expect
      .poll(() => page.locator('.scan-result .till [role=status]').textContent())
      .toContain('geannuleerd');
    // A neighbour without status sees the same screen with the regular price.
    await typed.getByLabel('Pasnummer').fill('1608 6368 5586 7');
    await page.getByRole('button', { name: 'Nakijken' }).click();
    await expect.poll(() => page.locator('.scan-result').textContent()).toContain('Jan P.');
    expect((await page.locator('.scan-result .till .amount').textContent())?.replace(/\s/g, ' ')).toBe(
      '€ 4,00',
    );
    await page.close();
  });

  it('import: the counter dry-runs a list, confirms it, and the resident has the status', async () => {
    // A resident without the status, registered for this test (the demo's Jan pays the regular price in other
    // browser tests).
    const resident = await newResident(ctx.app.url, 'Jan', 'Peeters-');
    const page = await ctx.browser.newPage({ locale: 'nl-BE' });
    await signIn(page, ctx.app.url, 'counter@demo.local');
    await page.getByRole('link', { name: 'Import' }).first().click();
    await page.getByLabel('Of plak de inhoud').fill(`pasnummer\n${resident.passNumber}\n0000000000000\n`);
    await page.getByRole('button', { name: 'Proefimport' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('1 persoon gevonden');
    expect(await page.locator('main').textContent()).toContain('1 persoon niet gevonden');
    await page.getByRole('button', { name: 'Bevestigen en kansenstatuut toekennen' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('1 persoon kreeg het kansenstatuut');
    await page.getByRole('link', { name: 'Inwoner zoeken' }).click();
    await page.getByLabel('Naam of pasnummer').fill(resident.passNumber);
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('link', { name: `Jan ${resident.lastName}` }).click();
    await page.getByRole('radio', { name: 'Bezoek aan de balie' }).check();
    await page.getByRole('button', { name: 'Dossier openen' }).click();
    await expect.poll(() => page.locator('#social-status').textContent()).toContain('Actief');
    await page.close();
  });
});
