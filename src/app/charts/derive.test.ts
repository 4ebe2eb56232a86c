// The chart points are simple arithmetic on the series rows; these tests pin the arithmetic and
// the choices (gaps instead of zeros, how lag in seconds is estimated).
import { describe, expect, it } from 'vitest';
import {
  brokerPoints,
  lagPoints,
  ALL_READERS,
  defaultLatencyView,
  EACH_READER,
  eachReaderLatencyPoints,
  latencyPoints,
  latencyReaders,
  rolesOf,
  sparkPoints,
  throughputNote,
  throughputPoints,
  windowRows,
} from './derive';

// Columns as the engine's ticker names them, for one producer, topic, group, Spark job and broker.
const columns = [
  'second',
  'p.produced',
  'p.producedBytes',
  'p.acknowledged',
  't.appended',
  't.appendedBytes',
  'g.consumed',
  'g.consumedBytes',
  'g.lag',
  'g.lagPosition',
  'g.lagSec',
  'job.v2.inputRecords',
  'job.v2.batches',
  'job.v2.schedulingDelayMs',
  'job.v2.processingMs',
  'job.v2.totalDelayMs',
  'job.v2.lag',
  'job.v2.estimatedRate',
  'job.v2.inputRate',
  'job.v2.lagUnprocessed',
  'job.v2.lagSec',
  'b1.cpu',
  'b1.networkIn',
  'b1.networkOut',
  'b1.disk',
  'b2.cpu',
  'b2.networkIn',
  'b2.networkOut',
  'b2.disk',
  'latency.p50',
  'latency.p95',
  'latency.p99',
];
const roles = rolesOf(columns);

/** A row with the named values set and everything else 0. */
function row(second: number, values: Record<string, number>): number[] {
  return columns.map((c) => (c === 'second' ? second : (values[c] ?? 0)));
}

