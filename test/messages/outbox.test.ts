import { env, exports } from 'cloudflare:workers';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { call, demo, expectProblem, json, loginAs, unique } from '../helpers/api.ts';
import { createActivity, registerResident } from '../helpers/fixtures.ts';
import { brusselsDate } from '../../src/lib/time.ts';

/**
 * Messages that leave the app, through the Worker's own entry points: `fetch` writes a change and its
 * outbox rows together, the relay (after the write, or the cron through `scheduled`) hands them to the
 * queue, and `queue` delivers them once, retries, and gives up into the dead-letter queue.
 */

type QueueResult = {
  outcome: string;
  ackAll: boolean;
  retryBatch: { retry: boolean };
  explicitAcks: string[];
  retryMessages: { msgId: string; delaySeconds?: number }[];
};
type QueueMessage = { id: string; timestamp: Date; attempts: number; body: { deliveryId: string } };
type Worker = {
  queue(queue: string, messages: QueueMessage[]): Promise<QueueResult>;
  scheduled(options: { scheduledTime?: Date; cron?: string }): Promise<{ outcome: string }>;
};
const worker = exports.default as unknown as Worker;

type Delivery = {
  id: string;
  notification_id: string;
  passholder_id: string;
  channel: string;
  locale: string;
  address: string | null;
  status: string;
  attempts: number;
  last_error: string | null;
  letter_date: string | null;
  enqueued_at: string | null;
};

const deliveriesOf = async (passholderId: string) =>
  (
    await env.DB.prepare('SELECT * FROM deliveries WHERE passholder_id = ?1 ORDER BY created_at, channel')
      .bind(passholderId)
      .all<Delivery>()
  ).results;

const notificationsOf = async (passholderId: string) =>
  (
    await env.DB.prepare('SELECT id, kind, message FROM notifications WHERE passholder_id = ?1')
      .bind(passholderId)
      .all<{ id: string; kind: string; message: string }>()
  ).results;

/** A message written straight into the database: no request, so no relay runs for it. */
async function messageInDb(
  passholderId: string,
  kind = 'signup_promoted',
  message = 'Er is een plaats vrij.',
) {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    'INSERT INTO notifications (id, passholder_id, kind, activity_id, message, created_at) VALUES (?1, ?2, ?3, NULL, ?4, ?5)',
  )
    .bind(id, passholderId, kind, message, new Date().toISOString())
    .run();
  return id;
}

/** As if the relay had handed it to the queue just now: no relay takes it again (the test delivers it). */
async function handedToQueue(deliveryId: string) {
  await env.DB.prepare('UPDATE deliveries SET enqueued_at = ?2 WHERE id = ?1')
    .bind(deliveryId, new Date().toISOString())
    .run();
}

const sentTo = (spy: { mock: { calls: unknown[][] } }, address: string) =>
  spy.mock.calls.filter(([m]) => (m as { to: unknown }).to === address);

/** An activity with one place: `first` takes it, `second` waits; cancelling `first` promotes `second`. */
async function promotion(counter: string, second: { id: string }) {
  const start = Date.now() + 3 * 86_400_000;
  const activity = await createActivity({
    capacity: 1,
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 3_600_000).toISOString(),
  });
  const first = await registerResident(counter);
  const signed = await json<{ signups: { id: string; status: string }[] }>(
    `/api/v1/activities/${activity.id}/signups`,
    201,
    { token: counter, body: { passholderIds: [first.passholder.id] } },
  );
  await json(`/api/v1/activities/${activity.id}/signups`, 201, {
    token: counter,
    body: { passholderIds: [second.id] },
  });
  return { activity, firstSignup: signed.signups[0]!.id };
}

/**
 * One spy on the e-mail binding for the whole file, reset before each test (a spy made and restored per
 * test did not always see the sends of queue invocations that the runtime started itself).
 */
const send = vi.spyOn(env.EMAIL, 'send');
beforeEach(() => {
  send.mockReset();
});
afterAll(() => {
  send.mockRestore();
});

