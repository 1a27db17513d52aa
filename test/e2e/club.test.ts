import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { toBrusselsInput } from '../../web/src/pages/activity-times.ts';
import { audit } from './axe.ts';
import {
  apiSignIn,
  chooseLanguage,
  grantStatus,
  hasChromium,
  newResident,
  screenshot,
  signIn,
  tag,
  useAppAndBrowser,
} from './server.ts';

type Lang = 'nl' | 'fr' | 'en';

/** What a person reads in each language, for the checks below. */
const WORDS = {
  nl: {
    list: 'Activiteiten van de vereniging',
    created: 'Gepubliceerd.',
    publish: 'Publiceren',
    confirm: '2 mensen die ingeschreven zijn of wachten, krijgen een bericht.',
    yes: 'Opslaan en verwittigen',
    saved: 'Opgeslagen. 2 mensen kregen een bericht.',
    notice: /^De activiteit ".*" is gewijzigd\. Nieuw tijdstip: .* Nieuwe plaats: Sporthal Noord/,
    empty: 'Geen verkopen deze maand.',
    september: 'september',
  },
  fr: {
    list: 'Activités de l’association',
    created: 'Publié.',
    publish: 'Publier',
    confirm: '2 personnes inscrites ou en attente recevront un message.',
    yes: 'Enregistrer et prévenir',
    saved: 'Enregistré. 2 personnes ont reçu un message.',
    notice: /^L’activité « .* » a changé\. Nouvel horaire : .* Nouveau lieu : Sporthal Noord/,
    empty: 'Aucune vente ce mois-ci.',
    september: 'septembre',
  },
  en: {
    list: 'Club activities',
    created: 'Published.',
    publish: 'Publish',
    confirm: '2 people who signed up or are waiting will get a message.',
    yes: 'Save and tell them',
    saved: 'Saved. 2 people got a message.',
    notice: /^The activity ".*" has changed\. New time: .* New place: Sporthal Noord/,
    empty: 'No sales this month.',
    september: 'September',
  },
} as const;

const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();

