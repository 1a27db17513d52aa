import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectProblem, json, loginAs } from '../helpers/api.ts';
import { auditLines, newMunicipality, people, staffOf, type Made } from './scenario.ts';

const NOW = '2026-06-15T10:00:00.000Z';
const OLD_LETTER = '2026-05-01T09:00:00.000Z';
const LONG = { from: '2025-10-01', until: '2027-04-30' };
/** Status since January 2026: under six months on 15 June, so not yet "not used for six months". */
const NEW = { from: '2026-01-01', until: '2027-04-30' };
const RECENT_USE = ['2026-06-01T10:00:00.000Z'];

type Item = {
  passholderId: string;
  firstName: string;
  passNumber: string;
  phone: string | null;
  hasAddress: boolean;
  reasons: string[];
  nextStep: string;
  letterAt: string | null;
  statusUntil: string | null;
  lastContact: { how: string; outcome: string; reason: string; contactedAt: string } | null;
};
type Worklist = { items: Item[]; nextCursor: string | null };
type Contact = {
  id: string;
  how: string;
  outcome: string;
  reason: string;
  note: string | null;
  by: string;
  contactedAt: string;
};

/**
 * On 15 June 2026, in a municipality of its own:
 *  w1 status since January, never activated, letter 1 May (45 days), phone           → not_activated, call
 *  w2 status, never activated, letter 1 June (14 days)                  → not listed
 *  w3 status since October 2025, activated, never used, no phone        → not_used, letter
 *  w4 status since October 2025, used on 1 May                          → not listed
 *  w5 status until 31 July, used, no phone and no address               → status_ending, visit
 *  w6 status until 31 July and renewed from 1 August                    → not listed
 *  w7 status ended 31 May, in grace; phone                              → status_ending, call
 *  w8 like w1, but reached on 10 June                                   → not listed (reached in the last 30 days)
 *  w9 like w1, but the last call was a wrong number                     → not_activated, letter
 *  w10 never activated, old letter, but no status or entitlement        → not listed
 *  w11 status since October 2025, never used, but suspended             → not listed
 *  w12 a living-wage entitlement only, never activated, old letter      → not_activated, call
 */
