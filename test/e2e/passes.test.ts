import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser, signIn, travelTo, useAppAndBrowser } from './server.ts';
import { writeQrVideo } from './y4m.ts';

describe.skipIf(!hasChromium)('passes in the browser', () => {
  const ctx = useAppAndBrowser();

  /** Calls the API as `login`; with `now`, on the app's test clock (sign-in included: sessions follow it). */
  async function apiAs(login: string, now?: Date) {
    const clock: Record<string, string> = now ? { 'x-test-now': now.toISOString() } : {};
    const response = await fetch(`${ctx.app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...clock },
      body: JSON.stringify({ login, password: 'demo-password' }),
    });
    const { token } = (await response.json()) as { token: string };
    return async <T>(path: string, body?: unknown): Promise<{ status: number; body: T }> => {
      const r = await fetch(`${ctx.app.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...clock },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, body: (await r.json()) as T };
    };
  }

  /** The demo's swimming, next week: the door scans only shortly before and during it. */
  async function swimActivity(): Promise<{ id: string; title: string; startsAt: string }> {
    const club = await apiAs('club@demo.local');
    const me = await club<{ clubIds: string[] }>('/api/v1/me');
    const { body } = await club<{ items: { id: string; title: string; startsAt: string }[] }>(
      `/api/v1/clubs/${me.body.clubIds[0]}/activities`,
    );
    return body.items.find((a) => a.title === 'Zwemmen voor iedereen')!;
  }

  async function chooseSwim(page: Page): Promise<void> {
    await page.getByRole('radio', { name: /^Zwemmen voor iedereen/ }).check();
  }

  it('round trip: the QR of /me/pass, rendered to pixels and decoded, is accepted at the door', async () => {
    // At the door of next week's swimming; the pass's code rotates, so it is shown at that time too.
    const swim = await swimActivity();
    const atDoor = new Date(Date.parse(swim.startsAt) - 10 * 60_000);
    const resident = await apiAs('resident@demo.local', atDoor);
    const pass = await resident<{ code: string; qrSvg: string }>('/api/v1/me/pass');
    const page = await ctx.browser.newPage({ viewport: { width: 400, height: 400 } });
    await page.setContent(
      `<body style="margin:0;background:#fff"><div style="width:360px;padding:20px">${pass.body.qrSvg}</div></body>`,
    );
    const png = PNG.sync.read(await page.screenshot());
    await page.close();
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(pass.body.code);
    const door = await apiAs('door@demo.local', atDoor);
    const scan = await door<{ passholder: { displayName: string } }>('/api/v1/scans', {
      activityId: swim.id,
      code: decoded!.data,
    });
    expect(scan.status).toBe(200);
    expect(scan.body.passholder.displayName).toBe('Samira E.');
  });

  it('door page: scans a card through the (fake) camera and shows the name', async () => {
    const neighbour = await apiAs('neighbour@demo.local');
    const card = await neighbour<{ code: string }>('/api/v1/me/card');
    const video = join(mkdtempSync(join(tmpdir(), 'buurtpas-cam-')), 'qr.y4m');
    writeQrVideo(video, card.body.code);
    const cameraBrowser = await launchBrowser([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ]);
    try {
      const context = await cameraBrowser.newContext({ locale: 'nl-BE', permissions: ['camera'] });
      const page = await context.newPage();
      await travelTo(page, await swimActivity());
      await signIn(page, ctx.app.url, 'door@demo.local');
      await page.getByRole('link', { name: 'Onthaal' }).first().click();
      await chooseSwim(page);
      await page.getByRole('button', { name: 'Camera starten' }).click();
      await expect
        .poll(() => page.locator('.scan-result').textContent(), { timeout: 20_000 })
        .toContain('Jan P.');
    } finally {
      await cameraBrowser.close();
    }
  });

  it('door page: typing a pass number shows the name, a mistyped one a plain message at the field', async () => {
    const page = await ctx.browser.newPage({ locale: 'nl-BE' });
    await travelTo(page, await swimActivity());
    await signIn(page, ctx.app.url, 'door@demo.local');
    await page.goto(`${ctx.app.url}/#/door`);
    await chooseSwim(page);
    // (the membership till below has a pass number field of its own)
    const typed = page.getByRole('form', { name: 'Pasnummer intypen' });
    await typed.getByLabel('Pasnummer').fill('4143 3760 4089 9');
    await page.getByRole('button', { name: 'Nakijken' }).click();
    await expect.poll(() => page.locator('.scan-result').textContent()).toContain('Samira E.');
    await typed.getByLabel('Pasnummer').fill('4143 3760 4089 8');
    await page.getByRole('button', { name: 'Nakijken' }).click();
    await expect
      .poll(() => typed.locator('.field-error').textContent())
      .toBe('Dit pasnummer klopt niet. Kijk de 13 cijfers na.');
    // The previous holder's answer is gone: it was not this number's.
    expect(await page.locator('.scan-result').textContent()).toBe('');
    await page.close();
  });

  it('counter: registers a resident, opens the record and prints card and letter', async () => {
    const page = await ctx.browser.newPage({ locale: 'nl-BE' });
    await signIn(page, ctx.app.url, 'counter@demo.local');
    await page.getByRole('link', { name: 'Inwoner registreren' }).first().click();
    await page.getByLabel('Voornaam').fill('Noor');
    await page.getByLabel('Familienaam').fill('Vermeersch');
    await page.getByLabel('Geboortedatum').fill('1999-09-09');
    await page.getByLabel('Postcode').fill('9300');
    await page.getByRole('button', { name: 'Registreren' }).click();
    // The record asks why it is opened before it shows.
    await page.getByRole('radio', { name: 'Bezoek aan de balie' }).check();
    await page.getByRole('button', { name: 'Dossier openen' }).click();
    await page.getByRole('heading', { name: 'Noor Vermeersch', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Welkomstbrief afdrukken' }).click();
    await page.getByRole('heading', { name: 'Welkom bij Buurtpas, Noor' }).waitFor();
    const letter = await page.locator('.letter').textContent();
    expect(letter).toMatch(/Activeringscode: [A-Z2-9]{4}-[A-Z2-9]{4}/);
    expect(await page.locator('.id-card svg').count()).toBe(1);
    await page.close();
  });

  it('resident: after ordinary visits, my pass shows the card code offline, for the household too', async () => {
    const context = await ctx.browser.newContext({ locale: 'nl-BE', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    // Each UI language is its own chunk (/assets/nl-….js, fr-, en-): only the one in use is downloaded.
    const requested: string[] = [];
    context.on('request', (request) => requested.push(new URL(request.url()).pathname));
    const chunks = (lang: string) => requested.filter((path) => path.startsWith(`/assets/${lang}-`));
    await signIn(page, ctx.app.url, 'resident@demo.local');
    // Ordinary visits: the pass page, another page, the pass page again after the app is installed.
    await page.getByRole('link', { name: 'Mijn pas' }).first().click();
    await page.getByRole('img', { name: '4143 3760 4089 9' }).waitFor();
    expect(await page.locator('.pass.big').textContent()).toBe('4143 3760 4089 9');
    await page.getByRole('button', { name: 'Nour El Amrani' }).click();
    await expect.poll(() => page.locator('.pass.big').textContent()).not.toBe('4143 3760 4089 9');
    const nour = (await page.locator('.pass.big').textContent())!;
    await page.getByRole('link', { name: 'Activiteiten' }).first().click();
    await page.getByRole('heading', { name: 'Activiteiten' }).waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await page.getByRole('link', { name: 'Mijn pas' }).first().click();
    await page.getByRole('img', { name: '4143 3760 4089 9' }).waitFor();
    // Wait until the page kept the cards (a person would simply have been on the page a moment).
    await expect
      .poll(() =>
        page.evaluate(async () => (await caches.open('buurtpas-data').then((c) => c.keys())).length),
      )
      .toBeGreaterThanOrEqual(4);

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('img', { name: '4143 3760 4089 9' }).waitFor();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Geen verbinding');
    expect(await page.locator('main').textContent()).toContain('code van je kaart');
    await page.getByRole('button', { name: 'Nour El Amrani' }).click();
    await expect.poll(() => page.locator('.pass.big').textContent()).toBe(nour);

    // A Dutch visit downloaded Dutch only. Offline, a language never fetched cannot be chosen: it stays Dutch.
    expect(chunks('nl').length).toBeGreaterThan(0);
    expect([...chunks('fr'), ...chunks('en')]).toEqual([]);
    await page.locator('#lang').selectOption('fr');
    await expect.poll(() => page.locator('#announce').textContent()).toContain('Geen verbinding');
    expect(await page.locator('#lang').inputValue()).toBe('nl');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    // Online, French is fetched when chosen; from then on the pass works offline in French too.
    await context.setOffline(false);
    await page.locator('#lang').selectOption('fr');
    await page.getByRole('link', { name: 'Ma carte' }).first().waitFor();
    expect(chunks('fr').length).toBeGreaterThan(0);
    expect(chunks('en')).toEqual([]);
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('img', { name: '4143 3760 4089 9' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('code de votre carte');
    await context.close();
  });
});
