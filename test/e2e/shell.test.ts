import { describe, expect, it } from 'vitest';
import {
  chooseLanguage,
  CHROMIUM,
  hasChromium,
  pendingClub,
  signIn,
  tag,
  useAppAndBrowser,
} from './server.ts';

if (!hasChromium) {
  console.warn(
    `SKIPPING browser tests: no Chromium at ${CHROMIUM} (install it with: apt-get install -y chromium)`,
  );
}

describe.skipIf(!hasChromium)('browser app shell', () => {
  const ctx = useAppAndBrowser();

  it.each([
    ['admin@demo.local', 'Verenigingen', 'Wijken'],
    ['counter@demo.local', 'Balie', 'Wijken'],
    ['club@demo.local', 'Beheer van de vereniging', 'Medewerkers'],
    ['door@demo.local', 'Onthaal aan de deur', 'Komende activiteiten'],
    ['resident@demo.local', 'Mijn pas', 'Mijn gezin'],
    ['neighbour@demo.local', 'Mijn pas', 'Mijn gezin'],
  ])('%s signs in and sees their home', async (login, section, part) => {
    const page = await ctx.browser.newPage({ locale: 'nl-BE' });
    await signIn(page, ctx.app.url, login);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Welkom, /);
    await page.getByRole('heading', { name: section, exact: true }).waitFor();
    await page.getByRole('heading', { name: part, exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.getByRole('heading', { name: 'Aanmelden bij Buurtpas' }).waitFor();
    await page.close();
  });

  it('signs in by keyboard only, in French, and shows a wrong password as an alert', async () => {
    const page = await ctx.browser.newPage({ locale: 'nl-BE' });
    await page.goto(ctx.app.url);
    // The app's first page (after it asked whether someone is signed in): a language chosen before that is
    // shown, and then the first page replaces the form, and what was typed, once more.
    await page.getByRole('heading', { name: 'Aanmelden bij Buurtpas' }).waitFor();
    await page.getByLabel('Taal').selectOption('fr');
    await page.getByRole('heading', { name: 'Se connecter à Buurtpas' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');

    await page.getByLabel('Adresse e-mail ou numéro de carte').focus();
    await page.keyboard.type('resident@demo.local');
    await page.keyboard.press('Tab');
    await page.keyboard.type('wrong-password');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('ne correspondent pas');

    await page.getByLabel('Mot de passe').fill('demo-password');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Ma carte' }).waitFor();
    await page.getByRole('heading', { name: 'Mon ménage' }).waitFor();
    await page.close();
  });

  it('shows the tariff rules in words: caps per month and shares as percentages, in nl, fr and en', async () => {
    const expected = {
      nl: ['10 per maand', /\d+%/],
      fr: ['10 par mois', /\d+\s%/],
      en: ['10 per month', /\d+%/],
    } as const;
    for (const [language, [cap, percent]] of Object.entries(expected)) {
      const page = await ctx.browser.newPage({ locale: 'nl-BE' });
      await signIn(page, ctx.app.url, 'admin@demo.local');
      await chooseLanguage(page, language);
      await page.goto(`${ctx.app.url}/#/admin`);
      const rules = page.locator('#tariff-rules table').first();
      await expect.poll(() => rules.textContent()).toContain(cap);
      const text = (await rules.textContent())!;
      expect(text).toMatch(percent);
      expect(text).not.toMatch(/MONTH|\/MONTH|\d{4}-\d{2}-\d{2}/);
      await page.close();
    }
  });

  it('gives the municipality admin the import page in the menu', async () => {
    const page = await ctx.browser.newPage({ locale: 'nl-BE' });
    await signIn(page, ctx.app.url, 'admin@demo.local');
    await page.locator('#nav').getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Rechthebbenden importeren', level: 1 }).waitFor();
    await page.close();
  });

  it('lets the municipality admin approve a waiting club', async () => {
    // A club of its own: the demo's waiting chess club is another browser test's.
    const { name } = await pendingClub(ctx.app.url, `Dambordclub ${tag()}`);
    const page = await ctx.browser.newPage({ locale: 'nl-BE' });
    await signIn(page, ctx.app.url, 'admin@demo.local');
    await page.getByRole('button', { name: `Goedkeuren: ${name}` }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain(`${name} is goedgekeurd.`);
    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect.poll(() => row.textContent()).toContain('Goedgekeurd');
    await page.close();
  });

  it('keeps the session across a reload and ends it at sign-out', async () => {
    const page = await ctx.browser.newPage({ locale: 'nl-BE' });
    await signIn(page, ctx.app.url, 'club@demo.local');
    await page.getByRole('heading', { name: 'Medewerkers' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Medewerkers' }).waitFor();
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.getByRole('heading', { name: 'Aanmelden bij Buurtpas' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Aanmelden bij Buurtpas' }).waitFor();
    await page.close();
  });
});