describe('the outreach worklist', () => {
  let municipality: { id: string; hoods: string[] };
  let counter: { id: string; token: string; name: string };
  let w: Made[];
  const PASSWORD = 'resident-password-3';

  beforeAll(async () => {
    municipality = await newMunicipality(['Kern']);
    counter = await staffOf(municipality.id, 'counter', NOW);
    const at = (n: number) => `2025-01-${String(n).padStart(2, '0')}T00:00:00.000Z`;
    const activated = '2025-10-02T09:00:00.000Z';
    w = await people(municipality.id, [
      { createdAt: at(1), grants: [NEW], letters: [OLD_LETTER], phone: '0470 11 22 33' },
      { createdAt: at(2), grants: [NEW], letters: ['2026-06-01T09:00:00.000Z'], phone: '0470 11 22 34' },
      { createdAt: at(3), grants: [LONG], activatedAt: activated, password: PASSWORD },
      { createdAt: at(4), grants: [LONG], activatedAt: activated, checkins: ['2026-05-01T10:00:00.000Z'] },
      {
        createdAt: at(5),
        grants: [{ from: '2025-05-01', until: '2026-07-31' }],
        activatedAt: activated,
        sales: RECENT_USE,
        address: null,
      },
      {
        createdAt: at(6),
        grants: [
          { from: '2025-05-01', until: '2026-07-31' },
          { from: '2026-08-01', until: '2027-07-31' },
        ],
        activatedAt: activated,
        checkins: RECENT_USE,
      },
      {
        createdAt: at(7),
        grants: [{ from: '2025-01-01', until: '2026-05-31', grace: 60 }],
        activatedAt: activated,
        checkins: RECENT_USE,
        phone: '0470 11 22 37',
      },
      { createdAt: at(8), grants: [NEW], letters: [OLD_LETTER], phone: '0470 11 22 38' },
      { createdAt: at(9), grants: [NEW], letters: [OLD_LETTER], phone: '0470 11 22 39' },
      { createdAt: at(10), letters: [OLD_LETTER], phone: '0470 11 22 40' },
      { createdAt: at(11), grants: [LONG], activatedAt: activated, suspendedFrom: '2026-03-01' },
      {
        createdAt: at(12),
        entitlements: [{ from: '2026-01-01' }],
        letters: [OLD_LETTER],
        phone: '0470 11 22 42',
      },
    ]);
    // w8 was reached, w9's number was wrong: logged through the API, as the counter does.
    for (const [person, how, outcome] of [
      [w[7]!, 'call', 'reached'],
      [w[8]!, 'call', 'wrong_number'],
    ] as const)
      await json(`/api/v1/outreach/${person.id}/contacts`, 201, {
        token: counter.token,
        now: NOW,
        body: { reason: 'not_activated', how, outcome, contactedAt: '2026-06-10T14:00:00.000Z' },
      });
  });

  const list = (query = '', token = counter.token) =>
    json<Worklist>(`/api/v1/outreach${query}`, 200, { token, now: NOW });

  it('lists exactly the people to reach, with their reasons and next steps', async () => {
    const { items, nextCursor } = await list();
    expect(nextCursor).toBeNull();
    const byPerson = items.map((i) => [
      w.findIndex((p) => p.id === i.passholderId) + 1,
      i.reasons,
      i.nextStep,
    ]);
    expect(byPerson).toEqual([
      [1, ['not_activated'], 'call'],
      [3, ['not_used'], 'letter'],
      [5, ['status_ending'], 'visit'],
      [7, ['status_ending'], 'call'],
      [9, ['not_activated'], 'letter'],
      [12, ['not_activated'], 'call'],
    ]);
    const one = items[0]!;
    expect(one).toMatchObject({
      firstName: w[0]!.firstName,
      passNumber: w[0]!.passNumber,
      phone: '0470 11 22 33',
      hasAddress: true,
      letterAt: OLD_LETTER,
      lastContact: null,
    });
    expect(items[2]!).toMatchObject({ hasAddress: false, phone: null, statusUntil: '2026-09-29' });
    expect(items[4]!.lastContact).toEqual({
      how: 'call',
      outcome: 'wrong_number',
      reason: 'not_activated',
      contactedAt: '2026-06-10T14:00:00.000Z',
    });
  });

  it('filters by reason', async () => {
    const { items } = await list('?reason=status_ending');
    expect(items.map((i) => i.passholderId)).toEqual([w[4]!.id, w[6]!.id]);
    // The session, then the audit lines and the page in one batch: two round trips whatever the list's length.
    const response = await call('/api/v1/outreach', { token: counter.token, now: NOW });
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('x-d1-round-trips'))).toBeLessThanOrEqual(2);
  });

  it('writes one line per listed person in their "who looked at my record", and none for the others', async () => {
    const before = await Promise.all(w.map((p) => auditLines(p.id, 'read', 'outreach:worklist')));
    const { items } = await list();
    const listed = new Set(items.map((i) => i.passholderId));
    for (const [i, person] of w.entries())
      expect(await auditLines(person.id, 'read', 'outreach:worklist'), `w${i + 1}`).toBe(
        before[i]! + (listed.has(person.id) ? 1 : 0),
      );
    // As the holder sees it: w3 signs in and reads their own record's log.
    const holder = await json<{ token: string }>('/api/v1/auth/login', 200, {
      body: { login: w[2]!.email, password: PASSWORD },
      now: NOW,
    });
    const audit = await json<{ items: { actor: string; action: string; reason: string; at: string }[] }>(
      `/api/v1/passholders/${w[2]!.id}/audit`,
      200,
      { token: holder.token, now: NOW },
    );
    const lines = audit.items.filter((a) => a.reason === 'outreach:worklist');
    expect(lines.length).toBe(before[2]! + 1);
    expect(lines[0]).toMatchObject({ actor: counter.name, action: 'read', at: NOW });
  });

  it('pages with a cursor, and logs each page’s people once', async () => {
    const counts = () => Promise.all(w.map((p) => auditLines(p.id, 'read', 'outreach:worklist')));
    const before = await counts();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Worklist = await list(`?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((i) => i.passholderId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([w[0]!, w[2]!, w[4]!, w[6]!, w[8]!, w[11]!].map((p) => p.id));
    const after = await counts();
    expect(after.map((n, i) => n - before[i]!)).toEqual(w.map((p) => (seen.includes(p.id) ? 1 : 0)));
    await expectProblem(
      await call('/api/v1/outreach?cursor=nonsense', { token: counter.token, now: NOW }),
      400,
      'validation_failed',
    );
  });

  it('logs a contact the resident then reads on their own page, and changes the next step', async () => {
    const contact = await json<Contact>(`/api/v1/outreach/${w[2]!.id}/contacts`, 201, {
      token: counter.token,
      now: NOW,
      body: {
        reason: 'not_used',
        how: 'letter',
        outcome: 'sent',
        note: '  Brief met de activiteiten van de zomer.  ',
      },
    });
    expect(contact).toMatchObject({
      reason: 'not_used',
      how: 'letter',
      outcome: 'sent',
      contactedAt: NOW,
      note: 'Brief met de activiteiten van de zomer.',
      by: counter.name,
    });
    expect(await auditLines(w[2]!.id, 'update', 'outreach:contact')).toBe(1);
    const holder = await json<{ token: string }>('/api/v1/auth/login', 200, {
      body: { login: w[2]!.email, password: PASSWORD },
      now: NOW,
    });
    const mine = await json<{ items: Contact[] }>('/api/v1/me/outreach-contacts', 200, {
      token: holder.token,
      now: NOW,
    });
    expect(mine.items).toEqual([contact]);
    // After a letter that brought nothing, the next step for someone without a phone is a visit.
    const again = (await list()).items.find((i) => i.passholderId === w[2]!.id)!;
    expect(again.lastContact).toMatchObject({ how: 'letter', outcome: 'sent' });
    expect(again.nextStep).toBe('visit');
    // The counter's record page reads the contacts, logged with its reason.
    const read = await json<{ items: Contact[] }>(
      `/api/v1/outreach/${w[2]!.id}/contacts?reason=phone_call`,
      200,
      { token: counter.token, now: NOW },
    );
    expect(read.items[0]).toEqual(contact);
    expect(await auditLines(w[2]!.id, 'read', 'outreach:phone_call')).toBe(1);
    // Reached: off the list for 30 days.
    await json(`/api/v1/outreach/${w[2]!.id}/contacts`, 201, {
      token: counter.token,
      now: NOW,
      body: { reason: 'not_used', how: 'visit', outcome: 'reached' },
    });
    expect((await list()).items.map((i) => i.passholderId)).not.toContain(w[2]!.id);
  });

  it('refuses bad input beside each field, in nl, fr and en', async () => {
    for (const [language, words] of [
      ['nl', 'Kijk de gemarkeerde velden na'],
      ['fr', 'Vérifiez les champs indiqués'],
      ['en', 'check the marked fields'],
    ] as const) {
      const response = await call(`/api/v1/outreach/${w[0]!.id}/contacts`, {
        token: counter.token,
        now: NOW,
        headers: { 'accept-language': language },
        body: { reason: 'not_activated', how: 'fax', outcome: 'reached', note: 'x'.repeat(501) },
      });
      const problem = (await expectProblem(response, 400, 'validation_failed')) as unknown as {
        message: string;
        fields: { pointer: string }[];
      };
      expect(problem.message).toContain(words);
      expect(problem.fields.map((f) => f.pointer).sort()).toEqual(['/how', '/note']);
    }
    const future = await call(`/api/v1/outreach/${w[0]!.id}/contacts`, {
      token: counter.token,
      now: NOW,
      headers: { 'accept-language': 'fr' },
      body: {
        reason: 'not_activated',
        how: 'call',
        outcome: 'no_answer',
        contactedAt: '2026-06-16T10:00:00.000Z',
      },
    });
    const problem = (await expectProblem(future, 400, 'validation_failed')) as unknown as {
      fields: { pointer: string; messages: { fr: string } }[];
    };
    expect(problem.fields).toMatchObject([
      { pointer: '/contactedAt', messages: { fr: 'Ce moment est dans le futur.' } },
    ]);
    await expectProblem(
      await call(`/api/v1/outreach/${w[0]!.id}/contacts`, {
        token: counter.token,
        now: NOW,
        body: { reason: 'not_activated', how: 'call', outcome: 'no_answer', extra: 1 },
      }),
      400,
      'validation_failed',
    );
  });

  it('keeps each municipality to its own counter; residents, clubs and the policy team get 403', async () => {
    const demoCounter = await loginAs('counter', NOW);
    const theirs = await list('', demoCounter);
    expect(theirs.items.some((i) => w.some((p) => p.id === i.passholderId))).toBe(false);
    const body = { reason: 'not_activated', how: 'call', outcome: 'no_answer' };
    await expectProblem(
      await call(`/api/v1/outreach/${w[0]!.id}/contacts`, { token: demoCounter, now: NOW, body }),
      403,
      'forbidden',
    );
    await expectProblem(
      await call(`/api/v1/outreach/${w[0]!.id}/contacts`, { token: demoCounter, now: NOW }),
      403,
      'forbidden',
    );
    await expectProblem(
      await call(`/api/v1/outreach/${crypto.randomUUID()}/contacts`, {
        token: counter.token,
        now: NOW,
        body,
      }),
      404,
      'not_found',
    );
    const admin = await staffOf(municipality.id, 'municipality_admin', NOW);
    for (const token of [
      admin.token,
      await loginAs('resident', NOW),
      await loginAs('club', NOW),
      await loginAs('door', NOW),
    ]) {
      await expectProblem(await call('/api/v1/outreach', { token, now: NOW }), 403, 'forbidden');
      await expectProblem(
        await call(`/api/v1/outreach/${w[0]!.id}/contacts`, { token, now: NOW, body }),
        403,
        'forbidden',
      );
    }
    await expectProblem(await call('/api/v1/outreach'), 401, 'unauthenticated');
    // Staff without a pass have no "my contacts".
    await expectProblem(
      await call('/api/v1/me/outreach-contacts', { token: counter.token, now: NOW }),
      403,
      'forbidden',
    );
    // A resident without contacts sees an empty list.
    expect(
      await json('/api/v1/me/outreach-contacts', 200, { token: await loginAs('neighbour', NOW), now: NOW }),
    ).toEqual({ items: [] });
  });
});
