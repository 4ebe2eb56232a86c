// The chart points are simple arithmetic on the series rows; these tests pin the arithmetic and
// the choices (gaps instead of zeros, how lag in seconds is estimated).
import { describe, expect, it } from 'vitest';
import {
  WINDOW_SEC,
  brokerPoints,
  lagPoints,
  lagSeconds,
  latencyPoints,
  rolesOf,
  sparkPoints,
  throughputPoints,
  timeDomain,
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
  'job.v2.inputRecords',
  'job.v2.batches',
  'job.v2.schedulingDelayMs',
  'job.v2.processingMs',
  'job.v2.totalDelayMs',
  'job.v2.lag',
  'job.v2.estimatedRate',
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
const topicOf = () => 't';

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

  it('counts a Spark job as consuming what it took from Kafka, not its bursty batch completions', () => {
    const rows = [
      row(1, {
        'p.produced': 100,
        'p.acknowledged': 90,
        't.appended': 90,
        'g.consumed': 80,
        'job.v2.lag': 90,
      }),
      // The job took 90 + 90 - 20 = 160 records in second 2 (its lag fell from 90 to 20).
      row(2, {
        'p.produced': 100,
        't.appended': 90,
        'g.consumed': 95,
        'job.v2.lag': 20,
        'job.v2.inputRecords': 0,
      }),
    ];
    expect(throughputPoints(rows, roles, topicOf)).toEqual([
      { t: 1, produced: 100, acknowledged: 90, consumed: 80 + 0 },
      { t: 2, produced: 100, acknowledged: 0, consumed: 95 + 160 },
    ]);
  });

  it('keeps only the last WINDOW_SEC seconds', () => {
    const rows = Array.from({ length: WINDOW_SEC + 15 }, (_, i) => row(i + 1, {}));
    const points = throughputPoints(rows, roles, topicOf);
    expect(points).toHaveLength(WINDOW_SEC);
    expect(points[0]!.t).toBe(16);
  });

  it('leaves a gap in latency for a second in which no record finished', () => {
    const rows = [row(1, { 'latency.p50': 5, 'latency.p95': 9, 'latency.p99': 12 }), row(2, {})];
    expect(latencyPoints(rows, roles)).toEqual([
      { t: 1, p50: 5, p95: 9, p99: 12 },
      { t: 2, p50: null, p95: null, p99: null },
    ]);
  });

  it('estimates lag in seconds as lag / the mean arrival rate of recent seconds', () => {
    expect(lagSeconds(3000, [1000, 2000, 3000])).toBe(1.5);
    expect(lagSeconds(0, [])).toBe(0);
    // Nothing arrived lately: no rate to divide by, so no estimate (not infinity).
    expect(lagSeconds(500, [0, 0])).toBeNull();
    expect(lagSeconds(500, [])).toBeNull();
  });

  it('gives lag per reader in records and seconds', () => {
    const rows = [
      row(1, { 't.appended': 1000, 'g.lag': 0 }),
      row(2, { 't.appended': 3000, 'g.lag': 4000, 'job.v2.lag': 100 }),
    ];
    const { records, seconds } = lagPoints(rows, roles, topicOf);
    expect(records[1]).toEqual({ t: 2, g: 4000, 'job.v2': 100 });
    // Mean arrival over the two seconds is 2000 records/s.
    expect(seconds[1]).toEqual({ t: 2, g: 2, 'job.v2': 0.05 });
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
      row(1, {}),
      row(2, {
        'job.v2.batches': 1,
        'job.v2.inputRecords': 4000,
        'job.v2.schedulingDelayMs': 300,
        'job.v2.processingMs': 1500,
        'job.v2.totalDelayMs': 1800,
      }),
    ];
    // A 2-second batch of 4000 records is an input rate of 2000 records/s.
    expect(sparkPoints(rows, roles, 'job.v2', 2000)).toEqual([
      {
        t: 1,
        inputRate: null,
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

  it('draws the backpressure estimate every second it has one, batch or not (0 = none, a gap)', () => {
    const rows = [
      row(1, { 'job.v2.estimatedRate': 0 }),
      row(2, { 'job.v2.estimatedRate': 9800 }),
      row(3, { 'job.v2.estimatedRate': 9700, 'job.v2.batches': 1, 'job.v2.inputRecords': 9700 }),
    ];
    const points = sparkPoints(rows, roles, 'job.v2', 1000);
    expect(points.map((p) => p.estimatedRate)).toEqual([null, 9800, 9700]);
    expect(points.map((p) => p.inputRate)).toEqual([null, null, 9700]);
  });

  it('slides the time window with the simulated clock once past the first window', () => {
    expect(timeDomain(0)).toEqual([0, WINDOW_SEC]);
    expect(timeDomain(30_000)).toEqual([0, WINDOW_SEC]);
    expect(timeDomain(90_500)).toEqual([90.5 - WINDOW_SEC, 90.5]);
  });
});