function client(url: string, token: string) {
  return async <T>(path: string, body?: unknown, method?: string): Promise<T> => {
    const response = await fetch(`${url}/api/v1${path}`, {
      method: method ?? (body === undefined ? 'GET' : 'POST'),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.text();
    expect(response.ok, `${path}: ${answer}`).toBe(true);
    return JSON.parse(answer) as T;
  };
}

/** The Brussels month of now, as "2026-11". */
const thisMonth = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit' }).format(
    new Date(),
  );

async function axeClean(page: Page, what: string): Promise<void> {
  expect(await audit(page, what)).toEqual([]);
}

describe.skipIf(!hasChromium)('the club admin at 1280×800', () => {
  const ctx = useAppAndBrowser();

  it.each(['nl', 'fr', 'en'] as const)(
    'in %s: creates an activity at sensible times, edits one and tells who signed up, reads and prints a statement',
    async (lang: Lang) => {
      const w = WORDS[lang];
      const url = ctx.app.url;
      const club = await apiSignIn(url, 'club@demo.local');
      const clubId = club.clubIds[0]!;
      const asClub = client(url, club.token);
      const asCounter = client(url, (await apiSignIn(url, 'counter@demo.local')).token);
      const asResident = client(url, (await apiSignIn(url, 'resident@demo.local')).token);
      const asNeighbour = client(url, (await apiSignIn(url, 'neighbour@demo.local')).token);

      // Set-up: a published activity next week with one place; Samira holds it, Jan waits. Samira reads in `lang`.
      const start = Date.now() + 7 * 86_400_000;
      const activity = await asClub<{ id: string; title: string }>(`/clubs/${clubId}/activities`, {
        title: `Zwemles ${lang}`,
        category: 'sport',
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 3_600_000).toISOString(),
        capacity: 1,
        regularPriceCents: 400,
        venue: { name: 'Zwembad', address: 'Markt 1, 9300 Demostad' },
      });
      const samira = await asResident<{ passholderId: string }>('/me');
      await asCounter(`/passholders/${samira.passholderId}`, { locale: lang }, 'PATCH');
      await asResident(`/activities/${activity.id}/signups`, {});
      await asNeighbour(`/activities/${activity.id}/signups`, {});

      const page = await ctx.browser.newPage({ locale: 'nl-BE', viewport: { width: 1280, height: 800 } });
      await signIn(page, url, 'club@demo.local');
      await page.locator('#logout:not([hidden])').waitFor();
      await chooseLanguage(page, lang);
      await page.goto(`${url}/#/club/activities`);
      await page.getByRole('heading', { name: w.list, level: 1 }).waitFor();

      // 1. The new activity's form proposes a time on the hour, in the future (Brussels time).
      const form = page.locator('form[aria-labelledby=new-activity-title]');
      const startValue = await form.locator('#act-start').inputValue();
      const endValue = await form.locator('#act-end').inputValue();
      expect(startValue).toMatch(/T\d\d:00$/);
      expect(startValue > toBrusselsInput(new Date().toISOString())).toBe(true);
      expect(endValue > startValue).toBe(true);
      expect(await form.locator('#act-deadline').inputValue()).toMatch(/T20:00$/);
      await axeClean(page, `club activities ${lang}`);
      await screenshot(page, `club-activities-${lang}`);

      // 2. Create it with a description in three languages.
      const title = `Petanque ${lang} ${Date.now()}`;
      await form.locator('#act-title').fill(title);
      await form.locator('#act-descriptionNl').fill('Petanque op het plein.');
      await form.locator('#act-descriptionFr').fill('Pétanque sur la place.');
      await form.locator('#act-descriptionEn').fill('Petanque on the square.');
      await form.getByRole('button', { name: w.publish, exact: true }).click();
      await expect.poll(() => text(form.locator('[role=status]'))).toBe(w.created);
      const { items } = await asClub<{ items: { id: string; title: string }[] }>(
        `/clubs/${clubId}/activities`,
      );
      const made = items.find((a) => a.title === title)!;
      const saved = await asClub<{ description: Record<string, string>; startsAt: string }>(
        `/activities/${made.id}`,
      );
      expect(saved.description).toEqual({
        nl: 'Petanque op het plein.',
        fr: 'Pétanque sur la place.',
        en: 'Petanque on the square.',
      });
      expect(toBrusselsInput(saved.startsAt)).toBe(startValue);

      // 3. Membership offers: the season in words, the price in euros.
      const offers = page.locator('#offers-title').locator('..');
      const seasonOption = offers.locator('#offer-season option').first();
      expect(await text(seasonOption)).toContain(w.september);
      await offers.locator('#offer-title').fill(`Lidgeld ${lang}`);
      await offers.locator('#offer-price').fill('45');
      await offers.locator('button[type=submit]').click();
      const row = offers.getByRole('row').filter({ hasText: `Lidgeld ${lang}` });
      await expect.poll(() => row.count()).toBe(1);
      const rowText = await text(row);
      expect(rowText).toMatch(/€\s?45[,.]00|45,00\s€/);
      expect(rowText).toContain(w.september);
      expect(rowText).not.toMatch(/\d{4}-\d{4}|\bsport\b/);
      await axeClean(page, `club activities with offers ${lang}`);

      // 4. Edit the activity people signed up for: a new time and a new venue.
      await page.goto(`${url}/#/club/activities/${activity.id}`);
      await page.getByRole('heading', { name: activity.title, level: 1 }).waitFor();
      const edit = page.locator('form[aria-labelledby=edit-activity-title]');
      expect(await edit.locator('#edit-venue').inputValue()).toBe('Zwembad');
      await axeClean(page, `club activity ${lang}`);
      const later = start + 86_400_000;
      await edit.locator('#edit-start').fill(toBrusselsInput(new Date(later).toISOString()));
      await edit.locator('#edit-end').fill(toBrusselsInput(new Date(later + 7_200_000).toISOString()));
      await edit.locator('#edit-venue').fill('Sporthal Noord');
      await edit.locator('button[type=submit]').click();
      const dialog = page.locator('dialog.confirm');
      await expect.poll(() => text(dialog)).toContain(w.confirm);
      await screenshot(page, `club-edit-confirm-${lang}`);
      await dialog.getByRole('button', { name: w.yes }).click();
      await expect.poll(() => text(edit.locator('[role=status]'))).toBe(w.saved);
      expect(await text(page.locator('main > div > p').nth(1))).toContain('Sporthal Noord');
      await screenshot(page, `club-edited-${lang}`);
      // Samira reads the message in her language.
      const { items: notes } = await asResident<{
        items: { kind: string; message: string; activityId: string }[];
      }>('/me/notifications');
      const note = notes.find((n) => n.activityId === activity.id && n.kind === 'activity_changed');
      expect(note?.message).toMatch(w.notice);

      // 5. The statement: a month with sales in words, printed on one A4; an empty month says so.
      await sellLessons(url, clubId);
      await page.goto(`${url}/#/statements`);
      await page.locator('#month').fill(thisMonth());
      const big = page.locator('main .big');
      const monthName = new Intl.DateTimeFormat(`${lang}-BE`, {
        month: 'long',
        timeZone: 'Europe/Brussels',
      }).format(new Date());
      await expect.poll(() => text(big)).toContain(monthName);
      await page.locator('main table tbody tr').first().waitFor();
      expect(await text(page.locator('main'))).not.toMatch(/\d{4}-\d{2}(?!\d)/);
      await axeClean(page, `club statement ${lang}`);
      await screenshot(page, `club-statement-${lang}`);
      await page.emulateMedia({ media: 'print' });
      // In print: no menu, no buttons, no month picker; the table stays a table in a compact font.
      expect(await page.locator('header.top').isVisible()).toBe(false);
      expect(await page.locator('main button:visible, #month:visible').count()).toBe(0);
      expect(await page.locator('main thead').isVisible()).toBe(true);
      expect(
        await page.locator('main table').evaluate((t) => parseFloat(getComputedStyle(t).fontSize)),
      ).toBeLessThan(12);
      await screenshot(page, `club-statement-print-${lang}`);
      const pdf = Buffer.from(await page.pdf({ format: 'A4', printBackground: true })).toString('latin1');
      expect(pdf.match(/\/Type\s*\/Page(?![s\w])/g)?.length).toBe(1);
      await page.emulateMedia({ media: 'screen' });

      await page.locator('#month').fill('2025-01');
      await expect.poll(() => text(page.locator('main .empty'))).toBe(w.empty);
      expect(await page.locator('main table').count()).toBe(0);
      await axeClean(page, `club statement empty ${lang}`);
      await screenshot(page, `club-statement-empty-${lang}`);
      // The month before, by its name.
      const before = page.locator('.month-steps button').first();
      expect(await text(before)).toMatch(/december 2024|décembre 2024/i);
      await before.click();
      await expect.poll(() => page.locator('#month').inputValue()).toBe('2024-12');
      await page.close();
    },
  );
});

/**
 * The door sells today's lesson to two residents registered for it (one with the social status), so the
 * running month has a statement.
 */
async function sellLessons(url: string, clubId: string): Promise<void> {
  const asClub = client(url, (await apiSignIn(url, 'club@demo.local')).token);
  const asDoor = client(url, (await apiSignIn(url, 'door@demo.local')).token);
  const start = Date.now() - 10 * 60_000;
  const activity = await asClub<{ id: string }>(`/clubs/${clubId}/activities`, {
    title: `Zwemles ${tag()}`,
    category: 'sport',
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 3_600_000).toISOString(),
    capacity: null,
    regularPriceCents: 400,
  });
  const samira = await newResident(url, 'Samira', 'E');
  await grantStatus(url, samira);
  const jan = await newResident(url, 'Jan', 'P');
  for (const { passNumber } of [samira, jan]) {
    const quote = await asDoor<{ tariffId: string }>(
      `/tariffs?activityId=${activity.id}&passNumber=${passNumber}`,
    );
    await asDoor('/ticket-sales', {
      sales: [{ activityId: activity.id, passNumber, tariffId: quote.tariffId }],
    });
  }
}
