// Axis ticks and line paths: round numbers a reader expects, and lines in the right place.
import { describe, expect, it } from 'vitest';
import { linePath, niceTicks, timeTicks } from './axes';

describe('niceTicks', () => {
  it('steps by 1, 2, 2.5 or 5 times a power of ten and reaches the maximum', () => {
    expect(niceTicks(100)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(20_100)).toEqual([0, 10_000, 20_000, 30_000]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('gives a 0..1 axis when there is nothing to show', () => {
    expect(niceTicks(0)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
});

describe('timeTicks', () => {
  it('marks every 10 s in a one-minute window and every minute in a long one', () => {
    expect(timeTicks([5, 60])).toEqual([10, 20, 30, 40, 50, 60]);
    expect(timeTicks([0, 300])).toEqual([0, 60, 120, 180, 240, 300]);
  });
});

describe('linePath', () => {
  const points = [
    { t: 0, a: 0 },
    { t: 5, a: null },
    { t: 10, a: 50 },
    { t: 20, a: 100 },
    { t: 30, a: 500 },
  ];

  it('maps time to x and value to y, y = 0 at the bottom', () => {
    // A 200 x 100 plot over 0..20 s with 100 at the top.
    expect(linePath(points, 'a', [0, 20], 200, 100, 100)).toBe('M0.0,100.0L100.0,50.0L200.0,0.0');
  });

  it('skips missing values and points outside the window, and pins values above the top', () => {
    expect(linePath(points, 'a', [10, 30], 200, 100, 100)).toBe('M0.0,50.0L100.0,0.0L200.0,0.0');
  });

  it('draws nothing for an empty window or a series that is not there', () => {
    expect(linePath(points, 'a', [10, 10], 200, 100, 100)).toBe('');
    expect(linePath(points, 'b', [0, 30], 200, 100, 100)).toBe('');
  });
});
