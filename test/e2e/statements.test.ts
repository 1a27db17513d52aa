import { describe, expect, it } from 'vitest';
import {
  apiSignIn,
  grantStatus,
  hasChromium,
  newResident,
  pageIdle,
  send,
  signIn,
  tag,
  useAppAndBrowser,
  type Resident,
} from './server.ts';

/** A pass number as the app shows it: "4143 3760 4089 9". */
const spaced = (passNumber: string) => passNumber.replace(/(\d{4})(?=\d)/g, '$1 ');

/** Signs in through the API and returns a bearer token. */
async function token(url: string, login: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: 'demo-password' }),
  });
  return ((await response.json()) as { token: string }).token;
}

/**
 * The club publishes a lesson that is on now; the door sells it at the till to Samira (social status) and to
 * Jan (none), two residents registered for this test.
 */
async function sellLessons(url: string, title: string, buyers: Resident[]): Promise<string[]> {
  const club = await token(url, 'club@demo.local');
  const door = await token(url, 'door@demo.local');
  const clubId = (await send<{ clubIds: string[] }>(url, '/me', club)).clubIds[0]!;
  const start = Date.now() - 10 * 60_000;
  const activity = await send<{ id: string }>(url, `/clubs/${clubId}/activities`, club, {
    title,
    category: 'sport',
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 3_600_000).toISOString(),
    capacity: null,
    regularPriceCents: 400,
  });
  const ids: string[] = [];
  for (const { passNumber } of buyers) {
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
    const url = ctx.app.url;
    const TITLE = `Zwemles ${tag()}`;
    const samira = await newResident(url, 'Samira', 'E');
    await grantStatus(url, samira);
    const jan = await newResident(url, 'Jan', 'P');
    const month = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Brussels',
      year: 'numeric',
      month: '2-digit',
    }).format(new Date());
    // Other browser tests sell at this club this month too: what the statement held before this test's sales.
    const club = await apiSignIn(url, 'club@demo.local');
    const admin = await apiSignIn(url, 'admin@demo.local');
    const statementPath = `/clubs/${club.clubIds[0]}/statements/${month}`;
    const before = await send<{ groups: unknown[]; totals: { lines: number } }>(
      url,
      statementPath,
      club.token,
    );
    const linesBefore = (await send<{ lines: unknown[] }>(url, `${statementPath}/lines`, admin.token)).lines
      .length;
    const saleIds = await sellLessons(url, TITLE, [samira, jan]);

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
    // The month's rows as before, this lesson's two, and the total.
    const count = before.groups.length + 3;
    await expect.poll(() => rows.count()).toBe(count);
    const late = page.waitForResponse((r) => statement.test(r.url()) && !r.url().endsWith(`/${month}`));
    release();
    await (await late).finished();
    await pageIdle(page);
    expect(await page.locator('main .big').first().textContent()).toContain(
      new Intl.DateTimeFormat('nl-BE', { month: 'long', timeZone: 'Europe/Brussels' }).format(new Date()),
    );
    await expect.poll(() => rows.count()).toBe(count);
    const cells = async (row: ReturnType<typeof rows.nth>) =>
      (await row.locator('td').allTextContents()).map((c) => c.replace(/\s/g, ' '));
    // One row at the regular price, one at the social price: each counts one sale.
    const lesson = rows.filter({ hasText: TITLE });
    expect(await lesson.count()).toBe(2);
    expect(await cells(lesson.nth(0))).toEqual([
      TITLE,
      '1',
      '€ 4,00 → € 4,00',
      '€ 4,00',
      '€ 4,00',
      '€ 0,00',
      '€ 0,00',
    ]);
    expect((await cells(lesson.nth(1))).slice(0, 3)).toEqual([TITLE, '1', '€ 4,00 → € 1,00']);
    expect((await cells(rows.last())).slice(0, 2)).toEqual(['Totaal', String(before.totals.lines + 2)]);
    expect(await page.getByRole('columnheader').allTextContents()).not.toContain('Pasnummer');
    const text = (await page.locator('main').textContent()) ?? '';
    for (const forbidden of [
      samira.passNumber,
      spaced(samira.passNumber),
      jan.passNumber,
      spaced(jan.passNumber),
      `Samira ${samira.lastName}`,
      'Samira E.',
      'Jan P.',
      ...saleIds,
    ]) {
      expect(text).not.toContain(forbidden);
    }
    await page.close();

    const adminPage = await ctx.browser.newPage({ locale: 'nl-BE' });
    await signIn(adminPage, ctx.app.url, 'admin@demo.local');
    await adminPage.goto(`${ctx.app.url}/#/admin/statements`);
    await adminPage.locator('#month').fill(month);
    // The running month can still change: no approve button, but when it can be approved.
    await expect
      .poll(() => adminPage.locator('main table').first().textContent())
      .toContain('Goedkeuren kan als');
    expect(await adminPage.getByRole('button', { name: /^Goedkeuren/ }).count()).toBe(0);
    await adminPage.getByRole('button', { name: 'Verkopen één voor één: Sportclub Demostad' }).click();
    await expect.poll(() => adminPage.locator('section table tbody tr').count()).toBe(linesBefore + 2);
    const audit = (await adminPage.locator('section').textContent()) ?? '';
    for (const id of saleIds) expect(audit).toContain(id);
    for (const forbidden of [samira.passNumber, jan.passNumber, 'Samira'])
      expect(audit).not.toContain(forbidden);
    await adminPage.close();
  });
});
