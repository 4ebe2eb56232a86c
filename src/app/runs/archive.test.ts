import { describe, expect, it } from 'vitest';
import { testDoc } from '../canvas/testDoc';
import { keepRun, newestFirst, nextSeq, runsToDrop, thinSeries, withWarmupRule } from './archive';
import { memoryBackend } from './runsDb';
import type { SavedRun } from './types';

function run(seq: number, finishedAt = 1000 * seq): SavedRun {
  return {
    id: `r${seq}`,
    seq,
    name: `Test #${seq}`,
    finishedAt,
    wallSec: 2.5,
    doc: testDoc(),
    seed: 7,
    columns: ['second', 'web.produced'],
    rows: [
      [1, 10],
      [2, 20],
    ],
    spans: [1, 1],
    totals: null,
    headline: { throughput: 15, p99: null },
  };
}

describe('run archive', () => {
  it('keeps the newest 50 and drops the oldest', async () => {
    const backend = memoryBackend();
    let kept: SavedRun[] = [];
    for (let seq = 1; seq <= 53; seq++) kept = await keepRun(backend, run(seq));
    expect(kept).toHaveLength(50);
    // Runs 1, 2 and 3 were the oldest: gone from the list and from storage.
    expect(kept.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 53 - i));
    const stored = (await backend.all()).map((r) => r.id).sort();
    expect(stored).toHaveLength(50);
    expect(stored).not.toContain('r1');
    expect(stored).not.toContain('r3');
    expect(stored).toContain('r4');
  });

  it('never drops the pinned baseline, however old', async () => {
    const backend = memoryBackend();
    for (let seq = 1; seq <= 50; seq++) await keepRun(backend, run(seq));
    const kept = await keepRun(backend, run(51), 50, new Set(['r1']));
    expect(kept).toHaveLength(50);
    expect(kept.map((r) => r.id)).toContain('r1');
    expect(kept.map((r) => r.id)).not.toContain('r2');
  });

  it('round-trips a run unchanged', async () => {
    const backend = memoryBackend();
    const original = run(4);
    await keepRun(backend, original);
    const [back] = await backend.all();
    expect(back).toEqual(original);
    expect(back).not.toBe(original);
  });

  it('lists newest first, ties by number', () => {
    const runs = [run(1, 5000), run(2, 9000), run(3, 5000)];
    expect(newestFirst(runs).map((r) => r.seq)).toEqual([2, 3, 1]);
  });

  it('drops nothing under the limit', () => {
    expect(runsToDrop([run(1), run(2)], 2)).toEqual([]);
    expect(runsToDrop([run(1), run(2), run(3)], 2)).toEqual(['r1']);
  });

  it('numbers the next run after the highest kept', () => {
    expect(nextSeq([])).toBe(1);
    expect(nextSeq([run(3), run(9), run(4)])).toBe(10);
  });

  it('thins a long series to the kept size, rates averaged and lag peaks kept', () => {
    const columns = ['second', 'web.produced', 'audit.lag'];
    // 8 seconds: produced 10, 20, ..., 80; lag peaks at second 3.
    const rows = Array.from({ length: 8 }, (_, i) => [i + 1, 10 * (i + 1), i === 2 ? 500 : 1]);
    const spans = rows.map(() => 1);
    const thin = thinSeries(columns, rows, spans, 4);
    expect(thin.rows).toHaveLength(4);
    expect(thin.spans).toEqual([2, 2, 2, 2]);
    // Pairs (1,2) (3,4) (5,6) (7,8): means 15, 35, 55, 75; the row ends at the pair's later second.
    expect(thin.rows.map((r) => r[0])).toEqual([2, 4, 6, 8]);
    expect(thin.rows.map((r) => r[1])).toEqual([15, 35, 55, 75]);
    expect(thin.rows.map((r) => r[2])).toEqual([1, 500, 1, 1]);
  });
});

describe('runs kept before figures left out a warm-up', () => {
  /** A 60 s run kept with whole-run figures: acknowledged 10/s for 10 s, then 40/s. */
  function oldRun(spans?: number[]): SavedRun {
    const columns = ['second', 'web.producedBytes', 'web.acknowledged', 'latency.p99'];
    const rows = Array.from({ length: 60 }, (_, i) => [i + 1, 0, i < 10 ? 10 : 40, i < 10 ? 2 : 8]);
    const doc = testDoc();
    return {
      ...run(1),
      doc: { ...doc, run: { ...doc.run, durationSec: 60 } },
      columns,
      rows,
      spans: spans ?? rows.map(() => 1),
      // What the list used to show: the whole run's mean, (10 x 10 + 50 x 40) / 60 = 35.
      headline: { throughput: 35, p99: 7 },
    };
  }

  it('have their figures worked out again from their series, after the same 10 s a sweep leaves out', () => {
    const now = withWarmupRule(oldRun());
    expect(now.warmupSec).toBe(10);
    // Seconds 11..60 alone: 40 records/s, p99 8 ms.
    expect(now.headline.throughput).toBe(40);
    expect(now.headline.p99).toBe(8);
  });

  it('whose series was merged into longer spans keep their whole-run figures, marked as such', () => {
    const old = oldRun(Array.from({ length: 60 }, () => 2));
    const now = withWarmupRule(old);
    expect(now.warmupSec).toBe(0);
    expect(now.headline).toEqual({ throughput: 35, p99: 7 });
  });

  it('a run kept under the rule is left as it is', () => {
    const kept = { ...oldRun(), warmupSec: 10, headline: { throughput: 1 } };
    expect(withWarmupRule(kept)).toBe(kept);
  });
});
