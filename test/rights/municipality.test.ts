import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { PROBLEMS } from '../../src/lib/problem.ts';
import { shown as publicCount } from '../../src/lib/small-counts.ts';
import { call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import { createActivity, createStaffUser, registerResident } from '../helpers/fixtures.ts';
import { counterRights, createRight, heldIds, type RightAnswer } from './helpers.ts';

type Counts = { holdingNow: number | '< 5'; openedInPeriod: number | '< 5'; usedInPeriod: number | '< 5' };
type Listed = RightAnswer & { counts: Counts | null };

/** A municipality of its own (so other tests' rows do not count), with an admin and a counter account. */
async function ownMunicipality() {
  const id = crypto.randomUUID();
  await env.DB.prepare('INSERT INTO municipalities (id, region_id, name, created_at) VALUES (?1, ?2, ?3, ?4)')
    .bind(id, await demo.id('region'), `Telstad ${id.slice(0, 8)}`, new Date().toISOString())
    .run();
  const signIn = async (role: 'municipality_admin' | 'counter') => {
    const user = await createStaffUser(role, { municipalityId: id });
    return (
      await json<{ token: string }>('/api/v1/auth/login', 200, {
        body: { login: user.email, password: user.password },
      })
    ).token;
  };
  return { id, admin: await signIn('municipality_admin'), counter: await signIn('counter') };
}

describe('the municipality’s rights', () => {
  it('counts per right equal a hand count, with 1 to 4 as "< 5"; counter staff get no counts', async () => {
    const m = await ownMunicipality();
    const ofStatus = await createRight(m.admin, m.id, 'status');
    const ofLivingWage = await createRight(m.admin, m.id, 'living_wage');
    const unused = await createRight(m.admin, m.id, 'debt_mediation');
    const people: Awaited<ReturnType<typeof registerResident>>[] = [];
    for (let i = 0; i < 6; i++) people.push(await registerResident(m.counter));
    for (const p of people)
      await json(`/api/v1/passholders/${p.passholder.id}/status/grants`, 200, {
        token: m.counter,
        body: { reason: 'low_income' },
      });
    for (const p of people.slice(0, 2))
      await json(`/api/v1/passholders/${p.passholder.id}/entitlements`, 200, {
        token: m.counter,
        body: { kind: 'living_wage' },
      });
    // Three people use the right of status, one of them twice.
    for (const p of [...people.slice(0, 3), people[0]!])
      await json(`/api/v1/passholders/${p.passholder.id}/rights/${ofStatus.id}/uses`, 201, {
        token: m.counter,
        body: {},
      });
    // A use is recorded for a day the right was held: not tomorrow, not before it opened today.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const useOn = (usedOn: string) =>
      call(`/api/v1/passholders/${people[0]!.passholder.id}/rights/${ofStatus.id}/uses`, {
        token: m.counter,
        body: { usedOn },
      });
    const future = await expectProblem(await useOn(day(2)), 400, 'validation_failed');
    expect(future.fields).toEqual([expect.objectContaining({ pointer: '/usedOn' })]);
    await expectProblem(await useOn(day(-30)), 409, 'right_not_held');

    const list = await json<{ from: string; to: string; items: Listed[] }>(
      `/api/v1/municipalities/${m.id}/rights`,
      200,
      { token: m.admin },
    );
    const hand = async (rightId: string): Promise<Counts> => {
      const row = await env.DB.prepare(
        `SELECT (SELECT count(*) FROM holder_rights WHERE right_id = ?1 AND ended_on IS NULL) AS holding,
                (SELECT count(*) FROM holder_rights WHERE right_id = ?1 AND opened_on >= ?2) AS opened,
                (SELECT count(DISTINCT passholder_id) FROM right_uses WHERE right_id = ?1) AS used`,
      )
        .bind(rightId, `${list.from}-01`)
        .first<{ holding: number; opened: number; used: number }>();
      return {
        holdingNow: publicCount(row!.holding),
        openedInPeriod: publicCount(row!.opened),
        usedInPeriod: publicCount(row!.used),
      };
    };
    const counts = (id: string) => list.items.find((r) => r.id === id)!.counts;
    expect(counts(ofStatus.id)).toEqual(await hand(ofStatus.id));
    expect(counts(ofStatus.id)).toEqual({ holdingNow: 6, openedInPeriod: 6, usedInPeriod: '< 5' });
    expect(counts(ofLivingWage.id)).toEqual(await hand(ofLivingWage.id));
    expect(counts(ofLivingWage.id)).toEqual({ holdingNow: '< 5', openedInPeriod: '< 5', usedInPeriod: 0 });
    expect(counts(unused.id)).toEqual({ holdingNow: 0, openedInPeriod: 0, usedInPeriod: 0 });
    // No name, pass number or person id in the admin's answer.
    const text = JSON.stringify(list);
    for (const p of people) {
      expect(text).not.toContain(p.passholder.id);
      expect(text).not.toContain(p.passholder.passNumber);
    }
    const forCounter = await json<{ items: Listed[] }>(`/api/v1/municipalities/${m.id}/rights`, 200, {
      token: m.counter,
    });
    expect(forCounter.items.map((r) => r.counts)).toEqual([null, null, null]);
  });

  it('another municipality’s staff get 403; a resident too', async () => {
    const m = await ownMunicipality();
    const right = await createRight(m.admin, m.id, 'status');
    const person = await registerResident(m.counter);
    const demoCounter = await loginAs('counter');
    const demoAdmin = await loginAs('admin');
    await expectProblem(
      await call(`/api/v1/municipalities/${m.id}/rights`, { token: demoCounter }),
      403,
      'forbidden',
    );
    await expectProblem(
      await call(`/api/v1/municipalities/${m.id}/rights`, { token: demoAdmin }),
      403,
      'forbidden',
    );
    await expectProblem(
      await call(`/api/v1/municipalities/${m.id}/rights`, {
        token: demoAdmin,
        body: {
          name: right.name,
          description: right.name,
          howToUse: right.name,
          grantedBy: 'x',
          basis: 'status',
        },
      }),
      403,
      'forbidden',
    );
    await expectProblem(
      await call(`/api/v1/municipalities/${m.id}/rights`, { token: await loginAs('resident') }),
      403,
      'forbidden',
    );
    // Counter staff list the rights but do not create them.
    await expectProblem(
      await call(`/api/v1/municipalities/${m.id}/rights`, {
        token: m.counter,
        body: {
          name: right.name,
          description: right.name,
          howToUse: right.name,
          grantedBy: 'x',
          basis: 'status',
        },
      }),
      403,
      'forbidden',
    );
    await expectProblem(
      await call(`/api/v1/passholders/${person.passholder.id}/rights`, { token: demoCounter }),
      403,
      'forbidden',
    );
    await expectProblem(
      await call(`/api/v1/passholders/${person.passholder.id}/rights/${right.id}/uses`, {
        token: demoCounter,
        body: {},
      }),
      403,
      'forbidden',
    );
    // A right of another municipality cannot be used on this record; a right not held is refused.
    const demoRight = await createRight(demoAdmin, await demo.demostad(), 'status');
    await expectProblem(
      await call(`/api/v1/passholders/${person.passholder.id}/rights/${demoRight.id}/uses`, {
        token: m.counter,
        body: {},
      }),
      404,
      'not_found',
    );
    await expectProblem(
      await call(`/api/v1/passholders/${person.passholder.id}/rights/${right.id}/uses`, {
        token: m.counter,
        body: {},
      }),
      409,
      'right_not_held',
    );
  });

  it('bad input answers problem+json with field pointers, in nl, fr and en', async () => {
    const admin = await loginAs('admin');
    const demostad = await demo.demostad();
    for (const [language, words] of [
      ['nl', 'verplicht'],
      ['fr', 'obligatoire'],
      ['en', 'required'],
    ] as const) {
      const problem = (await expectProblem(
        await call(`/api/v1/municipalities/${demostad}/rights`, {
          token: admin,
          headers: { 'accept-language': language },
          body: {
            name: { nl: 'Schoolmaaltijden', en: 'School meals' },
            description: { nl: '', fr: 'x', en: 'x' },
            howToUse: { nl: 'x', fr: 'x', en: 'x' },
            grantedBy: 'De school',
            basis: 'free_lunch',
          },
        }),
        400,
        'validation_failed',
      )) as unknown as { message: string; fields: { pointer: string; messages: Record<string, string> }[] };
      const pointers = problem.fields.map((f) => f.pointer).sort();
      expect(pointers).toEqual(['/basis', '/description/nl', '/name/fr']);
      expect(problem.fields.find((f) => f.pointer === '/name/fr')!.messages[language]).toContain(words);
      expect(problem.message).toBe(PROBLEMS.validation_failed.messages[language]);
    }
    await expectProblem(
      await call(`/api/v1/municipalities/${demostad}/rights?from=2026-05&to=2026-01`, { token: admin }),
      400,
      'validation_failed',
    );
  });

  it('an admin edits a right and switches it off: its holdings end today', async () => {
    const admin = await loginAs('admin');
    const demostad = await demo.demostad();
    const right = await createRight(admin, demostad, 'status');
    const counter = await loginAs('counter');
    const person = await registerResident(counter);
    await json(`/api/v1/passholders/${person.passholder.id}/status/grants`, 200, {
      token: counter,
      body: { reason: 'low_income' },
    });
    expect(heldIds(await counterRights(counter, person.passholder.id))).toContain(right.id);
    const edited = await json<RightAnswer & { active: boolean; grantedBy: string }>(
      `/api/v1/municipalities/${demostad}/rights/${right.id}`,
      200,
      { token: admin, method: 'PATCH', body: { grantedBy: 'Het zwembad', active: false } },
    );
    expect(edited).toMatchObject({ grantedBy: 'Het zwembad', active: false, name: right.name });
    expect(heldIds(await counterRights(counter, person.passholder.id))).not.toContain(right.id);
  });
});

describe('privacy', () => {
  it('the door’s answers for two holders, one holding a right and one not, do not differ', async () => {
    const admin = await loginAs('admin');
    const demostad = await demo.demostad();
    // An entitlement that does not open the status: the two pay the same price.
    await json(`/api/v1/municipalities/${demostad}/entitlement-rules/other`, 200, {
      token: admin,
      method: 'PUT',
      body: { opensStatus: false, duration: 'months_12', graceDays: 30 },
    });
    const right = await createRight(admin, demostad, 'other');
    const counter = await loginAs('counter');
    const withRight = await registerResident(counter);
    const without = await registerResident(counter);
    await json(`/api/v1/passholders/${withRight.passholder.id}/entitlements`, 200, {
      token: counter,
      body: { kind: 'other' },
    });
    expect(heldIds(await counterRights(counter, withRight.passholder.id))).toEqual([right.id]);
    const activity = await createActivity({ regularPriceCents: 500 });
    const door = await loginAs('door');
    const answers = async (passNumber: string) => {
      const price = await call(`/api/v1/tariffs?activityId=${activity.id}&passNumber=${passNumber}`, {
        token: door,
      });
      const scan = await call('/api/v1/scans', {
        token: door,
        body: { activityId: activity.id, passNumber },
      });
      return JSON.stringify(
        [price.status, await price.json(), scan.status, await scan.json()],
        (key, value) => {
          if (key === 'tariffId') return `${typeof value} of ${String(value).length}`;
          if (['id', 'displayName'].includes(key)) return typeof value;
          if (value === passNumber) return 'PASS';
          return value as unknown;
        },
      );
    };
    const a = await answers(withRight.passholder.passNumber);
    expect(a).toBe(await answers(without.passholder.passNumber));
    expect(a).not.toMatch(/right|recht|droit|entitle/i);
  });
});
