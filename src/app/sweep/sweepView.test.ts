import { describe, expect, it } from 'vitest';
import type { Interval, SweepPoint, SweepSpec } from '../../whatif';
import { cellText, curvesFor, errorOf } from './sweepView';

const interval = (mean: number, halfWidth: number, n = 3): Interval => ({
  n,
  mean,
  sd: 0,
  halfWidth,
  low: mean - halfWidth,
  high: mean + halfWidth,
  relHalfWidth: halfWidth / Math.abs(mean),
});

const point = (index: number, values: number[], p99?: Interval): SweepPoint =>
  ({ index, values, doc: {} as SweepPoint['doc'], runs: [], stats: p99 ? { p99 } : {} }) as SweepPoint;

const spec = (axes: number): SweepSpec =>
  ({
    kind: 'sweep',
    axes: Array.from({ length: axes }, (_, i) => ({
      setting: `s${i}`,
      values: { kind: 'list', values: [1] },
    })),
    metrics: ['p99'],
  }) as unknown as SweepSpec;

describe('curvesFor', () => {
  it('one curve for one setting, points sorted by x, error bars from the interval', () => {
    const curves = curvesFor(
      [point(0, [20], interval(50, 5)), point(1, [10], interval(40, 2))],
      spec(1),
      'p99',
      '',
    );
    expect(curves).toEqual([
      {
        name: 'p99 end-to-end latency',
        points: [
          { x: 10, mean: 40, error: [2, 2], key: 'p1' },
          { x: 20, mean: 50, error: [5, 5], key: 'p0' },
        ],
      },
    ]);
  });

  it('one curve per value of the second setting, in the order of its values', () => {
    const points = [
      point(0, [1, 3], interval(10, 1)),
      point(1, [1, 6], interval(8, 1)),
      point(2, [2, 3], interval(20, 1)),
      point(3, [2, 6], interval(12, 1)),
    ];
    const curves = curvesFor(points, spec(2), 'p99', 'orders: partitions');
    expect(curves.map((c) => c.name)).toEqual(['orders: partitions = 3', 'orders: partitions = 6']);
    expect(curves.map((c) => c.points.map((p) => [p.x, p.mean]))).toEqual([
      [
        [1, 10],
        [2, 20],
      ],
      [
        [1, 8],
        [2, 12],
      ],
    ]);
  });

  it('a point without the metric draws no dot and no bar', () => {
    const [curve] = curvesFor([point(0, [1])], spec(1), 'p99', '');
    expect(curve!.points[0]).toMatchObject({ mean: null, error: [0, 0] });
  });
});

describe('errorOf and cellText', () => {
  it('one run has no interval: no bar, the mean alone', () => {
    const one = interval(12.5, Infinity, 1);
    expect(errorOf(one)).toEqual([0, 0]);
    expect(cellText('p99', one)).toBe('12.5 ms');
  });
  it('shows the mean with its half-width and unit', () => {
    expect(cellText('p99', interval(41.2, 1.26))).toBe('41.2 ms ± 1.26');
    expect(cellText('throughput', interval(12345, 210))).toBe('12,345 records/s ± 210');
    expect(cellText('p99', undefined)).toBe('–');
  });
});