describe('outbox rows are written with the change', () => {
  it('a promotion writes the message and its e-mail delivery together, and the relay delivers it once', async () => {
    const counter = await loginAs('counter');
    const email = `${unique('promoted')}@example.org`;
    const person = await registerResident(counter, { email });
    const { firstSignup } = await promotion(counter, person.passholder);
    await json(`/api/v1/signups/${firstSignup}/cancel`, 200, { method: 'POST', token: counter });

    const [notification] = await notificationsOf(person.passholder.id);
    expect(notification?.kind).toBe('signup_promoted');
    const rows = await deliveriesOf(person.passholder.id);
    expect(rows).toEqual([
      expect.objectContaining({
        notification_id: notification!.id,
        channel: 'email',
        address: email,
        locale: 'nl',
      }),
    ]);
    await expect.poll(async () => (await deliveriesOf(person.passholder.id))[0]?.status).toBe('sent');
    const mails = sentTo(send, email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]![0] as { subject: string; text: string; html: string; from: { email: string } };
    expect(mail.subject).toBe('Er is een plaats vrij voor jou');
    expect(mail.text).toContain(notification!.message);
    expect(mail.text).toContain('050 12 34 56');
    expect(mail.html).toContain('<p>');
    expect(mail.from.email).toBe(env.MAIL_FROM);
  });

  it('a refused change writes neither the message nor its delivery', async () => {
    const counter = await loginAs('counter');
    const person = await registerResident(counter, { email: `${unique('refused')}@example.org` });
    const { activity } = await promotion(counter, person.passholder);
    const club = await loginAs('club');
    // Capacity below the confirmed sign-ups: the activity's guard refuses the batch.
    const refused = await call(`/api/v1/activities/${activity.id}`, {
      method: 'PATCH',
      token: club,
      body: { capacity: 0, title: 'Nieuwe titel' },
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(await notificationsOf(person.passholder.id)).toEqual([]);
    expect(await deliveriesOf(person.passholder.id)).toEqual([]);
    // And when it goes through, both are there.
    await json(`/api/v1/activities/${activity.id}/cancel`, 200, { method: 'POST', token: club });
    expect(await notificationsOf(person.passholder.id)).toEqual([
      expect.objectContaining({ kind: 'activity_cancelled' }),
    ]);
    expect(await deliveriesOf(person.passholder.id)).toEqual([expect.objectContaining({ channel: 'email' })]);
    await expect.poll(async () => (await deliveriesOf(person.passholder.id))[0]?.status).toBe('sent');
  });

  it('reduction messages stay in the app: no delivery', async () => {
    const counter = await loginAs('counter');
    const person = await registerResident(counter, { email: `${unique('tariff')}@example.org` });
    await messageInDb(person.passholder.id, 'tariff', 'Geen korting: het maximum is bereikt.');
    expect(await deliveriesOf(person.passholder.id)).toEqual([]);
  });

  it('lift messages never go by letter: they would come too late', async () => {
    const counter = await loginAs('counter');
    const nothing = await registerResident(counter);
    const ride = await messageInDb(nothing.passholder.id, 'ride_confirmed', 'Jan rijdt mee.');
    const cancelled = await messageInDb(nothing.passholder.id, 'activity_cancelled', 'Geannuleerd.');
    const rows = await deliveriesOf(nothing.passholder.id);
    expect(rows.filter((d) => d.notification_id === ride)).toEqual([]);
    expect(rows.filter((d) => d.notification_id === cancelled).map((d) => d.channel)).toEqual(['paper']);
    await worker.scheduled({ scheduledTime: new Date(), cron: '*/5 * * * *' });
    await expect
      .poll(async () => (await deliveriesOf(nothing.passholder.id)).every((d) => d.status === 'sent'))
      .toBe(true);
  });

  it('channels follow the settings, or the defaults: e-mail, else SMS, else a letter', async () => {
    const counter = await loginAs('counter');
    const withPhone = await registerResident(counter, { phone: '0470 12 34 56' });
    const nothing = await registerResident(counter);
    const both = await registerResident(counter, {
      email: `${unique('both')}@example.org`,
      phone: '0470 11 22 33',
    });
    for (const p of [withPhone, nothing, both]) await messageInDb(p.passholder.id);
    const channels = async (id: string) => (await deliveriesOf(id)).map((d) => d.channel);
    expect(await channels(withPhone.passholder.id)).toEqual(['sms']);
    expect(await channels(nothing.passholder.id)).toEqual(['paper']);
    expect(await channels(both.passholder.id)).toEqual(['email']);
    await json(`/api/v1/passholders/${both.passholder.id}/notification-settings`, 200, {
      method: 'PUT',
      token: counter,
      body: { channels: { app: true, email: true, sms: true, paper: true }, language: 'en' },
    });
    const changed = await messageInDb(both.passholder.id, 'activity_changed');
    const latest = (await deliveriesOf(both.passholder.id)).filter((d) => d.notification_id === changed);
    expect(latest.map((d) => [d.channel, d.locale]).sort()).toEqual([
      ['email', 'en'],
      ['paper', 'en'],
      ['sms', 'en'],
    ]);
    // A relay cron delivers all of them; wait for it, so nothing arrives late in another file.
    await worker.scheduled({ scheduledTime: new Date(), cron: '*/5 * * * *' });
    for (const p of [withPhone, nothing, both])
      await expect
        .poll(async () => (await deliveriesOf(p.passholder.id)).every((d) => d.status === 'sent'))
        .toBe(true);
  });
});

describe('a minor’s messages', () => {
  it('go to their guardian’s channels when the minor has no contact of their own', async () => {
    const child = await demo.id('passholder:samira-child-1');
    const samira = await demo.id('passholder:resident');
    const id = await messageInDb(child, 'signup_promoted', 'Nour heeft een plaats.');
    const rows = (await deliveriesOf(samira)).filter((d) => d.notification_id === id);
    expect(rows).toEqual([
      expect.objectContaining({ channel: 'email', address: 'resident@demo.local', passholder_id: samira }),
    ]);
    expect(await deliveriesOf(child)).toEqual([]);
    await worker.scheduled({ scheduledTime: new Date(), cron: '*/5 * * * *' });
    await expect
      .poll(async () => (await deliveriesOf(samira)).find((d) => d.notification_id === id)?.status)
      .toBe('sent');
  });
});

describe('the queue consumer', () => {
  it('run twice on the same message sends once', async () => {
    const counter = await loginAs('counter');
    const email = `${unique('twice')}@example.org`;
    const person = await registerResident(counter, { email });
    await messageInDb(person.passholder.id);
    const [delivery] = await deliveriesOf(person.passholder.id);
    await handedToQueue(delivery!.id);
    const message = { id: 'm-twice', timestamp: new Date(), attempts: 1, body: { deliveryId: delivery!.id } };
    const first = await worker.queue('buurtpas-outbox', [message]);
    const second = await worker.queue('buurtpas-outbox', [message]);
    expect(first.outcome).toBe('ok');
    expect(first.explicitAcks).toEqual(['m-twice']);
    expect(second.explicitAcks).toEqual(['m-twice']);
    expect(second.retryMessages).toEqual([]);
    // Whichever consumer got there first (these two, or one a late relay started), it went out once.
    await expect.poll(async () => (await deliveriesOf(person.passholder.id))[0]?.status).toBe('sent');
    expect(sentTo(send, email)).toHaveLength(1);
  });

  it('five consumers at once on the same message send it once', async () => {
    const counter = await loginAs('counter');
    const email = `${unique('parallel')}@example.org`;
    const person = await registerResident(counter, { email });
    await messageInDb(person.passholder.id);
    const [delivery] = await deliveriesOf(person.passholder.id);
    await handedToQueue(delivery!.id);
    const message = { id: 'm-par', timestamp: new Date(), attempts: 1, body: { deliveryId: delivery!.id } };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => worker.queue('buurtpas-outbox', [message])),
    );
    // Every consumer acks (the one that sent, and those that found it claimed or sent); none retries.
    for (const r of results) expect([r.explicitAcks, r.retryMessages]).toEqual([['m-par'], []]);
    await expect.poll(async () => (await deliveriesOf(person.passholder.id))[0]?.status).toBe('sent');
    expect(sentTo(send, email)).toHaveLength(1);
  });

  it('a failing e-mail is retried, then the dead-letter queue marks it failed for the counter', async () => {
    const counter = await loginAs('counter');
    const email = `${unique('bounce')}@example.org`;
    const person = await registerResident(counter, { email, locale: 'fr' });
    await messageInDb(person.passholder.id, 'activity_cancelled', 'L’activité est annulée.');
    const [delivery] = await deliveriesOf(person.passholder.id);
    await handedToQueue(delivery!.id);
    send.mockRejectedValue(new Error('mail server down'));
    const message = { id: 'm-fail', timestamp: new Date(), attempts: 1, body: { deliveryId: delivery!.id } };
    const tried = await worker.queue('buurtpas-outbox', [message]);
    expect(tried.retryMessages).toEqual([expect.objectContaining({ msgId: 'm-fail' })]);
    expect(tried.explicitAcks).toEqual([]);
    const afterTry = (await deliveriesOf(person.passholder.id))[0]!;
    expect(afterTry).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: expect.stringContaining('mail server down'),
    });

    const dead = await worker.queue('buurtpas-outbox-dlq', [{ ...message, attempts: 1 }]);
    expect(dead.explicitAcks).toEqual(['m-fail']);
    expect((await deliveriesOf(person.passholder.id))[0]).toMatchObject({
      status: 'failed',
      last_error: expect.stringContaining('mail server down'),
    });

    const list = await json<{
      items: {
        id: string;
        passNumber: string;
        email: string;
        channel: string;
        message: string;
        error: string;
        reason: string;
      }[];
    }>(`/api/v1/municipalities/${await demo.demostad()}/failed-deliveries`, 200, { token: counter });
    expect(list.items).toContainEqual(
      expect.objectContaining({
        id: delivery!.id,
        passNumber: person.passholder.passNumber,
        email,
        channel: 'email',
        message: 'L’activité est annulée.',
        error: expect.stringContaining('mail server down'),
        // Tried again and again without getting through (the dead-letter queue).
        reason: 'unavailable',
      }),
    );
    // Reading the list is a staff read of the person's contact: it is in their "who looked".
    const audit = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE passholder_id = ?1 AND action = 'read'",
    )
      .bind(person.passholder.id)
      .first<{ n: number }>();
    expect(audit!.n).toBeGreaterThanOrEqual(1);

    // Another municipality's counter does not see it, nor may a resident.
    await expectProblem(
      await call(`/api/v1/municipalities/${await demo.demostad()}/failed-deliveries`, {
        token: await loginAs('resident'),
      }),
      403,
      'forbidden',
    );
    // The counter sends it as a letter: handled, and in today's batch.
    const resolved = await json<{ status: string; letterDate: string }>(
      `/api/v1/municipalities/${await demo.demostad()}/failed-deliveries/${delivery!.id}`,
      200,
      { token: counter, body: { action: 'letter' } },
    );
    expect(resolved).toMatchObject({ status: 'handled', letterDate: brusselsDate(new Date()) });
    await expectProblem(
      await call(`/api/v1/municipalities/${await demo.demostad()}/failed-deliveries/${delivery!.id}`, {
        token: counter,
        body: { action: 'handled' },
      }),
      409,
      'delivery_not_failed',
    );
    const after = await deliveriesOf(person.passholder.id);
    expect(after.map((d) => [d.channel, d.status]).sort()).toEqual([
      ['email', 'handled'],
      ['paper', 'sent'],
    ]);
  });

  it('a failing e-mail sent for real goes through its retries into the dead-letter queue and onto the list', async () => {
    const counter = await loginAs('counter');
    const email = `${unique('retries')}@example.org`;
    const person = await registerResident(counter, { email });
    send.mockRejectedValue(new Error('temporarily unavailable'));
    await messageInDb(person.passholder.id);
    await worker.scheduled({ scheduledTime: new Date(), cron: '*/5 * * * *' });
    await expect.poll(async () => (await deliveriesOf(person.passholder.id))[0]?.status).toBe('failed');
    const [row] = await deliveriesOf(person.passholder.id);
    // The first try and three retries (vitest.config.ts: maxRetries 3), then the dead-letter queue.
    expect(row!.attempts).toBe(4);
    expect(sentTo(send, email)).toHaveLength(4);
    const list = await json<{ items: { id: string; reason: string }[] }>(
      `/api/v1/municipalities/${await demo.demostad()}/failed-deliveries`,
      200,
      { token: counter },
    );
    expect(list.items).toContainEqual(expect.objectContaining({ id: row!.id, reason: 'unavailable' }));
  });

  it('a permanent error (an SMS to something that is not a phone number) fails at once', async () => {
    const counter = await loginAs('counter');
    // The record refuses such a number; put one in as an old record might have it.
    const target = await registerResident(counter);
    await env.DB.prepare("UPDATE passholders SET phone = 'call me' WHERE id = ?1")
      .bind(target.passholder.id)
      .run();
    await messageInDb(target.passholder.id);
    const [delivery] = await deliveriesOf(target.passholder.id);
    expect(delivery!.channel).toBe('sms');
    await handedToQueue(delivery!.id);
    const result = await worker.queue('buurtpas-outbox', [
      { id: 'm-sms', timestamp: new Date(), attempts: 1, body: { deliveryId: delivery!.id } },
    ]);
    expect(result.explicitAcks).toEqual(['m-sms']);
    await expect.poll(async () => (await deliveriesOf(target.passholder.id))[0]?.status).toBe('failed');
    expect((await deliveriesOf(target.passholder.id))[0]!.last_error).toMatch(/phone number/);
    // The counter reads why in words they can act on: the number cannot work.
    const list = await json<{ items: { id: string; reason: string }[] }>(
      `/api/v1/municipalities/${await demo.demostad()}/failed-deliveries`,
      200,
      { token: counter },
    );
    expect(list.items).toContainEqual(expect.objectContaining({ id: delivery!.id, reason: 'bad_address' }));
  });

  it('lift news that did not arrive is not sent as a letter (it would come too late)', async () => {
    const counter = await loginAs('counter');
    const person = await registerResident(counter, { email: `${unique('lift')}@example.org` });
    await messageInDb(person.passholder.id, 'ride_confirmed', 'Jan rijdt mee.');
    const [delivery] = await deliveriesOf(person.passholder.id);
    await handedToQueue(delivery!.id);
    // The queue gave up on it: the dead-letter consumer marks it failed.
    await worker.queue('buurtpas-outbox-dlq', [
      { id: 'm-lift', timestamp: new Date(), attempts: 1, body: { deliveryId: delivery!.id } },
    ]);
    expect((await deliveriesOf(person.passholder.id))[0]!.status).toBe('failed');
    const path = `/api/v1/municipalities/${await demo.demostad()}/failed-deliveries/${delivery!.id}`;
    await expectProblem(
      await call(path, { token: counter, body: { action: 'letter' } }),
      409,
      'delivery_not_by_letter',
    );
    await json(path, 200, { token: counter, body: { action: 'handled' } });
    expect((await deliveriesOf(person.passholder.id)).map((d) => [d.channel, d.status])).toEqual([
      ['email', 'handled'],
    ]);
  });

  it('relays running at once hand each pending row to the queue once', async () => {
    const counter = await loginAs('counter');
    const people = await Promise.all(
      Array.from({ length: 12 }, () =>
        registerResident(counter, { email: `${unique('relay')}@example.org` }),
      ),
    );
    for (const p of people) await messageInDb(p.passholder.id);
    const ours = new Set(
      (await Promise.all(people.map((p) => deliveriesOf(p.passholder.id)))).flat().map((d) => d.id),
    );
    expect(ours.size).toBe(12);
    const handed: string[] = [];
    const sendBatch = vi.spyOn(env.OUTBOX_QUEUE, 'sendBatch');
    sendBatch.mockImplementation(async (messages) => {
      for (const m of messages) handed.push((m.body as { deliveryId: string }).deliveryId);
      return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };
    });
    try {
      await Promise.all(
        Array.from({ length: 6 }, () => worker.scheduled({ scheduledTime: new Date(), cron: '*/5 * * * *' })),
      );
    } finally {
      sendBatch.mockRestore();
    }
    const mine = handed.filter((id) => ours.has(id));
    expect(mine.sort()).toEqual([...ours].sort());
    // Hand them on for real, so nothing of this test arrives late in another file.
    await worker.scheduled({
      scheduledTime: new Date(Date.now() + 31 * 60_000),
      cron: '*/5 * * * *',
    });
    for (const p of people)
      await expect.poll(async () => (await deliveriesOf(p.passholder.id))[0]?.status).toBe('sent');
  });

  it('the relay cron hands pending rows to the queue and they are delivered', async () => {
    const counter = await loginAs('counter');
    const email = `${unique('cron')}@example.org`;
    const person = await registerResident(counter, { email });
    await messageInDb(person.passholder.id, 'reward_ready', 'Je hebt genoeg punten voor een beloning.');
    expect((await deliveriesOf(person.passholder.id))[0]).toMatchObject({
      status: 'pending',
      enqueued_at: null,
    });
    const result = await worker.scheduled({ scheduledTime: new Date(), cron: '*/5 * * * *' });
    expect(result.outcome).toBe('ok');
    await expect.poll(async () => (await deliveriesOf(person.passholder.id))[0]?.status).toBe('sent');
    expect(sentTo(send, email)).toHaveLength(1);
    expect((sentTo(send, email)[0]![0] as { subject: string }).subject).toBe(
      'Je hebt genoeg punten voor een beloning',
    );
  });
});
