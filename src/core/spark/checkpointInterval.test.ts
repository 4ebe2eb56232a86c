// When a micro-batch job writes its checkpoints. Spark checkpoints the batches whose time is a
// multiple of the checkpoint interval (counted from the start), so with an interval of k batches it
// is every k-th batch, and never more often than the interval asks, whatever the interval.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/simulation';
import { sparkPipeline } from '../testing/pipelines';

function checkpointTimes(batchIntervalMs: number, checkpointIntervalMs: number): number[] {
  const sim = new Simulation(
    sparkPipeline({
      ratePerSec: 1000,
      costPerRecordUs: 1,
      batchIntervalMs,
      durationSec: 61,
      job: { checkpointIntervalMs },
    }),
  );
  // Half a second more, for the batch cut at 60 s to finish.
  sim.runUntil(60_500);
  return sim.jobs[0]!.recentBatches.filter((b) => b.checkpointMs > 0).map((b) => b.batchTime);
}

describe('checkpoint interval', () => {
  it('checkpoints the batches at multiples of the interval: 10 s with 1 s batches', () => {
    expect(checkpointTimes(1000, 10_000)).toEqual([10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
  });

  it('checkpoints every batch when the interval is the batch interval', () => {
    expect(checkpointTimes(2000, 2000)).toHaveLength(30);
  });

  it('never checkpoints more often than the interval, even when it is not a multiple of the batch', () => {
    // 2.5 s with 1 s batches (Spark itself would refuse it): never two checkpoints 2 s apart.
    const times = checkpointTimes(1000, 2500);
    expect(times.length).toBeGreaterThanOrEqual(12);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(2500);
  });
});
