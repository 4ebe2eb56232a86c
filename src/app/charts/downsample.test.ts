import { describe, expect, it } from 'vitest';
import type { Point } from './derive';
import { downsample, nearestRow, rowsInRange } from './downsample';

const series = (n: number, f: (i: number) => number | null): Point[] =>
  Array.from({ length: n }, (_, i) => ({ t: i, a: f(i) }));

describe('downsample', () => {
  it('returns small input as it is', () => {
    const points = series(10, (i) => i);
    expect(downsample(points, ['a'], 4)).toEqual(points);
  });

  it('bounds the count, keeps both ends exactly, and keeps a one-second spike and dip', () => {
    const points = series(10_000, (i) => (i === 4321 ? 500 : i === 7000 ? -20 : 1));
    const out = downsample(points, ['a'], 100);
    expect(out.length).toBeLessThanOrEqual(202);
    expect(out[0]).toBe(points[0]);
    expect(out[out.length - 1]).toBe(points[9999]);
    expect(Math.max(...out.map((p) => p.a as number))).toBe(500);
    expect(Math.min(...out.map((p) => p.a as number))).toBe(-20);
    for (let i = 1; i < out.length; i++) expect(out[i]!.t).toBeGreaterThanOrEqual(out[i - 1]!.t);
  });

  it('gives each bucket its low and high in the order they happened, every line on its own', () => {
    // 2 + 2 * 3 inner points in 2 buckets: [1..4] and [5..8].
    const points: Point[] = [
      { t: 0, a: 0, b: 0 },
      { t: 1, a: 9, b: 1 },
      { t: 2, a: 5, b: 2 },
      { t: 3, a: 1, b: 3 },
      { t: 4, a: 4, b: 7 },
      { t: 5, a: 2, b: null },
      { t: 6, a: 3, b: null },
      { t: 7, a: 8, b: null },
      { t: 8, a: 6, b: null },
      { t: 9, a: 0, b: 0 },
    ];
    expect(downsample(points, ['a', 'b'], 2)).toEqual([
      { t: 0, a: 0, b: 0 },
      { t: 1, a: 9, b: 1 },
      { t: 4, a: 1, b: 7 },
      { t: 5, a: 2, b: null },
      { t: 8, a: 8, b: null },
      { t: 9, a: 0, b: 0 },
    ]);
  });
});

describe('rowsInRange and nearestRow', () => {
  const rows = [1, 2, 3, 4, 5, 6].map((t) => [t, t * 10]);
  it('takes the rows in the range and one on each side', () => {
    expect(rowsInRange(rows, 3, 4).map((r) => r[0])).toEqual([2, 3, 4, 5]);
    expect(rowsInRange(rows, 0, 2).map((r) => r[0])).toEqual([1, 2, 3]);
    expect(rowsInRange(rows, 5.5, 9).map((r) => r[0])).toEqual([5, 6]);
  });
  it('finds the nearest second', () => {
    expect(nearestRow(rows, 3.4)).toBe(2);
    expect(nearestRow(rows, 3.6)).toBe(3);
    expect(nearestRow(rows, -5)).toBe(0);
    expect(nearestRow(rows, 99)).toBe(5);
    expect(nearestRow([], 1)).toBe(-1);
  });
});
