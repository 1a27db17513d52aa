import { describe, expect, it } from 'vitest';
import { hasChromium, signIn, useAppAndBrowser } from './server.ts';

/** "Who looked at my record" in words a resident reads: no raw keys such as social_status:counter_visit. */
describe.skipIf(!hasChromium)('who looked at my record, in the browser', () => {
  const ctx = useAppAndBrowser();

  it('names a counter’s look at the social status in words', async () => {
    const login = await fetch(`${ctx.app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'counter@demo.local', password: 'demo-password' }),
    });
    const { token } = (await login.json()) as { token: string };
    const samira = await fetch(`${ctx.app.url}/api/v1/passholders?q=4143376040899`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { items } = (await samira.json()) as { items: { id: string }[] };
    const status = await fetch(
      `${ctx.app.url}/api/v1/passholders/${items[0]!.id}/status?reason=counter_visit`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(status.status).toBe(200);

    const page = await ctx.browser.newPage({ locale: 'nl-BE', viewport: { width: 390, height: 844 } });
    await signIn(page, ctx.app.url, 'resident@demo.local');
    await page.getByRole('link', { name: 'Mijn pas' }).first().click();
    const audit = page.locator('#audit');
    await expect.poll(() => audit.textContent()).toContain('kansenstatuut: bezoek aan de balie');
    expect(await audit.textContent()).not.toContain('social_status');
    await page.close();
  });
});
