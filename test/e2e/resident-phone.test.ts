import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { audit } from './axe.ts';
import { hasChromium, screenshot, signIn, useAppAndBrowser } from './server.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** What a resident reads on the screen, per language. */
const WORDS = {
  nl: {
    login: 'E-mailadres of pasnummer',
    password: 'Wachtwoord',
    signIn: 'Aanmelden',
    activities: 'Activiteiten',
    points: 'Mijn punten',
    lifts: 'Mijn liften',
    pass: 'Mijn pas',
    nearMe: 'Dicht bij mij',
    noLocation: 'Je locatie is niet beschikbaar',
    stepFree: 'Drempelvrij',
    descriptionIn: 'in het Nederlands',
    cancelSignup: 'Uitschrijven',
    no: 'Nee, terug',
    redeem: 'Inruilen',
    collectAt: 'Afhalen bij',
    noEnd: 'geen einddatum',
  },
  fr: {
    login: 'Adresse e-mail ou numéro de carte',
    password: 'Mot de passe',
    signIn: 'Se connecter',
    activities: 'Activités',
    points: 'Mes points',
    lifts: 'Mes trajets',
    pass: 'Ma carte',
    nearMe: 'Près de moi',
    noLocation: 'Votre position n’est pas disponible',
    stepFree: 'Sans marche',
    descriptionIn: 'en néerlandais',
    cancelSignup: 'Se désinscrire',
    no: 'Non, retour',
    redeem: 'Échanger',
    collectAt: 'À retirer chez',
    noEnd: 'Pas de date limite',
  },
  en: {
    login: 'Email address or pass number',
    password: 'Password',
    signIn: 'Sign in',
    activities: 'Activities',
    points: 'My points',
    lifts: 'My lifts',
    pass: 'My pass',
    nearMe: 'Near me',
    noLocation: 'Your location is not available',
    stepFree: 'Step-free',
    descriptionIn: 'in Dutch',
    cancelSignup: 'Cancel sign-up',
    no: 'No, go back',
    redeem: 'Redeem',
    collectAt: 'Collect it at',
    noEnd: 'no end date',
  },
} as const;
type Language = keyof typeof WORDS;

/** Signs in with a browser set to the language: the app speaks it from the start. */
async function residentIn(context: BrowserContext, url: string, language: Language): Promise<Page> {
  const w = WORDS[language];
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel(w.login).fill('resident@demo.local');
  await page.getByLabel(w.password).fill('demo-password');
  await page.getByRole('button', { name: w.signIn }).click();
  await page.getByRole('link', { name: w.activities }).first().waitFor();
  return page;
}

/** For each checkbox: is its label's text beside the box, on the same line, and not below it? */
async function checkboxesBesideLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const wrong: string[] = [];
    for (const label of Array.from(document.querySelectorAll('label.check'))) {
      const box = label.querySelector('input')!.getBoundingClientRect();
      const text = Array.from(label.childNodes).find(
        (n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim(),
      );
      if (!text) {
        wrong.push(`${label.textContent}: no text`);
        continue;
      }
      const range = document.createRange();
      range.selectNodeContents(text);
      const words = range.getClientRects()[0]!;
      const sameLine = Math.abs(words.top + words.height / 2 - (box.top + box.height / 2)) < 12;
      if (!sameLine || words.left < box.right) wrong.push(`${text.textContent!.trim()}: not beside its box`);
    }
    return wrong;
  });
}

