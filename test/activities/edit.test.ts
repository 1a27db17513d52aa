import { describe, expect, it } from 'vitest';
import { call, demo, expectProblem, json, loginAs } from '../helpers/api.ts';
import { createActivity } from '../helpers/fixtures.ts';

type Field = { pointer: string };

describe('editing an activity checks what publishing checks', () => {
  it('refuses a neighbourhood of another municipality or an unknown one, and a deadline after the end', async () => {
    const club = await loginAs('club');
    const activity = await createActivity();
    const patch = (body: unknown) =>
      call(`/api/v1/activities/${activity.id}`, { method: 'PATCH', token: club, body });
    for (const neighbourhoodId of [await demo.id('buurdorp-heide'), crypto.randomUUID(), ''] as string[]) {
      const body = await expectProblem(await patch({ neighbourhoodId }), 400, 'validation_failed');
      expect((body.fields as Field[]).map((f) => f.pointer)).toEqual(['/neighbourhoodId']);
    }
    const late = new Date(Date.parse(activity.endsAt as string) + 3_600_000).toISOString();
    const deadline = await expectProblem(await patch({ signupDeadline: late }), 400, 'validation_failed');
    expect((deadline.fields as Field[]).map((f) => f.pointer)).toEqual(['/signupDeadline']);

    const own = await demo.id('demostad-molenhoek');
    const changed = await json<{ neighbourhoodId: string | null }>(`/api/v1/activities/${activity.id}`, 200, {
      method: 'PATCH',
      token: club,
      body: { neighbourhoodId: own },
    });
    expect(changed.neighbourhoodId).toBe(own);
    // Publishing refuses the same neighbourhood of another municipality.
    await expectProblem(
      await call(`/api/v1/clubs/${await demo.sportsClub()}/activities`, {
        token: club,
        body: {
          title: 'Elders',
          category: 'sport',
          startsAt: '2027-01-01T10:00:00Z',
          endsAt: '2027-01-01T11:00:00Z',
          capacity: null,
          regularPriceCents: 0,
          neighbourhoodId: await demo.id('buurdorp-heide'),
        },
      }),
      400,
      'validation_failed',
    );
  });
});
