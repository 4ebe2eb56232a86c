// The direct stream's records per partition per batch, against the rule in kafka-spark-facts.md:
// the estimated rate is split in proportion to each partition's lag, each share capped at
// maxRatePerPartition (when > 0), then max(floor(batchSeconds * share), minRatePerPartition).
// Every expected value is worked out by hand in the comment beside it.
import { describe, expect, it } from 'vitest';
import { maxMessagesPerPartition, type RateLimits } from './directStreamRate';

const limits = (o: Partial<RateLimits>): RateLimits => ({
  estimatedRate: undefined,
  maxRatePerPartition: 0,
  minRatePerPartition: 1,
  batchIntervalMs: 1000,
  ...o,
});

describe('maxMessagesPerPartition', () => {
  it('splits the estimated rate in proportion to lag', () => {
    // Lags 100/300/600 of 1000: shares 200, 600, 1200 records/s of 2000; half a second each.
    expect(
      maxMessagesPerPartition([100, 300, 600], limits({ estimatedRate: 2000, batchIntervalMs: 500 })),
    ).toEqual([100, 300, 600]);
  });

  it('caps each share at maxRatePerPartition while backpressure is on (a cap, not a floor)', () => {
    // Shares 200, 600, 1200 /s capped at 500: 200, 500, 500; over 0.5 s: 100, 250, 250.
    const capped = limits({ estimatedRate: 2000, maxRatePerPartition: 500, batchIntervalMs: 500 });
    expect(maxMessagesPerPartition([100, 300, 600], capped)).toEqual([100, 250, 250]);
    // A cap above every share changes nothing.
    const loose = limits({ estimatedRate: 2000, maxRatePerPartition: 5000, batchIntervalMs: 500 });
    expect(maxMessagesPerPartition([100, 300, 600], loose)).toEqual([100, 300, 600]);
  });

  it('uses maxRatePerPartition alone before the estimator has a rate', () => {
    // 300 records/s for 2 s on each partition, whatever its lag.
    const noEstimate = limits({ maxRatePerPartition: 300, batchIntervalMs: 2000 });
    expect(maxMessagesPerPartition([5, 10_000, 0], noEstimate)).toEqual([600, 600, 600]);
  });

  it('sets no limit with neither an estimate nor maxRatePerPartition', () => {
    expect(maxMessagesPerPartition([5, 10_000], limits({}))).toBeUndefined();
    // An estimate with nothing lagging gives no shares: no limit either (Spark's sum is not > 0).
    expect(maxMessagesPerPartition([0, 0], limits({ estimatedRate: 1000 }))).toBeUndefined();
  });

  it('truncates records to whole numbers (not rounding)', () => {
    // 999/s over three equal lags: 333/s each; 0.5 s of it is 166.5 -> 166.
    expect(maxMessagesPerPartition([7, 7, 7], limits({ estimatedRate: 999, batchIntervalMs: 500 }))).toEqual([
      166, 166, 166,
    ]);
  });

  it('takes minRatePerPartition as a floor on records per batch, not as a rate', () => {
    // Shares 0 and 100/s over 0.5 s: 0 and 50 records; the floor of 80 records lifts both to 80
    // (80 records per batch, not 80/s * 0.5 s = 40).
    const floor = limits({ estimatedRate: 100, minRatePerPartition: 80, batchIntervalMs: 500 });
    expect(maxMessagesPerPartition([0, 1000], floor)).toEqual([80, 80]);
    // Above the floor, the share wins: 2000/s * 0.5 s = 1000.
    expect(maxMessagesPerPartition([0, 1000], { ...floor, estimatedRate: 2000 })).toEqual([80, 1000]);
    // The floor applies below a cap too: capped share 60/s * 0.5 s = 30 -> 80.
    expect(
      maxMessagesPerPartition([1000], { ...floor, estimatedRate: 2000, maxRatePerPartition: 60 }),
    ).toEqual([80]);
  });
});
