import { describe, expect, it } from 'vitest';
import { hasChromium, signIn, useAppAndBrowser, send } from './server.ts';

const SAMIRA = '4143376040899';
const JAN = '1608636855867';

const TITLE = 'Zwemles voor iedereen';

/** Signs in through the API and returns a bearer token. */
async function token(url: string, login: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: 'demo-password' }),
  });
  return ((await response.json()) as { token: string }).token;
}

/** The club publishes a lesson that is on now; the door sells it to Samira and to Jan at the till. */
async function sellLessons(url: string): Promise<string[]> {
  const club = await token(url, 'club@demo.local');
  const door = await token(url, 'door@demo.local');
  const clubId = (await send<{ clubIds: string[] }>(url, '/me', club)).clubIds[0]!;
  const start = Date.now() - 10 * 60_000;
  const activity = await send<{ id: string }>(url, `/clubs/${clubId}/activities`, club, {
    title: TITLE,
    category: 'sport',
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 3_600_000).toISOString(),
    capacity: null,
    regularPriceCents: 400,
  });
  const ids: string[] = [];
  for (const passNumber of [SAMIRA, JAN]) {
    const quote = await send<{ tariffId: string }>(
      url,
      `/tariffs?activityId=${activity.id}&passNumber=${passNumber}`,
      door,
    );
    const sold = await send<{ sales: { id: string }[] }>(url, '/ticket-sales', door, {
      sales: [{ activityId: activity.id, passNumber, tariffId: quote.tariffId }],
    });
    ids.push(sold.sales[0]!.id);
  }
  return ids;
}

describe.skipIf(!hasChromium)('statements in the browser', () => {
  const ctx = useAppAndBrowser();

  it('the club sees its month added up per activity and price, without names or pass numbers; the municipality sees each sale', async () => {
    const saleIds = await sellLessons(ctx.app.url);
    const month = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Brussels',
      year: 'numeric',
      month: '2-digit',
    }).format(new Date());

    const page = await ctx.browser.newPage({ locale: 'nl-BE' });
    await signIn(page, ctx.app.url, 'club@demo.local');
    // The page first loads last month. Hold that answer until the chosen month is on screen, then let it
    // arrive late: an older answer must not replace the newer one (a month picked while the first loads).
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const statement = /\/statements\/\d{4}-\d{2}$/;
    await page.route(statement, async (route) => {
      if (!route.request().url().endsWith(`/${month}`)) await released;
      await route.continue();
    });
    await page.getByRole('link', { name: 'Afrekeningen' }).first().click();
    await page.locator('#month').fill(month);
    const rows = page.locator('table tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    const late = page.waitForResponse((r) => statement.test(r.url()) && !r.url().endsWith(`/${month}`));
    release();
    await (await late).finished();
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(await page.locator('main .big').first().textContent()).toContain(
      new Intl.DateTimeFormat('nl-BE', { month: 'long', timeZone: 'Europe/Brussels' }).format(new Date()),
    );
    await expect.poll(() => rows.count()).toBe(3);
    const cells = async (i: number) =>
      (await rows.nth(i).locator('td').allTextContents()).map((c) => c.replace(/\s/g, ' '));
    // One row at the regular price, one at the social price: each counts one sale.
    expect(await cells(0)).toEqual([TITLE, '1', '€ 4,00 → € 4,00', '€ 4,00', '€ 4,00', '€ 0,00', '€ 0,00']);
    expect((await cells(1)).slice(0, 3)).toEqual([TITLE, '1', '€ 4,00 → € 1,00']);
    expect((await cells(2)).slice(0, 2)).toEqual(['Totaal', '2']);
    expect(await page.getByRole('columnheader').allTextContents()).not.toContain('Pasnummer');
    const text = (await page.locator('main').textContent()) ?? '';
    for (const forbidden of [
      SAMIRA,
      '4143 3760 4089 9',
      JAN,
      '1608 6368 5586 7',
      'Samira',
      'Jan P',
      ...saleIds,
    ]) {
      expect(text).not.toContain(forbidden);
    }
    await page.close();

    const admin = await ctx.browser.newPage({ locale: 'nl-BE' });
    await signIn(admin, ctx.app.url, 'admin@demo.local');
    await admin.goto(`${ctx.app.url}/#/admin/statements`);
    await admin.locator('#month').fill(month);
    // The running month can still change: no approve button, but when it can be approved.
    await expect
      .poll(() => admin.locator('main table').first().textContent())
      .toContain('Goedkeuren kan als');
    expect(await admin.getByRole('button', { name: /^Goedkeuren/ }).count()).toBe(0);
    await admin.getByRole('button', { name: 'Verkopen één voor één: Sportclub Demostad' }).click();
    await expect.poll(() => admin.locator('section table tbody tr').count()).toBe(2);
    const audit = (await admin.locator('section').textContent()) ?? '';
    for (const id of saleIds) expect(audit).toContain(id);
    for (const forbidden of [SAMIRA, JAN, 'Samira']) expect(audit).not.toContain(forbidden);
    await admin.close();
  });
});
