import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { audit } from './axe.ts';
import {
  apiSignIn,
  chooseLanguage,
  hasChromium,
  launchBrowser,
  pageIdle,
  SCREENSHOTS,
  send,
  signIn,
  tag,
  travelTo,
  useAppAndBrowser,
} from './server.ts';
import { writeQrVideo } from './y4m.ts';

const SAMIRA = '4143 3760 4089 9'; // signed up for swimming below; social status (only the price shows it)
const JAN = '1608 6368 5586 7'; // signed up for swimming below; no status
/** This file's own evening of swimming and the next day's training (the demo's are other browser tests'). */
const RUN = tag();
const SWIM = `Zwemavond ${RUN}`;
const TRAINING = `Voetbaltraining ${RUN}`;
const PHONE = { width: 390, height: 844 };
/** Screenshots of what is in view (not the full page): to look at by eye (git-ignored). */
const SHOTS = SCREENSHOTS;

const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** Is the element entirely inside the phone's screen as it is scrolled now? */
const onScreen = (l: Locator) =>
  l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
  });

/** The words each language uses on the door screen. */
const WORDS = {
  nl: {
    today: 'vandaag',
    tomorrow: 'morgen',
    typeNumber: 'Pasnummer intypen',
    passNumber: 'Pasnummer',
    check: 'Nakijken',
    checkIn: 'Inchecken',
    checkedInAt: 'Ingecheckt om',
    register: 'Verkoop registreren',
    registered: 'Verkoop geregistreerd',
    question: 'Nog een ticket verkopen aan',
    yes: 'Nog een ticket verkopen',
    no: 'Nee, terug',
    notANumber: 'Dit is geen pasnummer: een pasnummer heeft 13 cijfers.',
  },
  fr: {
    today: 'aujourd’hui',
    tomorrow: 'demain',
    typeNumber: 'Taper le numéro de carte',
    passNumber: 'Numéro de carte',
    check: 'Vérifier',
    checkIn: 'Enregistrer la présence',
    checkedInAt: 'Présence enregistrée à',
    register: 'Enregistrer la vente',
    registered: 'Vente enregistrée',
    question: 'Vendre un autre ticket à',
    yes: 'Vendre un autre ticket',
    no: 'Non, retour',
    notANumber: 'Ce n’est pas un numéro de carte : un numéro de carte a 13 chiffres.',
  },
  en: {
    today: 'today',
    tomorrow: 'tomorrow',
    typeNumber: 'Type the pass number',
    passNumber: 'Pass number',
    check: 'Check',
    checkIn: 'Check in',
    checkedInAt: 'Checked in at',
    register: 'Register the sale',
    registered: 'Sale registered',
    question: 'Sell another ticket to',
    yes: 'Sell another ticket',
    no: 'No, go back',
    notANumber: 'This is not a pass number: a pass number has 13 digits.',
  },
} as const;
type Lang = keyof typeof WORDS;

/** Brussels wall-clock time of an instant, as the door shows it ("17:50"). */
const brusselsTime = (iso: string) =>
  new Intl.DateTimeFormat('nl-BE', { timeStyle: 'short', timeZone: 'Europe/Brussels' }).format(new Date(iso));

