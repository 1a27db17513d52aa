import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import { createStaffUser, paperReaderWithCancelledActivity } from '../helpers/fixtures.ts';
import { brusselsDate } from '../../src/lib/time.ts';

/**
 * The Social House's phone and address: set by the municipality admin, read by the counter, and named on
 * every letter (and e-mail and SMS) from then on.
 */

type SocialHouse = { phone: string | null; address: string | null };
type Letter = { passholderId: string; sender: string[]; paragraphs: string[] };

const path = (municipalityId: string) => `/api/v1/municipalities/${municipalityId}/social-house`;

const staffLogin = async (user: { email: string; password: string }) =>
  (
    await json<{ token: string }>('/api/v1/auth/login', 200, {
      body: { login: user.email, password: user.password },
    })
  ).token;

describe('the Social House’s phone and address', () => {
  it('the admin sets them, the counter reads them, and the next letter names the new phone', async () => {
    const admin = await loginAs('admin');
    const counter = await loginAs('counter');
    const municipality = await demo.demostad();
    expect(await json<SocialHouse>(path(municipality), 200, { token: counter })).toEqual({
      phone: '050 12 34 56',
      address: 'Marktplein 1\n8000 Demostad',
    });

    const saved = await json<SocialHouse>(path(municipality), 200, {
      method: 'PUT',
      token: admin,
      body: { phone: '  +32 50/44.55.66 ', address: '  Stationsplein 3 \n\n 9300 Demostad  ' },
    });
    expect(saved).toEqual({ phone: '+32 50/44.55.66', address: 'Stationsplein 3\n9300 Demostad' });
    expect(await json<SocialHouse>(path(municipality), 200, { token: counter })).toEqual(saved);
    expect(await json<SocialHouse>(path(municipality), 200, { token: admin })).toEqual(saved);

    // A resident who reads letters only: an activity they signed up for is cancelled.
    const person = await paperReaderWithCancelledActivity(counter, {
      locale: 'fr',
      address: 'Rue de la Gare 12',
    });
    const today = brusselsDate(new Date());
    await expect
      .poll(() =>
        env.DB.prepare(
          "SELECT status, letter_date FROM deliveries WHERE passholder_id = ?1 AND channel = 'paper'",
        )
          .bind(person.passholder.id)
          .first(),
      )
      .toEqual({ status: 'sent', letter_date: today });
    const batch = await json<{ letters: Letter[] }>(
      `/api/v1/municipalities/${municipality}/letters?date=${today}`,
      200,
      {
        token: counter,
        headers: { accept: 'application/json' },
      },
    );
    const letter = batch.letters.find((l) => l.passholderId === person.passholder.id);
    expect(letter?.sender).toEqual([
      'Maison sociale de Demostad',
      'Stationsplein 3',
      '9300 Demostad',
      'Téléphone : +32 50/44.55.66',
    ]);
    expect(letter?.paragraphs.join(' ')).toContain('Maison sociale de Demostad : +32 50/44.55.66');
    expect(JSON.stringify(batch)).not.toContain('050 12 34 56');

    // Without an address, the letter's sender has the name and the phone only.
    await json(path(municipality), 200, { method: 'PUT', token: admin, body: { phone: '050 44 55 66' } });
    const again = await json<{ letters: Letter[] }>(
      `/api/v1/municipalities/${municipality}/letters?date=${today}`,
      200,
      { token: counter, headers: { accept: 'application/json' } },
    );
    expect(again.letters.find((l) => l.passholderId === person.passholder.id)?.sender).toEqual([
      'Maison sociale de Demostad',
      'Téléphone : 050 44 55 66',
    ]);
  });

  it('only the admin of that municipality may change them; counter staff of it may read them', async () => {
    const municipality = await demo.demostad();
    const body = { phone: '050 11 22 33' };
    const counter = await loginAs('counter');
    const before = await json<SocialHouse>(path(municipality), 200, { token: counter });
    await expectProblem(
      await call(path(municipality), { method: 'PUT', token: counter, body }),
      403,
      'forbidden',
    );
    const otherAdmin = await staffLogin(
      await createStaffUser('municipality_admin', { municipalityId: await demo.buurdorp() }),
    );
    await expectProblem(
      await call(path(municipality), { method: 'PUT', token: otherAdmin, body }),
      403,
      'forbidden',
    );
    await expectProblem(await call(path(municipality), { token: otherAdmin }), 403, 'forbidden');
    await json(path(await demo.buurdorp()), 200, { method: 'PUT', token: otherAdmin, body });
    for (const role of ['resident', 'club', 'door'] as const)
      await expectProblem(await call(path(municipality), { token: await loginAs(role) }), 403, 'forbidden');
    await expectProblem(await call(path(municipality)), 401, 'unauthenticated');
    await expectProblem(await call(path(municipality), { method: 'PUT', body }), 401, 'unauthenticated');
    // Nothing changed in Demostad.
    expect(await json<SocialHouse>(path(municipality), 200, { token: counter })).toEqual(before);
    expect(before.phone).not.toBe(body.phone);
  });

  it('a phone that is not a Belgian number is refused on its field, in the person’s language', async () => {
    const admin = await loginAs('admin');
    const municipality = await demo.demostad();
    const words = {
      nl: 'Dit is geen Belgisch telefoonnummer',
      fr: 'Ce n’est pas un numéro de téléphone belge',
      en: 'This is not a Belgian phone number',
    };
    for (const phone of ['bel ons', '12', '+31 6 12345678', '050 12 34 56 78 90', '050_12_34_56']) {
      for (const language of ['nl', 'fr', 'en'] as const) {
        const problem = await expectProblem(
          await call(path(municipality), {
            method: 'PUT',
            token: admin,
            body: { phone },
            headers: { 'accept-language': language },
          }),
          400,
          'validation_failed',
        );
        const fields = problem.fields as { pointer: string; messages: Record<string, string> }[];
        expect(fields.map((f) => f.pointer)).toEqual(['/phone']);
        expect(fields[0]!.messages[language]).toContain(words[language]);
        expect(problem.message).toBe(
          {
            nl: 'Niet alle gegevens zijn correct ingevuld. Kijk de gemarkeerde velden na.',
            fr: 'Certaines données ne sont pas correctes. Vérifiez les champs indiqués.',
            en: 'Some of the data is not correct. Please check the marked fields.',
          }[language],
        );
      }
    }
    const pointers = async (body: unknown) =>
      (
        (
          await expectProblem(
            await call(path(municipality), { method: 'PUT', token: admin, body }),
            400,
            'validation_failed',
          )
        ).fields as { pointer: string; code: string }[]
      ).map((f) => `${f.pointer} ${f.code}`);
    expect(await pointers({})).toEqual(['/phone required']);
    expect(await pointers({ phone: '   ' })).toEqual(['/phone required']);
    expect(await pointers({ phone: `050 12 34 56${' '.repeat(40)}x` })).toEqual(['/phone too_big']);
    expect(await pointers({ phone: '050 12 34 56', address: 'x'.repeat(201) })).toEqual(['/address too_big']);
    expect(await pointers({ phone: '050 12 34 56', email: 'x@example.org' })).toEqual([
      '/email unrecognized_keys',
    ]);
    // Copied from the form's hint (no-break spaces): stored with plain spaces.
    expect(
      await json<SocialHouse>(path(municipality), 200, {
        method: 'PUT',
        token: admin,
        body: { phone: '050\u00a012\u00a034\u00a056' },
      }),
    ).toEqual({ phone: '050 12 34 56', address: null });
    // Written the ways people write a number: all taken.
    for (const phone of ['050 12 34 56', '050/12.34.56', '0470 12 34 56', '+32 470 12 34 56', '0800 12 345'])
      expect(
        (await json<SocialHouse>(path(municipality), 200, { method: 'PUT', token: admin, body: { phone } }))
          .phone,
      ).toBe(phone);
  });
});
