import { describe, expect, it } from 'vitest';
import {
  compare,
  defaultAssignment,
  documentToSimulate,
  relativeError,
  subjects,
  type SimulatedRun,
} from './compare';
import { parseMeasurement } from './detect';
import { GROUPS_DESCRIBE, PRODUCER_PERF_SUMMARY, SPARK_PROGRESS_LINES } from './samples';
import { sparkDocument } from './testDocs';
import type { Measurement } from './types';

const read = (text: string): Measurement => {
  const r = parseMeasurement(text);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
};

/** A made-up finished run: the figures are chosen so each error is easy to check by hand. */
function run(columns: string[], rows: number[][]): SimulatedRun {
  return {
    columns,
    rows,
    summary: {
      simulatedSeconds: rows.length,
      produceLatencyMs: { p50: 10, p95: 40, p99: 132, p999: 210, max: 300, mean: 15, records: 1 },
      producers: { web: { acknowledged: 1, ackedPerSec: 198000 } },
      consumerGroups: { audit: { recordsPerSec: 4000 } },
      sparkJobs: { job: { batches: 10, records: 60000, recordsPerSec: 3300, meanProcessingMs: 1000 } },
    },
  };
}

describe('comparison', () => {
  it('the relative error is (simulated - measured) / measured, none without both or with a measured 0', () => {
    expect(relativeError(110, 100)).toBeCloseTo(0.1, 12);
    expect(relativeError(90, 100)).toBeCloseTo(-0.1, 12);
    expect(relativeError(5, 0)).toBeNull();
    expect(relativeError(null, 3)).toBeNull();
  });

  it('a perf test against its producer: rate, MB/s and latencies with their errors', () => {
    const doc = sparkDocument(100);
    const m = read(PRODUCER_PERF_SUMMARY);
    const list = subjects(m, doc);
    expect(list).toEqual([expect.objectContaining({ candidates: ['web'], ambiguous: false })]);
    const a = defaultAssignment(list);
    // The copy a perf test is simulated on: the producer alone, as fast as it can, as long as the run.
    const copy = documentToSimulate(m, doc, a);
    expect(copy.producers.map((p) => [p.id, p.rate.kind])).toEqual([['web', 'max']]);
    expect(copy.sparkJobs).toEqual([]);
    expect(copy.consumerGroups).toEqual([]);
    expect(copy.run.durationSec).toBe(28); // 5,000,000 records at 180,000.5/s
    // A test held to a rate (--throughput N): the producer sends evenly at N, whatever its own rate.
    const held = documentToSimulate(m, doc, a, { throughput: 20_000 });
    expect(held.producers.map((p) => p.rate)).toEqual([
      { kind: 'constant', recordsPerSec: 20_000, schedule: [] },
    ]);
    expect(documentToSimulate(m, doc, a, { throughput: -1 }).producers[0]!.rate.kind).toBe('max');
    const rows = compare(m, doc, a, run(['second'], [[1]]));
    const by = Object.fromEntries(rows.map((r) => [r.metric, r]));
    expect(by['records/sec']!.error).toBeCloseTo(198000 / 180000.5 - 1, 9);
    expect(by['records/sec']!.fit).toBe('producerCost');
    expect(by['records/sec']!.line).toBe(1);
    expect(by['p99 latency']!.error).toBeCloseTo(0.1, 9); // 132 against 120
    expect(by['avg latency']!.error).toBeCloseTo(0.2, 9); // 15 against 12.5
    // 198,000 records of 200 B = 37.76 MiB/s; the line's 17.17 MiB/s implies about 100 B a record.
    expect(by['MB/sec']!.simulated).toBeCloseTo((198000 * 200) / 2 ** 20, 9);
    expect(by['MB/sec']!.note).toMatch(/implies 100 B a record.*200 B/);
  });

  it('a described group: lag per partition (the mean after the warm-up) and in all; unknown lag has no error', () => {
    const doc = sparkDocument(100);
    const m = read(GROUPS_DESCRIBE);
    const list = subjects(m, doc);
    // Neither described group is called audit nor reads clicks: both are the user's choice.
    expect(list.map((s) => [s.label, s.ambiguous, s.guess])).toEqual([
      ['group audit-replay on payments', false, null],
      ['group fulfilment on orders', false, null],
    ]);
    // Nothing matches by name or topic: left out until the user picks (here: both are audit).
    expect(defaultAssignment(list)).toEqual({});
    const a = defaultAssignment(list, {
      'audit-replay\u0000payments': 'audit',
      'fulfilment\u0000orders': 'audit',
    });
    expect(a).toEqual({ 'audit-replay\u0000payments': 'audit', 'fulfilment\u0000orders': 'audit' });
    // A choice of "leave out" is kept.
    expect(defaultAssignment(list, { 'audit-replay\u0000payments': '' })).toEqual({
      'audit-replay\u0000payments': '',
    });
    const columns = ['second', 'audit.lag.p0', 'audit.lag.p1', 'audit.lag.p2', 'audit.lag.p3'];
    // Warm-up: a quarter of 8 s = 2 s; seconds 3..8 have lags 500/600, so the means are 500 and 600.
    const rows = [1, 2, 3, 4, 5, 6, 7, 8].map((t) => [t, t <= 2 ? 9999 : 500, t <= 2 ? 9999 : 600, 0, 0]);
    const table = compare(m, doc, a, run(columns, rows));
    const replay = table.filter((r) => r.line !== null && r.line <= 6);
    expect(replay.map((r) => [r.metric, r.simulated, r.measured])).toEqual([
      ['lag p0', 500, 550],
      ['lag p1', 600, 580],
      ['lag, all partitions', 1100, 1130],
    ]);
    expect(replay[0]!.error).toBeCloseTo(-50 / 550, 12);
    expect(replay[0]!.note).toBe("the document's audit reads clicks");
    expect(replay[0]!.measuredAs).toBe('group audit-replay on payments');
    const p2 = table.find((r) => r.metric === 'lag p2')!;
    expect(p2.measured).toBeNull();
    expect(p2.error).toBeNull();
    expect(table.find((r) => r.line === 9 && r.metric === 'lag, all partitions')!.simulated).toBeNull();
  });

  it('Spark progress: the query goes to the job reading its topic; rates, batch time, rows per batch', () => {
    const doc = sparkDocument(100);
    // The samples read "payments"; make the document's topic that.
    const m = read(SPARK_PROGRESS_LINES.replaceAll('payments', 'clicks'));
    const list = subjects(m, doc);
    expect(list).toEqual([
      expect.objectContaining({ label: 'query fraud-scoring', candidates: ['job'], ambiguous: false }),
    ]);
    const table = compare(m, doc, defaultAssignment(list), run(['second'], [[1]]));
    const by = Object.fromEntries(table.map((r) => [r.metric, r]));
    // Measured: 18,000 rows in 3 x 1.3 s = 4615.38 rows/s; simulated 60,000 rows in 10 x 1 s.
    expect(by['processed rows/s']!.measured).toBeCloseTo(18000 / 3.9, 9);
    expect(by['processed rows/s']!.simulated).toBeCloseTo(6000, 9);
    expect(by['processed rows/s']!.error).toBeCloseTo(6000 / (18000 / 3.9) - 1, 9);
    expect(by['processed rows/s']!.fit).toBe('stageCost');
    expect(by['input rows/s']!.measured).toBeCloseTo((2990.5 + 3050 + 2950) / 3, 9);
    expect(by['batch duration']!.measured).toBe(1300);
    expect(by['rows per batch']!.simulated).toBe(6000);
    expect(by['rows per batch']!.note).toBe('trigger every 2000 ms measured, 1000 ms in the document');
  });
});
