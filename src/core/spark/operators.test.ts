// Spark operators end to end through Kafka: windows, selectivity and fan-out, joins, patterns,
// skew, memory, event time and the per-operator accounting. Expected values come from the
// configured rates and shares, not from the engine's output.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/simulation';
import { FILE_SINK_OVERHEAD_MS, SPARK } from '../costs';
import { pipeline, sparkPipeline, sparkPipelineInput, type SparkOptions } from '../testing/pipelines';
import { expectedDistinct } from './batchPlan';

const run = (o: SparkOptions): Simulation => {
  const sim = new Simulation(sparkPipeline(o));
  sim.runUntil((o.durationSec ?? 60) * 1000);
  return sim;
};

describe('Spark operators', () => {
  it('a window of length L and slide S emits exactly the records of the last L/batch batches every S', () => {
    // 1000 records/s at even spacing; batches of 1 s; a 10 s window sliding every 5 s.
    const sim = run({
      ratePerSec: 1000,
      costPerRecordUs: 10,
      durationSec: 42,
      stages: [{ id: 'w', kind: 'window', windowLengthMs: 10_000, slideMs: 5000, keyCardinality: 50 }],
    });
    const windows = sim.jobs[0]!.recentWindows;
    expect(windows.map((w) => w.windowEndMs)).toEqual([
      5000, 10_000, 15_000, 20_000, 25_000, 30_000, 35_000, 40_000,
    ]);
    // The producer holds each record up to linger.ms = 5 before sending, so the first cut (at 1 s)
    // misses the last 5 ms of records: 5 records. Windows ending before 11 s include that batch.
    expect(windows[0]!.records).toBe(5 * 1000 - 5);
    expect(windows[1]!.records).toBe(10 * 1000 - 5);
    for (const w of windows.slice(2)) expect(w.records).toBe(10_000);
    // 10,000 records over 50 keys: every key is in the window, one output record each.
    for (const w of windows) expect(w.keys).toBe(50);
    // Between slides nothing is emitted, so the stage's output is exactly keys per emitted window.
    expect(sim.jobs[0]!.stageTotals[0]!.recordsOut).toBe(50 * windows.length);
  });

  it('selectivity and fan-out change downstream counts exactly as configured', () => {
    const sim = run({
      ratePerSec: 2000,
      costPerRecordUs: 1,
      durationSec: 30,
      stages: [
        { id: 'keep', kind: 'filter', selectivity: 0.25 },
        { id: 'explode', kind: 'flatMap', fanOut: 3 },
        { id: 'out', kind: 'sink' },
      ],
      sink: { id: 'db', kind: 'database' },
    });
    const job = sim.jobs[0]!;
    const [keep, explode, out] = job.stageTotals;
    const input = job.totalRecords;
    expect(input).toBeGreaterThan(50_000);
    expect(keep!.recordsIn).toBe(input);
    // Fractions are carried from batch to batch, so totals are exact to within one record.
    expect(Math.abs(keep!.recordsOut - input * 0.25)).toBeLessThan(1);
    expect(keep!.filtered).toBe(input - keep!.recordsOut);
    expect(explode!.recordsIn).toBe(keep!.recordsOut);
    expect(Math.abs(explode!.recordsOut - keep!.recordsOut * 3)).toBeLessThan(1);
    expect(out!.recordsOut).toBe(explode!.recordsOut);
    expect(sim.sinks.get('db')!.received).toBe(out!.recordsOut);
  });

  it('a stream-static join emits one enriched record per matching input record', () => {
    const sim = run({
      ratePerSec: 1000,
      costPerRecordUs: 1,
      durationSec: 20,
      stages: [
        { id: 'all', kind: 'join', tableRows: 10_000, matchRate: 1 },
        { id: 'some', kind: 'join', tableRows: 10_000, matchRate: 0.4, strategy: 'shuffle' },
      ],
    });
    const [all, some] = sim.jobs[0]!.stageTotals;
    expect(all!.recordsOut).toBe(all!.recordsIn);
    expect(all!.filtered).toBe(0);
    expect(Math.abs(some!.recordsOut - some!.recordsIn * 0.4)).toBeLessThan(1);
    expect(some!.recordsIn).toBe(some!.recordsOut + some!.filtered);
    // The shuffled join moves the stream records and the table through the shuffle.
    expect(some!.shuffleBytes).toBeGreaterThan(10_000 * 200);
  });

  it('accounts for every record through every operator', () => {
    const sim = run({
      ratePerSec: 3000,
      rateKind: 'poisson',
      costPerRecordUs: 1,
      durationSec: 40,
      producer: { outOfOrderFraction: 0.3, outOfOrderMaxDelayMs: 4000 },
      stages: [
        { id: 'm', kind: 'map' },
        { id: 'f', kind: 'filter', selectivity: 0.7 },
        { id: 'j', kind: 'join', matchRate: 0.9 },
        { id: 'w', kind: 'window', windowLengthMs: 4000, slideMs: 2000, watermarkDelayMs: 1000 },
        { id: 'out', kind: 'sink' },
      ],
    });
    const job = sim.jobs[0]!;
    const t = job.stageTotals;
    // Records taken from Kafka: in completed batches, or in a batch still queued or running.
    expect(job.recordsTaken).toBe(job.totalRecords + job.recordsInFlight + job.recordsAbandoned);
    expect(job.recordsAbandoned).toBe(0);
    expect(t[0]!.recordsIn).toBe(job.totalRecords);
    for (let i = 1; i < t.length; i++) expect(t[i]!.recordsIn).toBe(t[i - 1]!.recordsOut);
    for (const s of [t[0]!, t[1]!, t[2]!]) expect(s.recordsIn).toBe(s.recordsOut + s.filtered);
    // A window's input is either dropped as late or kept in the window.
    expect(t[3]!.droppedLate).toBeGreaterThan(0);
    expect(t[3]!.recordsIn).toBe(t[3]!.droppedLate + job.windowedRecords('w'));
  });
});

