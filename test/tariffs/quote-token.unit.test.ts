import { describe, expect, it } from 'vitest';
import { openPrice, sealContext, sealPrice, type SealedPrice } from '../../src/tariffs/quote-token.ts';

const SECRET = 'test-secret';
const regular: SealedPrice = {
  regularPriceCents: 800,
  priceCents: 800,
  clubShareCents: 0,
  municipalityShareCents: 0,
  reduced: false,
  reason: 'regular',
  rule: null,
};
const reduced: SealedPrice = {
  regularPriceCents: 800,
  priceCents: 200,
  clubShareCents: 240,
  municipalityShareCents: 360,
  reduced: true,
  reason: 'reduced',
  rule: { id: 'f2b1c1d0-5a7e-4d3c-9b8a-0123456789ab', version: 3 },
};
const here = sealContext('1234567890128', 't:activity-1', '2026-12-06');

describe('a tariff id: the price shown, sealed for one pass, target and day', () => {
  it('opens to the same price, and the same price seals to the same id', async () => {
    const id = await sealPrice(SECRET, reduced, here);
    expect(await openPrice(SECRET, id, here)).toEqual(reduced);
    expect(await sealPrice(SECRET, reduced, here)).toBe(id);
  });

  it('has one length whatever it holds, so it tells nothing about a reduction', async () => {
    const a = await sealPrice(SECRET, regular, here);
    const b = await sealPrice(SECRET, reduced, here);
    expect(a.length).toBe(b.length);
    expect(a).not.toBe(b);
  });

  it('does not open for another pass, target, day or key, nor when one character changes', async () => {
    const id = await sealPrice(SECRET, reduced, here);
    expect(
      await openPrice(SECRET, id, sealContext('1234567890136', 't:activity-1', '2026-12-06')),
    ).toBeNull();
    expect(
      await openPrice(SECRET, id, sealContext('1234567890128', 't:activity-2', '2026-12-06')),
    ).toBeNull();
    expect(
      await openPrice(SECRET, id, sealContext('1234567890128', 't:activity-1', '2026-12-07')),
    ).toBeNull();
    expect(await openPrice('another-secret', id, here)).toBeNull();
    for (const i of [2, 10, id.length - 1]) {
      const flipped = id.slice(0, i) + (id[i] === 'A' ? 'B' : 'A') + id.slice(i + 1);
      expect(await openPrice(SECRET, flipped, here)).toBeNull();
    }
    expect(await openPrice(SECRET, 't_guess', here)).toBeNull();
    expect(await openPrice(SECRET, 'not-a-tariff-id', here)).toBeNull();
  });
});
