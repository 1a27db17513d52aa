import { describe, expect, it } from 'vitest';
import { call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import { registerResident } from '../helpers/fixtures.ts';

type Status = {
  status: string;
  validUntil: string | null;
  graceUntil: string | null;
  grants: { id: string; inherited: boolean; source: string }[];
  suspensions: { id: string }[];
  entitlements: { id: string; kind: string }[];
};
const at = (date: string) => `${date}T10:00:00.000Z`;

describe('social status over time', () => {
  it('is granted, moves through grace, and expires, read with a controllable clock', async () => {
    const counter = await loginAs('counter');
    const person = await registerResident(counter);
    const url = `/api/v1/passholders/${person.passholder.id}/status`;
    expect((await json<Status>(url, 200, { token: counter })).status).toBe('NONE');
    await json(`${url}/grants`, 200, {
      token: counter,
      body: { reason: 'low_income', validFrom: '2026-01-01', validUntil: '2026-04-30', graceDays: 30 },
    });
    const read = async (date: string) =>
      (await json<Status>(url, 200, { token: counter, now: at(date) })).status;
    expect(await read('2025-12-31')).toBe('EXPIRED');
    expect(await read('2026-02-01')).toBe('ACTIVE');
    expect(await read('2026-05-15')).toBe('IN_GRACE');
    expect(await read('2026-06-01')).toBe('EXPIRED');
  });

  it('extends, suspends, lifts and ends', async () => {
    const counter = await loginAs('counter');
    const person = await registerResident(counter);
    const url = `/api/v1/passholders/${person.passholder.id}/status`;
    const granted = await json<Status>(`${url}/grants`, 200, {
      token: counter,
      body: { reason: 'social_inquiry', validFrom: '2026-01-01', validUntil: '2026-06-30' },
    });
    const grantId = granted.grants[0]!.id;
    const extended = await json<Status>(`${url}/grants/${grantId}`, 200, {
      method: 'PATCH',
      token: counter,
      body: { validUntil: '2027-04-30' },
    });
    expect(extended).toMatchObject({ status: 'ACTIVE', validUntil: '2027-04-30' });
    const suspended = await json<Status & { suspensions: { id: string }[] }>(`${url}/suspensions`, 200, {
      token: counter,
      body: { reason: 'under review' },
    });
    expect(suspended.status).toBe('SUSPENDED');
    const lifted = await json<Status>(`${url}/suspensions/${suspended.suspensions[0]!.id}/lift`, 200, {
      method: 'POST',
      token: counter,
    });
    expect(lifted.status).toBe('ACTIVE');
    const ended = await json<Status>(`${url}/end`, 200, { token: counter, body: {} });
    expect(ended.status).toBe('EXPIRED');
  });

  it('opens the status from an entitlement with no further step, and extends it to the household’s minors', async () => {
    const counter = await loginAs('counter');
    const parent = await registerResident(counter, { birthDate: '1985-01-01' });
    const child = await registerResident(counter, {
      birthDate: '2015-01-01',
      householdId: parent.passholder.householdId,
      guardianId: parent.passholder.id,
    });
    const adult = await registerResident(counter, {
      birthDate: '2000-01-01',
      householdId: parent.passholder.householdId,
    });
    const status = await json<Status>(`/api/v1/passholders/${parent.passholder.id}/entitlements`, 200, {
      token: counter,
      body: { kind: 'living_wage' },
    });
    expect(status.status).toBe('ACTIVE');
    expect(status.entitlements.map((e) => e.kind)).toEqual(['living_wage']);
    expect(status.grants.map((g) => g.source)).toEqual(['entitlement']);
    const childStatus = await json<Status>(`/api/v1/passholders/${child.passholder.id}/status`, 200, {
      token: counter,
    });
    expect(childStatus).toMatchObject({
      status: 'ACTIVE',
      grants: [expect.objectContaining({ inherited: true })],
    });
    expect(
      (await json<Status>(`/api/v1/passholders/${adult.passholder.id}/status`, 200, { token: counter }))
        .status,
    ).toBe('NONE');
    const ended = await json<Status>(
      `/api/v1/passholders/${parent.passholder.id}/entitlements/${status.entitlements[0]!.id}/end`,
      200,
      { method: 'POST', token: counter },
    );
    expect(ended.status).toBe('EXPIRED');
  });

  it('follows the municipality’s entitlement rules', async () => {
    const admin = await loginAs('admin');
    const counter = await loginAs('counter');
    const municipality = await demo.demostad();
    await json(`/api/v1/municipalities/${municipality}/entitlement-rules/other`, 200, {
      method: 'PUT',
      token: admin,
      body: { opensStatus: false, duration: 'months_12', graceDays: 0 },
    });
    const person = await registerResident(counter);
    const status = await json<Status>(`/api/v1/passholders/${person.passholder.id}/entitlements`, 200, {
      token: counter,
      body: { kind: 'other' },
    });
    expect(status).toMatchObject({ status: 'NONE', grants: [] });
    await json(`/api/v1/municipalities/${municipality}/entitlement-rules/debt_mediation`, 200, {
      method: 'PUT',
      token: admin,
      body: { opensStatus: true, duration: 'months_12', graceDays: 10 },
    });
    const debt = await json<Status>(`/api/v1/passholders/${person.passholder.id}/entitlements`, 200, {
      token: counter,
      body: { kind: 'debt_mediation', validFrom: '2026-03-01' },
    });
    expect(debt).toMatchObject({ status: 'ACTIVE', validUntil: '2027-02-28', graceUntil: '2027-03-10' });
    await expectProblem(
      await call(`/api/v1/municipalities/${municipality}/entitlement-rules/other`, {
        method: 'PUT',
        token: counter,
        body: { opensStatus: true, duration: 'months_12', graceDays: 0 },
      }),
      403,
      'forbidden',
    );
  });

  it('shows the holder their own status; the club gets nothing; staff reads are logged', async () => {
    const resident = await loginAs('resident');
    const mine = await json<Status>(
      `/api/v1/passholders/${await demo.id('passholder:resident')}/status`,
      200,
      { token: resident },
    );
    expect(mine.status).toBe('ACTIVE');
    for (const role of ['club', 'door', 'neighbour', 'admin'] as const) {
      await expectProblem(
        await call(`/api/v1/passholders/${await demo.id('passholder:resident')}/status`, {
          token: await loginAs(role),
        }),
        403,
        'forbidden',
      );
    }
    await json(`/api/v1/passholders/${await demo.id('passholder:resident')}/status?reason=phone_call`, 200, {
      token: await loginAs('counter'),
    });
    const audit = await json<{ items: { action: string; reason: string }[] }>(
      `/api/v1/passholders/${await demo.id('passholder:resident')}/audit`,
      200,
      { token: resident },
    );
    expect(audit.items[0]).toMatchObject({ action: 'read', reason: 'social_status:phone_call' });
  });
});
