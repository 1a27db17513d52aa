import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { brusselsDate } from '../../src/lib/time.ts';
import { addDays } from '../../src/status/derive.ts';
import { call, demo, json, loginAs } from '../helpers/api.ts';
import { givePoints, registerResident } from '../helpers/fixtures.ts';
import {
  activate,
  countRows,
  counterRights,
  createRight,
  heldIds,
  holdings,
  messages,
  myRights,
} from './helpers.ts';

const today = brusselsDate(new Date());
/** The nightly cron, through the Worker's own scheduled handler, as of a Brussels calendar day (03:00 UTC). */
type Scheduler = {
  scheduled(options: { scheduledTime?: Date; cron?: string }): Promise<{ outcome: string }>;
};
async function nightlyOn(date: string): Promise<void> {
  // `scheduled` on a Worker binding is typed in workers-types' experimental set only.
  const worker = exports.default as unknown as Scheduler;
  const result = await worker.scheduled({ scheduledTime: new Date(`${date}T03:00:00Z`), cron: '15 2 * * *' });
  expect(result.outcome).toBe('ok');
}

describe('the demo', () => {
  it('Samira sees her rights and her children’s, and the nightly job finds the seed as the rules would', async () => {
    const holders = await myRights(await loginAs('resident'));
    expect(holders.map((h) => [h.self, h.held.length])).toEqual([
      [true, 3],
      [false, 2],
      [false, 2],
    ]);
    expect(holders[0]!.held.map((r) => r.text.name).sort()).toEqual([
      'Energiepremie',
      'Schoolmaaltijden aan verminderd tarief',
      'Zwembad aan verminderd tarief',
    ]);
    const samira = await demo.id('passholder:resident');
    const before = await holdings(samira);
    await nightlyOn(today);
    expect(await holdings(samira)).toEqual(before);
  });
});

