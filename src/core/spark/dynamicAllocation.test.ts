// Executors that come and go during a run: spark.streaming.dynamicAllocation.* with Spark's rule
// (see executorAllocation.ts), the addExecutors / removeExecutors actions, the start-up delay, and
// the trap of executors beyond the Kafka partition count.
//
// How the expected values are derived, without running the engine: the load is a producer at a
// constant R records/s into P partitions and a job with one map stage of c µs per record, 1 s
// batches, single-core executors. Each batch holds R records (one interval's worth, whatever the
// backlog: a batch takes what arrived since the previous cut), so its map work is W = R * c. With E
// executors and P >= E tasks the work spreads over E cores, so a batch takes W / E plus a little:
// the driver's batch overhead (10 ms), 1 ms per task, reading the bytes (200 B per record at
// 500 MB/s, 0.4 µs per record), and the imbalance of whole tasks on cores (at most one task, W / P).
// So W / E < processing < W / E + 10 ms + P ms + R * 0.4 µs + W / P. The rule then only needs the
// ratio processing / 1 s against 0.9 and 0.3, and max(round(ratio), 1).
import { describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../model/types';
import { parsePipeline } from '../../model/parse';
import { Simulation } from '../engine/simulation';
import { SPARK } from '../costs';
import { pipeline, sparkPipelineInput, type SparkOptions } from '../testing/pipelines';
import { decideAllocation, type AllocationSettings } from './executorAllocation';
import type { SparkStreamingJob } from './sparkJob';

const DYN = 'spark.streaming.dynamicAllocation';

interface Load {
  /** Records per second, and map cost per record (µs): W = rate * cost per 1 s batch. */
  rate: number;
  costUs: number;
  partitions: number;
  executors: number;
  config?: Record<string, unknown>;
  faults?: PipelineInput['faults'];
  durationSec: number;
}

function input(l: Load): PipelineInput {
  const o: SparkOptions = {
    ratePerSec: l.rate,
    costPerRecordUs: l.costUs,
    partitions: l.partitions,
    executors: l.executors,
    durationSec: l.durationSec,
    job: { config: l.config as never },
  };
  return { ...sparkPipelineInput(o), faults: l.faults ?? [] };
}

function run(l: Load, slices?: number): { sim: Simulation; job: SparkStreamingJob } {
  const sim = new Simulation(pipeline(input(l)));
  const end = l.durationSec * 1000;
  if (slices) for (let t = slices; t < end; t += slices) sim.runUntil(t);
  sim.runUntil(end);
  return { sim, job: sim.jobs[0]! };
}

/** The dynamic allocation ticks of a run: [time in s, action, registered executors after it]. */
function ticks(job: SparkStreamingJob): [number, string, number][] {
  return job.executorLog.flatMap((e) =>
    e.kind === 'allocation' ? [[e.atMs / 1000, e.action, e.executors]] : [],
  );
}

function ratios(job: SparkStreamingJob): number[] {
  return job.executorLog.flatMap((e) => (e.kind === 'allocation' ? [e.ratio] : []));
}

/** Mean processing time (ms) of the batches cut in [fromSec, toSec). */
function meanProcessing(job: SparkStreamingJob, fromSec: number, toSec: number): number {
  const b = job.recentBatches.filter((x) => x.batchTime >= fromSec * 1000 && x.batchTime < toSec * 1000);
  expect(b.length).toBeGreaterThan(0);
  return b.reduce((a, x) => a + x.processingMs, 0) / b.length;
}

describe("Spark's streaming allocation rule", () => {
  const s: AllocationSettings = {
    intervalMs: 60_000,
    upRatio: 0.9,
    downRatio: 0.3,
    minExecutors: 1,
    maxExecutors: 2147483647,
    batchIntervalMs: 1000,
  };

  it('asks for max(round(ratio), 1) more executors at or above scalingUpRatio, from the registered count', () => {
    // Mean 1800 ms over a 1 s batch: ratio 1.8, round 2, so 3 + 2 = 5 in all.
    expect(decideAllocation(s, 3 * 1800, 3, 3)).toMatchObject({
      action: 'up',
      ratio: 1.8,
      asked: 2,
      target: 5,
    });
    // Exactly 0.9 counts (Spark's test is >=); round(0.9) = 1.
    expect(decideAllocation(s, 900, 1, 4)).toMatchObject({ action: 'up', asked: 1, target: 5 });
    // Halves round up, as Scala's math.round does: 2.5 -> 3.
    expect(decideAllocation(s, 2500, 1, 1)).toMatchObject({ asked: 3, target: 4 });
    // 1.49 -> 1.
    expect(decideAllocation(s, 1490, 1, 1)).toMatchObject({ asked: 1, target: 2 });
  });

  it('takes the mean in whole ms, as Spark divides its Long sums', () => {
    // (899 + 900) / 2 = 899.5 -> 899 ms: ratio 0.899, below 0.9, so nothing happens.
    expect(decideAllocation(s, 899 + 900, 2, 2)).toMatchObject({ action: 'hold', meanProcessingMs: 899 });
  });

  it('removes one executor at or below scalingDownRatio while more than minExecutors are registered', () => {
    expect(decideAllocation(s, 300, 1, 4)).toMatchObject({ action: 'down', target: 3 });
    expect(decideAllocation({ ...s, minExecutors: 4 }, 300, 1, 4)).toMatchObject({
      action: 'atMin',
      target: 4,
    });
  });

  it('clamps the total to maxExecutors, and raises it to minExecutors', () => {
    expect(decideAllocation({ ...s, maxExecutors: 4 }, 5000, 1, 3)).toMatchObject({
      action: 'up',
      target: 4,
    });
    expect(decideAllocation({ ...s, maxExecutors: 3 }, 5000, 1, 3)).toMatchObject({
      action: 'atMax',
      target: 3,
    });
    // 1 registered, ratio 1 asks for one more, but the floor is 4.
    expect(decideAllocation({ ...s, minExecutors: 4 }, 1000, 1, 1)).toMatchObject({ target: 4 });
  });

  it('decides nothing in an interval without completed batches', () => {
    expect(decideAllocation(s, 0, 0, 3)).toBeUndefined();
  });
});

describe('streaming dynamic allocation in a run', () => {
  // W = 2000 records * 900 µs = 1.8 s of map work per 1 s batch, 24 partitions.
  const heavy: Load = {
    rate: 2000,
    costUs: 900,
    partitions: 24,
    executors: 1,
    config: { [`${DYN}.enabled`]: true },
    durationSec: 300,
  };

  it('reaches the count its rule implies for a constant load, at the ticks predicted, and stays there', () => {
    const { job } = run(heavy);
    // 60 s: one executor, processing 1.8 s + at most 10 + 24 + 0.8 ms (one core: no imbalance), so
    // the ratio is in [1.8, 1.84]; round -> 2 more: 3 in all, which start 5 s later.
    // With 3: 0.6 s + at most 10 + 24 + 0.8 + 75 ms -> ratio in (0.6, 0.71): between 0.3 and 0.9,
    // so every later tick holds. The 120 s tick also averages the few batches that ran on one
    // executor before the new ones started, and the backlog's batches (same size, same time).
    expect(ticks(job)).toEqual([
      [60, 'up', 1],
      [120, 'hold', 3],
      [180, 'hold', 3],
      [240, 'hold', 3],
      [300, 'hold', 3],
    ]);
    const r = ratios(job);
    expect(r[0]).toBeGreaterThanOrEqual(1.8);
    expect(r[0]).toBeLessThanOrEqual(1.84);
    for (const x of r.slice(2)) {
      expect(x).toBeGreaterThan(0.6);
      expect(x).toBeLessThan(0.71);
    }
    expect(job.executorLog.find((e) => e.kind === 'started')).toMatchObject({
      atMs: 60_000 + SPARK.executorStartMs,
      count: 2,
      executors: 3,
    });
    expect(job.executors).toBe(3);
  });

  it('with a light load scales down one executor per interval to minExecutors', () => {
    // W = 2000 * 200 µs = 0.4 s per batch; from 6 executors, minExecutors 2, a tick every 20 s.
    // With E >= 2: processing < 0.4 / E + 10 + 24 + 0.8 + 16.7 ms <= 0.252 s: always <= 0.3,
    // so each tick removes one (6 -> 5 -> 4 -> 3 -> 2) and then the floor holds it at 2.
    const { job } = run({
      rate: 2000,
      costUs: 200,
      partitions: 24,
      executors: 6,
      config: { [`${DYN}.enabled`]: true, [`${DYN}.minExecutors`]: 2, [`${DYN}.scalingInterval`]: 20 },
      durationSec: 125,
    });
    expect(ticks(job)).toEqual([
      [20, 'down', 5],
      [40, 'down', 4],
      [60, 'down', 3],
      [80, 'down', 2],
      [100, 'atMin', 2],
      [120, 'atMin', 2],
    ]);
    // Fewer executors, longer batches: 0.4 / E grows as E falls.
    const r = ratios(job);
    for (let i = 1; i < 4; i++) expect(r[i]!).toBeGreaterThan(r[i - 1]!);
    expect(r[4]).toBeGreaterThan(0.2);
    expect(r[4]).toBeLessThanOrEqual(0.3);
  });

  it('stops at maxExecutors even while batches keep taking longer than the interval', () => {
    // W = 2000 * 1200 µs = 2.4 s. One executor: ratio ~2.4 -> asks 2 more, capped at 2 in all.
    // Two: ratio >= 1.2 -> asks 1 more, still capped: the count stays at 2.
    const { job } = run({
      rate: 2000,
      costUs: 1200,
      partitions: 24,
      executors: 1,
      config: { [`${DYN}.enabled`]: true, [`${DYN}.maxExecutors`]: 2, [`${DYN}.scalingInterval`]: 30 },
      durationSec: 125,
    });
    expect(ticks(job)).toEqual([
      [30, 'up', 1],
      [60, 'atMax', 2],
      [90, 'atMax', 2],
      [120, 'atMax', 2],
    ]);
    const r = ratios(job);
    expect(r[0]).toBeGreaterThanOrEqual(2.4);
    for (const x of r.slice(2)) expect(x).toBeGreaterThanOrEqual(1.2);
    expect(job.executors).toBe(2);
  });

  it('is the same however the run is sliced', () => {
    // The heavy load with a tick every 20 s and an executor removed by hand at 50 s: up, then hold.
    const load: Load = {
      ...heavy,
      config: { [`${DYN}.enabled`]: true, [`${DYN}.scalingInterval`]: 20 },
      faults: [{ kind: 'removeExecutors', atSec: 50.05, job: 'job', count: 1 }],
      durationSec: 90,
    };
    const whole = run(load);
    const sliced = run(load, 7_321);
    expect(ticks(whole.job).length).toBe(4);
    expect(sliced.job.executorLog).toEqual(whole.job.executorLog);
    expect(sliced.job.executorHistory).toEqual(whole.job.executorHistory);
    expect(sliced.sim.summary()).toEqual(whole.sim.summary());
  });

  it('stops with a failed driver and starts afresh with the relaunched one', () => {
    // Ticks every 20 s: 20 s up (1 -> 3), 40 s hold. The driver dies at 50.5 s and is back at 70.5 s:
    // no tick at 60 s (the manager lives in the driver). The new manager's timer fires at multiples
    // of 20 s from the relaunch, on the batches completed since then only. The first batch after
    // the relaunch holds everything since the checkpoint of 50 s (about 21 s of records: 21 * 1.8 s
    // of work over 3 executors, over 12 s), so none completes by 80 s: that tick has nothing to
    // measure and decides nothing, as Spark's does with no batches. The next, at 100 s, has some.
    const { job } = run({
      ...heavy,
      config: { [`${DYN}.enabled`]: true, [`${DYN}.scalingInterval`]: 20 },
      faults: [{ kind: 'driverFailure', atSec: 50.5, job: 'job', durationSec: 20 }],
      durationSec: 105,
    });
    const t = ticks(job);
    expect(t.map(([sec]) => sec)).toEqual([20, 40, 100]);
    expect(t.slice(0, 2).map(([, action]) => action)).toEqual(['up', 'hold']);
    const last = job.executorLog.filter((e) => e.kind === 'allocation').pop()!;
    // The replay batch is among those measured: the mean is far above the 0.6 s of a normal batch.
    expect(last.kind === 'allocation' && last.meanProcessingMs).toBeGreaterThan(900);
  });

  it('keeps adding executors that do nothing when the partitions are the limit (the classic trap)', () => {
    // W = 2000 * 1000 µs = 2 s on 2 partitions: whatever the executors, the read stage has 2 tasks
    // of 1 s each, so processing never goes below 1 s: ratio >= 1 at every tick, one more
    // executor each time (1 -> 3 at the first: round(2.0x) = 2), up to maxExecutors 5.
    const { sim, job } = run({
      rate: 2000,
      costUs: 1000,
      partitions: 2,
      executors: 1,
      config: { [`${DYN}.enabled`]: true, [`${DYN}.maxExecutors`]: 5, [`${DYN}.scalingInterval`]: 30 },
      durationSec: 155,
    });
    expect(ticks(job)).toEqual([
      [30, 'up', 1],
      [60, 'up', 3],
      [90, 'up', 4],
      [120, 'atMax', 5],
      [150, 'atMax', 5],
    ]);
    for (const x of ratios(job).slice(1)) expect(x).toBeGreaterThanOrEqual(1);
    // 5 executors, processing as with 2: 3 of them never get a read task.
    expect(job.executors).toBe(5);
    expect(job.readTasks).toBe(2);
    // The per-second series (and the CSV) carry the count and the executors without a read task.
    const { columns, rows } = sim.metrics.series();
    const last = rows[rows.length - 1]!;
    expect(last[columns.indexOf('job.executors')]).toBe(5);
    expect(last[columns.indexOf('job.idleInReadStage')]).toBe(3);
    const first = rows[0]!;
    expect(first[columns.indexOf('job.executors')]).toBe(1);
    expect(first[columns.indexOf('job.idleInReadStage')]).toBe(0);
  });
});

describe('executors added and removed during a run', () => {
  it('executors beyond the partition count leave the read stage exactly as it was', () => {
    // 2 partitions: 2 read tasks, so executors 3..6 get none, and the batch times do not move.
    const base = { rate: 2000, costUs: 300, partitions: 2, durationSec: 30 };
    const two = run({ ...base, executors: 2 }).job;
    const six = run({ ...base, executors: 6 }).job;
    expect(six.recentBatches.map((b) => b.processingMs)).toEqual(
      two.recentBatches.map((b) => b.processingMs),
    );
    // With 12 partitions the same 6 executors do help: 0.6 s of work over 6 cores instead of 2.
    const wide = { ...base, partitions: 12 };
    const wideTwo = meanProcessing(run({ ...wide, executors: 2 }).job, 5, 30);
    const wideSix = meanProcessing(run({ ...wide, executors: 6 }).job, 5, 30);
    expect(wideTwo).toBeGreaterThan(300);
    expect(wideSix).toBeLessThan(0.5 * wideTwo);
  });

  it('an added executor takes tasks only after its start-up time', () => {
    // W = 2000 * 450 µs = 0.9 s per batch on 1 executor, 0.3 s on 3; 12 partitions.
    // Asked for at 20.5 s, the 2 executors take tasks from 20.5 + 5 = 25.5 s: the batches that start
    // before (up to the one at 25 s) still run on one executor, those after on three.
    const { job } = run({
      rate: 2000,
      costUs: 450,
      partitions: 12,
      executors: 1,
      faults: [{ kind: 'addExecutors', atSec: 20.5, job: 'job', count: 2 }],
      durationSec: 40,
    });
    const at = (t: number) => job.recentBatches.find((b) => b.batchTime === t * 1000)!.processingMs;
    expect(at(25)).toBeGreaterThan(900);
    expect(at(26)).toBeLessThan(400);
    expect(meanProcessing(job, 10, 20)).toBeGreaterThan(900);
    expect(meanProcessing(job, 27, 40)).toBeLessThan(400);
    expect(job.executorHistory).toContainEqual({ atMs: 20_500, executors: 1, starting: 2 });
    expect(job.executorHistory).toContainEqual({
      atMs: 20_500 + SPARK.executorStartMs,
      executors: 3,
      starting: 0,
    });
  });

  it('a removed executor finishes the running batch first; the next batch runs without it', () => {
    // 3 executors, 0.3 s batches; at 30.1 s the batch of 30 s is running when 2 executors go.
    const load: Load = { rate: 2000, costUs: 450, partitions: 12, executors: 3, durationSec: 40 };
    const { job } = run({
      ...load,
      faults: [{ kind: 'removeExecutors', atSec: 30.1, job: 'job', count: 2 }],
    });
    const kept = run(load).job;
    const at = (j: SparkStreamingJob, t: number) =>
      j.recentBatches.find((b) => b.batchTime === t * 1000)!.processingMs;
    // The batch of 30 s ends exactly as it would have with all three; the next has one core: ~0.9 s.
    expect(at(job, 30)).toBeLessThan(400);
    expect(at(job, 30)).toBe(at(kept, 30));
    expect(at(job, 31)).toBeGreaterThan(900);
    expect(job.executors).toBe(1);
    expect(job.executorLog).toContainEqual({ atMs: 30_100, kind: 'removed', count: 2, executors: 1 });
  });
});

describe('dynamic allocation settings Spark refuses', () => {
  const doc = (config: Record<string, unknown>, job: Record<string, unknown> = {}) => {
    const d = sparkPipelineInput({ ratePerSec: 100, costPerRecordUs: 10 });
    return {
      ...d,
      sparkJobs: [{ ...d.sparkJobs![0]!, ...job, config: { ...d.sparkJobs![0]!.config, ...config } }],
    };
  };

  it('refuses scalingDownRatio not below scalingUpRatio, naming the field and the rule', () => {
    for (const down of [0.9, 0.95]) {
      const r = parsePipeline(doc({ [`${DYN}.enabled`]: true, [`${DYN}.scalingDownRatio`]: down }));
      expect(r.ok).toBe(false);
      const errors = r.ok ? [] : r.errors;
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(`${DYN}.scalingDownRatio`);
      expect(errors[0]).toContain(`must be below ${DYN}.scalingUpRatio (0.9)`);
      expect(errors[0]).toContain(
        `Config ${DYN}.scalingUpRatio must be more than config ${DYN}.scalingDownRatio`,
      );
    }
    // Spark reads these settings only with streaming dynamic allocation on.
    expect(parsePipeline(doc({ [`${DYN}.scalingDownRatio`]: 0.95 })).ok).toBe(true);
    expect(parsePipeline(doc({ [`${DYN}.enabled`]: true, [`${DYN}.scalingDownRatio`]: 0.89 })).ok).toBe(true);
  });

  it('refuses maxExecutors below minExecutors, ratios that are not positive, and continuous mode', () => {
    const minMax = parsePipeline(
      doc({ [`${DYN}.enabled`]: true, [`${DYN}.minExecutors`]: 5, [`${DYN}.maxExecutors`]: 4 }),
    );
    expect(minMax.ok ? [] : minMax.errors.join('\n')).toMatch(
      new RegExp(`${DYN}.maxExecutors.*must be at least ${DYN}.minExecutors \\(5\\)`),
    );
    const zero = parsePipeline(doc({ [`${DYN}.scalingUpRatio`]: 0 }));
    expect(zero.ok ? [] : zero.errors.join('\n')).toContain('must be positive');
    const continuous = parsePipeline(doc({ [`${DYN}.enabled`]: true }, { mode: 'continuous' }));
    expect(continuous.ok ? [] : continuous.errors.join('\n')).toContain('continuous mode has no batches');
  });

  it("takes Spark's defaults", () => {
    const r = parsePipeline(doc({}));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const c = r.doc.sparkJobs[0]!.config;
    expect(c[`${DYN}.enabled`]).toBe(false);
    expect(c[`${DYN}.scalingInterval`]).toBe(60);
    expect(c[`${DYN}.scalingUpRatio`]).toBe(0.9);
    expect(c[`${DYN}.scalingDownRatio`]).toBe(0.3);
    expect(c[`${DYN}.minExecutors`]).toBeUndefined();
    expect(c[`${DYN}.maxExecutors`]).toBe(2147483647);
  });
});
