import { describe, expect, it } from 'vitest';
import { hasChromium, signIn, useAppAndBrowser } from './server.ts';

describe.skipIf(!hasChromium)('activities in the browser', () => {
  const ctx = useAppAndBrowser();

  it('a resident searches, opens an activity with their price, and signs up part of the household', async () => {
    const page = await ctx.browser.newPage({ locale: 'nl-BE' });
    await signIn(page, ctx.app.url, 'resident@demo.local');
    await page.getByRole('link', { name: 'Activiteiten' }).first().click();
    await page.getByLabel('Soort').selectOption('sport');
    await page.getByLabel('Drempelvrij').check();
    const searched = page.waitForResponse(
      (r) => r.url().includes('/api/v1/activities?') && r.url().includes('accessibility=step_free'),
    );
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await searched;
    // The list as the search answered it (waiting for yoga to be gone is not enough: with other browser tests'
    // activities before it, yoga is not on the first page before the search either).
    const list = page.locator('ul.activities');
    await expect
      .poll(async () => {
        const text = (await list.textContent()) ?? '';
        return { tournament: text.includes('Minivoetbaltornooi'), yoga: text.includes('Yoga in het park') };
      })
      .toEqual({ tournament: true, yoga: false });
    await page.getByRole('link', { name: 'Minivoetbaltornooi', exact: true }).click();
    await page.getByRole('heading', { name: 'Minivoetbaltornooi', level: 1 }).waitFor();
    expect((await page.locator('main').textContent())?.replace(/\s/g, ' ')).toContain('€ 3,00 (jouw prijs)');
    // Words follow the number (Intl.PluralRules): one point is "1 punt", not "1 punten".
    expect(await page.locator('main').textContent()).toContain('1 punt');
    expect(await page.locator('main').textContent()).not.toContain('1 punten');
    await page.getByLabel('Nour El Amrani').check();
    await page.getByRole('button', { name: 'Inschrijven' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Ingeschreven');
    await expect.poll(() => page.locator('main').textContent()).toContain('Nour: Ingeschreven');
    await page.close();
  });

  it('the door checks a signed-up resident in and sees the points', async () => {
    const login = await fetch(`${ctx.app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'club@demo.local', password: 'demo-password' }),
    });
    const { token, user } = (await login.json()) as { token: string; user: { clubIds: string[] } };
    const start = Date.now() - 5 * 60_000;
    const created = await fetch(`${ctx.app.url}/api/v1/clubs/${user.clubIds[0]}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        title: 'Petanque nu',
        category: 'sport',
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 3_600_000).toISOString(),
        capacity: 20,
        regularPriceCents: 0,
        points: 2,
      }),
    });
    expect(created.status).toBe(201);

    const page = await ctx.browser.newPage({ locale: 'nl-BE' });
    await signIn(page, ctx.app.url, 'door@demo.local');
    await page.getByRole('link', { name: 'Onthaal' }).first().click();
    await page.getByRole('radio', { name: /^Petanque nu/ }).check();
    // (the membership till below has a pass number field of its own)
    await page
      .getByRole('form', { name: 'Pasnummer intypen' })
      .getByLabel('Pasnummer')
      .fill('1608 6368 5586 7');
    await page.getByRole('button', { name: 'Nakijken' }).click();
    await expect.poll(() => page.locator('.scan-result').textContent()).toContain('Niet ingeschreven');
    await page.getByRole('button', { name: 'Inchecken' }).click();
    await expect.poll(() => page.locator('.checkin [role=status]').textContent()).toContain('+2 punten');
    await page.close();
  });
});
