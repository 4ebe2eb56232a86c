// Latency distribution weighted by record count: an HDR histogram for percentiles plus exact sums
// for the mean. A chunk of records whose latencies spread evenly between two values is recorded as
// a few equal strata, so the cost follows the chunks, not the records.
import { build, type Histogram } from 'hdr-histogram-js';

const STRATA = 4;

function newHistogram(): Histogram {
  // Microseconds, 3 significant digits, 64-bit counts: a long run at a million records/s overflows 32 bits.
  return build({ bitBucketSize: 64, lowestDiscernibleValue: 1, numberOfSignificantValueDigits: 3, autoResize: true });
}

export interface LatencyPercentiles {
  p50: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
  count: number;
}

export class LatencyRecorder {
  private readonly total = newHistogram();
  private readonly recent = newHistogram();
  private count = 0;
  private sumMs = 0;
  private recentCount = 0;
  private recentSumMs = 0;

  /** `count` records whose latencies run evenly from `firstMs` to `lastMs`. */
  recordSpan(count: number, firstMs: number, lastMs: number): void {
    if (count <= 0) return;
    const strata = count < STRATA ? count : STRATA;
    const base = Math.floor(count / strata);
    let extra = count - base * strata;
    for (let j = 0; j < strata; j++) {
      const n = base + (extra > 0 ? 1 : 0);
      if (extra > 0) extra--;
      const ms = strata === 1 ? (firstMs + lastMs) / 2 : firstMs + ((lastMs - firstMs) * (j + 0.5)) / strata;
      this.add(ms, n);
    }
    const sum = (count * (firstMs + lastMs)) / 2;
    this.count += count;
    this.sumMs += sum;
    this.recentCount += count;
    this.recentSumMs += sum;
  }

  private add(ms: number, n: number): void {
    const us = Math.max(1, Math.round(ms * 1000));
    this.total.recordValueWithCount(us, n);
    this.recent.recordValueWithCount(us, n);
  }

  /** Percentiles over the whole run. */
  overall(): LatencyPercentiles {
    return summarise(this.total, this.count, this.sumMs);
  }

  /** Percentiles since the last call, then starts a new window. */
  takeRecent(): LatencyPercentiles {
    const p = summarise(this.recent, this.recentCount, this.recentSumMs);
    this.recent.reset();
    this.recentCount = 0;
    this.recentSumMs = 0;
    return p;
  }
}

function summarise(h: Histogram, count: number, sumMs: number): LatencyPercentiles {
  if (count === 0) return { p50: 0, p95: 0, p99: 0, p999: 0, max: 0, mean: 0, count: 0 };
  const ms = (us: number) => us / 1000;
  return {
    p50: ms(h.getValueAtPercentile(50)),
    p95: ms(h.getValueAtPercentile(95)),
    p99: ms(h.getValueAtPercentile(99)),
    p999: ms(h.getValueAtPercentile(99.9)),
    max: ms(h.maxValue),
    mean: sumMs / count,
    count,
  };
}
