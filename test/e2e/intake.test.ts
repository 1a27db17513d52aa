import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/locales/en.ts';
import { fr } from '../../web/src/locales/fr.ts';
import { nl } from '../../web/src/locales/nl.ts';
import { audit } from './axe.ts';
import {
  apiSignIn,
  chooseLanguage,
  hasChromium,
  screenshot,
  SCREENSHOTS,
  signIn,
  useAppAndBrowser,
} from './server.ts';

/**
 * The counter's intake at a counter's screen (1280×800), with the clerk's page in nl, fr and en:
 * registers a resident who speaks another language, prints the welcome letter (in the RESIDENT's language,
 * with the app's address and the real words of the activation link, page and button, on one A4 beside a
 * credit-card-size card), and dry-runs a CSV import with the three Belgian ways of writing a date, a row
 * that cannot be read and a person not found (reasons and counts in the clerk's language, line numbers of
 * the file). axe-core finds no serious or critical violation on either page.
 */
const LANGUAGES = { nl, fr, en } as const;
type Language = keyof typeof LANGUAGES;
/** The resident's language while the clerk's page is in this one. */
const RESIDENT: Record<Language, Language> = { nl: 'fr', fr: 'en', en: 'nl' };
const NAMES: Record<Language, string> = { nl: 'Amélie', fr: 'Grace', en: 'Lotte' };

const fill = (text: string, params: Record<string, string | number> = {}) =>
  text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m));
/** Words only the English page may show: the reasons and outcomes as the API's English log text. */
const ENGLISH =
  /\b(pass number|birth date|postal code|matched|unmatched|invalid|not found|cannot be read|nobody)\b/i;

