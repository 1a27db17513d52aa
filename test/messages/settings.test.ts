import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import { createStaffUser, registerResident } from '../helpers/fixtures.ts';

type Settings = {
  channels: { app: boolean; email: boolean; sms: boolean; paper: boolean };
  language: string;
  chosen: boolean;
  contact: { email: string | null; phone: string | null; address: string | null };
};

const PATH = '/api/v1/me/notification-settings';

describe('a resident’s own notification settings', () => {
  it('start from the defaults, and a choice of channels and language is kept', async () => {
    const token = await loginAs('resident');
    const before = await json<Settings>(PATH, 200, { token });
    expect(before).toEqual({
      channels: { app: true, email: true, sms: false, paper: false },
      language: 'nl',
      chosen: false,
      contact: { email: 'resident@demo.local', phone: null, address: null },
    });
    const saved = await json<Settings>(PATH, 200, {
      method: 'PUT',
      token,
      body: { channels: { app: true, email: false, sms: false, paper: true }, language: 'fr' },
    });
    expect(saved).toMatchObject({
      channels: { app: true, email: false, sms: false, paper: true },
      language: 'fr',
      chosen: true,
    });
    expect(await json<Settings>(PATH, 200, { token })).toEqual(saved);
    // The language is the holder's and their account's.
    const samira = await demo.id('passholder:resident');
    const row = await env.DB.prepare(
      'SELECT p.locale AS holder, u.locale AS account FROM passholders p JOIN users u ON u.id = p.user_id WHERE p.id = ?1',
    )
      .bind(samira)
      .first<{ holder: string; account: string }>();
    expect(row).toEqual({ holder: 'fr', account: 'fr' });
    // Their own change is not a staff action: nothing in the audit log.
    const audit = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE passholder_id = ?1 AND action = 'update'",
    )
      .bind(samira)
      .first<{ n: number }>();
    expect(audit!.n).toBe(0);
  });

  it('refuse a channel without its address, and switching the app off, with a field error in the user’s language', async () => {
    const token = await loginAs('resident');
    const before = await json<Settings>(PATH, 200, { token });
    const sms = await expectProblem(
      await call(PATH, {
        method: 'PUT',
        token,
        headers: { 'accept-language': 'fr' },
        body: { channels: { app: true, email: true, sms: true, paper: false }, language: 'nl' },
      }),
      400,
      'validation_failed',
    );
    expect(sms.fields).toEqual([
      expect.objectContaining({
        pointer: '/channels/sms',
        messages: expect.objectContaining({ fr: expect.stringContaining('GSM') }),
      }),
    ]);
    expect(sms.message).toMatch(/champs/);
    const app = await expectProblem(
      await call(PATH, {
        method: 'PUT',
        token,
        body: { channels: { app: false, email: true, sms: false, paper: false }, language: 'nl' },
      }),
      400,
      'validation_failed',
    );
    expect(app.fields).toEqual([expect.objectContaining({ pointer: '/channels/app' })]);
    const bad = await expectProblem(
      await call(PATH, {
        method: 'PUT',
        token,
        body: { channels: { app: true, email: 'yes' }, language: 'de' },
      }),
      400,
      'validation_failed',
    );
    expect((bad.fields as { pointer: string }[]).map((f) => f.pointer)).toEqual(
      expect.arrayContaining(['/channels/email', '/language']),
    );
    // Nothing was saved.
    expect(await json<Settings>(PATH, 200, { token })).toEqual(before);
  });

  it('answer 401 signed out and 404 for an account without a pass', async () => {
    await expectProblem(await call(PATH), 401, 'unauthenticated');
    await expectProblem(await call(PATH, { token: await loginAs('counter') }), 404, 'not_found');
  });
});

describe('notification settings set by the counter', () => {
  it('counter staff of the municipality read and set them on the resident’s behalf, audited', async () => {
    const counter = await loginAs('counter');
    const person = await registerResident(counter, { phone: '0470 12 34 56', locale: 'en' });
    const path = `/api/v1/passholders/${person.passholder.id}/notification-settings`;
    const read = await json<Settings>(`${path}?reason=phone_call`, 200, { token: counter });
    expect(read).toMatchObject({
      channels: { app: true, email: false, sms: true, paper: false },
      language: 'en',
      chosen: false,
    });
    const saved = await json<Settings>(`${path}?reason=phone_call`, 200, {
      method: 'PUT',
      token: counter,
      body: { channels: { app: true, email: false, sms: true, paper: true }, language: 'fr' },
    });
    expect(saved).toMatchObject({ channels: { sms: true, paper: true }, language: 'fr', chosen: true });
    const { results } = await env.DB.prepare(
      "SELECT action, reason FROM audit_log WHERE passholder_id = ?1 AND action IN ('read', 'update') ORDER BY at, action",
    )
      .bind(person.passholder.id)
      .all<{ action: string; reason: string }>();
    expect(results).toEqual(
      expect.arrayContaining([
        { action: 'read', reason: 'phone_call' },
        { action: 'update', reason: 'phone_call' },
      ]),
    );
    // No e-mail on the record: the counter hears what to do, in the counter's language.
    const refused = await expectProblem(
      await call(path, {
        method: 'PUT',
        token: counter,
        headers: { 'accept-language': 'nl' },
        body: { channels: { app: true, email: true, sms: false, paper: false }, language: 'fr' },
      }),
      400,
      'validation_failed',
    );
    expect(refused.fields).toEqual([
      expect.objectContaining({
        pointer: '/channels/email',
        messages: expect.objectContaining({ nl: expect.stringContaining('dossier') }),
      }),
    ]);
  });

  it('another municipality’s counter, a neighbour and a club get 403; a guardian may', async () => {
    const samira = await demo.id('passholder:resident');
    const path = `/api/v1/passholders/${samira}/notification-settings`;
    const other = await createStaffUser('counter', { municipalityId: await demo.buurdorp() });
    const otherToken = (
      await json<{ token: string }>('/api/v1/auth/login', 200, {
        body: { login: other.email, password: other.password },
      })
    ).token;
    await expectProblem(await call(path, { token: otherToken }), 403, 'forbidden');
    await expectProblem(
      await call(path, {
        method: 'PUT',
        token: otherToken,
        body: { channels: { app: true, email: false, sms: false, paper: true }, language: 'nl' },
      }),
      403,
      'forbidden',
    );
    await expectProblem(await call(path, { token: await loginAs('neighbour') }), 403, 'forbidden');
    await expectProblem(await call(path, { token: await loginAs('club') }), 403, 'forbidden');
    // Samira is the guardian of her children.
    const child = await demo.id('passholder:samira-child-1');
    await json(`/api/v1/passholders/${child}/notification-settings`, 200, {
      token: await loginAs('resident'),
    });
  });
});