describe('Spark event time', () => {
  it('drops the records whose event time falls behind the watermark, and counts them', () => {
    // 20% of records lag by up to 10 s, evenly; a 4 s watermark drops those lagging more than 4 s:
    // 20% x 6/10 = 12% of the input.
    const sim = run({
      ratePerSec: 2000,
      costPerRecordUs: 1,
      durationSec: 30,
      producer: { outOfOrderFraction: 0.2, outOfOrderMaxDelayMs: 10_000 },
      stages: [{ id: 'w', kind: 'window', windowLengthMs: 2000, slideMs: 1000, watermarkDelayMs: 4000 }],
    });
    const w = sim.jobs[0]!.stageTotals[0]!;
    expect(Math.abs(w.droppedLate - w.recordsIn * 0.12)).toBeLessThan(1);
    // Without a watermark the window goes by arrival time and drops nothing.
    const byArrival = run({
      ratePerSec: 2000,
      costPerRecordUs: 1,
      durationSec: 30,
      producer: { outOfOrderFraction: 0.2, outOfOrderMaxDelayMs: 10_000 },
      stages: [{ id: 'w', kind: 'window', windowLengthMs: 2000, slideMs: 1000 }],
    });
    expect(byArrival.jobs[0]!.stageTotals[0]!.droppedLate).toBe(0);
  });
});

describe('Spark skew', () => {
  it('a hot key makes the slowest task as many times the median as its partition has records', () => {
    // Zipf keys put most records on the partition of key 1. Per-record cost dominates the fixed
    // task overheads, so task time follows the partition's share of the batch.
    const sim = run({
      ratePerSec: 4000,
      costPerRecordUs: 200,
      executors: 4,
      partitions: 6,
      durationSec: 30,
      producer: { keys: { kind: 'zipf', count: 100, exponent: 1.2 } },
    });
    const counts = sim.topics
      .get('t')!
      .partitions.map((p) => p.log.endOffset)
      .sort((a, b) => a - b);
    const k = counts[counts.length - 1]! / counts[Math.floor(counts.length / 2)]!;
    expect(k).toBeGreaterThan(2);
    const batches = sim.jobs[0]!.recentBatches.slice(5);
    const slowest = batches.reduce((a, b) => a + b.slowestTaskMs, 0);
    const median = batches.reduce((a, b) => a + b.medianTaskMs, 0);
    expect(slowest / median).toBeGreaterThan(k * 0.9);
    expect(slowest / median).toBeLessThan(k * 1.1);
    // The batch waits for its slowest task.
    for (const b of batches) expect(b.processingMs).toBeGreaterThanOrEqual(b.slowestTaskMs);
  });
});

