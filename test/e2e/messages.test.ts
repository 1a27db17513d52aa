import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/locales/en.ts';
import { fr } from '../../web/src/locales/fr.ts';
import { nl } from '../../web/src/locales/nl.ts';
import { audit } from './axe.ts';
import {
  activate,
  apiSignIn,
  chooseLanguage,
  hasChromium,
  newResident,
  screenshot,
  SCREENSHOTS,
  send,
  signIn,
  useAppAndBrowser,
} from './server.ts';

/**
 * Messages that leave the app, in the browser: a resident chooses their channels and language on their own
 * page (a channel without an address is refused beside its checkbox); the counter opens the day's letters and
 * prints them, one A4 page per letter; and the counter sees the message that did not arrive, with whom to call.
 * Messages go through the app's real outbox, local queue and consumer (wrangler dev).
 */
const LANGUAGES = { nl, fr, en } as const;
type Language = keyof typeof LANGUAGES;
const lead = (text: string) => text.split('{')[0]!;
/** Long enough for one retry of the outbox queue (wrangler.toml: a first retry after 30 s). */
const DELIVERY_WAIT = 75_000;

async function choose(page: Page, language: Language) {
  await chooseLanguage(page, language);
}

type Settings = { channels: Record<string, boolean>; language: string };

describe.skipIf(!hasChromium)('messages by e-mail, SMS and letter', () => {
  const ctx = useAppAndBrowser();

  /** An activity of the sports club in three days, people signed up by the counter, then cancelled: a message each. */
  async function cancelledActivityFor(people: { id: string }[]) {
    const club = await apiSignIn(ctx.app.url, 'club@demo.local');
    const counter = await apiSignIn(ctx.app.url, 'counter@demo.local');
    const start = Date.now() + 3 * 86_400_000;
    const activity = await send<{ id: string }>(
      ctx.app.url,
      `/clubs/${club.clubIds[0]}/activities`,
      club.token,
      {
        title: `Brieventest ${Date.now()}`,
        category: 'sport',
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 3_600_000).toISOString(),
        capacity: 20,
        regularPriceCents: 0,
      },
    );
    await send(ctx.app.url, `/activities/${activity.id}/signups`, counter.token, {
      passholderIds: people.map((p) => p.id),
    });
    await send(ctx.app.url, `/activities/${activity.id}/cancel`, club.token, {});
  }

  it('a resident chooses their channels and language on their own page', async () => {
    const person = await newResident(ctx.app.url, 'Lotte', 'M', { email: `lotte-${Date.now()}@example.org` });
    const login = await activate(ctx.app.url, person);
    const page = await ctx.browser.newPage({ locale: 'nl-BE', viewport: { width: 390, height: 844 } });
    await signIn(page, ctx.app.url, login);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.goto(`${ctx.app.url}/#/pass`);
    await page.getByRole('link', { name: nl.msgSettingsLink }).click();
    await page.getByRole('heading', { level: 1, name: nl.msgSettingsTitle }).waitFor();
    const email = page.locator('#message-settings-email');
    const sms = page.locator('#message-settings-sms');
    const paper = page.locator('#message-settings-paper');
    await expect.poll(() => email.isChecked()).toBe(true);
    expect(await page.locator('#message-settings-app').isChecked()).toBe(true);
    expect(await page.locator('main').textContent()).toContain(lead(nl.msgDefaults));

    // SMS without a phone number: refused, the message beside that checkbox.
    await sms.check();
    await page.getByRole('button', { name: nl.msgSave }).click();
    await expect.poll(() => sms.getAttribute('aria-invalid')).toBe('true');
    const error = page.locator('.field-error');
    await expect.poll(() => error.textContent()).toContain('gsm-nummer');
    expect(await audit(page, 'settings refused (nl)')).toEqual([]);
    await screenshot(page, 'messages-settings-refused-nl');

    // Letter instead, and messages in French.
    await sms.uncheck();
    await paper.check();
    await page.getByLabel(nl.msgLanguage).selectOption('fr');
    await page.getByRole('button', { name: nl.msgSave }).click();
    await expect.poll(() => page.locator('p.ok').textContent()).toBe(nl.msgSaved);
    expect(await page.locator('.field-error').count()).toBe(0);
    await expect.poll(() => paper.isChecked()).toBe(true);
    const counter = await apiSignIn(ctx.app.url, 'counter@demo.local');
    const saved = await send<Settings>(
      ctx.app.url,
      `/passholders/${person.id}/notification-settings`,
      counter.token,
    );
    expect(saved).toMatchObject({
      channels: { app: true, email: true, sms: false, paper: true },
      language: 'fr',
    });

    for (const language of Object.keys(LANGUAGES) as Language[]) {
      const L = LANGUAGES[language];
      await choose(page, language);
      await page.getByRole('heading', { level: 1, name: L.msgSettingsTitle }).waitFor();
      await expect.poll(() => page.getByText(L.msgPaper).count()).toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await audit(page, `settings (${language})`)).toEqual([]);
      await screenshot(page, `messages-settings-phone-${language}`);
    }
    await page.close();
  });

  it('the counter opens the day’s letters, each in its person’s language, one A4 page per letter', async () => {
    const marie = await newResident(ctx.app.url, 'Marie', 'D', {
      locale: 'fr',
      address: 'Rue de la Gare 12',
    });
    const piet = await newResident(ctx.app.url, 'Piet', 'V', { locale: 'nl', address: 'Kerkstraat 3' });
    await cancelledActivityFor([marie, piet]);
    const counter = await apiSignIn(ctx.app.url, 'counter@demo.local');
    const path = `/municipalities/${counter.municipalityId}/letters`;
    type Batch = { count: number; letters: { passholderId: string; locale: string; subject: string }[] };
    const batch = async () => {
      const response = await fetch(`${ctx.app.url}/api/v1${path}`, {
        headers: { authorization: `Bearer ${counter.token}`, accept: 'application/json' },
      });
      return (await response.json()) as Batch;
    };
    // The queue's consumer puts them in today's batch (a try that fails comes back after the local
    // queue's 30 s wait: hence the longer wait here).
    await expect
      .poll(
        async () =>
          (await batch()).letters.filter((l) => [marie.id, piet.id].includes(l.passholderId)).length,
        { timeout: DELIVERY_WAIT },
      )
      .toBe(2);
    const letters = (await batch()).letters;
    expect(letters.find((l) => l.passholderId === marie.id)).toMatchObject({
      locale: 'fr',
      subject: 'Une activité est annulée',
    });
    expect(letters.find((l) => l.passholderId === piet.id)).toMatchObject({
      locale: 'nl',
      subject: 'Een activiteit gaat niet door',
    });

    for (const language of Object.keys(LANGUAGES) as Language[]) {
      const L = LANGUAGES[language];
      const page = await ctx.browser.newPage({ locale: 'nl-BE', viewport: { width: 390, height: 844 } });
      await signIn(page, ctx.app.url, 'counter@demo.local');
      await choose(page, language);
      await page.goto(`${ctx.app.url}/#/counter/letters`);
      await page.getByRole('heading', { level: 1, name: L.msgLettersTitle }).waitFor();
      const count = (await batch()).count;
      await expect.poll(() => page.locator('main').textContent()).toContain(marie.lastName);
      expect(await page.locator('main').textContent()).toContain(
        lead(count === 1 ? L.msgLettersCount_one : L.msgLettersCount).replace('{count}', ''),
      );
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await audit(page, `letters (${language})`)).toEqual([]);
      await screenshot(page, `messages-letters-phone-${language}`);
      await page.close();
    }

    // The printable batch: opened from the page's link (the session cookie), one A4 page per letter. The
    // document allows no script (its Content-Security-Policy); the accessibility audit's own script is let in.
    const page = await ctx.browser.newPage({
      locale: 'nl-BE',
      viewport: { width: 1280, height: 800 },
      bypassCSP: true,
    });
    await signIn(page, ctx.app.url, 'counter@demo.local');
    await page.goto(`${ctx.app.url}/#/counter/letters`);
    const link = page.getByRole('link', { name: nl.msgLettersOpen });
    await link.waitFor();
    const href = await link.getAttribute('href');
    await page.goto(`${ctx.app.url}${href}`);
    const count = (await batch()).count;
    expect(await page.locator('article.letter').count()).toBe(count);
    expect(
      await page.locator('article.letter[lang="fr"]').filter({ hasText: marie.lastName }).textContent(),
    ).toContain('Bonjour Marie');
    expect(await audit(page, 'letters batch')).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    const printed = Buffer.from(await page.pdf({ format: 'A4', printBackground: true }));
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(join(SCREENSHOTS, 'messages-letters.pdf'), printed);
    expect(printed.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length).toBe(count);
    await page.setViewportSize({ width: 794, height: 1123 });
    await screenshot(page, 'messages-letters-print');
    await page.close();
  });

  it('a message that did not arrive shows on the counter’s list, with whom to call', async () => {
    // A phone number an SMS cannot go to: the SMS sink refuses it at once (a permanent error).
    const person = await newResident(ctx.app.url, 'Noor', 'B', { phone: '123 456' });
    await cancelledActivityFor([person]);
    const counter = await apiSignIn(ctx.app.url, 'counter@demo.local');
    const list = () =>
      send<{ items: { passholderId: string }[] }>(
        ctx.app.url,
        `/municipalities/${counter.municipalityId}/failed-deliveries`,
        counter.token,
      );
    await expect
      .poll(async () => (await list()).items.some((i) => i.passholderId === person.id), {
        timeout: DELIVERY_WAIT,
      })
      .toBe(true);
    for (const language of Object.keys(LANGUAGES) as Language[]) {
      const L = LANGUAGES[language];
      const page = await ctx.browser.newPage({ locale: 'nl-BE', viewport: { width: 390, height: 844 } });
      await signIn(page, ctx.app.url, 'counter@demo.local');
      await choose(page, language);
      await page.goto(`${ctx.app.url}/#/counter/failed-deliveries`);
      await page.getByRole('heading', { level: 1, name: L.msgFailedTitle }).waitFor();
      await expect.poll(() => page.locator('main').textContent()).toContain(person.lastName);
      expect(await page.locator('main').textContent()).toContain('123 456');
      // Why, in the staff member's language (the service's own words are only the technical detail).
      expect(await page.locator('main tr', { hasText: person.lastName }).textContent()).toContain(
        L.msgReasonBadAddress,
      );
      expect(await audit(page, `failed deliveries (${language})`)).toEqual([]);
      await screenshot(page, `messages-failed-phone-${language}`);
      if (language === 'en') {
        await page
          .getByRole('button', { name: `${L.msgFailedLetter}: ${person.firstName} ${person.lastName}` })
          .click();
        await expect
          .poll(() => page.locator('p.ok').textContent())
          .toBe(L.msgFailedDoneLetter.replace('{name}', `${person.firstName} ${person.lastName}`));
        await expect.poll(() => page.locator('main tr', { hasText: person.lastName }).count()).toBe(0);
      }
      await page.close();
    }
  });
});
