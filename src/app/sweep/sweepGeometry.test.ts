import { describe, expect, it } from 'vitest';
import { sameCurves, type ChartCurve } from './SweepChart';
import { curvePath, logTicks, niceRange, place, xAxis, yAxis } from './sweepGeometry';

const curve = (points: [number, number | null, number?][]): ChartCurve => ({
  name: 'c',
  points: points.map(([x, mean, e = 0], i) => ({ x, mean, error: [e, e], key: `p${i}` })),
});

describe('sweep chart geometry', () => {
  it('places values on linear and log scales', () => {
    expect(place({ domain: [0, 10], range: [0, 200], log: false }, 5)).toBe(100);
    expect(place({ domain: [0, 10], range: [100, 0], log: false }, 10)).toBe(0);
    expect(place({ domain: [1, 100], range: [0, 200], log: true }, 10)).toBeCloseTo(100);
    // A domain of one value puts it in the middle.
    expect(place({ domain: [3, 3], range: [0, 200], log: false }, 3)).toBe(100);
  });

  it('rounds ranges to ticks that cover the values', () => {
    expect(niceRange(0, 17)).toEqual({ domain: [0, 20], ticks: [0, 5, 10, 15, 20] });
    expect(niceRange(-3, 0.4).ticks).toEqual([-3, -2, -1, 0, 1]);
    expect(niceRange(-3.2, 0.4).ticks).toEqual([-4, -3, -2, -1, 0, 1]);
    expect(niceRange(0, 0.3).ticks).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceRange(5, 5).domain[0]).toBeLessThan(5);
    expect(logTicks(1, 1000)).toEqual([1, 10, 100, 1000]);
    expect(logTicks(10, 100)).toEqual([10, 20, 50, 100]);
  });

  it("ticks a sweep's own values when few and spread, round numbers otherwise", () => {
    expect(xAxis([5000, 10000, 20000, 10000], 300, false).ticks).toEqual([5000, 10000, 20000]);
    const many = Array.from({ length: 20 }, (_, i) => 2000 + i * 2000);
    const ticks = xAxis(many, 300, false).ticks;
    expect(ticks.length).toBeLessThan(12);
    expect(ticks.every((t) => t >= 2000 && t <= 40000 && t % 5000 === 0)).toBe(true);
    expect(xAxis([7], 300, false).scale.domain).toEqual([6.3, 7.7]);
    expect(xAxis([1, 10, 100], 300, true).scale.log).toBe(true);
  });

  it('starts y at 0 for metrics never negative and makes room for intervals and bounds', () => {
    const y = yAxis(
      [
        curve([
          [1, 10, 3],
          [2, 14, 2],
        ]),
      ],
      200,
    );
    expect(y.scale.domain[0]).toBe(0);
    expect(y.scale.domain[1]).toBeGreaterThanOrEqual(16);
    expect(y.clipAtZero).toBe(true);
    expect(yAxis([curve([[1, 10]])], 200, [50]).scale.domain[1]).toBeGreaterThanOrEqual(50);
    const negative = yAxis(
      [
        curve([
          [1, -5, 1],
          [2, 5],
        ]),
      ],
      200,
    );
    expect(negative.scale.domain[0]).toBeLessThanOrEqual(-6);
    expect(negative.clipAtZero).toBe(false);
  });

  it('breaks a line where a point has no value', () => {
    expect(
      curvePath([
        { x: 0, y: 10 },
        { x: 10, y: 20 },
        { x: 20, y: null },
        { x: 30, y: 5 },
        { x: 40, y: 6 },
      ]),
    ).toBe('M0.0,10.0L10.0,20.0M30.0,5.0L40.0,6.0');
  });
});

describe('sameCurves', () => {
  it('tells curves that draw the same from curves that do not', () => {
    const a = [
      curve([
        [1, 10, 2],
        [2, 12],
      ]),
    ];
    expect(
      sameCurves(a, [
        curve([
          [1, 10, 2],
          [2, 12],
        ]),
      ]),
    ).toBe(true);
    expect(
      sameCurves(a, [
        curve([
          [1, 10, 2],
          [2, 13],
        ]),
      ]),
    ).toBe(false);
    expect(
      sameCurves(a, [
        curve([
          [1, 10, 3],
          [2, 12],
        ]),
      ]),
    ).toBe(false);
    expect(sameCurves(a, [curve([[1, 10, 2]])])).toBe(false);
    expect(
      sameCurves(a, [
        {
          ...curve([
            [1, 10, 2],
            [2, 12],
          ]),
          name: 'other',
        },
      ]),
    ).toBe(false);
    expect(sameCurves([curve([[1, null]])], [curve([[1, null]])])).toBe(true);
  });
});
