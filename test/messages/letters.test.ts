import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, demo, expectProblem, json, loginAs, unique } from '../helpers/api.ts';
import { paperReaderWithCancelledActivity } from '../helpers/fixtures.ts';
import { brusselsDate } from '../../src/lib/time.ts';

type Letter = {
  deliveryId: string;
  passholderId: string;
  locale: string;
  name: string;
  addressLines: string[];
  subject: string;
  paragraphs: string[];
  closing: string;
  sender: string[];
};

const status = async (passholderId: string) =>
  (await env.DB.prepare(
    "SELECT status, letter_date FROM deliveries WHERE passholder_id = ?1 AND channel = 'paper'",
  )
    .bind(passholderId)
    .first<{ status: string; letter_date: string | null }>()) ?? null;

describe('the day’s letters', () => {
  it('a resident who chose paper gets a letter in the day’s batch, in their language', async () => {
    const counter = await loginAs('counter');
    const lastName = unique('Dupont');
    // They have an e-mail address but chose paper only, at the counter.
    const person = await paperReaderWithCancelledActivity(counter, {
      lastName,
      locale: 'fr',
      address: 'Rue de la Gare 12',
      email: `${unique('papier')}@example.org`,
    });
    // The relay after the cancellation hands it to the queue; the consumer puts it in today's batch.
    await expect
      .poll(() => status(person.passholder.id))
      .toEqual({ status: 'sent', letter_date: brusselsDate(new Date()) });
    const today = brusselsDate(new Date());
    const municipality = await demo.demostad();

    const batch = await json<{ date: string; count: number; letters: Letter[] }>(
      `/api/v1/municipalities/${municipality}/letters?date=${today}`,
      200,
      { token: counter, headers: { accept: 'application/json' } },
    );
    expect(batch.date).toBe(today);
    expect(batch.count).toBe(batch.letters.length);
    const mine = batch.letters.filter((l) => l.passholderId === person.passholder.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      locale: 'fr',
      addressLines: ['Rue de la Gare 12', '9300'],
      subject: 'Une activité est annulée',
      sender: ['Maison sociale de Demostad', 'Marktplein 1', '8000 Demostad', 'Téléphone : 050 12 34 56'],
    });
    expect(mine[0]!.name).toContain(lastName);
    expect(mine[0]!.paragraphs[0]).toMatch(/^Bonjour /);
    expect(mine[0]!.paragraphs.join(' ')).toContain('Maison sociale de Demostad : 050 12 34 56');
    expect(mine[0]!.closing).toContain('Bien cordialement');

    const html = await call(`/api/v1/municipalities/${municipality}/letters?date=${today}`, {
      token: counter,
    });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await html.text();
    expect(page).toContain('@page { size: A4');
    expect(page).toContain('<article class="letter" lang="fr"');
    expect(page).toContain('Une activité est annulée');
    expect(page.match(/<article class="letter"/g)).toHaveLength(batch.count);

    // Printing the batch is a staff read of each person in it.
    const audit = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE passholder_id = ?1 AND action = 'read'",
    )
      .bind(person.passholder.id)
      .first<{ n: number }>();
    expect(audit!.n).toBeGreaterThanOrEqual(2);

    // Another day has none of them.
    const other = await json<{ count: number }>(
      `/api/v1/municipalities/${municipality}/letters?date=2020-01-01`,
      200,
      {
        token: counter,
        headers: { accept: 'application/json' },
      },
    );
    expect(other.count).toBe(0);
  });

  it('a bad date is a problem, and only staff of that municipality may print', async () => {
    const counter = await loginAs('counter');
    const municipality = await demo.demostad();
    for (const date of ['2026-13-01', '2026-02-30', 'yesterday'])
      await expectProblem(
        await call(`/api/v1/municipalities/${municipality}/letters?date=${date}`, { token: counter }),
        400,
        'validation_failed',
      );
    // The policy team sees no person (DOMAIN "Who sees what"): letters carry names, addresses and status news.
    await expectProblem(
      await call(`/api/v1/municipalities/${municipality}/letters`, {
        token: await loginAs('admin'),
        headers: { accept: 'application/json' },
      }),
      403,
      'forbidden',
    );
    await expectProblem(
      await call(`/api/v1/municipalities/${await demo.buurdorp()}/letters`, { token: counter }),
      403,
      'forbidden',
    );
    await expectProblem(
      await call(`/api/v1/municipalities/${municipality}/letters`, { token: await loginAs('resident') }),
      403,
      'forbidden',
    );
  });
});
