import { describe, expect, it } from 'vitest';
import { call, demo, json, loginAs } from '../helpers/api.ts';
import { createActivity } from '../helpers/fixtures.ts';

/** Keys that must never reach a club, a door or a neighbour. */
const FORBIDDEN_KEYS = /birth|address|postal|phone|social|kansen|entitle|reason|guardian|ward|audit/i;

function keysOf(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keysOf(v, `${path}/${i}`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [`${path}/${k}`, ...keysOf(v, `${path}/${k}`)]);
  }
  return [];
}

describe('privacy of club-facing answers', () => {
  it('no answer a club admin or door staff gets holds a birth date, address, status or its reason', async () => {
    const bodies: { what: string; text: string }[] = [];
    const csvTexts: string[] = [];
    const collect = async (what: string, path: string, token: string, body?: unknown) => {
      const response = await call(path, { token, ...(body === undefined ? {} : { body, method: 'POST' }) });
      bodies.push({ what: `${what} ${path} -> ${response.status}`, text: await response.text() });
    };
    const resident = await loginAs('resident');
    const phone = (await json<{ code: string }>('/api/v1/me/pass', 200, { token: resident })).code;
    const card = (await json<{ code: string }>('/api/v1/me/card', 200, { token: resident })).code;
    const activityId = (await createActivity({ regularPriceCents: 400 })).id;
    const club = await demo.sportsClub();
    for (const role of ['door', 'club'] as const) {
      const token = await loginAs(role);
      await collect(role, '/api/v1/me', token);
      await collect(role, '/api/v1/scans', token, { activityId, code: phone });
      await collect(role, '/api/v1/scans', token, { activityId, code: card });
      await collect(role, '/api/v1/scans', token, {
        activityId,
        passNumber: await demo.passNumber('resident'),
      });
      await collect(role, '/api/v1/scans', token, {
        activityId,
        passNumber: await demo.passNumber('neighbour'),
      });
      await collect(role, '/api/v1/scans', token, { activityId, code: phone.slice(0, -3) + 'AAA' });
      await collect(role, `/api/v1/clubs/${club}`, token);
      await collect(role, `/api/v1/clubs/${club}/activities`, token);
      await collect(role, `/api/v1/clubs/${club}/staff`, token);
      await collect(role, `/api/v1/households/${await demo.household('h1')}`, token);
      await collect(role, `/api/v1/passholders/${await demo.id('passholder:resident')}`, token);
      await collect(role, `/api/v1/passholders/${await demo.id('passholder:resident')}/card`, token);
      await collect(role, `/api/v1/passholders?q=samira`, token);
      await collect(role, `/api/v1/passholders/${await demo.id('passholder:resident')}/status`, token);
      const quote = await call(
        `/api/v1/tariffs?activityId=${activityId}&passNumber=${await demo.passNumber('resident')}`,
        { token },
      );
      const quoteText = await quote.text();
      bodies.push({ what: `${role} tariffs -> ${quote.status}`, text: quoteText });
      await collect(
        role,
        `/api/v1/tariffs?activityId=${activityId}&passNumber=${await demo.passNumber('neighbour')}`,
        token,
      );
      await collect(
        role,
        `/api/v1/tariffs?offerId=${await demo.id('offer:adults')}&code=${encodeURIComponent(card)}`,
        token,
      );
      const sale = await call('/api/v1/ticket-sales', {
        token,
        body: {
          sales: [
            {
              activityId,
              passNumber: await demo.passNumber('resident'),
              tariffId: (JSON.parse(quoteText) as { tariffId: string }).tariffId,
            },
          ],
        },
      });
      const saleText = await sale.text();
      bodies.push({ what: `${role} ticket-sales -> ${sale.status}`, text: saleText });
      if (sale.status === 201) {
        await collect(
          role,
          `/api/v1/ticket-sales/${(JSON.parse(saleText) as { sales: { id: string }[] }).sales[0]!.id}/cancel`,
          token,
          {},
        );
      }
      const month = new Date().toISOString().slice(0, 7);
      await collect(role, `/api/v1/clubs/${club}/statements/${month}`, token);
      const csv = await call(`/api/v1/clubs/${club}/statements/${month}`, {
        token,
        headers: { accept: 'text/csv' },
      });
      csvTexts.push(await csv.text());
    }
    expect(bodies.length).toBe(2 * 20);
    for (const text of [...bodies.map((b) => b.text), ...csvTexts]) {
      for (const word of [
        'ACTIVE',
        'IN_GRACE',
        'SUSPENDED',
        'EXPIRED',
        'increased_allowance',
        'entitlement',
        'low_income',
        'kansen',
        'social',
      ]) {
        expect(text).not.toContain(word);
      }
    }
    for (const { what, text } of bodies) {
      const keys = keysOf(JSON.parse(text)).filter((k) => FORBIDDEN_KEYS.test(k.split('/').pop()!));
      expect(keys, what).toEqual([]);
      expect(text, what).not.toContain('1987-03-14');
      expect(text, what).not.toContain('1958-01-30');
      expect(text, what).not.toContain('El Amrani');
    }
    // Scans of a resident who will have social status and one who will not look the same.
    const [samira, jan] = bodies
      .filter((b) => b.what.startsWith('door /api/v1/scans') && b.what.endsWith('200'))
      .slice(2, 4);
    expect(keysOf(JSON.parse(samira!.text))).toEqual(keysOf(JSON.parse(jan!.text)));
  });
});
