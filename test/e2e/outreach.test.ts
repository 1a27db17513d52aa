import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/locales/en.ts';
import { fr } from '../../web/src/locales/fr.ts';
import { nl } from '../../web/src/locales/nl.ts';
import { audit } from './axe.ts';
import {
  activate,
  chooseLanguage,
  hasChromium,
  newResident,
  screenshot,
  signIn,
  useAppAndBrowser,
} from './server.ts';

/**
 * Take-up and outreach in the browser, in nl, fr and en: the policy team's dashboard (a chart per measure and
 * every number in a table, small counts as "< 5"), the counter's worklist with a contact logged from it, a
 * contact logged on a resident's record, and that resident reading "the Social House tried to reach you" on
 * their own pass page. The worklist shows the demo's Demostad residents (src/demo/seed.ts, outreachDemo).
 */
const LANGUAGES = { nl, fr, en } as const;
type Language = keyof typeof LANGUAGES;
const lead = (text: string) => text.split('{')[0]!;

async function pageIn(ctx: { browser: import('playwright-core').Browser }, width = 1280, height = 800) {
  return ctx.browser.newPage({ locale: 'nl-BE', viewport: { width, height } });
}

async function choose(page: Page, language: Language) {
  await chooseLanguage(page, language);
}

describe.skipIf(!hasChromium)('take-up and outreach', () => {
  const ctx = useAppAndBrowser();

  it('shows the policy team the take-up per neighbourhood as charts and a table, with "< 5"', async () => {
    for (const [language, L] of Object.entries(LANGUAGES) as [Language, typeof nl][]) {
      const page = await pageIn(ctx);
      const scripts: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(r.url());
      });
      await signIn(page, ctx.app.url, 'admin@demo.local');
      await choose(page, language);
      await page.locator('#nav').getByRole('link', { name: L.takeUpNav }).click();
      await page.getByRole('heading', { level: 1, name: L.takeUpTitle }).waitFor();
      const charts = page.locator('main figure.chart');
      await expect.poll(() => charts.count()).toBe(5);
      expect(scripts.some((s) => /admin-take-up/.test(s))).toBe(true);
      for (const chart of await charts.all()) {
        expect(await chart.locator('svg[role="img"] desc').count()).toBe(1);
        expect(await chart.locator('table tbody tr').count()).toBeGreaterThan(0);
      }
      // The demo's neighbourhoods have a few entitled people each: "< 5", never a bar for them.
      const table = page.locator('main table.stack');
      await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(12);
      const text = (await page.locator('main').textContent())!;
      expect(text).toContain('< 5');
      expect(text).toContain(L.takeUpFewNote);
      expect(text).toContain(L.takeUpHiddenNote);
      expect(text).toContain(L.takeUpTotal);
      expect(text).not.toMatch(/\d{4}-\d{2}|undefined|NaN|Maria|Ahmed/);
      expect(await audit(page, `take-up (${language})`)).toEqual([]);
      await screenshot(page, `outreach-take-up-${language}`);

      // A range that runs backwards: the message sits beside the field, in the page's language.
      await page.getByLabel(L.takeUpFrom, { exact: true }).fill('2026-06');
      await page.getByLabel(L.takeUpTo, { exact: true }).fill('2026-03');
      await page.getByRole('button', { name: L.takeUpShow }).click();
      const wrong = page.locator('#take-up-to[aria-invalid="true"]');
      await wrong.waitFor();
      const error = page.locator('.field-error');
      await expect
        .poll(() => error.textContent())
        .toContain({ nl: 'De laatste maand', fr: 'Le dernier mois', en: 'The last month' }[language]);

      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByLabel(L.takeUpFrom, { exact: true }).fill('2026-01');
      await page.getByRole('button', { name: L.takeUpShow }).click();
      await expect.poll(() => page.locator('.field-error').count()).toBe(0);
      await expect.poll(() => charts.count()).toBe(5);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot(page, `outreach-take-up-phone-${language}`);
      await page.close();
    }
  });

  it('gives the counter a worklist with the next step, and logs a contact from it', async () => {
    for (const [language, L] of Object.entries(LANGUAGES) as [Language, typeof nl][]) {
      for (const [width, height, size] of [
        [1280, 800, 'desktop'],
        [390, 844, 'phone'],
      ] as const) {
        const page = await pageIn(ctx, width, height);
        await signIn(page, ctx.app.url, 'counter@demo.local');
        await choose(page, language);
        await page.goto(`${ctx.app.url}/#/counter/outreach`);
        await page.getByRole('heading', { level: 1, name: L.outreachTitle }).waitFor();
        // Maria (Jan's partner) never activated her pass; her letter is 45 days old.
        const maria = page.locator('section.outreach-person', { hasText: 'Maria' });
        await maria.waitFor();
        const text = (await maria.textContent())!;
        expect(text).toContain(L.outreachReasonNotActivated);
        expect(text).toContain(L.outreachStepVisit);
        expect(text).toContain(L.outreachNoPhone);
        // Lotte (r07) has a phone: call.
        expect(await page.locator('section.outreach-person', { hasText: 'Lotte' }).textContent()).toContain(
          L.outreachStepCall,
        );
        expect(await page.locator('main').textContent()).toContain(L.outreachAudited);
        if (size === 'desktop') expect(await audit(page, `worklist (${language})`)).toEqual([]);

        await maria.locator('summary').click();
        const form = maria.locator('form');
        // First in the future: refused beside the field.
        await form.getByLabel(L.outreachWhen).fill('2099-01-01T10:00');
        await form.getByLabel(L.outreachOutcome).selectOption('no_answer');
        await form.getByRole('button', { name: L.outreachSave }).click();
        await form.locator('.field-error').waitFor();
        expect(await form.locator('.field-error').textContent()).toBe(
          {
            nl: 'Dit tijdstip ligt in de toekomst.',
            fr: 'Ce moment est dans le futur.',
            en: 'This moment is in the future.',
          }[language],
        );
        expect(await form.getByLabel(L.outreachWhen).getAttribute('aria-invalid')).toBe('true');
        expect(await form.textContent()).toContain(L.outreachNoteVisible);
        if (size === 'desktop') expect(await audit(page, `contact form error (${language})`)).toEqual([]);
        await screenshot(page, `outreach-worklist-error-${size}-${language}`);
        await form.getByLabel(L.outreachWhen).fill('');
        await form.getByLabel(L.outreachHow).selectOption('visit');
        await form.getByLabel(L.outreachOutcome).selectOption('no_answer');
        await form.getByLabel(L.outreachNote).fill('Niemand thuis, briefje in de bus gelaten.');
        await form.getByRole('button', { name: L.outreachSave }).click();
        await expect.poll(() => form.locator('.ok').textContent()).toContain(lead(L.outreachSaved));
        expect(await maria.textContent()).toContain(L.outreachHowVisit);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await screenshot(page, `outreach-worklist-${size}-${language}`);
        await page.close();
      }
    }
  });

  it('logs a contact on the record, and the resident reads on their pass page that the Social House tried', async () => {
    for (const [language, L] of Object.entries(LANGUAGES) as [Language, typeof nl][]) {
      const resident = await newResident(ctx.app.url, 'Fatima', 'B', {
        phone: '0470 99 88 77',
        locale: language,
      });
      const passNumber = await activate(ctx.app.url, resident);
      const page = await pageIn(ctx);
      await signIn(page, ctx.app.url, 'counter@demo.local');
      await choose(page, language);
      await page.goto(`${ctx.app.url}/#/counter/p/${resident.id}`);
      await page.getByRole('radio').first().check();
      await page.getByRole('button', { name: L.recordOpen }).click();
      const part = page.locator('#outreach-contacts');
      await part.getByText(L.outreachNoContacts).waitFor();
      await part.locator('details summary', { hasText: lead(L.outreachLogContact) }).click();
      await part.getByLabel(L.outreachWhy).selectOption('not_used');
      await part.getByLabel(L.outreachHow).selectOption('call');
      await part.getByLabel(L.outreachOutcome).selectOption('left_message');
      await part.getByLabel(L.outreachNote).fill('Bericht ingesproken over de zomeractiviteiten.');
      await part.getByRole('button', { name: L.outreachSave }).click();
      await expect.poll(() => part.locator('table').count()).toBe(1);
      expect(await part.locator('table').textContent()).toContain(L.outreachOutcomeLeftMessage);
      expect(await audit(page, `record contacts (${language})`)).toEqual([]);
      await screenshot(page, `outreach-record-${language}`);
      await page.close();

      const phone = await pageIn(ctx, 390, 844);
      await signIn(phone, ctx.app.url, passNumber);
      await choose(phone, language);
      await phone.goto(`${ctx.app.url}/#/pass`);
      const mine = phone.locator('#my-outreach');
      await mine.getByRole('heading', { name: L.outreachMineTitle }).waitFor();
      await expect.poll(() => mine.textContent()).toContain(L.outreachMineHowCall);
      const said = (await mine.textContent())!;
      expect(said).toContain(L.outreachMineHowCall);
      expect(said).toContain(L.outreachMineWhyNotUsed);
      expect(said).toContain('Bericht ingesproken over de zomeractiviteiten.');
      // The resident also reads the counter's visit in "who looked at my record", in words.
      await expect.poll(() => phone.locator('main').textContent()).toContain(L.outreachAuditArea);
      expect(await audit(phone, `pass page outreach (${language})`)).toEqual([]);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot(phone, `outreach-pass-phone-${language}`);
      await phone.close();
    }
  });
});
