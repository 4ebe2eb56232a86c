// Latency distribution weighted by record count: an HDR histogram for percentiles plus exact sums
// for the mean. A chunk of records whose latencies spread evenly between two values is recorded as
// a few equal strata, so the cost follows the chunks, not the records. Records go into the current
// one-second window only; `roll` folds the window into the run's totals, and merged views (all
// readers together) are built on demand, so each record costs one histogram update.
import { JsHistogram, build, type Histogram } from 'hdr-histogram-js';

const STRATA = 4;

function newHistogram(): JsHistogram {
  // Microseconds, 3 significant digits, 64-bit counts: a long run at a million records/s overflows 32 bits.
  const h = build({
    bitBucketSize: 64,
    lowestDiscernibleValue: 1,
    numberOfSignificantValueDigits: 3,
    autoResize: true,
  });
  if (!(h instanceof JsHistogram)) throw new Error('expected the JavaScript HDR histogram');
  return h;
}

/**
 * Does what `h.recordValueWithCount(value, count)` does for a whole number of microseconds, with
 * the bucket found by counting leading zeros instead of Math.log2 and Math.pow: the same index
 * (floor(log2(v)) is 31 - clz32(v) below 2^31), several times cheaper, and the histograms take a
 * few hundred thousand records per simulated second. Anything unusual goes the library's way.
 */
export function recordInto(h: JsHistogram, value: number, count: number): void {
  if (value >= 1 && value < 0x80000000) {
    const bucket = Math.max(31 - Math.clz32(value) - h.subBucketHalfCountMagnitude - h.unitMagnitude, 0);
    const index =
      ((bucket + 1) << h.subBucketHalfCountMagnitude) +
      (value >>> (bucket + h.unitMagnitude)) -
      h.subBucketHalfCount;
    if (index < h.countsArrayLength) {
      h.addToCountAtIndex(index, count);
      h.updateMinAndMax(value);
      h.addToTotalCount(count);
      return;
    }
  }
  h.recordValueWithCount(value, count);
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
  private readonly window = newHistogram();
  private totalCount = 0;
  private totalSumMs = 0;
  private windowCount = 0;
  private windowSumMs = 0;

  /** `count` records whose latencies run evenly from `firstMs` to `lastMs`. */
  recordSpan(count: number, firstMs: number, lastMs: number): void {
    if (count <= 0) return;
    const spread = lastMs > firstMs ? lastMs - firstMs : firstMs - lastMs;
    // Spans narrower than the histogram's own resolution are one point.
    const strata = count < STRATA ? count : spread * 1000 < firstMs ? 1 : STRATA;
    const h = this.window;
    if (strata === 1) recordInto(h, toMicros((firstMs + lastMs) / 2), count);
    else {
      const base = Math.floor(count / strata);
      let extra = count - base * strata;
      for (let j = 0; j < strata; j++) {
        const n = base + (extra > 0 ? 1 : 0);
        if (extra > 0) extra--;
        recordInto(h, toMicros(firstMs + ((lastMs - firstMs) * (j + 0.5)) / strata), n);
      }
    }
    this.windowCount += count;
    this.windowSumMs += (count * (firstMs + lastMs)) / 2;
  }

  /**
   * The window joins the totals and a new one starts. Its percentiles are not worked out here: the
   * ticker merges all windows instead, and 2,000 recorders (the schema's maxima) each computing four
   * percentiles a second cost more than the run. An empty window (an idle group) costs nothing.
   */
  roll(): void {
    if (this.windowCount === 0) return;
    this.total.add(this.window);
    this.totalCount += this.windowCount;
    this.totalSumMs += this.windowSumMs;
    this.window.reset();
    this.windowCount = 0;
    this.windowSumMs = 0;
  }

  /** Percentiles over the whole run so far, the open window included. */
  overall(): LatencyPercentiles {
    return mergedPercentiles([this], 'overall');
  }

  /** Adds this recorder's data (the window, or everything) into `into`; returns [count, sum]. */
  addTo(into: Histogram, which: 'window' | 'overall'): [number, number] {
    if (this.windowCount > 0) into.add(this.window);
    if (which === 'window') return [this.windowCount, this.windowSumMs];
    into.add(this.total);
    return [this.windowCount + this.totalCount, this.windowSumMs + this.totalSumMs];
  }
}

/**
 * Collects many record spans that all complete at the same instant (a Spark batch) into a fixed
 * number of creation-time buckets, then records one point per bucket: a batch then costs the
 * histogram a few hundred updates however many log chunks it read.
 */