describe('rights that open with the status', () => {
  it('a status granted at the counter opens the rights of status, not those of an entitlement, with one message in the holder’s language', async () => {
    const admin = await loginAs('admin');
    const demostad = await demo.demostad();
    const ofStatus = await createRight(admin, demostad, 'status');
    const ofLivingWage = await createRight(admin, demostad, 'living_wage');
    const counter = await loginAs('counter');
    const person = await registerResident(counter, { locale: 'fr' });
    const holder = await activate(person);
    expect(heldIds((await myRights(holder))[0])).not.toContain(ofStatus.id);

    const status = await json<{ validUntil: string }>(
      `/api/v1/passholders/${person.passholder.id}/status/grants`,
      200,
      { token: counter, body: { reason: 'low_income' } },
    );

    const [mine] = await myRights(holder);
    expect(heldIds(mine)).toContain(ofStatus.id);
    expect(heldIds(mine)).not.toContain(ofLivingWage.id);
    expect(mine!.held.find((r) => r.rightId === ofStatus.id)).toMatchObject({
      openedOn: today,
      endedOn: null,
      until: addDays(status.validUntil, 60),
      inGrace: false,
    });
    const atCounter = await counterRights(counter, person.passholder.id);
    expect(heldIds(atCounter)).toEqual(heldIds(mine));
    // The counter's read is in the holder's "who looked at my record".
    const audit = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE passholder_id = ?1 AND reason = 'rights:phone_call'",
    )
      .bind(person.passholder.id)
      .first<{ n: number }>();
    expect(audit!.n).toBe(1);
    const [message] = await messages(person.passholder.id, 'rights_opened');
    expect(message!.message).toContain(ofStatus.name.fr);
    // How to use it is in the message itself: a letter must say it without the app.
    expect(message!.message).toContain(ofStatus.howToUse.fr);
    expect(message!.message).not.toContain(ofLivingWage.name.fr);
    expect(await messages(person.passholder.id, 'rights_opened')).toHaveLength(1);
    // Granting again (a renewal) opens nothing new and says so once.
    await json(`/api/v1/passholders/${person.passholder.id}/status/grants`, 200, {
      token: counter,
      body: { reason: 'low_income', validUntil: addDays(status.validUntil, 365) },
    });
    expect(await messages(person.passholder.id, 'rights_opened')).toHaveLength(1);
    expect(await messages(person.passholder.id, 'status_renewed')).toHaveLength(1);
    // Extending the running grant is a renewal too; its message names the new end date.
    const status2 = await json<{ grants: { id: string; validUntil: string }[] }>(
      `/api/v1/passholders/${person.passholder.id}/status`,
      200,
      { token: holder },
    );
    const latest = status2.grants.reduce((a, b) => (a.validUntil > b.validUntil ? a : b));
    await json(`/api/v1/passholders/${person.passholder.id}/status/grants/${latest.id}`, 200, {
      token: counter,
      method: 'PATCH',
      body: { validUntil: addDays(latest.validUntil, 30) },
    });
    const renewed = await messages(person.passholder.id, 'status_renewed');
    expect(renewed).toHaveLength(2);
    expect(renewed.map((m) => m.id)).toContain(
      `status_renewed:${person.passholder.id}:${addDays(latest.validUntil, 30)}`,
    );
  });

  it('the grant, its rights and its message are written together or not at all', async () => {
    const admin = await loginAs('admin');
    const ofStatus = await createRight(admin, await demo.demostad(), 'status');
    const counter = await loginAs('counter');
    for (let n = 1; n <= 5; n++) {
      for (const when of ['before', 'after'] as const) {
        const person = await registerResident(counter);
        const r = await call(`/api/v1/passholders/${person.passholder.id}/status/grants`, {
          token: counter,
          body: { reason: 'low_income' },
          headers: { 'x-test-fail': `${n}:${when}` },
        });
        expect([200, 500]).toContain(r.status);
        const state = await env.DB.prepare(
          `SELECT (SELECT count(*) FROM status_grants WHERE passholder_id = ?1) AS grants,
                  (SELECT count(*) FROM holder_rights WHERE passholder_id = ?1 AND right_id = ?2) AS rights,
                  (SELECT count(*) FROM notifications WHERE passholder_id = ?1 AND kind = 'rights_opened') AS messages`,
        )
          .bind(person.passholder.id, ofStatus.id)
          .first<{ grants: number; rights: number; messages: number }>();
        expect([state!.rights, state!.messages], `${n}:${when}`).toEqual([state!.grants, state!.grants]);
        if (r.status === 200) expect(state!.grants).toBe(1);
      }
    }
  });

  it('an entitlement opens its own rights (and, where its rule opens the status, those of status); ending it ends them', async () => {
    const admin = await loginAs('admin');
    const demostad = await demo.demostad();
    const ofStatus = await createRight(admin, demostad, 'status');
    const ofLivingWage = await createRight(admin, demostad, 'living_wage');
    const ofEnergy = await createRight(admin, demostad, 'increased_allowance');
    const counter = await loginAs('counter');
    const person = await registerResident(counter);
    const answer = await json<{ entitlements: { id: string }[] }>(
      `/api/v1/passholders/${person.passholder.id}/entitlements`,
      200,
      { token: counter, body: { kind: 'living_wage' } },
    );
    let rights = await counterRights(counter, person.passholder.id);
    expect(heldIds(rights)).toEqual(expect.arrayContaining([ofStatus.id, ofLivingWage.id]));
    expect(heldIds(rights)).not.toContain(ofEnergy.id);
    const [message] = await messages(person.passholder.id, 'rights_opened');
    expect(message!.message).toContain(ofStatus.name.nl);
    expect(message!.message).toContain(ofLivingWage.name.nl);

    await json(
      `/api/v1/passholders/${person.passholder.id}/entitlements/${answer.entitlements[0]!.id}/end`,
      200,
      { token: counter, method: 'POST' },
    );
    rights = await counterRights(counter, person.passholder.id);
    expect(rights.held).toEqual([]);
    expect(rights.ended.map((r) => r.rightId)).toEqual(
      expect.arrayContaining([ofStatus.id, ofLivingWage.id]),
    );
    expect(rights.ended.every((r) => r.endedOn === today)).toBe(true);
  });

  it('a minor holds the rights of the status they inherit from an adult of the household', async () => {
    const admin = await loginAs('admin');
    const ofStatus = await createRight(admin, await demo.demostad(), 'status');
    const counter = await loginAs('counter');
    const parent = await registerResident(counter);
    const child = await registerResident(counter, {
      birthDate: `${Number(today.slice(0, 4)) - 8}-03-01`,
      householdId: parent.passholder.householdId,
    });
    await json(`/api/v1/passholders/${parent.passholder.id}/status/grants`, 200, {
      token: counter,
      body: { reason: 'low_income' },
    });
    expect(heldIds(await counterRights(counter, child.passholder.id))).toContain(ofStatus.id);
  });

  it('suspending the status ends its rights; lifting the suspension opens them again', async () => {
    const admin = await loginAs('admin');
    const ofStatus = await createRight(admin, await demo.demostad(), 'status');
    const counter = await loginAs('counter');
    const person = await registerResident(counter);
    const id = person.passholder.id;
    await json(`/api/v1/passholders/${id}/status/grants`, 200, {
      token: counter,
      body: { reason: 'low_income' },
    });
    const suspended = await json<{ suspensions: { id: string }[] }>(
      `/api/v1/passholders/${id}/status/suspensions`,
      200,
      { token: counter, body: { reason: 'check' } },
    );
    expect(heldIds(await counterRights(counter, id))).not.toContain(ofStatus.id);
    await json(`/api/v1/passholders/${id}/status/suspensions/${suspended.suspensions[0]!.id}/lift`, 200, {
      token: counter,
      method: 'POST',
    });
    expect(heldIds(await counterRights(counter, id))).toContain(ofStatus.id);
    expect((await holdings(id)).filter((h) => h.right_id === ofStatus.id)).toHaveLength(2);
  });

  it('an import confirmed for many opens their rights at once; confirmed twice, nothing more', async () => {
    const admin = await loginAs('admin');
    const demostad = await demo.demostad();
    const ofStatus = await createRight(admin, demostad, 'status');
    const counter = await loginAs('counter');
    const people = [await registerResident(counter), await registerResident(counter)];
    const csv = ['passNumber', ...people.map((p) => p.passholder.passNumber)].join('\n');
    const dry = await json<{ id: string }>(`/api/v1/municipalities/${demostad}/status-imports`, 201, {
      token: admin,
      body: { csv },
    });
    await json(`/api/v1/status-imports/${dry.id}/confirm`, 200, { token: admin, method: 'POST' });
    for (const p of people) {
      expect(heldIds(await counterRights(counter, p.passholder.id))).toContain(ofStatus.id);
      expect(await messages(p.passholder.id, 'rights_opened')).toHaveLength(1);
    }
    const before = [await countRows('holder_rights'), await countRows('notifications')];
    await json(`/api/v1/status-imports/${dry.id}/confirm`, 200, { token: admin, method: 'POST' });
    expect([await countRows('holder_rights'), await countRows('notifications')]).toEqual(before);
  });
});