describe.skipIf(!hasChromium)('a resident on a phone (390×844), in nl, fr and en', () => {
  const ctx = useAppAndBrowser();

  // Dutch last: it signs up and redeems for real; French and English look and go back.
  for (const language of ['fr', 'en', 'nl'] as const) {
    it(`finds activities, signs up, redeems a reward with a confirmation, in ${language}`, async () => {
      const w = WORDS[language];
      const context = await ctx.browser.newContext({ locale: `${language}-BE`, ...PHONE });
      const page = await residentIn(context, ctx.app.url, language);
      const problems: string[] = [];
      // Home: shortcuts to everything a resident does, lifts included.
      await page.locator('.shortcuts').waitFor();
      expect(await page.locator('.shortcuts a').allTextContents()).toEqual([
        w.activities,
        w.pass,
        w.points,
        w.lifts,
      ]);
      await screenshot(page, `resident-home-${language}`);
      problems.push(...(await audit(page, `home ${language}`)));

      // Activities: the filters are folded away, so the first activity is in view.
      await page.getByRole('link', { name: w.activities }).first().click();
      await page.locator('ul.activities li').first().waitFor();
      expect(await page.locator('details.filters').getAttribute('open')).toBeNull();
      const first = (await page.locator('ul.activities li').first().boundingBox())!;
      expect(first.y + first.height).toBeLessThanOrEqual(844);
      await screenshot(page, `resident-activities-${language}`);
      problems.push(...(await audit(page, `activities ${language}`)));

      // "Near me" without the location: said so, and the neighbourhood offered instead.
      await page.getByRole('button', { name: w.nearMe }).click();
      await expect.poll(() => page.locator('main [role=status].note').textContent()).toContain(w.noLocation);
      expect(await page.locator('details.filters').getAttribute('open')).not.toBeNull();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-hood');
      // Each checkbox has its words beside it.
      await page.getByLabel(w.stepFree).waitFor();
      expect(await checkboxesBesideLabels(page)).toEqual([]);
      await screenshot(page, `resident-filters-${language}`);

      // An activity whose club wrote only Dutch: marked as such outside Dutch.
      // Other browser tests add activities before it in the list: look among the courses, as a person would.
      await page.goto(`${ctx.app.url}/#/activities`);
      const filters = page.locator('details.filters');
      if ((await filters.getAttribute('open')) === null) await filters.locator('> summary').click();
      await page.locator('#f-category').selectOption('course');
      await page.locator('form[role=search] button[type=submit]').click();
      await page.getByRole('link', { name: 'Workshop keramiek', exact: true }).click();
      await page.getByRole('heading', { name: 'Workshop keramiek', level: 1 }).waitFor();
      if (language !== 'nl') {
        expect(await page.locator('main').textContent()).toContain(w.descriptionIn);
        expect(await page.locator('main p[lang=nl]').textContent()).toContain('Zelf een kom draaien');
      }
      expect(await page.locator('main').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      problems.push(...(await audit(page, `activity ${language}`)));

      if (language === 'nl') {
        // Signing up updates the places left, and the sign-up moves to the top.
        const placesBefore = Number(
          (await page.locator('main').textContent())!.match(/Nog (\d+) plaatsen/)![1],
        );
        await page.getByRole('button', { name: 'Inschrijven' }).click();
        await expect.poll(() => page.locator('main').textContent()).toContain('Samira: Ingeschreven');
        await expect
          .poll(() => page.locator('main').textContent())
          .toContain(`Nog ${placesBefore - 1} plaatsen`);
        // Cancelling asks first; "No" keeps the place.
        await page.getByRole('button', { name: w.cancelSignup }).click();
        const dialog = page.getByRole('dialog');
        await dialog.waitFor();
        expect(await dialog.textContent()).toContain('Workshop keramiek');
        await screenshot(page, `resident-cancel-question-${language}`);
        await dialog.getByRole('button', { name: w.no }).click();
        await dialog.waitFor({ state: 'detached' });
        expect(await page.locator('main').textContent()).toContain('Samira: Ingeschreven');
      }
      await screenshot(page, `resident-activity-${language}`);

      // Points: redeeming asks first, and says where and until when to collect.
      await page.getByRole('link', { name: w.points }).first().click();
      await page.getByRole('button', { name: w.redeem }).first().click();
      const question = page.getByRole('dialog');
      await question.waitFor();
      const text = (await question.textContent())!;
      expect(text).toContain('Gratis drankje na het sporten');
      expect(text).toContain(w.collectAt);
      expect(text.toLowerCase()).toContain(w.noEnd.toLowerCase());
      await screenshot(page, `resident-redeem-question-${language}`);
      problems.push(...(await audit(page, `redeem question ${language}`)));
      if (language === 'nl') {
        await question.getByRole('button', { name: w.redeem }).click();
        await expect
          .poll(() => page.locator('main [role=status]').first().textContent())
          .toContain('Ingeruild');
        await expect.poll(() => page.locator('#my-rewards').textContent()).toContain(w.collectAt);
      } else {
        await question.getByRole('button', { name: w.no }).click();
      }
      await screenshot(page, `resident-points-${language}`);
      problems.push(...(await audit(page, `points ${language}`)));

      await page.getByRole('link', { name: w.pass }).first().click();
      await page.locator('.pass.big').waitFor();
      await screenshot(page, `resident-pass-${language}`);
      problems.push(...(await audit(page, `pass ${language}`)));
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('on a slow connection, shows that the next page is loading instead of leaving the old one silently', async () => {
    const context = await ctx.browser.newContext({ locale: 'nl-BE', ...PHONE });
    const page = await residentIn(context, ctx.app.url, 'nl');
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Samira' }).waitFor();
    // Let the home page's own sections finish first: their "loading" notes are not the next page's.
    await expect.poll(() => page.locator('main .loading').count()).toBe(0);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 2000,
      downloadThroughput: 50_000,
      uploadThroughput: 50_000,
    });
    // A page that waits for its data before it shows: the whole page says it is loading.
    await page.getByRole('link', { name: 'Activiteiten' }).first().click();
    await page.locator('main .loading[role=status]').waitFor();
    expect(await page.locator('main').getAttribute('aria-busy')).toBe('true');
    await page.getByRole('heading', { name: 'Activiteiten', level: 1 }).waitFor({ timeout: 20_000 });
    expect(await page.locator('main').getAttribute('aria-busy')).toBeNull();
    // A page that shows at once and fills in: its own part says it is loading.
    await page.getByRole('link', { name: 'Mijn punten' }).first().click();
    await page.getByRole('heading', { name: 'Mijn punten', level: 1 }).waitFor();
    await page.locator('main .loading[role=status]').waitFor();
    await page.locator('#history').waitFor({ timeout: 20_000 });
    await context.close();
  });

  it('keeps the resident pages under 100 KB of gzipped JavaScript (the door’s QR reader is not loaded)', async () => {
    const context = await ctx.browser.newContext({ locale: 'nl-BE', ...PHONE });
    const page = await context.newPage();
    const scripts = new Map<string, number>();
    page.on('response', async (response) => {
      if (response.request().resourceType() !== 'script') return;
      scripts.set(response.url(), gzipSync(await response.body()).length);
    });
    await signIn(page, ctx.app.url, 'resident@demo.local');
    for (const hash of ['#/', '#/activities', '#/pass', '#/points', '#/rides']) {
      await page.goto(`${ctx.app.url}/${hash}`);
      await page.locator('main h1').first().waitFor();
    }
    await page.waitForLoadState('networkidle');
    const total = [...scripts.values()].reduce((a, b) => a + b, 0);
    expect(scripts.size).toBeGreaterThan(0);
    expect([...scripts.keys()].filter((url) => /jsQR/i.test(url))).toEqual([]);
    expect(total).toBeLessThan(100 * 1024);
    await context.close();
  });
});
