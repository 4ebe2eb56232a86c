// Backpressure end to end: the job feeds Spark's PID estimator its own batch interval and PID
// settings, each batch is cut to the estimated rate, maxRatePerPartition caps each partition (also
// with backpressure on), minRatePerPartition is a floor on records per partition per batch, and a
// batch never takes offsets that are not there yet. Expected values follow from the rules in
// kafka-spark-facts.md and the run's own batch timings, not from the job's code.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/simulation';
import { sparkPipeline, type SparkOptions } from '../testing/pipelines';
import type { SparkBatchStats } from './sparkJob';

type SparkConfig = NonNullable<NonNullable<SparkOptions['job']>['config']>;

function run(o: { ratePerSec: number; costPerRecordUs: number; config: SparkConfig; seconds: number }) {
  const sim = new Simulation(
    sparkPipeline({
      ratePerSec: o.ratePerSec,
      costPerRecordUs: o.costPerRecordUs,
      partitions: 4,
      batchIntervalMs: 500,
      backpressure: true,
      durationSec: o.seconds,
      job: { config: o.config },
    }),
  );
  sim.runUntil(o.seconds * 1000);
  return sim;
}

interface Pid {
  batchIntervalMs: number;
  p: number;
  i: number;
  d: number;
  minRate: number;
}

/** Spark's PID formula as kafka-spark-facts.md gives it, written out again for this test. */
function referenceEstimator(s: Pid) {
  let latestTime = -1;
  let latestRate = -1;
  let latestError = -1;
  let primed = false;
  return {
    get rate() {
      return latestRate;
    },
    batchDone(b: SparkBatchStats) {
      const time = b.batchTime + b.totalDelayMs;
      if (!(time > latestTime && b.records > 0 && b.processingMs > 0)) return;
      const seconds = (time - latestTime) / 1000;
      const processingRate = (b.records / b.processingMs) * 1000;
      const error = latestRate - processingRate;
      const historical = (b.schedulingDelayMs * processingRate) / s.batchIntervalMs;
      const dError = (error - latestError) / seconds;
      const next = Math.max(latestRate - s.p * error - s.i * historical - s.d * dError, s.minRate);
      latestTime = time;
      latestRate = primed ? next : processingRate;
      latestError = primed ? error : 0;
      primed = true;
    },
  };
}

