import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index.ts';
import { runStatusJob } from '../../src/status/job.ts';
import { demo, json, loginAs } from '../helpers/api.ts';
import { registerResident } from '../helpers/fixtures.ts';

const events = async (passholderId: string) =>
  (
    await env.DB.prepare(
      'SELECT status, on_date FROM status_events WHERE passholder_id = ?1 ORDER BY on_date',
    )
      .bind(passholderId)
      .all<{ status: string; on_date: string }>()
  ).results;

describe('nightly status job', () => {
  it('records each change through grace to expiry and keeps the renewal list', async () => {
    const counter = await loginAs('counter');
    const person = await registerResident(counter);
    await json(`/api/v1/passholders/${person.passholder.id}/status/grants`, 200, {
      token: counter,
      body: { reason: 'low_income', validFrom: '2026-01-01', validUntil: '2026-04-30', graceDays: 30 },
    });
    const renewals = async () =>
      (
        await json<{ items: { passholderId: string; status: string }[] }>(
          `/api/v1/municipalities/${await demo.demostad()}/renewals`,
          200,
          { token: counter },
        )
      ).items.filter((r) => r.passholderId === person.passholder.id);

    await runStatusJob(env.DB, new Date('2026-02-01T03:00:00Z'));
    expect(await renewals()).toEqual([]);
    await runStatusJob(env.DB, new Date('2026-04-01T03:00:00Z'));
    expect(await renewals()).toEqual([expect.objectContaining({ status: 'ACTIVE' })]);
    await runStatusJob(env.DB, new Date('2026-05-10T03:00:00Z'));
    expect(await renewals()).toEqual([expect.objectContaining({ status: 'IN_GRACE' })]);
    const totals = await runStatusJob(env.DB, new Date('2026-06-10T03:00:00Z'));
    expect(totals.passholders).toBeGreaterThanOrEqual(21);
    expect(await renewals()).toEqual([]);
    expect(await events(person.passholder.id)).toEqual([
      { status: 'ACTIVE', on_date: '2026-02-01' },
      { status: 'IN_GRACE', on_date: '2026-05-10' },
      { status: 'EXPIRED', on_date: '2026-06-10' },
    ]);
    // Running again the same night changes nothing.
    expect((await runStatusJob(env.DB, new Date('2026-06-10T04:00:00Z'))).changes).toBe(0);
  });

  it('runs from the Worker’s scheduled handler', async () => {
    const controller = createScheduledController({ scheduledTime: new Date(), cron: '15 2 * * *' });
    await worker.scheduled(controller, env);
    const samira = await env.DB.prepare('SELECT last_status FROM passholders WHERE id = ?1')
      .bind(await demo.id('passholder:resident'))
      .first<{ last_status: string }>();
    expect(samira?.last_status).toBe('ACTIVE');
  });
});