describe.skipIf(!hasChromium)('the door volunteer on a phone', () => {
  const ctx = useAppAndBrowser();
  let swim: { id: string; title: string; startsAt: string };
  /** Ten minutes before swimming starts: the door is open; browser and app share this clock. */
  let doorTime: Date;
  const LONG = 'Avondwandeling langs de Dender met gids, verhalen over de molens en koffie achteraf';

  beforeAll(async () => {
    // Swimming at 17:00 UTC four weeks from now, and a training the next afternoon: days no other browser test
    // has activities on, so the door's list of that evening and the next day holds this file's activities only.
    const club = await apiSignIn(ctx.app.url, 'club@demo.local');
    const day = new Date(Date.now() + 28 * 86_400_000);
    const at = (days: number, hour: number) =>
      Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + days, hour);
    const publish = (title: string, start: number, hours: number, fields: Record<string, unknown>) =>
      send<{ id: string; title: string; startsAt: string }>(
        ctx.app.url,
        `/clubs/${club.clubIds[0]}/activities`,
        club.token,
        {
          title,
          category: 'sport',
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(start + hours * 3_600_000).toISOString(),
          ...fields,
        },
      );
    swim = await publish(SWIM, at(0, 17), 2, {
      capacity: 30,
      regularPriceCents: 400,
      points: 1,
      venue: { name: 'Stedelijk zwembad', address: 'Zwembadlaan 1, 9300 Demostad' },
    });
    await publish(TRAINING, at(1, 15), 2, {
      capacity: 20,
      regularPriceCents: 0,
      points: 2,
      venue: { name: 'Sportpark Molenhoek' },
    });
    doorTime = new Date(Date.parse(swim.startsAt) - 10 * 60_000);
    // Samira and Jan sign up for swimming.
    for (const login of ['resident@demo.local', 'neighbour@demo.local']) {
      const { token } = await apiSignIn(ctx.app.url, login);
      const signup = await fetch(`${ctx.app.url}/api/v1/activities/${swim.id}/signups`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: '{}',
      });
      expect(signup.status).toBeLessThan(300);
    }
    // A walk with a long title, the same evening after swimming.
    const start = Date.parse(swim.startsAt) + 3 * 3_600_000;
    const walk = await fetch(`${ctx.app.url}/api/v1/clubs/${club.clubIds[0]}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${club.token}` },
      body: JSON.stringify({
        title: LONG,
        category: 'sport',
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 7_200_000).toISOString(),
        capacity: null,
        regularPriceCents: 0,
        points: 1,
        venue: { name: 'Kerkplein' },
      }),
    });
    expect(walk.status).toBe(201);
    mkdirSync(SHOTS, { recursive: true });
  });

  /** A phone at the door of swimming, signed in as the door volunteer, the app in `lang`. */
  async function doorPhone(lang: Lang): Promise<Page> {
    const context = await ctx.browser.newContext({
      locale: 'nl-BE',
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.clock.setFixedTime(doorTime);
    await travelTo(page, swim);
    await signIn(page, ctx.app.url, 'door@demo.local');
    await page.locator('#logout:not([hidden])').waitFor();
    await chooseLanguage(page, lang);
    await page.goto(`${ctx.app.url}/#/door`);
    await page.locator('#door-activity').waitFor();
    return page;
  }

  /** Types a pass number in the typed-number form and waits for the holder's name. */
  async function typeNumber(page: Page, lang: Lang, number: string, name: string): Promise<Locator> {
    const w = WORDS[lang];
    const form = page.getByRole('form', { name: w.typeNumber });
    await form.getByLabel(w.passNumber).fill(number);
    await form.getByRole('button', { name: w.check }).click();
    const result = page.locator('.scan-result');
    await expect.poll(() => text(result.locator('p.huge'))).toBe(name);
    return result;
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SHOTS, `door-phone-${name}.png`) });
  }

  it('camera: no black box before it starts; after a scan the picture and the answer are both on screen', async () => {
    const neighbour = await apiSignIn(ctx.app.url, 'neighbour@demo.local');
    const card = (await (
      await fetch(`${ctx.app.url}/api/v1/me/card`, {
        headers: { authorization: `Bearer ${neighbour.token}` },
      })
    ).json()) as { code: string };
    const video = join(mkdtempSync(join(tmpdir(), 'buurtpas-cam-')), 'qr.y4m');
    writeQrVideo(video, card.code);
    const cameraBrowser = await launchBrowser([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ]);
    try {
      const context = await cameraBrowser.newContext({
        locale: 'nl-BE',
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
        permissions: ['camera'],
      });
      const page = await context.newPage();
      await page.clock.setFixedTime(doorTime);
      await travelTo(page, swim);
      await signIn(page, ctx.app.url, 'door@demo.local');
      await page.locator('#logout:not([hidden])').waitFor();
      await page.goto(`${ctx.app.url}/#/door`);
      await page.locator('#door-activity').waitFor();
      // Before the camera starts: a button, no (black) video box.
      expect(await page.locator('video').count()).toBe(0);
      await page.getByRole('button', { name: 'Camera starten' }).click();
      const result = page.locator('.scan-result');
      await expect.poll(() => text(result.locator('p.huge')), { timeout: 20_000 }).toBe('Jan P.');
      await page.getByRole('button', { name: 'Camera stoppen' }).waitFor();
      await expect.poll(() => onScreen(page.locator('video'))).toBe(true);
      expect(await onScreen(result.locator('p.huge'))).toBe(true);
      expect(await onScreen(result.locator('.till'))).toBe(true);
      await shot(page, 'nl-camera');
      // Stopping the camera takes the picture away again.
      await page.getByRole('button', { name: 'Camera stoppen' }).click();
      expect(await page.locator('video').count()).toBe(0);

      // Two passes right after each other (the camera's, then a typed one): the camera's answer, held back and
      // arriving last, must not replace the typed holder's on screen (the wrong name and price at the till).
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const held = new Promise<void>((resolve) =>
        page.route('**/api/v1/scans', async (route) => {
          if ((route.request().postData() ?? '').includes('"code"')) {
            resolve();
            await released;
          }
          await route.continue();
        }),
      );
      await page.getByRole('button', { name: 'Camera starten' }).click();
      await held;
      const form = page.getByRole('form', { name: WORDS.nl.typeNumber });
      await form.getByLabel(WORDS.nl.passNumber).fill(SAMIRA.replace(/ /g, ''));
      await form.getByRole('button', { name: WORDS.nl.check }).click();
      await expect.poll(() => text(result.locator('p.huge'))).toBe('Samira E.');
      // The page reads the late holder's rewards to collect before it would show them: wait for that answer.
      const late = page.waitForResponse((r) => r.url().includes('/redemptions'));
      release();
      await (await late).finished();
      await pageIdle(page);
      expect(await text(result.locator('p.huge'))).toBe('Samira E.');
    } finally {
      await cameraBrowser.close();
    }
  });

  it.each([
    ['nl', SAMIRA, 'Samira E.', false],
    ['fr', JAN, 'Jan P.', true],
    ['en', SAMIRA, 'Samira E.', true],
  ] as const)(
    'in %s: picks the activity, checks a signed-up resident in, asks before a second sale, explains a number that is no pass number',
    async (lang, number, name, sellTwice) => {
      const w = WORDS[lang];
      const page = await doorPhone(lang);
      const time = brusselsTime(swim.startsAt);

      // The picker: today's activities first, each with its full title, the day in words, time and place.
      const cards = page.locator('#door-activity label');
      const labels = (await cards.allTextContents()).map((l) => l.replace(/\s+/g, ' ').trim());
      expect(labels[0]).toBe(`${SWIM}${w.today} ${time} · Stedelijk zwembad`);
      expect(labels[1]).toBe(
        `${LONG}${w.today} ${brusselsTime(new Date(Date.parse(swim.startsAt) + 3 * 3_600_000).toISOString())} · Kerkplein`,
      );
      expect(labels[2]).toContain(`${TRAINING}${w.tomorrow} `);
      for (const label of labels) expect(label).not.toMatch(/\d{4}-\d\d-\d\d|T\d\d:/);
      // The door of swimming is open now: it is chosen; every title fits on the screen, wrapped, not cut.
      expect(await page.getByRole('radio', { name: SWIM }).isChecked()).toBe(true);
      for (const title of await cards.locator('strong').all()) {
        const fits = await title.evaluate(
          (el) =>
            el.scrollWidth <= el.clientWidth + 1 && el.getBoundingClientRect().right <= window.innerWidth,
        );
        expect(fits).toBe(true);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
      expect(await text(page.locator('#door-hours'))).toContain(` ${w.today} `);
      await shot(page, `${lang}-picker`);

      // A signed-up resident: checked in or not, one state, shown as one control.
      const result = await typeNumber(page, lang, number, name);
      expect(await text(result)).not.toMatch(/kansen|statu|reduc|korting/i);
      const checkin = result.locator('.checkin button');
      const checkedIn = result.getByRole('button', {
        name: `${w.checkedInAt} ${brusselsTime(doorTime.toISOString())}`,
        exact: true,
      });
      if (lang === 'en') {
        // Samira was checked in by the Dutch volunteer: the scan says when, and there is nothing to press.
        expect(await checkedIn.count()).toBe(1);
      } else {
        expect(await text(checkin)).toBe(w.checkIn);
        expect(await checkin.isEnabled()).toBe(true);
        await checkin.click();
        await expect.poll(() => checkedIn.count()).toBe(1);
      }
      // One control, one state: the time it happened, disabled; no "check in" beside it.
      expect(await checkin.count()).toBe(1);
      expect(await checkedIn.isDisabled()).toBe(true);
      expect(await result.getByRole('button', { name: w.checkIn, exact: true }).count()).toBe(0);
      // The answer is on screen after typing, on a phone.
      expect(await onScreen(result.locator('p.huge'))).toBe(true);
      await shot(page, `${lang}-checked-in`);
      expect(await audit(page, `door ${lang}`)).toEqual([]);

      // A sale, then the same holder again: the second sale asks first.
      await result.getByRole('button', { name: w.register }).click();
      await expect.poll(() => text(result.locator('.till [role=status]'))).toContain(w.registered);
      await typeNumber(page, lang, number, name);
      await result.getByRole('button', { name: w.register }).click();
      const dialog = page.getByRole('dialog', { name: `${w.question} ${name}${lang === 'fr' ? ' ?' : '?'}` });
      await dialog.waitFor();
      expect(await text(dialog)).toContain(SWIM);
      expect(await dialog.getByRole('button', { name: w.yes }).isVisible()).toBe(true);
      await shot(page, `${lang}-second-sale`);
      if (sellTwice) {
        await dialog.getByRole('button', { name: w.yes }).click();
        await expect.poll(() => text(result.locator('.till [role=status]'))).toContain(w.registered);
      } else {
        await dialog.getByRole('button', { name: w.no }).click();
        await expect.poll(() => dialog.count()).toBe(0);
        expect(await text(result.locator('.till [role=status]'))).toBe('');
        expect(await result.getByRole('button', { name: w.register }).isEnabled()).toBe(true);
      }

      // A typed number that is not a pass number: its own message, right under the field.
      const form = page.getByRole('form', { name: w.typeNumber });
      const input = form.getByLabel(w.passNumber);
      await input.fill('12345');
      await form.getByRole('button', { name: w.check }).click();
      const problem = form.locator('.field-error');
      await expect.poll(() => text(problem)).toBe(w.notANumber);
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      expect(await input.getAttribute('aria-describedby')).toContain((await problem.getAttribute('id'))!);
      const [field, message] = [await input.boundingBox(), await problem.boundingBox()];
      expect(message!.y - (field!.y + field!.height)).toBeLessThan(30);
      expect(await input.inputValue()).toBe('12345');
      // The previous holder's answer (and till) is gone.
      expect(await text(page.locator('.scan-result'))).toBe('');
      await shot(page, `${lang}-not-a-number`);
      expect(await audit(page, `door ${lang}, wrong number`)).toEqual([]);
      await page.context().close();
    },
  );
});