export class CompletionBuckets {
  private readonly counts: Float64Array;
  private from = 0;
  private width = 1;
  /**
   * A run of adds over one same range, kept as a single value: while `runActive`, every bucket in
   * [runLo, runHi] holds `runValue` (not yet written to `counts`). The batches of a produce
   * request usually span the same creation window, so each add would otherwise touch every bucket
   * with the same share; the value is the same sequence of additions, so the counts are exactly
   * those of the plain loop.
   */
  private runActive = false;
  private runLo = 0;
  private runHi = 0;
  private runValue = 0;
  /** Whether every bucket still holds 0 (a run may start only then). */
  private empty = true;

  constructor(private readonly buckets = 256) {
    this.counts = new Float64Array(buckets);
  }

  /** Starts a batch whose records were created within [oldest, newest]. */
  reset(oldest: number, newest: number): void {
    this.counts.fill(0);
    this.runActive = false;
    this.empty = true;
    this.from = oldest;
    this.width = Math.max((newest - oldest) / this.buckets, 1e-6);
  }

  /** `count` records created evenly over [createStart, createEnd], spread over the buckets they cover. */
  add(count: number, createStart: number, createEnd: number): void {
    const i0 = this.index(createStart);
    const i1 = this.index(createEnd);
    const lo = i0 < i1 ? i0 : i1;
    const hi = i0 < i1 ? i1 : i0;
    // A single bucket takes the count itself, as count / 1 would be.
    const share = lo === hi ? count : count / (hi - lo + 1);
    if (this.runActive && lo === this.runLo && hi === this.runHi) {
      this.runValue += share;
      return;
    }
    this.endRun();
    if (this.empty) {
      // Every bucket of the range holds 0, so they all hold 0 + share.
      this.empty = false;
      this.runActive = true;
      this.runLo = lo;
      this.runHi = hi;
      this.runValue = share;
      return;
    }
    const counts = this.counts;
    for (let i = lo; i <= hi; i++) counts[i]! += share;
  }

  /** Writes a pending run into the counts. */
  private endRun(): void {
    if (!this.runActive) return;
    this.runActive = false;
    this.counts.fill(this.runValue, this.runLo, this.runHi + 1);
  }

  private index(t: number): number {
    const i = Math.floor((t - this.from) / this.width);
    return i < 0 ? 0 : i >= this.buckets ? this.buckets - 1 : i;
  }

  /** Records every bucket's records as completing at `now`. */
  flush(recorder: LatencyRecorder, now: number): void {
    this.endRun();
    // Shares can be fractional: round the running total so the whole counts add up exactly.
    let cumulative = 0;
    let recorded = 0;
    for (let i = 0; i < this.buckets; i++) {
      if (this.counts[i] === 0) continue;
      cumulative += this.counts[i]!;
      const n = Math.round(cumulative) - recorded;
      recorded += n;
      if (n === 0) continue;
      const latency = now - (this.from + (i + 0.5) * this.width);
      recorder.recordSpan(n, latency, latency);
    }
  }
}

function toMicros(ms: number): number {
  const us = Math.round(ms * 1000);
  return us > 1 ? us : 1;
}

/** Percentiles of several recorders together (e.g. every reader's end-to-end latency). */
export function mergedPercentiles(
  recorders: readonly LatencyRecorder[],
  which: 'window' | 'overall',
): LatencyPercentiles {
  // A fresh histogram each time: a reused one keeps traces of earlier data (its max and size),
  // which would make one run's numbers depend on what ran before it.
  const scratch = newHistogram();
  let count = 0;
  let sum = 0;
  for (const r of recorders) {
    const [c, s] = r.addTo(scratch, which);
    count += c;
    sum += s;
  }
  return summarise(scratch, count, sum);
}

function summarise(h: Histogram, count: number, sumMs: number): LatencyPercentiles {
  if (count === 0) return { p50: 0, p95: 0, p99: 0, p999: 0, max: 0, mean: 0, count: 0 };
  // A percentile is reported as its bucket's upper edge, which can pass the largest value recorded.
  const max = h.maxValue;
  const at = (p: number) => Math.min(h.getValueAtPercentile(p), max) / 1000;
  return {
    p50: at(50),
    p95: at(95),
    p99: at(99),
    p999: at(99.9),
    max: max / 1000,
    mean: sumMs / count,
    count,
  };
}
