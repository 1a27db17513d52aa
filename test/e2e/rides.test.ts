import { describe, expect, it } from 'vitest';
import { hasChromium, signIn, useAppAndBrowser } from './server.ts';

describe.skipIf(!hasChromium)('lifts in the browser', () => {
  const ctx = useAppAndBrowser();

  async function api(login: string) {
    const r = await fetch(`${ctx.app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password: 'demo-password' }),
    });
    const { token } = (await r.json()) as { token: string };
    return (path: string, body?: unknown) =>
      fetch(`${ctx.app.url}/api/v1${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
  }

  it('a neighbour offers a lift, another asks, the driver accepts, the passenger confirms the pickup', async () => {
    // Both are signed up for the tournament.
    const activities = (await (
      await fetch(`${ctx.app.url}/api/v1/activities?category=sport&limit=50`)
    ).json()) as { items: { id: string; title: string }[] };
    const tournament = activities.items.find((a) => a.title === 'Minivoetbaltornooi')!.id;
    expect((await (await api('neighbour@demo.local'))(`/activities/${tournament}/signups`, {})).status).toBe(
      201,
    );
    expect((await (await api('resident@demo.local'))(`/activities/${tournament}/signups`, {})).status).toBe(
      201,
    );

    const driver = await ctx.browser.newPage({ locale: 'nl-BE' });
    await signIn(driver, ctx.app.url, 'neighbour@demo.local');
    await driver.goto(`${ctx.app.url}/#/activities/${tournament}`);
    await driver.getByLabel('Plaatsen voor buren').fill('3');
    await driver.locator('#offer-hood').selectOption({ label: 'Molenhoek' });
    await driver.getByRole('button', { name: 'Ik kan buren meenemen' }).click();
    await expect
      .poll(() => driver.locator('#lifts [role=status]').first().textContent())
      .toContain('Bedankt');

    const passenger = await ctx.browser.newPage({ locale: 'nl-BE' });
    await signIn(passenger, ctx.app.url, 'resident@demo.local');
    await passenger.goto(`${ctx.app.url}/#/activities/${tournament}`);
    await passenger.locator('#ask-hood').selectOption({ label: 'Stationswijk' });
    await passenger.getByLabel('Ophaaladres').fill('Stationsstraat 3');
    await passenger.getByRole('button', { name: 'Plaats vragen' }).click();
    await expect
      .poll(() => passenger.locator('#lifts [role=status]').first().textContent())
      .toContain('Gevraagd');

    await driver.goto(`${ctx.app.url}/#/rides`);
    await driver.getByRole('button', { name: 'Ja, ik neem mee' }).click();
    await expect.poll(() => driver.locator('main').textContent()).toContain('ophalen: Stationsstraat 3');
    await driver.getByRole('button', { name: 'Ritcode tonen' }).click();
    await expect.poll(() => driver.locator('strong.pass').textContent()).toMatch(/^\d{6}$/);
    const code = (await driver.locator('strong.pass').textContent())!;

    await passenger.goto(`${ctx.app.url}/#/rides`);
    await passenger.getByLabel('Code van de chauffeur (6 cijfers)').fill(code);
    await passenger.getByRole('button', { name: 'Ophaling bevestigen' }).click();
    await expect.poll(() => passenger.locator('main').textContent()).toContain('Opgehaald.');
    await driver.close();
    await passenger.close();
  });

  it('a driver offers to take an open request; address and phone appear only after the passenger says yes', async () => {
    const activities = (await (
      await fetch(`${ctx.app.url}/api/v1/activities?category=sport&limit=50`)
    ).json()) as { items: { id: string; title: string }[] };
    const training = activities.items.find((a) => a.title === 'Voetbaltraining jeugd')!.id;
    for (const login of ['neighbour@demo.local', 'resident@demo.local'])
      expect((await (await api(login))(`/activities/${training}/signups`, {})).status).toBe(201);

    const driver = await ctx.browser.newPage({ locale: 'nl-BE' });
    await signIn(driver, ctx.app.url, 'neighbour@demo.local');
    await driver.goto(`${ctx.app.url}/#/activities/${training}`);
    await driver.getByLabel('Plaatsen voor buren').fill('2');
    await driver.locator('#offer-hood').selectOption({ label: 'Molenhoek' });
    await driver.getByRole('button', { name: 'Ik kan buren meenemen' }).click();
    await expect
      .poll(() => driver.locator('#lifts [role=status]').first().textContent())
      .toContain('Bedankt');

    // The passenger asks anyone who drives, without choosing a driver.
    const passenger = await ctx.browser.newPage({ locale: 'nl-BE' });
    await signIn(passenger, ctx.app.url, 'resident@demo.local');
    await passenger.goto(`${ctx.app.url}/#/activities/${training}`);
    await passenger.locator('#ask-hood').selectOption({ label: 'Stationswijk' });
    await passenger.getByLabel('Ophaaladres').fill('Kerkstraat 9');
    await passenger.getByRole('button', { name: 'Vraag aan iedereen die rijdt' }).click();
    await expect
      .poll(() => passenger.locator('#lifts [role=status]').first().textContent())
      .toContain('Gevraagd');

    // The driver sees her among the neighbours still looking, and offers to take her: a proposal only.
    await driver.goto(`${ctx.app.url}/#/rides`);
    await driver.getByRole('button', { name: 'Samira meenemen' }).click();
    await expect.poll(() => driver.locator('main').textContent()).toContain('wacht tot Samira bevestigt');
    expect(await driver.locator('main').textContent()).not.toContain('Kerkstraat 9');

    // The passenger sees who offers, and says yes.
    await passenger.goto(`${ctx.app.url}/#/rides`);
    await expect.poll(() => passenger.locator('main').textContent()).toContain('Jan wil je meenemen');
    await passenger.getByRole('button', { name: 'Ja, ik rij mee' }).click();
    await expect.poll(() => passenger.locator('main').textContent()).toContain('Afgesproken.');

    await driver.reload();
    await expect.poll(() => driver.locator('main').textContent()).toContain('ophalen: Kerkstraat 9');
    await driver.close();
    await passenger.close();
  });
});