describe('rate control with backpressure', () => {
  it("gives the estimator the job's batch interval and PID settings, and cuts each batch to its rate", () => {
    const pid: Pid = { batchIntervalMs: 500, p: 0.8, i: 0.3, d: 0.1, minRate: 100 };
    // Two executors of one core at 500 us a record: about 4000 records/s against 5000/s arriving,
    // a first rate of 8000/s (too many), and one executor lost from 10 s to 20 s. The scheduling
    // delay builds and drains, so every term of the estimator is at work.
    const doc = sparkPipeline({
      ratePerSec: 5000,
      rateKind: 'poisson',
      costPerRecordUs: 500,
      partitions: 4,
      executors: 2,
      batchIntervalMs: pid.batchIntervalMs,
      backpressure: true,
      durationSec: 40,
      job: {
        config: {
          'spark.streaming.backpressure.initialRate': 8000,
          'spark.streaming.backpressure.pid.proportional': pid.p,
          'spark.streaming.backpressure.pid.integral': pid.i,
          'spark.streaming.backpressure.pid.derived': pid.d,
          'spark.streaming.backpressure.pid.minRate': pid.minRate,
        },
      },
    });
    doc.faults.push({ kind: 'executorLoss', atSec: 10, job: 'job', count: 1, durationSec: 10 });
    const sim = new Simulation(doc);
    sim.runUntil(40_000);
    const batches = sim.jobs[0]!.recentBatches;
    expect(batches.length).toBeGreaterThan(50);
    expect(batches.filter((b) => b.schedulingDelayMs > 100).length).toBeGreaterThanOrEqual(5);
    // While the lost executor's backlog drains, the estimate falls to minRate.
    expect(batches.some((b) => b.rateLimit === pid.minRate)).toBe(true);

    const reference = referenceEstimator(pid);
    let done = 0;
    for (const b of batches) {
      // Batches end in the order they were cut; the estimate in force when b was cut is the one
      // after every batch that ended before b's time.
      while (done < batches.length && batches[done]!.batchTime + batches[done]!.totalDelayMs < b.batchTime)
        reference.batchDone(batches[done++]!);
      const expected = reference.rate > 0 ? reference.rate : 8000;
      expect(b.rateLimit, `batch at ${b.batchTime} ms`).toBeCloseTo(expected, 6);
      // The batch holds at most 0.5 s of that rate, split over 4 partitions (each share truncated,
      // and at least minRatePerPartition = 1 record).
      expect(b.records).toBeLessThanOrEqual(Math.floor(0.5 * expected) + 4);
    }
  });

  it('maxRatePerPartition caps each partition while backpressure is on (a cap, not a floor)', () => {
    // 20,000 records/s into 4 partitions against a cap of 1000/s each: 500 per partition per 0.5 s
    // batch, 2000 a batch, whatever the (much higher) estimated rate of this cheap job.
    const sim = run({
      ratePerSec: 20_000,
      costPerRecordUs: 1,
      seconds: 20,
      config: {
        'spark.streaming.kafka.maxRatePerPartition': 1000,
        'spark.streaming.backpressure.initialRate': 1_000_000,
      },
    });
    const batches = sim.jobs[0]!.recentBatches;
    expect(batches.length).toBeGreaterThanOrEqual(38);
    for (const b of batches) expect(b.records, `batch at ${b.batchTime} ms`).toBe(2000);
    for (const b of batches.slice(2)) expect(b.rateLimit!).toBeGreaterThan(4 * 1000);
    // The rest waits in Kafka: 18,000 of every 20,000 records a second.
    expect(sim.summary().sparkJobs.job!.finalLag).toBeGreaterThan(18_000 * 15);
  });

  it('minRatePerPartition is a floor on records per partition per batch, not a rate', () => {
    // About 1000 records/s of capacity (1 ms each) against 20,000/s arriving: the estimate falls
    // far below 600 records per partition per batch, so every batch takes exactly the floor,
    // 4 x 600 = 2400 records (not 600/s x 0.5 s = 300 per partition).
    const sim = run({
      ratePerSec: 20_000,
      costPerRecordUs: 1000,
      seconds: 20,
      config: {
        'spark.streaming.kafka.minRatePerPartition': 600,
        'spark.streaming.backpressure.initialRate': 1000,
      },
    });
    const batches = sim.jobs[0]!.recentBatches;
    expect(batches.length).toBeGreaterThanOrEqual(6);
    for (const b of batches) expect(b.records, `batch at ${b.batchTime} ms`).toBe(2400);
    for (const b of batches) expect(0.5 * b.rateLimit!).toBeLessThan(4 * 600);
  });

  it('never takes offsets that are not there, however high the floor', () => {
    // 100 records/s: about 50 a batch, far below the floor of 4 x 600.
    const sim = run({
      ratePerSec: 100,
      costPerRecordUs: 1,
      seconds: 20,
      config: {
        'spark.streaming.kafka.minRatePerPartition': 600,
        'spark.streaming.backpressure.initialRate': 1000,
      },
    });
    const job = sim.jobs[0]!;
    const available = job.partitions.reduce((a, p) => a + p.highWatermark, 0);
    expect(job.recordsTaken).toBeLessThanOrEqual(available);
    for (const b of job.recentBatches) expect(b.records).toBeLessThanOrEqual(60);
    expect(sim.summary().sparkJobs.job!.finalLag).toBeLessThan(100);
  });

  it('initialRate limits the first batch, before the estimator has a rate', () => {
    // 2000/s over 0.5 s: at most 1000 records (less a record per partition for truncation), where
    // 10,000 are waiting.
    const sim = run({
      ratePerSec: 20_000,
      costPerRecordUs: 1,
      seconds: 3,
      config: { 'spark.streaming.backpressure.initialRate': 2000 },
    });
    const first = sim.jobs[0]!.recentBatches[0]!;
    expect(first.rateLimit).toBe(2000);
    expect(first.records).toBeLessThanOrEqual(1000);
    expect(first.records).toBeGreaterThanOrEqual(996);
  });
});
