// Micro-batch stability and rate control, end to end through Kafka.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/simulation';
import { sparkPipeline } from '../testing/pipelines';

describe('Spark Streaming job', () => {
  it('keeps scheduling delay at zero while processing time is below the batch interval', () => {
    const sim = new Simulation(sparkPipeline({ ratePerSec: 5000, costPerRecordUs: 100, durationSec: 30 }));
    sim.runUntil(30_000);
    const batches = sim.jobs[0]!.recentBatches;
    expect(batches.length).toBeGreaterThanOrEqual(28);
    for (const b of batches) expect(b.processingMs).toBeLessThan(1000);
    expect(Math.max(...batches.map((b) => b.schedulingDelayMs))).toBeLessThan(5);
  });

  it('grows the scheduling delay by (processing - interval) per batch when processing is slower', () => {
    // 10,000 records per 1 s batch at 150 us each on one core: ~1.5 s of processing per batch.
    const sim = new Simulation(sparkPipeline({ ratePerSec: 10_000, costPerRecordUs: 150, durationSec: 30 }));
    sim.runUntil(30_000);
    const batches = sim.jobs[0]!.recentBatches;
    expect(batches.length).toBeGreaterThan(15);
    const excess = batches.slice(2, 12).map((b) => b.processingMs - 1000);
    for (const e of excess) expect(e).toBeGreaterThan(450);
    // Each batch starts when the previous one ends, so delays form a straight line.
    for (let k = 3; k < 15; k++) {
      const growth = batches[k]!.schedulingDelayMs - batches[k - 1]!.schedulingDelayMs;
      expect(growth).toBeCloseTo(batches[k - 1]!.processingMs - 1000, 0);
    }
    const total = batches[14]!.schedulingDelayMs - batches[4]!.schedulingDelayMs;
    expect(total).toBeGreaterThan(10 * 450);
  });

  const spikeRun = (backpressure: boolean) => {
    // Capacity ~10k records/s (100 us each on one core); base load 5k/s, then 5x for 60 s.
    const sim = new Simulation(
      sparkPipeline({
        ratePerSec: 5000,
        rateKind: 'poisson',
        costPerRecordUs: 100,
        backpressure,
        spike: { atSec: 30, durationSec: 60, factor: 5 },
        durationSec: 90,
      }),
    );
    sim.runUntil(90_000);
    return sim;
  };

  it('with backpressure, a 5x spike leaves the scheduling delay bounded and Kafka lag absorbs the excess', () => {
    const sim = spikeRun(true);
    const s = sim.summary().sparkJobs.job!;
    expect(s.maxSchedulingDelayMs).toBeLessThan(2000);
    // ~25k/s offered against ~10k/s taken for 60 s: most of the excess waits in Kafka.
    expect(s.maxLag).toBeGreaterThan(15_000 * 60 * 0.8);
    const job = sim.jobs[0]!;
    const late = job.recentBatches.filter((b) => b.batchTime > 40_000);
    // The estimated rate converges to the processing capacity (~9.8k/s) within a few batches.
    for (const b of late) expect(b.rateLimit!).toBeGreaterThan(8000);
    for (const b of late) expect(b.rateLimit!).toBeLessThan(11_000);
  });

  it('without backpressure, the same spike makes the scheduling delay grow without bound', () => {
    const s = spikeRun(false).summary().sparkJobs.job!;
    // Batches of ~25k records take ~2.5 s: the delay grows ~1.5 s per batch for 60 batches.
    expect(s.maxSchedulingDelayMs).toBeGreaterThan(20_000);
    expect(s.queuedBatches).toBeGreaterThan(10);
  });

  it('caps each partition at spark.streaming.kafka.maxRatePerPartition', () => {
    const doc = sparkPipeline({ ratePerSec: 20_000, costPerRecordUs: 1, partitions: 4, durationSec: 10 });
    doc.sparkJobs[0]!.config['spark.streaming.kafka.maxRatePerPartition'] = 1000;
    const sim = new Simulation(doc);
    sim.runUntil(10_000);
    for (const b of sim.jobs[0]!.recentBatches) expect(b.records).toBeLessThanOrEqual(4 * 1000);
    expect(sim.summary().sparkJobs.job!.finalLag).toBeGreaterThan(50_000);
  });

  it('spreads tasks over executors x cores: more cores, shorter batches', () => {
    const time = (executors: number) => {
      const sim = new Simulation(
        sparkPipeline({ ratePerSec: 8000, costPerRecordUs: 100, partitions: 8, executors, durationSec: 10 }),
      );
      sim.runUntil(10_000);
      return sim.summary().sparkJobs.job!.meanProcessingMs;
    };
    const one = time(1);
    const four = time(4);
    expect(one).toBeGreaterThan(700);
    expect(four).toBeLessThan(one / 3);
  });
});