describe('the nightly job and the rights', () => {
  it('a status that runs out keeps its rights through the grace, then ends them; messages once; twice writes nothing new', async () => {
    const admin = await loginAs('admin');
    const ofStatus = await createRight(admin, await demo.demostad(), 'status');
    const counter = await loginAs('counter');
    const person = await registerResident(counter, { locale: 'en' });
    const id = person.passholder.id;
    const validUntil = addDays(today, 20);
    await json(`/api/v1/passholders/${id}/status/grants`, 200, {
      token: counter,
      body: { reason: 'low_income', validUntil, graceDays: 30 },
    });

    await nightlyOn(today);
    const ending = await messages(id, 'status_ending');
    expect(ending).toHaveLength(1);
    expect(ending[0]!.message).toMatch(/^Your social status ends on .+\. .*counter/);
    await nightlyOn(today);
    expect(await messages(id, 'status_ending')).toHaveLength(1);

    // In grace: still held, marked as in grace.
    const inGrace = addDays(validUntil, 5);
    await nightlyOn(inGrace);
    expect(await messages(id, 'status_in_grace')).toHaveLength(1);
    const later = `${inGrace}T10:00:00Z`;
    const during = await counterRights(await loginAs('counter', later), id, later);
    expect(during.held.find((r) => r.rightId === ofStatus.id)).toMatchObject({ inGrace: true });

    // The last day of grace: held; the day after: ended that day.
    await nightlyOn(addDays(validUntil, 30));
    expect((await holdings(id)).find((h) => h.right_id === ofStatus.id)!.ended_on).toBeNull();
    const after = addDays(validUntil, 31);
    await nightlyOn(after);
    expect((await holdings(id)).find((h) => h.right_id === ofStatus.id)!.ended_on).toBe(after);

    const counts = [await countRows('holder_rights'), await countRows('notifications')];
    await nightlyOn(after);
    expect([await countRows('holder_rights'), await countRows('notifications')]).toEqual(counts);
    expect(await messages(id, 'status_ending')).toHaveLength(1);
    expect(await messages(id, 'status_in_grace')).toHaveLength(1);
  });

  it('an entitlement that runs out keeps its own rights for the grace of its kind, while the status it opened runs on', async () => {
    const admin = await loginAs('admin');
    const demostad = await demo.demostad();
    const ofStatus = await createRight(admin, demostad, 'status');
    const ofLivingWage = await createRight(admin, demostad, 'living_wage');
    const counter = await loginAs('counter');
    const person = await registerResident(counter);
    const id = person.passholder.id;
    const validUntil = addDays(today, 5);
    // Demostad's rule: the living wage opens the status until 30 April after next, with 60 days' grace.
    await json(`/api/v1/passholders/${id}/entitlements`, 200, {
      token: counter,
      body: { kind: 'living_wage', validUntil },
    });
    const held = async (on: string) =>
      (await holdings(id)).filter((h) => h.ended_on === null || h.ended_on > on).map((h) => h.right_id);
    await nightlyOn(addDays(validUntil, 60));
    expect(await held(addDays(validUntil, 60))).toEqual(
      expect.arrayContaining([ofStatus.id, ofLivingWage.id]),
    );
    await nightlyOn(addDays(validUntil, 61));
    expect((await holdings(id)).find((h) => h.right_id === ofLivingWage.id)!.ended_on).toBe(
      addDays(validUntil, 61),
    );
    expect((await holdings(id)).find((h) => h.right_id === ofStatus.id)!.ended_on).toBeNull();
  });

  it('a status that starts later opens its rights the night it starts', async () => {
    const admin = await loginAs('admin');
    const ofStatus = await createRight(admin, await demo.demostad(), 'status');
    const counter = await loginAs('counter');
    const person = await registerResident(counter);
    const start = addDays(today, 3);
    await json(`/api/v1/passholders/${person.passholder.id}/status/grants`, 200, {
      token: counter,
      body: { reason: 'low_income', validFrom: start },
    });
    expect(await holdings(person.passholder.id)).toEqual([]);
    await nightlyOn(start);
    expect((await holdings(person.passholder.id)).map((h) => [h.right_id, h.opened_on])).toContainEqual([
      ofStatus.id,
      start,
    ]);
    expect(await messages(person.passholder.id, 'rights_opened')).toHaveLength(1);
  });

  it('reward_ready once per reward when the points reach its cost', async () => {
    const counter = await loginAs('counter');
    const rich = await registerResident(counter);
    const poor = await registerResident(counter);
    await givePoints([rich.passholder.id], 10);
    await nightlyOn(today);
    await nightlyOn(today);
    const ready = await messages(rich.passholder.id, 'reward_ready');
    const cinema = await demo.id('reward:cinema');
    expect(ready.map((m) => m.id)).toContain(`reward_ready:${cinema}:${rich.passholder.id}`);
    expect(ready.filter((m) => m.id.includes(cinema))).toHaveLength(1);
    expect(ready.find((m) => m.id.includes(cinema))!.message).toContain('Filmticket in het cultuurcentrum');
    expect(await messages(poor.passholder.id, 'reward_ready')).toEqual([]);
  });
});