describe('chart points', () => {
  it('tells node kinds apart by their columns, ids with dots included', () => {
    expect(roles.producers).toEqual(['p']);
    expect(roles.topics).toEqual(['t']);
    expect(roles.groups).toEqual(['g']);
    expect(roles.jobs).toEqual(['job.v2']);
    expect(roles.brokers).toEqual(['b1', 'b2']);
  });

  it('shows what each reader consumed on its own line, never their sum', () => {
    // A group and a Spark job both read all of the topic's 90 records/s: 180 consumed would be a
    // figure nobody consumed.
    const rows = [
      row(1, {
        'p.produced': 100,
        'p.acknowledged': 90,
        't.appended': 90,
        'g.consumed': 88,
        'job.v2.inputRate': 90,
      }),
    ];
    expect(throughputPoints(rows, roles)).toEqual([
      { t: 1, produced: 100, acknowledged: 90, 'consumed:g': 88, 'consumed:job.v2': 90 },
    ]);
  });

  it("sums a MirrorMaker 2's writes into Produced and Acknowledged, as the totals do, with its copies on their own line", () => {
    const cols = [
      'second',
      'src.produced',
      'src.producedBytes',
      'src.acknowledged',
      'mm2:m.produced',
      'mm2:m.producedBytes',
      'mm2:m.acknowledged',
      'm.mirrorLag',
      'm.mirrorLagSec',
      'm.mirrored',
    ];
    const r = rolesOf(cols);
    expect(r.producers).toEqual(['src', 'mm2:m']);
    expect(r.mirrors).toEqual(['m']);
    // 20,000 orders a second and their 20,000 copies: 40,000 produced and acknowledged in all.
    const rows = [[1, 20_000, 0, 19_990, 20_010, 0, 20_000, 1_500, 0.08, 20_000]];
    expect(throughputPoints(rows, r)).toEqual([
      { t: 1, produced: 40_010, acknowledged: 39_990, 'mirrored:m': 20_000 },
    ]);
    expect(roles.mirrors).toEqual([]);
    // The chart's note says so, naming only what the run has.
    expect(throughputNote(r)).toContain('(MirrorMaker 2’s copies included)');
    expect(throughputNote({ mirrors: [], producers: ['p', 'job->t'] })).toContain(
      '(Spark jobs’ Kafka sinks included)',
    );
    expect(throughputNote(roles)).toBe(
      'records per simulated second: producers summed, each reader on its own line',
    );
  });

  it("takes a Spark job's consumption from its windowed input rate, not its bursty batch completions", () => {
    // 2 s batches of 180 records: per second the job completes 180, then 0; its input rate over
    // the batch window is 90 records/s both seconds.
    const rows = [
      row(1, { 'job.v2.inputRecords': 180, 'job.v2.batches': 1, 'job.v2.inputRate': 90 }),
      row(2, { 'job.v2.inputRecords': 0, 'job.v2.inputRate': 90 }),
    ];
    expect(throughputPoints(rows, roles).map((p) => p['consumed:job.v2'])).toEqual([90, 90]);
  });

  it('counts a receiver source in Produced and draws what its receivers took as Received', () => {
    // No broker acknowledges a receiver source's records: Acknowledged stays the producers' (90),
    // Produced adds the source's 40 arrivals to the producer's 100, Received is the 35 taken.
    const sourceColumns = [...columns, 'feed.produced', 'feed.receivedRecords'];
    const withSource = rolesOf(sourceColumns);
    const values: Record<string, number> = {
      second: 1,
      'p.produced': 100,
      'p.acknowledged': 90,
      'feed.produced': 40,
      'feed.receivedRecords': 35,
    };
    const [p] = throughputPoints([sourceColumns.map((c) => values[c] ?? 0)], withSource);
    expect(withSource.receiverSources).toEqual(['feed']);
    expect(p).toMatchObject({ produced: 140, acknowledged: 90, received: 35 });
  });

  it('keeps the seconds of a time range, one more on each side, and every second of the run', () => {
    const rows = Array.from({ length: 600 }, (_, i) => row(i + 1, {}));
    expect(throughputPoints(rows, roles)).toHaveLength(600);
    const shown = windowRows(rows, [100, 160]);
    expect(shown.map((r) => r[0])).toEqual(Array.from({ length: 63 }, (_, i) => 99 + i));
  });

  it('leaves a gap in latency for a second in which no record finished', () => {
    const rows = [row(1, { 'latency.p50': 5, 'latency.p95': 9, 'latency.p99': 12 }), row(2, {})];
    expect(latencyPoints(rows, roles)).toEqual([
      { t: 1, p50: 5, p95: 9, p99: 12 },
      { t: 2, p50: null, p95: null, p99: null },
    ]);
  });

  it('gives committed and position lag per reader, and the age of the oldest unread record', () => {
    const rows = [
      row(1, { 'g.lag': 0 }),
      row(2, {
        'g.lag': 4000,
        'g.lagPosition': 1500,
        'g.lagSec': 2.5,
        // A Spark job: 300 not yet processed, 100 of them not yet in a batch.
        'job.v2.lagUnprocessed': 300,
        'job.v2.lag': 100,
        'job.v2.lagSec': 1.2,
      }),
    ];
    const { records, seconds } = lagPoints(rows, roles);
    expect(records[1]).toEqual({
      t: 2,
      g: 4000,
      'g:position': 1500,
      'job.v2': 300,
      'job.v2:position': 100,
    });
    expect(seconds[1]).toEqual({ t: 2, g: 2.5, 'job.v2': 1.2 });
    expect(seconds[0]).toEqual({ t: 1, g: 0, 'job.v2': 0 });
  });

  it('shows the busiest broker per resource, or one broker, in percent', () => {
    const rows = [row(1, { 'b1.cpu': 0.2, 'b2.cpu': 0.7, 'b1.disk': 0.9, 'b2.networkIn': 0.05 })];
    expect(brokerPoints(rows, roles, null)).toEqual([
      { t: 1, cpu: 70, networkIn: 5, networkOut: 0, disk: 90 },
    ]);
    expect(brokerPoints(rows, roles, 'b1')).toEqual([
      { t: 1, cpu: 20, networkIn: 0, networkOut: 0, disk: 90 },
    ]);
  });

  it("gives Spark's batch times only for seconds in which a batch completed", () => {
    const rows = [
      row(1, { 'job.v2.inputRate': 0 }),
      row(2, {
        'job.v2.batches': 1,
        'job.v2.inputRecords': 4000,
        'job.v2.inputRate': 2000,
        'job.v2.schedulingDelayMs': 300,
        'job.v2.processingMs': 1500,
        'job.v2.totalDelayMs': 1800,
      }),
    ];
    expect(sparkPoints(rows, roles, 'job.v2')).toEqual([
      {
        t: 1,
        inputRate: 0,
        schedulingDelay: null,
        processingTime: null,
        totalDelay: null,
        estimatedRate: null,
      },
      {
        t: 2,
        inputRate: 2000,
        schedulingDelay: 300,
        processingTime: 1500,
        totalDelay: 1800,
        estimatedRate: null,
      },
    ]);
  });

  it('keeps the input rate flat when a slow batch completes in the same second as the next', () => {
    // 1 s batches of 20,000 records; the batch cut at 35 s runs 1.05 s, so none completes in
    // second 36 and two (40,000 records) in second 37. Records / interval per completion second
    // drew 0 and then 40,000: a false spike. The input rate over the batch window stays 20,000.
    const rows = [35, 36, 37, 38].map((t) =>
      row(t, {
        'job.v2.batches': t === 36 ? 0 : t === 37 ? 2 : 1,
        'job.v2.inputRecords': t === 36 ? 0 : t === 37 ? 40_000 : 20_000,
        'job.v2.inputRate': 20_000,
      }),
    );
    expect(sparkPoints(rows, roles, 'job.v2').map((p) => p.inputRate)).toEqual([
      20_000, 20_000, 20_000, 20_000,
    ]);
  });

  it('draws the backpressure estimate every second it has one, batch or not (0 = none, a gap)', () => {
    const rows = [
      row(1, { 'job.v2.estimatedRate': 0 }),
      row(2, { 'job.v2.estimatedRate': 9800 }),
      row(3, { 'job.v2.estimatedRate': 9700, 'job.v2.batches': 1, 'job.v2.inputRecords': 9700 }),
    ];
    const points = sparkPoints(rows, roles, 'job.v2');
    expect(points.map((p) => p.estimatedRate)).toEqual([null, 9800, 9700]);
  });
});

