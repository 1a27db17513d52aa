import { describe, expect, it } from 'vitest';
import { call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import { registerResident } from '../helpers/fixtures.ts';

type Record = { id: string; householdId: string | null };
type Household = { id: string; members: { passholderId: string }[] };
type AuditEntry = { action: string; reason: string; role: string };

/**
 * What the counter's record page relies on: the reason given for opening a record reaches the holder's "who looked
 * at my record", and households are built with PUT /passholders/{id}/household (null: a new one).
 */
describe('the record page’s API', () => {
  it('writes the reason of a counter’s read where the holder reads it', async () => {
    const counter = await loginAs('counter');
    const jan = await demo.id('passholder:neighbour');
    await json(`/api/v1/passholders/${jan}?reason=phone_call`, 200, { token: counter });
    await json(`/api/v1/passholders/${jan}/status?reason=phone_call`, 200, { token: counter });
    const { items } = await json<{ items: AuditEntry[] }>(`/api/v1/passholders/${jan}/audit`, 200, {
      token: await loginAs('neighbour'),
    });
    expect(items).toContainEqual(
      expect.objectContaining({ action: 'read', reason: 'phone_call', role: 'counter' }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({ action: 'read', reason: 'social_status:phone_call', role: 'counter' }),
    );
    // Only the listed reasons: free text cannot be slipped into the holder's list.
    await expectProblem(
      await call(`/api/v1/passholders/${jan}?reason=curious`, { token: counter }),
      400,
      'validation_failed',
    );
  });

  it('puts a resident in a new household, adds another to it, and refuses another municipality’s', async () => {
    const counter = await loginAs('counter');
    const first = await registerResident(counter);
    const second = await registerResident(counter);
    const own = await json<Record>(`/api/v1/passholders/${first.passholder.id}/household`, 200, {
      method: 'PUT',
      token: counter,
      body: { householdId: null },
    });
    expect(own.householdId).toBeTruthy();
    expect(own.householdId).not.toBe(first.passholder.householdId);
    const alone = await json<Household>(`/api/v1/households/${own.householdId}`, 200, { token: counter });
    expect(alone.members.map((m) => m.passholderId)).toEqual([first.passholder.id]);

    await json(`/api/v1/passholders/${second.passholder.id}/household`, 200, {
      method: 'PUT',
      token: counter,
      body: { householdId: own.householdId },
    });
    const both = await json<Household>(`/api/v1/households/${own.householdId}`, 200, { token: counter });
    expect(both.members.map((m) => m.passholderId).sort()).toEqual(
      [first.passholder.id, second.passholder.id].sort(),
    );
    const { items } = await json<{ items: AuditEntry[] }>(
      `/api/v1/passholders/${second.passholder.id}/audit`,
      200,
      { token: counter },
    );
    expect(items[0]).toMatchObject({ action: 'household', reason: 'household' });

    const problem = await expectProblem(
      await call(`/api/v1/passholders/${second.passholder.id}/household`, {
        method: 'PUT',
        token: counter,
        body: { householdId: await demo.household('h9') },
      }),
      400,
      'validation_failed',
    );
    expect(problem.fields).toEqual([expect.objectContaining({ pointer: '/householdId' })]);
  });
});
