import { describe, expect, it } from 'vitest';
import { audit } from './axe.ts';
import {
  apiSignIn,
  clubActivities,
  hasChromium,
  send,
  signIn,
  tag,
  travelTo,
  useAppAndBrowser,
} from './server.ts';

const PAGES: Record<string, string[]> = {
  '': ['#/', '#/activities', '#/activate'],
  'resident@demo.local': ['#/', '#/pass', '#/points', '#/settings', '#/rides', '#/activities'],
  'counter@demo.local': [
    '#/',
    '#/counter',
    '#/counter/new',
    '#/counter/import',
    '#/counter/outreach',
    '#/counter/letters',
    '#/counter/failed-deliveries',
  ],
  'club@demo.local': ['#/', '#/door', '#/statements', '#/club/activities'],
  'admin@demo.local': [
    '#/',
    '#/admin',
    '#/admin/statements',
    '#/admin/figures',
    '#/admin/lifts',
    '#/admin/take-up',
    '#/admin/rights',
    '#/admin/social-house',
    '#/admin/import',
  ],
  'door@demo.local': ['#/', '#/door'],
};

describe.skipIf(!hasChromium)('accessibility (axe-core, WCAG 2.2 AA)', () => {
  const ctx = useAppAndBrowser();

  it('finds a violation where there is one (the audit itself works)', async () => {
    const page = await ctx.browser.newPage();
    await page.setContent(
      '<html lang="nl"><body><main><h1>Test</h1><img src="x.png"><button></button></main></body></html>',
    );
    expect((await audit(page, 'control')).length).toBeGreaterThan(0);
    await page.close();
  });

  for (const language of ['nl', 'fr', 'en'] as const) {
    it(`has no serious or critical violation on any page, in ${language}`, async () => {
      const problems: string[] = [];
      for (const [login, hashes] of Object.entries(PAGES)) {
        const context = await ctx.browser.newContext({ locale: `${language}-BE` });
        const page = await context.newPage();
        await page.goto(ctx.app.url);
        await page.evaluate((l) => localStorage.setItem('buurtpas.locale', l), language);
        if (login) {
          await page.reload();
          await page.locator('#login').fill(login);
          await page.locator('#password').fill('demo-password');
          await page.locator('form button[type=submit]').click();
          await page.locator('#logout:not([hidden])').waitFor();
        }
        for (const hash of hashes) {
          await page.goto(`${ctx.app.url}/${hash}`);
          await page.locator('main h1').first().waitFor();
          expect(await page.getAttribute('html', 'lang')).toBe(language);
          problems.push(...(await audit(page, `${login || 'anonymous'} ${hash}`)));
        }
        await context.close();
      }
      expect(problems).toEqual([]);
    });
  }

  it('walks sign-in, my pass, sign-up and the door by keyboard alone', async () => {
    // An activity of its own, this afternoon: near the top of the list (other browser tests add activities
    // before the demo's), and nobody signed up for it yet.
    const club = await apiSignIn(ctx.app.url, 'club@demo.local');
    const training = `Voetbaltraining ${tag()}`;
    const start = Date.now() + 2 * 3_600_000;
    await send(ctx.app.url, `/clubs/${club.clubIds[0]}/activities`, club.token, {
      title: training,
      category: 'sport',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 3_600_000).toISOString(),
      capacity: 20,
      regularPriceCents: 0,
    });
    const page = await ctx.browser.newPage({ locale: 'nl-BE' });
    await page.goto(ctx.app.url);
    // Focus starts on the page's content, so the first Tab reaches the first field.
    await page.locator('#login').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login');
    await page.keyboard.type('resident@demo.local');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo-password');
    await page.keyboard.press('Enter');
    await page.locator('#logout:not([hidden])').waitFor();
    const tabTo = async (name: RegExp) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const text = await page.evaluate(() => document.activeElement?.textContent ?? '');
        if (name.test(text)) return;
      }
      throw new Error(`could not reach ${name} by keyboard`);
    };
    await tabTo(/^Mijn pas$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Mijn pas', level: 1 }).waitFor();
    await tabTo(/^Activiteiten$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Activiteiten', level: 1 }).waitFor();
    await tabTo(new RegExp(`^${training}$`));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: training, level: 1 }).waitFor();
    await tabTo(/^Inschrijven$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Ingeschreven');
    await page.close();

    // Shortly before swimming starts, when its door is open, the door page chooses it.
    const swim = (await clubActivities(ctx.app.url, 'door@demo.local')).find(
      (a) => a.title === 'Zwemmen voor iedereen',
    )!;
    const door = await ctx.browser.newPage({ locale: 'nl-BE' });
    await travelTo(door, swim);
    await signIn(door, ctx.app.url, 'door@demo.local');
    await door.locator('#logout:not([hidden])').waitFor();
    await door.goto(`${ctx.app.url}/#/door`);
    await door.locator('#door-number').focus();
    await door.keyboard.type('1608 6368 5586 7');
    await door.keyboard.press('Enter');
    await expect.poll(() => door.locator('.scan-result').textContent()).toContain('Jan P.');
    await door.close();
  });
});