describe('latency of one reader', () => {
  it('lists the readers with columns of their own and reads their percentiles', () => {
    const cols = [
      'second',
      'latency.p50',
      'latency.p95',
      'latency.p99',
      'a.latency.p50',
      'a.latency.p95',
      'a.latency.p99',
      'b.latency.p50',
    ];
    expect(latencyReaders(cols)).toEqual(['a', 'b']);
    const r = rolesOf(cols);
    const rows = [[1, 100, 200, 300, 4, 5, 6, 7]];
    expect(latencyPoints(rows, r)).toEqual([{ t: 1, p50: 100, p95: 200, p99: 300 }]);
    expect(latencyPoints(rows, r, 'a')).toEqual([{ t: 1, p50: 4, p95: 5, p99: 6 }]);
  });
});

describe('latency of each reader', () => {
  // IoT-like: a consumer group finishing records every second, a Spark job with 2 s batches.
  const cols = [
    'second',
    'latency.p50',
    'latency.p95',
    'latency.p99',
    'group.latency.p50',
    'group.latency.p95',
    'group.latency.p99',
    'job.latency.p50',
    'job.latency.p95',
    'job.latency.p99',
  ];
  const job = (batchIntervalMs: number, mode: 'microBatch' | 'continuous' = 'microBatch') => ({
    id: 'job',
    mode,
    batchIntervalMs,
  });

  it('opens on each reader when a Spark job beside another reader finishes records only every few seconds', () => {
    expect(defaultLatencyView(['group', 'job'], [job(2000)])).toBe(EACH_READER);
    // Batches every second (or continuous processing): every reader finishes records every second.
    expect(defaultLatencyView(['group', 'job'], [job(1000)])).toBe(ALL_READERS);
    expect(defaultLatencyView(['group', 'job'], [job(5000, 'continuous')])).toBe(ALL_READERS);
    // One reader (no columns of its own) or two consumer groups: the merged line is the readers'.
    expect(defaultLatencyView([], [job(2000)])).toBe(ALL_READERS);
    expect(defaultLatencyView(['a', 'b'], [])).toBe(ALL_READERS);
  });

  it('gives each reader its own p50 and p99, a gap only where that reader finished nothing', () => {
    const rows = [
      // Second 1: only the group finished records; the merged columns are the group's alone.
      [1, 80, 90, 95, 80, 90, 95, 0, 0, 0],
      // Second 2: a batch completed too.
      [2, 90, 2500, 2540, 85, 92, 97, 2400, 2500, 2540],
    ];
    expect(eachReaderLatencyPoints(rows, rolesOf(cols), ['group', 'job'])).toEqual([
      { t: 1, 'group:p50': 80, 'group:p99': 95, 'job:p50': null, 'job:p99': null },
      { t: 2, 'group:p50': 85, 'group:p99': 97, 'job:p50': 2400, 'job:p99': 2540 },
    ]);
  });
});
