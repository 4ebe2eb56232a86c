import { describe, expect, it } from 'vitest';
import {
  compareFigures,
  compareReaders,
  compareOrder,
  compareRecordCounts,
  spanMismatch,
  verdictOf,
  type MetricLike,
} from './compare';

const THROUGHPUT: MetricLike = { id: 'throughput', label: 'Throughput', unit: 'records/s', better: 'higher' };
const P99: MetricLike = { id: 'p99', label: 'p99', unit: 'ms', better: 'lower' };
const LOST: MetricLike = { id: 'lost', label: 'Lost', unit: 'records', better: 'lower' };
const DELAY: MetricLike = { id: 'schedulingDelay', label: 'Delay', unit: 'ms', better: 'lower' };

describe('compare', () => {
  it('gives right minus left and judges it by the metric direction', () => {
    const rows = compareFigures(
      { throughput: 1000, p99: 250, lost: 4, schedulingDelay: null },
      { throughput: 1200, p99: 310, lost: 4, schedulingDelay: 80 },
      [THROUGHPUT, P99, LOST, DELAY],
    );
    // 1200 - 1000 = 200 more throughput: better. 310 - 250 = 60 ms more latency: worse.
    expect(rows.map((r) => [r.metric.id, r.delta, r.verdict])).toEqual([
      ['throughput', 200, 'better'],
      ['p99', 60, 'worse'],
      ['lost', 0, 'same'],
      ['schedulingDelay', null, 'none'],
    ]);
    expect(rows[1]).toMatchObject({ left: 250, right: 310 });
  });

  it('less of a lower-is-better metric is better; less throughput is worse', () => {
    expect(verdictOf(P99, 310, 250)).toBe('better');
    expect(verdictOf(THROUGHPUT, 1200, 1000)).toBe('worse');
    expect(verdictOf(THROUGHPUT, 0.1 + 0.2, 0.3)).toBe('same');
    // Within 1% of the larger value is no change; just past it is.
    expect(verdictOf(THROUGHPUT, 20_000, 19_999.46)).toBe('same');
    expect(verdictOf(THROUGHPUT, 1000, 990)).toBe('same');
    expect(verdictOf(THROUGHPUT, 1000, 989)).toBe('worse');
    expect(verdictOf(P99, 1000, 1011)).toBe('worse');
    expect(verdictOf(THROUGHPUT, 5, Number.NaN)).toBe('none');
  });

  it('a metric missing from a run has no delta', () => {
    const [row] = compareFigures({}, { throughput: 3 }, [THROUGHPUT]);
    expect(row).toMatchObject({ left: null, right: 3, delta: null, verdict: 'none' });
  });

  it('puts the baseline on the left, else the older run', () => {
    const old = { id: 'a', finishedAt: 100, seq: 1 };
    const young = { id: 'b', finishedAt: 200, seq: 2 };
    expect(compareOrder(young, old, null)).toEqual([old, young]);
    expect(compareOrder(old, young, 'b')).toEqual([young, old]);
    expect(compareOrder(young, old, 'b')).toEqual([young, old]);
  });
});

describe('compare with the what-if metric descriptors', () => {
  it('judges each headline metric by its own direction', async () => {
    const { METRICS } = await import('../../whatif/metrics');
    const left = {
      throughput: 20_000,
      processed: 15_000,
      p99: 640,
      maxLagRecords: 12_000,
      maxLagSec: 1.5,
      lost: 0,
      schedulingDelay: 300,
      lagGrowth: 0,
      costPerHour: 2.4,
    };
    const right = {
      throughput: 19_500,
      processed: 18_000,
      p99: 410,
      maxLagRecords: 12_000,
      maxLagSec: 2,
      lost: 0,
      schedulingDelay: 120,
      lagGrowth: 0,
      costPerHour: 3.6,
    };
    const byId = Object.fromEntries(
      compareFigures(left, right, METRICS).map((r) => [r.metric.id, [r.delta, r.verdict]]),
    );
    expect(byId).toEqual({
      throughput: [-500, 'worse'],
      processed: [3_000, 'better'],
      p99: [-230, 'better'],
      maxLagRecords: [0, 'same'],
      maxLagSec: [0.5, 'worse'],
      lost: [0, 'same'],
      schedulingDelay: [-180, 'better'],
      lagGrowth: [0, 'same'],
      costPerHour: [expect.closeTo(1.2, 9), 'worse'],
    });
  });
});

describe('formatShare', () => {
  it('says the change as a share of the left value', async () => {
    const { formatShare } = await import('./compare');
    expect(formatShare(200, 50)).toBe('+25%');
    expect(formatShare(20_000, -0.54)).toBe('−0.003%');
    expect(formatShare(1691, 6.81)).toBe('+0.40%');
    expect(formatShare(0, 5)).toBe('');
    expect(formatShare(10, 0)).toBe('');
  });
});