describe('Spark stateful operators and memory', () => {
  it('a complex-event pattern keeps state for the keys seen within its time bound', () => {
    const sim = run({
      ratePerSec: 1000,
      costPerRecordUs: 1,
      durationSec: 40,
      stages: [
        {
          id: 'pattern',
          kind: 'cep',
          keyCardinality: 100_000,
          withinMs: 5000,
          matchRate: 0.01,
          stateBytesPerKey: 300,
        },
      ],
    });
    const job = sim.jobs[0]!;
    const s = job.lastStages[0]!;
    // 5 s of records at 1000/s over 100,000 keys: the keys with a partial match open.
    expect(s.stateBytes).toBeCloseTo(expectedDistinct(5000, 100_000) * 300, -2);
    const t = job.stageTotals[0]!;
    expect(Math.abs(t.recordsOut - t.recordsIn * 0.01)).toBeLessThan(1);
  });

  it('state beyond executor memory spills to disk and slows the batch', () => {
    // A 30 s window over 2 million keys at 200k records/s: ~190k distinct keys per batch, 64 B
    // each, 30 batches: ~365 MB of state over two executors, against 127 MB of unified memory each.
    const opts = (memory: string): SparkOptions => ({
      ratePerSec: 200_000,
      costPerRecordUs: 0.5,
      executors: 2,
      cores: 2,
      durationSec: 40,
      job: { config: { 'spark.executor.memory': memory } },
      stages: [{ id: 'w', kind: 'window', windowLengthMs: 30_000, slideMs: 1000, keyCardinality: 2_000_000 }],
    });
    const big = run(opts('8g'));
    const small = run(opts('512m'));
    const spill = small.jobs[0]!.lastStages[0]!;
    const unified = (512 * 2 ** 20 - SPARK.reservedMemoryBytes) * 0.6;
    // Spilled bytes are the state beyond each executor's unified memory.
    expect(spill.spilledBytes).toBeCloseTo(spill.stateBytes - 2 * unified, -3);
    expect(big.jobs[0]!.lastStages[0]!.spilledBytes).toBe(0);
    const mean = (s: Simulation) => {
      const b = s.jobs[0]!.recentBatches.slice(30);
      return b.reduce((a, x) => a + x.processingMs, 0) / b.length;
    };
    expect(mean(small)).toBeGreaterThan(mean(big) + 100);
  });

  it('a broadcast table larger than executor memory fails the job, visibly', () => {
    const sim = run({
      ratePerSec: 1000,
      costPerRecordUs: 1,
      durationSec: 20,
      job: { config: { 'spark.executor.memory': '1g' } },
      stages: [{ id: 'enrich', kind: 'join', tableRows: 10_000_000, tableRowBytes: 200 }],
    });
    const job = sim.jobs[0]!;
    expect(job.state).toBe('failed');
    expect(job.failureReason).toMatch(/OutOfMemoryError/);
    expect(job.recentBatches.at(-1)!.status).toBe('failed');
    // Nothing is processed after the failure, so the lag grows with the input.
    // Nothing is processed after the failure: the lag is every record since the stream started.
    expect(job.totalRecords).toBe(0);
    expect(job.lagPerPartition().reduce((a, b) => a + b, 0)).toBeGreaterThan(19_000 - 5);
    // The failed batch's records count as given up on, like those queued behind it.
    expect(job.recordsAbandoned).toBeGreaterThan(0);
    expect(job.recordsTaken).toBe(job.totalRecords + job.recordsInFlight + job.recordsAbandoned);
  });

  it('ML scoring pays the model broadcast again every refreshEveryBatches', () => {
    const sim = run({
      ratePerSec: 1000,
      costPerRecordUs: 1,
      durationSec: 30,
      stages: [
        { id: 's', kind: 'score', modelBytes: 200_000_000, refreshEveryBatches: 5, costPerRecordUs: 20 },
      ],
    });
    const batches = sim.jobs[0]!.recentBatches;
    // 200 MB at the executors' read rate: the extra time of a refresh batch.
    const broadcastMs = (200_000_000 / (SPARK.executorReadMBps * 1e6)) * 1000;
    batches.slice(0, 20).forEach((b, n) => {
      const refresh = n % 5 === 0;
      if (refresh) expect(b.processingMs).toBeGreaterThan(broadcastMs);
      else expect(b.processingMs).toBeLessThan(broadcastMs / 2);
    });
  });
});

