import { describe, expect, it } from 'vitest';
import { axisTicks } from '../../web/src/chart-scale.ts';

describe('chart axis ticks', () => {
  it('counts step by whole numbers, so a chart never shows a quarter of a lift', () => {
    expect(axisTicks(1, 1)).toEqual({ step: 1, top: 1 });
    expect(axisTicks(3, 1)).toEqual({ step: 1, top: 3 });
    expect(axisTicks(7, 1)).toEqual({ step: 2, top: 8 });
    expect(axisTicks(0, 1)).toEqual({ step: 1, top: 1 });
  });

  it('euros step by at least one euro and end on a round amount', () => {
    expect(axisTicks(320, 100)).toEqual({ step: 100, top: 400 });
    expect(axisTicks(123_456, 100)).toEqual({ step: 50_000, top: 150_000 });
  });
});