describe('record counts compared', () => {
  it('adds written twice, reprocessed and aborted when either run has some; 0 against some is worse', () => {
    // A transactional run (nothing twice) against an at-least-once one (10,034 written twice).
    const rows = compareRecordCounts(
      { writtenTwice: undefined, duplicates: 0, aborted: 0 },
      { writtenTwice: 10_034, duplicates: 0, aborted: 0 },
    );
    expect(rows.map((r) => r.metric.id)).toEqual(['writtenTwice']);
    expect(rows[0]).toMatchObject({ left: 0, right: 10_034, delta: 10_034, verdict: 'worse' });
  });

  it('keeps the order written twice, reprocessed, aborted, and judges fewer as better', () => {
    const rows = compareRecordCounts({ writtenTwice: 500, duplicates: 7, aborted: 120 }, { aborted: 60 });
    expect(rows.map((r) => [r.metric.id, r.left, r.right, r.verdict])).toEqual([
      ['writtenTwice', 500, 0, 'better'],
      ['duplicates', 7, 0, 'better'],
      ['aborted', 120, 60, 'better'],
    ]);
  });

  it('shows nothing when neither run has any, and "none" for a run kept without totals', () => {
    expect(compareRecordCounts({ aborted: 0 }, {})).toEqual([]);
    const rows = compareRecordCounts(null, { aborted: 3 });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ left: null, right: 3, delta: null, verdict: 'none' });
  });
});

describe('runs that measured different spans', () => {
  const COST: MetricLike = { id: 'costPerHour', label: 'Cost', unit: '$/h', better: 'lower' };
  const span = (durationSec: number, warmupSec?: number) => ({ doc: { run: { durationSec } }, warmupSec });

  it('are named in a warning when run lengths or warm-ups differ, and not when both match', () => {
    expect(spanMismatch(span(120, 10), span(60, 10))).toContain('different lengths (120 s and 60 s)');
    expect(spanMismatch(span(60, 10), span(60, 20))).toContain(
      'different warm-ups (the first 10 s and 20 s)',
    );
    // A run kept before warm-ups counts as 0 s.
    expect(spanMismatch(span(60), span(60, 10))).toContain('the first 0 s and 10 s');
    expect(spanMismatch(span(60, 10), span(60, 10))).toBeNull();
  });

  it('get no verdict on metrics that depend on the span; the cost still gets one', () => {
    // p99 310 -> 226 ms would read "better" (-27%), cost 2 -> 3 $/h "worse".
    const rows = compareFigures(
      { throughput: 1000, p99: 310, costPerHour: 2 },
      { throughput: 1000, p99: 226, costPerHour: 3 },
      [THROUGHPUT, P99, COST],
      false,
    );
    expect(rows.map((r) => [r.metric.id, r.verdict])).toEqual([
      ['throughput', 'unfair'],
      ['p99', 'unfair'],
      ['costPerHour', 'worse'],
    ]);
    // The change is still shown.
    expect(rows[1]!.delta).toBe(-84);
    expect(compareRecordCounts({ duplicates: 5 }, { duplicates: 50 }, false)[0]!.verdict).toBe('unfair');
  });
});

describe('each reader on its own', () => {
  // A group g and a Spark job j; 20 one-second rows, the first 10 left out as the warm-up.
  const columns = [
    'second',
    'g.consumedBytes',
    'g.consumed',
    'g.latency.p99',
    'j.estimatedRate',
    'j.inputRecords',
    'j.replayedInput',
    'j.latency.p99',
  ];
  const series = (gRate: number, jP99: number) => ({
    columns,
    warmupSec: 10,
    rows: Array.from({ length: 20 }, (_, k) => {
      const t = k + 1;
      // Warm-up seconds hold figures that must not count; the job finishes a batch every other second.
      return t <= 10
        ? [t, 0, 1e6, 1e6, 0, 1e6, 0, 1e6]
        : [t, 0, gRate, t % 2 === 0 ? 40 : 60, 0, 200, 20, t % 2 === 0 ? jP99 : 0];
    }),
  });

  it("sets each reader's processed throughput and p99 side by side, after the warm-up", () => {
    const rows = compareReaders(series(100, 800), series(90, 500));
    const byId = new Map(rows.map((r) => [r.metric.id, r]));
    // g: 100 a second, p99 the mean of 40 and 60.
    expect(byId.get('reader-g-processed')).toMatchObject({
      left: 100,
      right: 90,
      delta: -10,
      verdict: 'worse',
    });
    expect(byId.get('reader-g-p99')).toMatchObject({ left: 50, right: 50, verdict: 'same' });
    // j: 200 taken a second less 20 replayed; its p99 over the seconds a batch finished only.
    expect(byId.get('reader-j-processed')).toMatchObject({ left: 180, right: 180, verdict: 'same' });
    expect(byId.get('reader-j-p99')).toMatchObject({ left: 800, right: 500, delta: -300, verdict: 'better' });
  });

  it('gives no verdict when the spans differ, and leaves out a reader only one run has', () => {
    const right = { ...series(90, 500), warmupSec: 5 };
    expect(compareReaders(series(100, 800), right, false).every((r) => r.verdict === 'unfair')).toBe(true);
    const onlyG = {
      columns: columns.slice(0, 4),
      warmupSec: 10,
      rows: series(100, 800).rows.map((r) => r.slice(0, 4)),
    };
    expect(compareReaders(series(100, 800), onlyG).map((r) => r.reader)).toEqual(['g', 'g']);
  });
});
