import { describe, expect, it } from 'vitest';
import { parsePipeline } from '../model/parse';
import type { Pipeline } from '../model/types';
import { costBreakdown, costPerHour } from './cost';
import { METRICS, METRIC_IDS, formatMetric, headlineMetrics, lostRecords, slope } from './metrics';

// A hand-made series of one producer p, one group g and one Spark job j, 6 seconds.
const columns = [
  'second',
  'p.produced',
  'p.producedBytes',
  'p.acknowledged',
  'p.refused',
  'p.dropped',
  'p.lost',
  'j->out.producedBytes',
  'j->out.acknowledged',
  'g.consumedBytes',
  'g.lag',
  'g.lagPosition',
  'g.lagSec',
  'g.expiredUnread',
  'j.estimatedRate',
  'j.batches',
  'j.schedulingDelayMs',
  'j.lagUnprocessed',
  'j.lagSec',
  'latency.p99',
];
// second, produced, bytes, acked, refused, dropped, lost, sinkBytes, sinkAcked, gBytes, g.lag,
// g.lagPosition, g.lagSec, g.expired, j.est, j.batches, j.sched, j.lagUnproc, j.lagSec, p99
const rows = [
  [1, 100, 0, 50, 1, 0, 0, 0, 999, 0, 900, 5, 9, 0, 0, 1, 5000, 0, 0, 0],
  [2, 100, 0, 100, 0, 0, 0, 0, 999, 0, 10, 10, 0.5, 0, 0, 0, 9000, 30, 1.5, 20],
  [3, 100, 0, 110, 0, 2, 0, 0, 999, 0, 40, 20, 0.4, 0, 0, 1, 100, 70, 2.5, 30],
  [4, 100, 0, 90, 0, 0, 3, 0, 999, 0, 20, 30, 0.2, 0, 0, 0, 9000, 50, 1.0, 0],
  [5, 100, 0, 100, 0, 0, 0, 0, 999, 0, 30, 40, 0.3, 4, 0, 1, 300, 20, 0.5, 40],
  [6, 100, 0, 100, 0, 0, 0, 0, 999, 0, 10, 50, 0.1, 0, 0, 1, 200, 10, 0.2, 50],
];

describe('headline metrics of a run', () => {
  const m = headlineMetrics({ columns, rows }, { warmupSec: 1 });

  it('throughput: acknowledged of the declared producers, mean after the warm-up (the Spark sink left out)', () => {
    // Seconds 2..6: (100 + 110 + 90 + 100 + 100) / 5 = 100.
    expect(m.throughput).toBe(100);
  });

  it('p99: mean of the per-second p99 over the seconds after the warm-up in which records finished', () => {
    // 20, 30, 40, 50 (second 4 had none): 35.
    expect(m.p99).toBe(35);
  });

  it('max lag in records and seconds, after the warm-up, over groups and Spark jobs', () => {
    // g.lag after warm-up peaks at 40; j.lagUnprocessed at 70 -> 70. lagSec: max(0.5, 2.5) = 2.5.
    expect(m.maxLagRecords).toBe(70);
    expect(m.maxLagSec).toBe(2.5);
  });

  it('Spark scheduling delay: the largest in seconds where a batch completed', () => {
    // Seconds 3, 5, 6 have batches: 100, 300, 200 (9000 in seconds without a batch is ignored).
    expect(m.schedulingDelay).toBe(300);
  });

  it('lost: refused + dropped + lost + expired, over the whole run', () => {
    expect(m.lost).toBe(1 + 2 + 3 + 4);
    expect(
      lostRecords({ columns, rows, totals: { refused: 5, dropped: 6, lost: 7, expiredUnread: 8 } }),
    ).toBe(26);
  });

  it('lag growth: the slope of the summed unread records over the second half after the warm-up', () => {
    // Rows after warm-up: seconds 2..6; second half from index 2: seconds 4, 5, 6 with
    // g.lagPosition + j.lagUnprocessed = 80, 60, 60: slope = -10 records/s.
    expect(m.lagGrowth).toBeCloseTo(-10, 10);
  });

  it('cost is null without the document', () => {
    expect(m.costPerHour).toBeNull();
  });

  it('a warm-up longer than the run keeps every row', () => {
    expect(headlineMetrics({ columns, rows }, { warmupSec: 100 }).throughput).toBeCloseTo(550 / 6, 10);
  });

  it('a run with no readers and no Spark job has no lag or scheduling delay', () => {
    const cols = ['second', 'p.producedBytes', 'p.acknowledged', 'latency.p99'];
    const x = headlineMetrics({ columns: cols, rows: [[1, 0, 10, 0]] });
    expect(x.maxLagRecords).toBeNull();
    expect(x.schedulingDelay).toBeNull();
    expect(x.p99).toBeNull();
  });

  it('has one descriptor per metric, each with a unit and a direction', () => {
    expect(METRICS.map((d) => d.id)).toEqual([...METRIC_IDS]);
    for (const d of METRICS) expect(['higher', 'lower']).toContain(d.better);
    expect(formatMetric('p99', 35)).toBe('35 ms');
    expect(formatMetric('costPerHour', 3.9)).toBe('$3.90/h');
    expect(formatMetric('schedulingDelay', null)).toBe('–');
    // Negative figures (lag that shrinks) carry a true minus sign, as the changes beside them do.
    expect(formatMetric('lagGrowth', -840.6)).toBe('−841 records/s');
    expect(formatMetric('lagGrowth', -0.001)).toBe('0 records/s');
  });
});