describe('Spark stream-stream join', () => {
  const joinRun = (withinMs: number, durationSec: number) => {
    const doc = sparkPipelineInput({
      ratePerSec: 1000,
      costPerRecordUs: 1,
      durationSec,
      stages: [{ id: 'pair', kind: 'streamJoin', topic: 'pay', withinMs, matchRate: 0.5 }],
    });
    const withOther = pipeline({
      ...doc,
      topics: [...doc.topics, { id: 'pay', partitions: 2, replicationFactor: 1 }],
      producers: [
        ...doc.producers,
        { id: 'payments', rate: { kind: 'constant', recordsPerSec: 800 }, recordBytes: 200 },
      ],
      edges: [...doc.edges, { from: 'payments', to: 'pay' }, { from: 'pay', to: 'job' }],
    });
    const sim = new Simulation(withOther);
    sim.runUntil(durationSec * 1000);
    return sim;
  };

  it('joins the two streams and keeps state bounded by the time bound', () => {
    const sim = joinRun(5000, 40);
    const job = sim.jobs[0]!;
    const t = job.stageTotals[0]!;
    expect(Math.abs(t.recordsOut - t.recordsIn * 0.5)).toBeLessThan(1);
    // The other stream is read in full: every payment up to the last batch's cut.
    expect(t.otherIn).toBeGreaterThan(800 * 38);
    // 5 s of both streams (1000/s and 800/s, 200 B each, with the producer's batch overhead):
    // about 1.8 MB, and no more after 20 s than after 40 s.
    const state = job.lastStages[0]!.stateBytes;
    expect(state).toBeGreaterThan(1.8e6 * 0.95);
    expect(state).toBeLessThan(1.8e6 * 1.15);
    const early = joinRun(5000, 20).jobs[0]!.lastStages[0]!.stateBytes;
    expect(Math.abs(state - early) / state).toBeLessThan(0.02);
    // Twelve times the bound, twelve times the state.
    const long = joinRun(60_000, 70).jobs[0]!.lastStages[0]!.stateBytes;
    expect(long / state).toBeGreaterThan(11);
    expect(long / state).toBeLessThan(13);
  });
});

describe('Spark sinks', () => {
  it('a files sink pays a per-file overhead for every task of every batch', () => {
    const run = (kind: 'files' | 'dashboard') =>
      new Simulation(
        sparkPipeline({
          ratePerSec: 1000,
          costPerRecordUs: 1,
          partitions: 4,
          cores: 4,
          durationSec: 20,
          stages: [{ id: 'out', kind: 'sink' }],
          sink: { id: 'dest', kind, writeLatencyMs: 5 },
        }),
      );
    const files = run('files');
    const dash = run('dashboard');
    files.runUntil(20_000);
    dash.runUntil(20_000);
    const mean = (s: Simulation) => s.jobs[0]!.sumProcessingMs / s.jobs[0]!.batchesCompleted;
    // Four tasks write in parallel, so a batch takes one file's overhead longer.
    expect(mean(files) - mean(dash)).toBeCloseTo(FILE_SINK_OVERHEAD_MS, 0);
    // One file per task per batch (the batch still running has planned its writes too).
    const batches = files.jobs[0]!.batchesCompleted + files.jobs[0]!.queuedBatches;
    expect(files.sinks.get('dest')!.files).toBe(4 * batches);
  });
});
