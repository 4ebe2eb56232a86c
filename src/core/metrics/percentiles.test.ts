// Latency percentiles against exact order statistics: p50, p95, p99 and p999 must be the values at
// those ranks (nearest rank: the ceil(p/100 * n)-th smallest), within the histogram's precision of
// 3 significant digits. The exact values come from sorting what was fed in, not from the recorder.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/simulation';
import { sparkPipeline } from '../testing/pipelines';
import { Rng } from '../util/rng';
import { CompletionBuckets, LatencyRecorder, mergedPercentiles, type LatencyPercentiles } from './latency';

const PERCENTILES = [
  ['p50', 50],
  ['p95', 95],
  ['p99', 99],
  ['p999', 99.9],
] as const;

function nearestRank(sorted: readonly number[], p: number): number {
  // In whole numbers (p in tenths of a percent), so 99.9% of 40,000 is 39,960, not one more.
  const rank = Math.ceil((Math.round(p * 10) * sorted.length) / 1000);
  return sorted[Math.max(1, rank) - 1]!;
}

/** Within the histogram's 3 significant digits (0.1%), plus a microsecond of rounding to whole µs. */
function expectWithinPrecision(actual: number, exact: number, what: string): void {
  expect(Math.abs(actual - exact), `${what}: ${actual} against ${exact}`).toBeLessThanOrEqual(
    exact * 0.001 + 0.001,
  );
}

function expectExact(p: LatencyPercentiles, values: readonly number[]): void {
  const sorted = [...values].sort((a, b) => a - b);
  for (const [name, q] of PERCENTILES) expectWithinPrecision(p[name], nearestRank(sorted, q), name);
  expectWithinPrecision(p.max, sorted[sorted.length - 1]!, 'max');
  expect(p.count).toBe(values.length);
  expect(p.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 6);
}

describe('latency percentiles against exact order statistics', () => {
  it('1..1000 ms fed in shuffled order: p50 500, p95 950, p99 990, p999 999', () => {
    const values = Array.from({ length: 1000 }, (_, i) => i + 1);
    const rng = new Rng(3);
    for (let i = values.length - 1; i > 0; i--) {
      const j = rng.uniformInt(i + 1);
      [values[i], values[j]] = [values[j]!, values[i]!];
    }
    const r = new LatencyRecorder();
    for (const v of values) r.recordSpan(1, v, v);
    const p = r.overall();
    expectWithinPrecision(p.p50, 500, 'p50');
    expectWithinPrecision(p.p95, 950, 'p95');
    expectWithinPrecision(p.p99, 990, 'p99');
    expectWithinPrecision(p.p999, 999, 'p999');
    expect(p.max).toBe(1000);
    expect(p.mean).toBe(500.5);
  });

  it('a skewed distribution over five decades, in windows and merged over recorders', () => {
    const rng = new Rng(17);
    const a = new LatencyRecorder();
    const b = new LatencyRecorder();
    const all: number[] = [];
    const windowA: number[] = [];
    for (let i = 0; i < 40_000; i++) {
      // Mostly a few ms, with a long tail up to seconds: where p99 and p999 are far apart.
      const v = Math.round(rng.next() < 0.9 ? 1000 + 4000 * rng.next() : 10 ** (3 + 3 * rng.next())) / 1000;
      const into = i % 3 === 0 ? b : a;
      into.recordSpan(1, v, v);
      all.push(v);
      if (into === a) windowA.push(v);
      if (i === 19_999) {
        expectExact(mergedPercentiles([a], 'window'), windowA);
        a.roll();
        windowA.length = 0;
      }
    }
    expectExact(mergedPercentiles([a], 'window'), windowA);
    a.roll();
    expectExact(mergedPercentiles([a, b], 'overall'), all);
  });

  it('spans of evenly spread records: the strata give the order statistics of the records', () => {
    // 5,000 spans of 100 records each, 40 ms wide, starting anywhere in 0-1000 ms.
    const rng = new Rng(29);
    const r = new LatencyRecorder();
    const records: number[] = [];
    for (let s = 0; s < 5000; s++) {
      const first = 50 + 1000 * rng.next();
      const last = first + 40;
      r.recordSpan(100, first, last);
      for (let k = 0; k < 100; k++) records.push(first + ((last - first) * k) / 99);
    }
    const p = r.overall();
    const sorted = records.sort((x, y) => x - y);
    // Each span is 4 points at its strata's middles: off by at most 5 ms for one record, but
    // unbiased, so over many spans the percentiles land within a fraction of a millisecond.
    for (const [name, q] of PERCENTILES.slice(0, 3))
      expect(Math.abs(p[name] - nearestRank(sorted, q)), name).toBeLessThan(1.5);
    expect(p.mean).toBeCloseTo(records.reduce((a, b) => a + b, 0) / records.length, 6);
  });

  it("a Spark batch's records dated at the middle of their creation bucket", () => {
    // 2560 records created evenly over 0-1000 ms (10 in each of the 256 buckets), all done at
    // 2000 ms: latencies run evenly from 1000 to 2000 ms, mean 1500.
    const buckets = new CompletionBuckets();
    const r = new LatencyRecorder();
    buckets.reset(0, 1000);
    buckets.add(2560, 0, 1000);
    buckets.flush(r, 2000);
    const p = r.overall();
    expect(p.count).toBe(2560);
    expect(p.mean).toBeCloseTo(1500, 6);
    expect(Math.abs(p.p50 - 1500)).toBeLessThan(5);
    expect(p.max).toBeLessThanOrEqual(2000);
  });
});