describe('processed throughput', () => {
  // Producer p writes topic t, read by group fast and job slow; slow writes topic out (through its
  // Kafka sink), which group down reads. Producer q writes topic u, which nobody reads.
  const parsed = parsePipeline({
    version: 1,
    cluster: { brokers: [{ id: 'b' }] },
    topics: [
      { id: 't', partitions: 1 },
      { id: 'u', partitions: 1 },
      { id: 'out', partitions: 1 },
    ],
    producers: [
      { id: 'p', rate: { recordsPerSec: 100 } },
      { id: 'q', rate: { recordsPerSec: 100 } },
    ],
    consumerGroups: [{ id: 'fast' }, { id: 'down' }],
    sparkJobs: [
      {
        id: 'slow',
        stages: [
          { id: 'm', kind: 'map' },
          { id: 'k', kind: 'sink' },
        ],
      },
    ],
    edges: [
      { from: 'p', to: 't' },
      { from: 'q', to: 'u' },
      { from: 't', to: 'fast' },
      { from: 't', to: 'slow' },
      { from: 'slow', to: 'out' },
      { from: 'out', to: 'down' },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const doc = parsed.doc;
  const cols = [
    'second',
    'fast.consumed',
    'fast.consumedBytes',
    'down.consumed',
    'down.consumedBytes',
    'slow.estimatedRate',
    'slow.inputRecords',
  ];
  // A 2 s batch interval: the job's records come every other second.
  const series = [
    [1, 999, 0, 999, 0, 0, 999],
    [2, 100, 0, 5, 0, 0, 0],
    [3, 120, 0, 5, 0, 0, 160],
    [4, 80, 0, 5, 0, 0, 0],
    [5, 100, 0, 5, 0, 0, 160],
  ];

  it("is the slowest reader of each producer's topic, mean after the warm-up; downstream readers left out", () => {
    // After second 1: fast (100 + 120 + 80 + 100) / 4 = 100; slow (0 + 160 + 0 + 160) / 4 = 80.
    // The slower of t's readers is 80; u has no reader; down reads a job's output, not a producer's.
    const m = headlineMetrics({ columns: cols, rows: series, doc }, { warmupSec: 1 });
    expect(m.processed).toBe(80);
  });

  it('sums over the topics producers write, and is null with no reader of them or no document', () => {
    const two: Pipeline = {
      ...doc,
      edges: [...doc.edges.filter((e) => e.to !== 'slow'), { from: 'u', to: 'slow' }],
    };
    // t is read by fast alone (100); u by slow (80).
    expect(headlineMetrics({ columns: cols, rows: series, doc: two }, { warmupSec: 1 }).processed).toBe(180);
    const unread: Pipeline = { ...doc, edges: doc.edges.filter((e) => e.from !== 't') };
    expect(
      headlineMetrics({ columns: cols, rows: series, doc: unread }, { warmupSec: 1 }).processed,
    ).toBeNull();
    expect(headlineMetrics({ columns: cols, rows: series }, { warmupSec: 1 }).processed).toBeNull();
  });

  it("counts a job's replayed records once: its inputRecords less replayedInput", () => {
    // A driver restart replays: of the second 160-record batch, 60 had been read before.
    // slow: (0 + 160 + 0 + (160 - 60)) / 4 = 65, below fast's 100.
    const replay = series.map((r) => [...r, r[0] === 5 ? 60 : 0]);
    const m = headlineMetrics(
      { columns: [...cols, 'slow.replayedInput'], rows: replay, doc },
      { warmupSec: 1 },
    );
    expect(m.processed).toBe(65);
  });
});

describe('acknowledged throughput', () => {
  it("leaves out a Spark job's Kafka sink and MirrorMaker 2's copies: records counted once", () => {
    const cols = ['second', 'p.producedBytes', 'p.acknowledged', 'j->t.producedBytes', 'j->t.acknowledged'];
    const withMirror = [...cols, 'mm2:m.producedBytes', 'mm2:m.acknowledged'];
    // p: 100 and 300 acknowledged; the sink and the mirror's copies 1,000 each second.
    const rows = [
      [1, 0, 100, 0, 1000, 0, 1000],
      [2, 0, 300, 0, 1000, 0, 1000],
    ];
    expect(headlineMetrics({ columns: withMirror, rows }).throughput).toBe(200);
  });
});

describe('slope', () => {
  it('is the least-squares slope', () => {
    expect(slope([0, 1, 2, 3], [1, 3, 5, 7])).toBeCloseTo(2, 12);
    expect(slope([0, 1, 2], [0, 3, 0])).toBeCloseTo(0, 12);
    expect(slope([1], [1])).toBe(0);
  });
});

function doc(input: object): Pipeline {
  const r = parsePipeline({ version: 1, ...input });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.doc;
}

describe('cost per hour', () => {
  it('sums brokers, client machines (one per producer and per member without a host), hosts and executors', () => {
    const d = doc({
      cluster: {
        brokers: [{ id: 'b1' }, { id: 'b2' }, { id: 'b3', hardware: { preset: 'laptop' } }],
        clientHardware: { preset: 'laptop' },
        hosts: [
          {
            id: 'h1',
            hardware: {
              cores: 4,
              diskMBps: 100,
              networkInMBps: 100,
              networkOutMBps: 100,
              pricePerHour: 1.25,
            },
          },
        ],
      },
      topics: [{ id: 't' }],
      producers: [
        { id: 'p1', rate: { recordsPerSec: 10 } },
        { id: 'p2', rate: { recordsPerSec: 10 }, host: 'h1' },
      ],
      consumerGroups: [{ id: 'g', members: 3 }],
      sparkJobs: [
        {
          id: 'j',
          stages: [{ id: 's', kind: 'map' }],
          config: { 'spark.executor.instances': 4 },
          executorHardware: { cores: 16, diskMBps: 100, networkInMBps: 100, networkOutMBps: 100 },
        },
      ],
      edges: [
        { from: 'p1', to: 't' },
        { from: 'p2', to: 't' },
        { from: 't', to: 'g' },
        { from: 't', to: 'j' },
      ],
    });
    // Brokers: 2 x cloud-2024 (0.65) + laptop (0.17) = 1.47; host h1 1.25; producer p1 on its own
    // laptop-class machine 0.17 (p2 is on h1); 3 members x 0.17 = 0.51; 4 executors of 16 cores
    // without a price at 0.05 per core-hour = 4 x 0.80 = 3.20. Total 6.60.
    const b = costBreakdown(d);
    expect(b.lines.map((l) => [l.what, l.machines])).toEqual([
      ['broker b1', 1],
      ['broker b2', 1],
      ['broker b3', 1],
      ['host h1', 1],
      ['producer p1', 1],
      ['group g', 3],
      ['Spark job j executors', 4],
    ]);
    expect(costPerHour(d)).toBeCloseTo(6.6, 10);
  });

  it('a price set on a preset machine wins over the preset', () => {
    const d = doc({
      cluster: {
        brokers: [
          {
            id: 'b',
            hardware: {
              preset: 'cloud-2024',
              cores: 8,
              diskMBps: 2000,
              networkInMBps: 3100,
              networkOutMBps: 3100,
              pricePerHour: 2,
            },
          },
        ],
      },
    });
    expect(costPerHour(d)).toBe(2);
  });
});
