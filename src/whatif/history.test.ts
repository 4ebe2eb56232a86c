import { describe, expect, it } from 'vitest';
import { appendHistory, EMPTY_HISTORY, MAX_ROWS, mergeRule, type MergeRule } from './history';

// Columns: the second, a rate (mean), a lag (max).
const RULES: MergeRule[] = ['last', 'mean', 'max'];
const add = (h = EMPTY_HISTORY, ...rows: number[][]) => appendHistory(h, rows, RULES, 4, 2);

describe('mergeRule', () => {
  it('keeps peaks of latency, lag and batch times, and the mean of everything else', () => {
    expect(mergeRule('second')).toBe('last');
    expect(mergeRule('latency.p99')).toBe('max');
    expect(mergeRule('orders-group.lag')).toBe('max');
    expect(mergeRule('orders-group.lag.p3')).toBe('max');
    expect(mergeRule('job.lagUnprocessed')).toBe('max');
    expect(mergeRule('job.lagSec')).toBe('max');
    expect(mergeRule('job.processingMs')).toBe('max');
    expect(mergeRule('job.totalDelayMs')).toBe('max');
    expect(mergeRule('web.produced')).toBe('mean');
    expect(mergeRule('broker-1.cpu')).toBe('mean');
    expect(mergeRule('job.inputRate')).toBe('mean');
  });
});

describe('appendHistory', () => {
  it('keeps every second while there are few, in a new object each time', () => {
    const a = add(undefined, [1, 10, 5], [2, 20, 1]);
    expect(a.rows).toEqual([
      [1, 10, 5],
      [2, 20, 1],
    ]);
    expect(a.spans).toEqual([1, 1]);
    const b = add(a, [3, 30, 7]);
    expect(b).not.toBe(a);
    expect(b.rows).toHaveLength(3);
    expect(add(b)).toBe(b);
  });

  it('merges the oldest rows in pairs past the limit: mean of rates, max of lag, the later second', () => {
    // Limit 4 rows, the newest 2 never merged.
    let h = add(undefined, [1, 10, 5], [2, 20, 1], [3, 30, 7], [4, 40, 3], [5, 50, 9]);
    expect(h.rows).toEqual([
      [2, 15, 5],
      [3, 30, 7],
      [4, 40, 3],
      [5, 50, 9],
    ]);
    expect(h.spans).toEqual([2, 1, 1, 1]);
    h = add(h, [6, 60, 2]);
    expect(h.rows).toEqual([
      [2, 15, 5],
      [4, 35, 7],
      [5, 50, 9],
      [6, 60, 2],
    ]);
    expect(h.spans).toEqual([2, 2, 1, 1]);
    // Only one single second is left among the old rows: the two 2-second rows merge instead,
    // and their mean weighs both by their seconds: (10 + 20 + 30 + 40) / 4.
    h = add(h, [7, 70, 4]);
    expect(h.rows).toEqual([
      [4, 25, 7],
      [5, 50, 9],
      [6, 60, 2],
      [7, 70, 4],
    ]);
    expect(h.spans).toEqual([4, 1, 1, 1]);
  });

  it('weighs rows of different spans by their seconds', () => {
    // Rows of span 4 and 2 can only meet once every finer level is used up; this builds one.
    let h = EMPTY_HISTORY;
    for (let t = 1; t <= 9; t++) h = add(h, [t, t * 10, t === 3 ? 100 : 0]);
    // Seconds 1-8 are in the old rows; their spans add up to the seconds they cover.
    const covered = h.spans.reduce((a, s) => a + s, 0);
    expect(covered).toBe(9);
    expect(h.rows).toHaveLength(4);
    // The lag peak of second 3 survives in whichever row took it in.
    expect(Math.max(...h.rows.map((r) => r[2]!))).toBe(100);
    // The mean of the rate over all seconds is kept: (10 + 20 + ... + 90) / 9 = 50.
    const total = h.rows.reduce((a, r, i) => a + r[1]! * h.spans[i]!, 0);
    expect(total / 9).toBeCloseTo(50, 9);
  });

  it('stays bounded over a day-long run, the newest seconds exact', () => {
    let h = EMPTY_HISTORY;
    for (let t = 1; t <= 86_400; t += 100) {
      const rows = Array.from({ length: 100 }, (_, i) => [t + i, 1, t + i === 40_000 ? 999 : 0]);
      h = appendHistory(h, rows, RULES);
    }
    expect(h.rows.length).toBeLessThanOrEqual(MAX_ROWS);
    expect(h.spans.reduce((a, s) => a + s, 0)).toBe(86_400);
    expect(h.rows[h.rows.length - 1]).toEqual([86_400, 1, 0]);
    expect(h.spans.slice(-1024).every((s) => s === 1)).toBe(true);
    expect(Math.max(...h.rows.map((r) => r[2]!))).toBe(999);
    expect(h.rows.every((r) => r[1] === 1)).toBe(true);
    // Seconds only move forward.
    for (let i = 1; i < h.rows.length; i++) expect(h.rows[i]![0]).toBeGreaterThan(h.rows[i - 1]![0]!);
  });
});