describe.skipIf(!hasChromium)('the counter intake: welcome letter and import dry run', () => {
  const ctx = useAppAndBrowser();

  for (const language of Object.keys(LANGUAGES) as Language[]) {
    it(`prints the letter in the resident's language and reads Belgian dates, page in ${language}`, async () => {
      const L = LANGUAGES[language];
      const lang = RESIDENT[language];
      const R = LANGUAGES[lang];
      const url = ctx.app.url;
      const page = await ctx.browser.newPage({ locale: 'nl-BE', viewport: { width: 1280, height: 800 } });
      await signIn(page, url, 'counter@demo.local');
      await page.locator('#logout:not([hidden])').waitFor();
      await chooseLanguage(page, language);

      // 1. Register a resident whose language is not the clerk's.
      const first = NAMES[language];
      await page.goto(`${url}/#/counter/new`);
      await page.locator('#reg-first').fill(first);
      await page.locator('#reg-last').fill(`Intake ${language}`);
      await page.locator('#reg-birth').fill('1985-03-14');
      await page.locator('#reg-postal').fill('9300');
      await page.locator('#reg-locale').selectOption(lang);
      await page.getByRole('button', { name: L.register, exact: true }).click();
      // The record asks why it is opened.
      await page.locator('main input[name=reason]').first().check();
      await page.locator('main form button[type=submit]').first().click();
      await page.getByRole('link', { name: L.printLetter }).click();

      // 2. The letter: the resident's language, the app's address, the words of the activation screens.
      const letter = page.locator('article.letter');
      await letter.waitFor();
      expect(await letter.getAttribute('lang')).toBe(lang);
      const text = (await letter.textContent())!;
      expect(text).toContain(fill(R.letterTitle, { name: first }));
      expect(text).toContain(R.intakeLetterHowTitle);
      expect(text).toContain(fill(R.intakeLetterStepAddress, { address: url }));
      expect(text).toContain(fill(R.intakeLetterStepLink, { link: R.haveLetter.replace(/\.$/, '') }));
      expect(text).toContain(fill(R.intakeLetterStepPage, { page: R.activateTitle }));
      expect(text).toContain(fill(R.intakeLetterStepButton, { button: R.activate }));
      expect(text).toMatch(
        new RegExp(`${fill(R.intakeLetterLabel, { label: R.activationCode })}[A-Z2-9]{4}-[A-Z2-9]{4}`),
      );
      expect(await letter.locator('ol.letter-steps > li').count()).toBe(5);
      // Not a word of the clerk's letter (the old one spoke the clerk's language).
      expect(text).not.toContain(L.letterTitle.split(',')[0]);
      // The date in the resident's language, never an ISO date.
      const expiresAt = await page.evaluate(
        () =>
          (
            JSON.parse(sessionStorage.getItem(`letter:${location.hash.split('/').pop()}`)!) as {
              expiresAt: string;
            }
          ).expiresAt,
      );
      const month = new Intl.DateTimeFormat(`${lang}-BE`, {
        month: 'long',
        timeZone: 'Europe/Brussels',
      }).format(new Date(expiresAt));
      expect(text).toContain(fill(R.intakeLetterValid, { date: '' }).split(' ').slice(0, 3).join(' '));
      expect(text).toContain(month);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      // The clerk is told which language the letter is in, in the clerk's own language.
      const languageName = new Intl.DisplayNames([language], { type: 'language' }).of(lang)!;
      expect(await page.locator('main').textContent()).toContain(
        fill(L.intakeLetterLanguage, { language: languageName, name: first }),
      );
      expect(await audit(page, `letter ${language}`)).toEqual([]);
      await screenshot(page, `intake-letter-${language}`);

      // On paper: the card at credit-card size, the letter alone on one A4 page.
      await page.emulateMedia({ media: 'print' });
      const card = await page.locator('.id-card').boundingBox();
      const mm = 96 / 25.4;
      expect(card!.width / mm).toBeCloseTo(85.6, 0);
      expect(card!.height / mm).toBeCloseTo(54, 0);
      const printed = Buffer.from(await page.pdf({ format: 'A4', printBackground: true }));
      mkdirSync(SCREENSHOTS, { recursive: true });
      writeFileSync(join(SCREENSHOTS, `intake-letter-${language}.pdf`), printed);
      const pdf = printed.toString('latin1');
      expect(pdf.match(/\/Type\s*\/Page(?![s\w])/g)?.length).toBe(2);
      // A picture of the paper (A4 width at 96 dpi), to look at by eye.
      await page.setViewportSize({ width: 794, height: 1123 });
      await screenshot(page, `intake-letter-${language}-print`);
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.emulateMedia({ media: 'screen' });

      // 3. The import dry run: three Belgian dates (and ISO) read, one row unreadable, one person not found.
      const { token } = await apiSignIn(url, 'counter@demo.local');
      for (const last of ['Slash', 'Dash', 'Dot', 'Iso']) {
        const response = await fetch(`${url}/api/v1/passholders`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            firstName: `Datum${language}`,
            lastName: last,
            birthDate: '1948-08-17',
            postalCode: '9300',
          }),
        });
        expect(response.status).toBe(201);
      }
      const csv = [
        'Voornaam;Familienaam;Geboortedatum;Postcode',
        `Datum${language};Slash;17/08/1948;9300`,
        `Datum${language};Dash;17-08-1948;9300`,
        `Datum${language};Dot;17.08.1948;9300`,
        '',
        `Datum${language};Iso;1948-08-17;9300`,
        `Datum${language};Kapot;31/02/1948;9300`,
        `Niemand${language};Gekend;17/08/1948;9300`,
      ].join('\n');
      await page.goto(`${url}/#/counter/import`);
      await page.locator('#import-text').fill(csv);
      await page.locator('main form button[type=submit]').click();
      const counts = page.locator('ul.import-counts');
      await counts.waitFor();
      const summary = (await counts.textContent())!;
      expect(summary).toContain(fill(L.intakeFound, { count: 4 }));
      expect(summary).toContain(fill(L.intakeNotFound_one, { count: 1 }));
      expect(summary).toContain(
        fill(L.intakeUnreadableList, {
          count: fill(L.intakeUnreadable_one, { count: 1 }),
          lines: fill(L.intakeLineReason, { line: 7, reason: L.intakeReason_birth_date_unreadable }),
        }),
      );
      const table = (await page.locator('main table').first().textContent())!;
      expect(table).toContain(L.intakeReason_matched_identity);
      expect(table).toContain(L.intakeReason_no_identity);
      expect(table).toContain(L.intakeReason_birth_date_unreadable);
      // Focus moves to the result's heading, for a screen reader.
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
      if (language !== 'en') expect((await page.locator('main').textContent())!).not.toMatch(ENGLISH);
      expect(await audit(page, `import ${language}`)).toEqual([]);
      await screenshot(page, `intake-import-${language}`);
      await page.close();
    });
  }
});