describe('end-to-end latency of a run derived by hand', () => {
  it('a micro-batch job: latency spreads evenly over the batch interval, after the processing time', () => {
    // 1000 records/s, evenly spaced, into a job with 2 s batches and almost free processing. A record
    // created t ms before its batch is cut waits t, then the batch's processing time d: latencies
    // run evenly from about d to d + 2000 ms, so p_q is d + q * 2000 ms, up to Kafka's few ms.
    const intervalMs = 2000;
    const sim = new Simulation(
      sparkPipeline({
        ratePerSec: 1000,
        partitions: 1,
        batchIntervalMs: intervalMs,
        costPerRecordUs: 1,
        durationSec: 61,
        producer: { config: { 'linger.ms': 0 } },
        // No checkpoint during the run: every batch then costs the same.
        job: { checkpointIntervalMs: 86_400_000 },
      }),
    );
    sim.runUntil(61_000);
    const batches = sim.jobs[0]!.recentBatches;
    expect(batches.length).toBe(30);
    for (const b of batches) expect(b.schedulingDelayMs).toBe(0);
    const processing = batches.map((b) => b.processingMs);
    const d = processing.reduce((a, b) => a + b, 0) / processing.length;
    // The processing time is the same for every batch (same records), so the shift is one number.
    for (const ms of processing) expect(Math.abs(ms - d)).toBeLessThan(0.5);

    const latency = sim.summary().latencyMs;
    // Where the distribution sits: d + q * interval, give or take half a creation bucket of the
    // batch (2000 / 256 ms) and the few ms a record takes to reach the log.
    for (const [name, q] of PERCENTILES) {
      const shift = latency[name] - d - (q / 100) * intervalMs;
      expect(shift, name).toBeGreaterThanOrEqual(-5);
      expect(shift, name).toBeLessThan(12);
    }
    // Its shape, whatever the shift: the distance between percentiles is the interval's share.
    expect(latency.p95 - latency.p50).toBeCloseTo(0.45 * intervalMs, -1);
    expect(Math.abs(latency.p99 - latency.p50 - 0.49 * intervalMs)).toBeLessThan(8);
    expect(Math.abs(latency.p999 - latency.p50 - 0.499 * intervalMs)).toBeLessThan(8);
    expect(Math.abs(latency.mean - latency.p50)).toBeLessThan(8);
  });
});
