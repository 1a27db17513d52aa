import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { audit } from './axe.ts';
import { demoId } from '../../src/demo/seed.ts';
import {
  activate,
  apiSignIn,
  chooseLanguage,
  findActivity,
  hasChromium,
  newResident,
  screenshot,
  send,
  signIn,
  tag,
  useAppAndBrowser,
} from './server.ts';

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ');

describe.skipIf(!hasChromium)('lifts in the browser', () => {
  const ctx = useAppAndBrowser();

  async function api(login: string) {
    const r = await fetch(`${ctx.app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password: 'demo-password' }),
    });
    const { token } = (await r.json()) as { token: string };
    return (path: string, body?: unknown, method?: string) =>
      fetch(`${ctx.app.url}/api/v1${path}`, {
        method: method ?? (body === undefined ? 'GET' : 'POST'),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
  }

  /**
   * A copy of a demo activity (same hour and place, a day later) under a title of its own, published by the
   * sports club: its lifts are this test's only (other browser tests sign up and ask lifts for the demo's). The
   * title does not start with the demo's, and the door of the demo's is not open at the copy's, so tests that
   * pick the demo activity by its title or at its door never meet the copy.
   */
  async function activity(demoTitle: string): Promise<{ id: string; title: string }> {
    const demo = (await (
      await fetch(`${ctx.app.url}/api/v1/activities/${(await findActivity(ctx.app.url, demoTitle)).id}`)
    ).json()) as Record<string, unknown> & { venue: object; description: Record<string, string> };
    const club = await apiSignIn(ctx.app.url, 'club@demo.local');
    const { nl, fr, en } = demo.description;
    const dayLater = (at: unknown) => new Date(Date.parse(at as string) + 86_400_000).toISOString();
    return send(ctx.app.url, `/clubs/${club.clubIds[0]}/activities`, club.token, {
      title: `Samen ${tag()}: ${demoTitle}`,
      category: demo.category,
      startsAt: dayLater(demo.startsAt),
      endsAt: dayLater(demo.endsAt),
      capacity: demo.capacity,
      regularPriceCents: demo.regularPriceCents,
      description: { nl, fr, en },
      venue: demo.venue,
      points: demo.points,
      accessibility: demo.accessibility,
    });
  }

  /**
   * Jan, who drives, and Samira, who needs a lift: neighbours in the Stationswijk like the demo's Jan and Samira,
   * registered and with their accounts activated for one test (the demo's sign up, offer and ask in other
   * browser tests, and "nothing yet" must be true here). Answers their logins (pass numbers).
   */
  async function neighbours(): Promise<{ jan: string; samira: string }> {
    const neighbourhoodId = await demoId('demostad-station');
    const jan = await newResident(ctx.app.url, 'Jan', 'P', { neighbourhoodId });
    const samira = await newResident(ctx.app.url, 'Samira', 'E', { neighbourhoodId });
    return { jan: await activate(ctx.app.url, jan), samira: await activate(ctx.app.url, samira) };
  }

  /** Both neighbours signed up for the activity, each with a phone number the counter noted. */
  async function bothSignedUp(id: string, people: { jan: string; samira: string }) {
    const counter = await api('counter@demo.local');
    for (const [login, phone] of [
      [people.jan, '+32 470 11 22 33'],
      [people.samira, '+32 470 44 55 66'],
    ] as const) {
      const as = await api(login);
      expect((await as(`/activities/${id}/signups`, {})).status).toBe(201);
      const { passholderId } = (await (await as('/me')).json()) as { passholderId: string };
      expect((await counter(`/passholders/${passholderId}`, { phone }, 'PATCH')).status).toBe(200);
    }
  }

  /** A phone (390×844, touch) signed in, in the given language. */
  async function phone(login: string, language: 'nl' | 'fr' | 'en'): Promise<Page> {
    const context = await ctx.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'nl-BE',
    });
    const page = await context.newPage();
    await signIn(page, ctx.app.url, login);
    await page.locator('#logout:not([hidden])').waitFor();
    if (language !== 'nl') await chooseLanguage(page, language);
    return page;
  }

  const shot = (page: Page, name: string) => screenshot(page, `rides-${name}`);

  /** The lifts section of an activity page, once loaded. */
  async function openLifts(page: Page, id: string) {
    await page.goto(`${ctx.app.url}/#/activities/${id}`);
    await page.locator('#lifts h3').first().waitFor();
  }

  /** Unfolds "I can take neighbours" or "I need a lift" on the activity page. */
  const unfold = (page: Page, form: 'offer' | 'ask') => page.locator(`#${form}-title`).click();

  /** Opens My lifts through the menu. */
  async function myLifts(page: Page, label: string) {
    await page.locator('nav').getByRole('link', { name: label }).click();
    await page.getByRole('heading', { level: 1, name: label }).waitFor();
    await page.locator('main h2').first().waitFor();
  }

  /** One activity's card on My lifts (earlier tests leave lifts to other activities there). */
  const card = (page: Page, title: string) =>
    page.locator('section.card').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

  /** The field's error message (the element its aria-describedby names), once it is marked. */
  async function fieldError(page: Page, selector: string): Promise<string> {
    const input = page.locator(selector);
    await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
    const id = (await input.getAttribute('aria-describedby'))!.split(' ').pop()!;
    return (await page.locator(`#${id}`).textContent()) ?? '';
  }

  it('on a phone, in Dutch: offer, ask (address required), a second ask refused, a wrong code, cancel with confirmation', async () => {
    const people = await neighbours();
    const { id: swim, title: swimTitle } = await activity('Zwemmen voor iedereen');
    await bothSignedUp(swim, people);
    const problems: string[] = [];

    // Jan finds My lifts in the menu: nothing yet, and where to start.
    const driver = await phone(people.jan, 'nl');
    await myLifts(driver, 'Mijn liften');
    expect(await text(driver, 'main')).toContain('Je biedt nog geen lift aan.');
    await shot(driver, 'nl-1-my-lifts-empty');

    // He offers three seats: the summary replaces the form, also after a reload.
    await openLifts(driver, swim);
    await unfold(driver, 'offer');
    await driver.getByLabel('Plaatsen voor buren').fill('3');
    await driver.locator('#offer-hood').selectOption({ label: 'Molenhoek' });
    await driver.getByRole('button', { name: 'Ik kan buren meenemen' }).click();
    const offered = 'Je biedt 3 plaatsen aan vanuit Molenhoek · open · nog niemand vroeg een plaats';
    await expect.poll(() => text(driver, '#lifts')).toContain(offered);
    expect(await driver.locator('#offer-form').count()).toBe(0);
    await driver.reload();
    await expect.poll(() => text(driver, '#lifts')).toContain(offered);
    expect(await driver.locator('#offer-form, #ask-form').count()).toBe(0);
    await shot(driver, 'nl-2-offer-summary');

    // Samira opens the activity on her phone (and, by mistake, in a second tab too).
    const passenger = await phone(people.samira, 'nl');
    const stale = await passenger.context().newPage();
    await openLifts(stale, swim);
    await openLifts(passenger, swim);
    await shot(passenger, 'nl-3-two-choices');
    await unfold(passenger, 'ask');
    await unfold(passenger, 'offer');
    problems.push(...(await audit(passenger, 'activity page, both forms open (nl)')));
    await passenger.locator('#ask-hood').selectOption({ label: 'Stationswijk' });
    await passenger.getByRole('button', { name: 'Plaats vragen bij Jan' }).click();
    expect(await fieldError(passenger, '#ask-address')).toBe(
      'Vul het adres in waar de chauffeur je ophaalt.',
    );
    expect(await passenger.evaluate(() => document.activeElement?.id)).toBe('ask-address');
    await shot(passenger, 'nl-4-address-required');
    await passenger.getByLabel('Ophaaladres').fill('Stationsstraat 3');
    await passenger.getByRole('button', { name: 'Plaats vragen bij Jan' }).click();
    const asked = 'Je vraagt een lift vanuit Stationswijk · gevraagd aan Jan, wacht op antwoord';
    await expect.poll(() => text(passenger, '#lifts')).toContain(asked);
    expect(await passenger.locator('#ask-form').count()).toBe(0);
    problems.push(...(await audit(passenger, 'activity page, request (nl)')));

    // The second tab still shows the form: asking again is refused, and shows the request she has.
    await unfold(stale, 'ask');
    await stale.locator('#ask-address').fill('Kerkstraat 9');
    await stale.getByRole('button', { name: 'Vraag aan iedereen die rijdt' }).click();
    await expect
      .poll(() => text(stale, '#lifts [role=alert]'))
      .toContain('Je had al een lift gevraagd voor deze activiteit.');
    expect(await text(stale, '#lifts')).toContain(asked);
    expect(await stale.locator('#ask-form').count()).toBe(0);
    await shot(stale, 'nl-5-second-ask-refused');
    await stale.close();

    // Jan says yes: now he sees her pickup address and phone.
    await myLifts(driver, 'Mijn liften');
    const jansSwim = card(driver, swimTitle);
    expect(await jansSwim.textContent()).toContain('1 buur vraagt mee te rijden');
    expect(await jansSwim.textContent()).not.toContain('Stationsstraat 3');
    await jansSwim.getByRole('button', { name: 'Ja, ik neem mee' }).click();
    await expect.poll(() => jansSwim.textContent()).toContain('ophalen: Stationsstraat 3');
    expect(await jansSwim.locator('a[href="tel:+32470445566"]').textContent()).toBe('+32 470 44 55 66');
    await jansSwim.getByRole('button', { name: 'Ritcode tonen' }).click();
    await expect.poll(() => jansSwim.locator('strong.pass').textContent()).toMatch(/^\d{6}$/);
    const code = (await jansSwim.locator('strong.pass').textContent())!;
    await shot(driver, 'nl-6-driver-agreed');

    // Samira sees Jan's phone; a wrong code is said under the code field.
    await myLifts(passenger, 'Mijn liften');
    const samirasSwim = card(passenger, swimTitle);
    expect(await samirasSwim.textContent()).toContain('afgesproken: Jan neemt je mee');
    expect(await samirasSwim.locator('a[href="tel:+32470112233"]').textContent()).toBe('+32 470 11 22 33');
    await samirasSwim
      .getByLabel('Code van de chauffeur (6 cijfers)')
      .fill(code === '000000' ? '000001' : '000000');
    await samirasSwim.getByRole('button', { name: 'Ophaling bevestigen' }).click();
    const codeField = `#${await samirasSwim.locator('input[name=rideCode]').getAttribute('id')}`;
    expect(await fieldError(passenger, codeField)).toContain('Dit is niet de code van de chauffeur');
    expect(await samirasSwim.locator('form [role=alert]').textContent()).toContain('De code klopt niet.');
    problems.push(...(await audit(passenger, 'my lifts, agreed (nl)')));
    await shot(passenger, 'nl-7-wrong-code');

    // Jan cancels the agreed lift: first a question that says Samira gets a message; "no" changes nothing.
    await jansSwim.getByRole('button', { name: 'Lift met Samira annuleren' }).click();
    const dialog = driver.locator('dialog');
    await expect.poll(() => text(driver, 'dialog')).toContain('Wil je de lift met Samira annuleren?');
    expect(await text(driver, 'dialog')).toContain('Samira krijgt meteen een bericht');
    await shot(driver, 'nl-8-cancel-question');
    await dialog.getByRole('button', { name: 'Nee, terug' }).click();
    expect(await jansSwim.textContent()).toContain('ophalen: Stationsstraat 3');
    await jansSwim.getByRole('button', { name: 'Lift met Samira annuleren' }).click();
    await dialog.getByRole('button', { name: 'Lift met Samira annuleren' }).click();
    await expect
      .poll(() => text(driver, 'main [role=status]'))
      .toContain('De lift is geannuleerd. Samira krijgt een bericht.');
    const told = (await (await (await api(people.samira))('/me/notifications')).json()) as {
      items: { kind: string }[];
    };
    expect(told.items.some((n) => n.kind === 'ride_cancelled')).toBe(true);

    // Then he cancels the whole offer, from the activity page.
    await openLifts(driver, swim);
    await driver.getByRole('button', { name: 'Aanbod annuleren' }).click();
    await expect.poll(() => text(driver, 'dialog')).toContain('Wil je je aanbod annuleren?');
    await driver.locator('dialog').getByRole('button', { name: 'Aanbod annuleren' }).click();
    await expect.poll(() => text(driver, '#lifts [role=status]')).toContain('Je aanbod is geannuleerd.');
    await driver.locator('#offer-form').waitFor({ state: 'attached' });

    // Samira's request ended with the lift: she can ask again.
    await openLifts(passenger, swim);
    await passenger.locator('#ask-form').waitFor({ state: 'attached' });
    expect(problems).toEqual([]);
    await driver.context().close();
    await passenger.context().close();
  });

  it('a neighbour offers a lift, another asks, the driver accepts, the passenger confirms the pickup', async () => {
    const people = await neighbours();
    const { id: tournament } = await activity('Minivoetbaltornooi');
    for (const login of [people.jan, people.samira])
      expect((await (await api(login))(`/activities/${tournament}/signups`, {})).status).toBe(201);

    const driver = await ctx.browser.newPage({ locale: 'nl-BE' });
    await signIn(driver, ctx.app.url, people.jan);
    await openLifts(driver, tournament);
    await unfold(driver, 'offer');
    await driver.getByLabel('Plaatsen voor buren').fill('3');
    await driver.locator('#offer-hood').selectOption({ label: 'Molenhoek' });
    await driver.getByRole('button', { name: 'Ik kan buren meenemen' }).click();
    await expect.poll(() => text(driver, '#lifts [role=status]')).toContain('Bedankt');

    const passenger = await ctx.browser.newPage({ locale: 'nl-BE' });
    await signIn(passenger, ctx.app.url, people.samira);
    await openLifts(passenger, tournament);
    await unfold(passenger, 'ask');
    await passenger.locator('#ask-hood').selectOption({ label: 'Stationswijk' });
    await passenger.getByLabel('Ophaaladres').fill('Stationsstraat 3');
    await passenger.getByRole('button', { name: 'Plaats vragen bij Jan' }).click();
    await expect.poll(() => text(passenger, '#lifts [role=status]')).toContain('Gevraagd');

    await driver.goto(`${ctx.app.url}/#/rides`);
    await driver.getByRole('button', { name: 'Ja, ik neem mee' }).click();
    await expect.poll(() => text(driver, 'main')).toContain('ophalen: Stationsstraat 3');
    await driver.getByRole('button', { name: 'Ritcode tonen' }).click();
    await expect.poll(() => driver.locator('strong.pass').textContent()).toMatch(/^\d{6}$/);
    const code = (await driver.locator('strong.pass').textContent())!;

    await passenger.goto(`${ctx.app.url}/#/rides`);
    await passenger.getByLabel('Code van de chauffeur (6 cijfers)').fill(code);
    await passenger.getByRole('button', { name: 'Ophaling bevestigen' }).click();
    await expect.poll(() => text(passenger, 'main')).toContain('Opgehaald.');
    await driver.close();
    await passenger.close();
  });

  it('a driver offers to take an open request; address and phone appear only after the passenger says yes', async () => {
    const people = await neighbours();
    const { id: training } = await activity('Voetbaltraining jeugd');
    for (const login of [people.jan, people.samira])
      expect((await (await api(login))(`/activities/${training}/signups`, {})).status).toBe(201);

    const driver = await ctx.browser.newPage({ locale: 'nl-BE' });
    await signIn(driver, ctx.app.url, people.jan);
    await openLifts(driver, training);
    await unfold(driver, 'offer');
    await driver.getByLabel('Plaatsen voor buren').fill('2');
    await driver.locator('#offer-hood').selectOption({ label: 'Molenhoek' });
    await driver.getByRole('button', { name: 'Ik kan buren meenemen' }).click();
    await expect.poll(() => text(driver, '#lifts [role=status]')).toContain('Bedankt');

    // The passenger asks anyone who drives, without choosing a driver.
    const passenger = await ctx.browser.newPage({ locale: 'nl-BE' });
    await signIn(passenger, ctx.app.url, people.samira);
    await openLifts(passenger, training);
    await unfold(passenger, 'ask');
    await passenger.locator('#ask-hood').selectOption({ label: 'Stationswijk' });
    await passenger.getByLabel('Ophaaladres').fill('Kerkstraat 9');
    await passenger.getByRole('button', { name: 'Vraag aan iedereen die rijdt' }).click();
    await expect.poll(() => text(passenger, '#lifts [role=status]')).toContain('Gevraagd');

    // The driver sees her among the neighbours still looking, and offers to take her: a proposal only.
    await driver.goto(`${ctx.app.url}/#/rides`);
    await driver.getByRole('button', { name: 'Samira meenemen' }).click();
    await expect.poll(() => text(driver, 'main')).toContain('wacht tot Samira bevestigt');
    expect(await text(driver, 'main')).not.toContain('Kerkstraat 9');

    // The passenger sees who offers, and says yes.
    await passenger.goto(`${ctx.app.url}/#/rides`);
    await expect.poll(() => text(passenger, 'main')).toContain('Jan wil je meenemen');
    await passenger.getByRole('button', { name: 'Ja, ik rij mee' }).click();
    await expect.poll(() => text(passenger, 'main')).toContain('Afgesproken.');

    await driver.reload();
    await expect.poll(() => text(driver, 'main')).toContain('ophalen: Kerkstraat 9');
    await driver.close();
    await passenger.close();
  });

  it('on a phone, in French: Mes trajets, an offer, a required address, a proposal, cancelling with confirmation', async () => {
    const people = await neighbours();
    const { id: concert, title: concertTitle } = await activity('Concert: Koor en Strijkers');
    await bothSignedUp(concert, people);
    const problems: string[] = [];

    const driver = await phone(people.jan, 'fr');
    await myLifts(driver, 'Mes trajets');
    problems.push(...(await audit(driver, 'my lifts, empty (fr)')));
    await openLifts(driver, concert);
    await unfold(driver, 'offer');
    await driver.getByLabel('Places pour des voisins').fill('2');
    await driver.getByRole('button', { name: 'Je peux emmener des voisins' }).click();
    await expect
      .poll(() => text(driver, '#lifts'))
      .toMatch(/Vous proposez 2 places au départ de \S+ · ouvert aux demandes · personne n’a encore demandé/);
    await shot(driver, 'fr-1-offer-summary');

    const passenger = await phone(people.samira, 'fr');
    await openLifts(passenger, concert);
    problems.push(...(await audit(passenger, 'activity page, forms folded (fr)')));
    await unfold(passenger, 'ask');
    problems.push(...(await audit(passenger, 'activity page, ask form (fr)')));
    await passenger.getByRole('button', { name: 'Demander à tous ceux qui conduisent' }).click();
    expect(await fieldError(passenger, '#ask-address')).toBe(
      'Indiquez l’adresse où le conducteur vient vous chercher.',
    );
    await shot(passenger, 'fr-2-address-required');
    await passenger.locator('#ask-address').fill('Rue de la Gare 3');
    await passenger.getByRole('button', { name: 'Demander à tous ceux qui conduisent' }).click();
    await expect.poll(() => text(passenger, '#lifts')).toContain('Vous demandez un transport');
    expect(await text(passenger, '#lifts')).toContain('attend un conducteur');
    await shot(passenger, 'fr-3-request-summary');

    await myLifts(driver, 'Mes trajets');
    await driver.getByRole('button', { name: 'Emmener Samira' }).click();
    await expect.poll(() => text(driver, 'main')).toContain('en attente de la confirmation de Samira');

    await myLifts(passenger, 'Mes trajets');
    const samirasConcert = card(passenger, concertTitle);
    expect(await samirasConcert.textContent()).toContain('Jan propose de vous emmener : dites oui ou non');
    await samirasConcert.getByRole('button', { name: 'Oui, je monte' }).click();
    await expect.poll(() => samirasConcert.textContent()).toContain('convenu : Jan vous emmène');
    expect((await samirasConcert.textContent())!.replace(/\s+/g, ' ')).toContain(
      'Téléphone : +32 470 11 22 33',
    );
    problems.push(...(await audit(passenger, 'my lifts, agreed (fr)')));
    await shot(passenger, 'fr-4-agreed');

    await samirasConcert.getByRole('button', { name: 'Annuler le trajet avec Jan' }).click();
    await expect.poll(() => text(passenger, 'dialog')).toContain('Voulez-vous annuler le trajet avec Jan ?');
    expect(await text(passenger, 'dialog')).toContain('Jan reçoit tout de suite un message');
    await shot(passenger, 'fr-5-cancel-question');
    await passenger.locator('dialog').getByRole('button', { name: 'Annuler le trajet avec Jan' }).click();
    await expect
      .poll(() => text(passenger, 'main [role=status]'))
      .toContain('Le trajet est annulé. Jan reçoit un message.');
    expect(problems).toEqual([]);
    await driver.context().close();
    await passenger.context().close();
  });

  it('on a phone, in English: My lifts, a second ask refused, the agreed pair, a wrong code, cancelling the offer', async () => {
    const people = await neighbours();
    const { id: workshop, title: workshopTitle } = await activity('Workshop keramiek');
    await bothSignedUp(workshop, people);
    const problems: string[] = [];

    const driver = await phone(people.jan, 'en');
    await myLifts(driver, 'My lifts');
    await openLifts(driver, workshop);
    await unfold(driver, 'offer');
    await driver.getByLabel('Seats for neighbours').fill('1');
    await driver.getByRole('button', { name: 'I can take neighbours' }).click();
    await expect
      .poll(() => text(driver, '#lifts'))
      .toMatch(/You offer 1 seat from \S+ · open · nobody asked for a seat yet/);
    problems.push(...(await audit(driver, 'activity page, offer (en)')));
    await shot(driver, 'en-1-offer-summary');

    // Samira's page shows the form while she asks from elsewhere (e.g. the counter on the phone).
    const passenger = await phone(people.samira, 'en');
    await openLifts(passenger, workshop);
    await unfold(passenger, 'ask');
    problems.push(...(await audit(passenger, 'activity page, ask form (en)')));
    const offers = (await (
      await (
        await api(people.samira)
      )(`/activities/${workshop}/ride-offers`)
    ).json()) as { items: { id: string }[] };
    const asking = await (
      await api(people.samira)
    )(`/ride-offers/${offers.items[0]!.id}/requests`, { address: 'Church Street 9' });
    expect(asking.status).toBe(201);
    await passenger.locator('#ask-address').fill('Church Street 9');
    await passenger.getByRole('button', { name: 'Ask Jan for a seat' }).click();
    await expect
      .poll(() => text(passenger, '#lifts [role=alert]'))
      .toContain('You had already asked for a lift to this activity.');
    expect(await text(passenger, '#lifts')).toContain('asked Jan, waiting for an answer');
    await shot(passenger, 'en-2-second-ask-refused');

    await myLifts(driver, 'My lifts');
    const jansWorkshop = card(driver, workshopTitle);
    expect(await jansWorkshop.textContent()).toContain('1 neighbour asks for a seat');
    await jansWorkshop.getByRole('button', { name: 'Yes, I’ll take them' }).click();
    await expect.poll(() => jansWorkshop.textContent()).toContain('pick up: Church Street 9');
    expect((await jansWorkshop.textContent())!.replace(/\s+/g, ' ')).toContain('Phone: +32 470 44 55 66');
    await shot(driver, 'en-3-driver-agreed');

    await myLifts(passenger, 'My lifts');
    const samirasWorkshop = card(passenger, workshopTitle);
    expect(await samirasWorkshop.textContent()).toContain('agreed: Jan takes you');
    const codeField = `#${await samirasWorkshop.locator('input[name=rideCode]').getAttribute('id')}`;
    await passenger.locator(codeField).fill('1234');
    await samirasWorkshop.getByRole('button', { name: 'Confirm the pickup' }).click();
    expect(await fieldError(passenger, codeField)).toBe('Type the 6 digits the driver shows you.');
    const { code } = (await (
      await (
        await api(people.jan)
      )(`/ride-offers/${offers.items[0]!.id}/code`)
    ).json()) as { code: string };
    await passenger.locator(codeField).fill(code === '000000' ? '000001' : '000000');
    await samirasWorkshop.getByRole('button', { name: 'Confirm the pickup' }).click();
    expect(await fieldError(passenger, codeField)).toContain('This is not the driver’s code');
    problems.push(...(await audit(passenger, 'my lifts, agreed (en)')));
    await shot(passenger, 'en-4-wrong-code');

    // Jan cancels his offer from the activity page.
    await openLifts(driver, workshop);
    await driver.getByRole('button', { name: 'Cancel the offer' }).click();
    await expect.poll(() => text(driver, 'dialog')).toContain('Do you want to cancel your offer?');
    expect(await text(driver, 'dialog')).toContain('get a message right away');
    await shot(driver, 'en-5-cancel-offer-question');
    await driver.locator('dialog').getByRole('button', { name: 'Cancel the offer' }).click();
    await expect.poll(() => text(driver, '#lifts [role=status]')).toContain('Your offer is cancelled.');

    await passenger.reload();
    await expect.poll(() => samirasWorkshop.textContent()).toContain('You ask for a lift');
    expect(await samirasWorkshop.textContent()).toContain('cancelled');
    expect(problems).toEqual([]);
    await driver.context().close();
    await passenger.context().close();
  });
});
