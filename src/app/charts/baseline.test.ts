import { describe, expect, it } from 'vitest';
import { alignRows, withGaps } from './baseline';
import { rolesOf, throughputPoints } from './derive';

describe('baseline series', () => {
  it('puts the baseline columns in the current order, missing ones NaN', () => {
    const rows = [
      [1, 100, 7],
      [2, 200, 8],
    ];
    const aligned = alignRows(
      rows,
      ['second', 'web.produced', 'old.lag'],
      ['second', 'new.lag', 'web.produced'],
    );
    expect(aligned[0]![0]).toBe(1);
    expect(aligned[0]![1]).toBeNaN();
    expect(aligned[0]![2]).toBe(100);
    expect(aligned[1]).toEqual([2, NaN, 200]);
  });

  it('derives through the current roles; a reader the baseline lacked becomes a gap, not 0', () => {
    const current = [
      'second',
      'web.producedBytes',
      'web.produced',
      'web.acknowledged',
      'audit.consumedBytes',
      'audit.consumed',
    ];
    const base = ['second', 'web.producedBytes', 'web.produced', 'web.acknowledged'];
    const aligned = alignRows([[5, 0, 300, 290]], base, current);
    const [p] = withGaps(throughputPoints(aligned, rolesOf(current)));
    expect(p).toEqual({ t: 5, produced: 300, acknowledged: 290, 'consumed:audit': null });
  });
});
