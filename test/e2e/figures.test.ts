import { describe, expect, it } from 'vitest';
import { audit } from './axe.ts';
import {
  apiSignIn,
  chooseLanguage,
  grantStatus,
  hasChromium,
  newResident,
  screenshot,
  send,
  signIn,
  tag,
  useAppAndBrowser,
} from './server.ts';

/**
 * This year's figures get something to show: a budget, social-tariff sales at the till, and a lift request
 * that nobody answers, all through the API as the people concerned would make them. The buyers are new
 * residents (one with the social status, one without), and the lift is asked from a new neighbourhood: the
 * browser tests share one database, and the figures of the year hold the other tests' sales and lifts too.
 * Answers the new neighbourhood's name.
 */
async function makeAYear(url: string): Promise<string> {
  const [club, door, counter, admin] = await Promise.all(
    ['club@demo.local', 'door@demo.local', 'counter@demo.local', 'admin@demo.local'].map((l) =>
      apiSignIn(url, l),
    ),
  );
  const year = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Europe/Brussels' }).format(
    new Date(),
  );
  const me = await send<{ staffRoles: { municipalityId: string | null }[] }>(url, '/me', admin!.token);
  const municipalityId = me.staffRoles.find((r) => r.municipalityId)!.municipalityId!;
  await send(
    url,
    `/municipalities/${municipalityId}/budgets/${year}`,
    admin!.token,
    {
      amountCents: 500_000,
      warningPct: 80,
    },
    'PUT',
  );
  const hood = `Dorpsrand ${tag()}`;
  const hoodId = (
    await send<{ id: string }>(url, `/municipalities/${municipalityId}/neighbourhoods`, admin!.token, {
      name: hood,
      postalCodes: ['9300'],
    })
  ).id;
  const samira = await newResident(url, 'Samira', 'E');
  await grantStatus(url, samira);
  const jan = await newResident(url, 'Jan', 'P');
  const start = Date.now() - 10 * 60_000;
  const activity = await send<{ id: string }>(url, `/clubs/${club!.clubIds[0]}/activities`, club!.token, {
    title: 'Zwemmen in de namiddag',
    category: 'sport',
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 3_600_000).toISOString(),
    capacity: 30,
    regularPriceCents: 800,
  });
  for (const { passNumber } of [samira, jan]) {
    const quote = await send<{ tariffId: string }>(
      url,
      `/tariffs?activityId=${activity.id}&passNumber=${passNumber}`,
      door!.token,
    );
    await send(url, '/ticket-sales', door!.token, {
      sales: [{ activityId: activity.id, passNumber, tariffId: quote.tariffId }],
    });
  }
  await send(url, `/activities/${activity.id}/signups`, counter!.token, { passholderIds: [samira.id] });
  await send(url, `/activities/${activity.id}/ride-requests`, counter!.token, {
    passholderId: samira.id,
    address: 'Kerkstraat 12',
    neighbourhoodId: hoodId,
  });
  return hood;
}

const HEADINGS = {
  nl: { menu: 'Cijfers', title: /Cijfers van \d{4}/, budget: 'Budget voor het sociaal tarief' },
  fr: { menu: 'Chiffres', title: /Chiffres de \d{4}/, budget: 'Budget du tarif social' },
  en: { menu: 'Figures', title: /Figures for \d{4}/, budget: 'Social tariff budget' },
} as const;

describe.skipIf(!hasChromium)('the policy team’s figures in pictures', () => {
  const ctx = useAppAndBrowser();

  it('shows budget, money paid back, lifts and the social tariff as charts with their tables, in nl, fr and en', async () => {
    const hood = await makeAYear(ctx.app.url);
    for (const [language, words] of Object.entries(HEADINGS)) {
      const page = await ctx.browser.newPage({ locale: 'nl-BE', viewport: { width: 1280, height: 800 } });
      const scripts: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(r.url());
      });
      await signIn(page, ctx.app.url, 'admin@demo.local');
      await chooseLanguage(page, language);
      await page.goto(`${ctx.app.url}/#/admin/statements`);
      await page.locator('main h1').waitFor();
      // The charts are downloaded only by the page that shows them.
      expect(scripts.filter((s) => /admin-figures|charts/.test(s))).toEqual([]);

      await page.locator('#nav').getByRole('link', { name: words.menu }).click();
      await page.getByRole('heading', { level: 1, name: words.title }).waitFor();
      await page.getByRole('heading', { level: 2, name: words.budget }).waitFor();
      const figures = page.locator('main figure.chart');
      await expect.poll(() => figures.count()).toBeGreaterThanOrEqual(8);
      expect(scripts.some((s) => /admin-figures/.test(s))).toBe(true);

      // Every chart: an SVG image with a title and a description, and its numbers in a table.
      for (const chart of await figures.all()) {
        const svg = chart.locator('svg[role="img"]');
        expect(await svg.count()).toBe(1);
        expect((await svg.locator('title').first().textContent())!.length).toBeGreaterThan(3);
        expect((await svg.locator('desc').textContent())!.length).toBeGreaterThan(3);
        expect(await chart.locator('table tbody tr').count()).toBeGreaterThan(0);
      }
      const text = (await page.locator('main').textContent())!;
      // Values in words: no ISO months or dates, no category codes, no raw cents.
      expect(text).not.toMatch(/\d{4}-\d{2}/);
      expect(text).not.toMatch(/\bsport\b|MONTH|undefined|NaN/);
      expect(text).toMatch(/€/);
      // The one unanswered lift is a small count: the table says "< 5" and no bar tells the number. (The
      // chart has the other browser tests' lifts too: look at this neighbourhood's column and bars.)
      const hoods = page.locator('figure', { hasText: /wijk|quartier|neighbourhood/i }).first();
      const column = await hoods.locator('table').evaluate((table, name) => {
        const at = Array.from(table.querySelectorAll('thead th')).findIndex((th) => th.textContent === name);
        return at < 0
          ? null
          : Array.from(
              table.querySelectorAll('tbody tr'),
              (tr) => tr.querySelectorAll('td')[at]?.textContent ?? '',
            );
      }, hood);
      expect(column?.join(' | ')).toContain('< 5');
      const bars = await hoods.locator('svg rect title').allTextContents();
      expect(bars.filter((title) => title.startsWith(`${hood} ·`))).toEqual([]);

      expect(await audit(page, `figures (${language})`)).toEqual([]);
      await screenshot(page, `municipality-figures-${language}`);
      // On a phone the charts shrink with the page and the month tables scroll inside their own box.
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot(page, `municipality-figures-phone-${language}`);
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.figures-controls').isVisible()).toBe(false);
      await page.close();
    }
  });
});
