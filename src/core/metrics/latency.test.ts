// The histogram fast path must put every value where hdr-histogram-js itself would.
import { JsHistogram, build } from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { CompletionBuckets, LatencyRecorder, recordInto } from './latency';

function histogram(): JsHistogram {
  const h = build({
    bitBucketSize: 64,
    lowestDiscernibleValue: 1,
    numberOfSignificantValueDigits: 3,
    autoResize: true,
  });
  if (!(h instanceof JsHistogram)) throw new Error('expected the JavaScript HDR histogram');
  return h;
}

describe('recordInto', () => {
  it('records exactly what recordValueWithCount records', () => {
    const fast = histogram();
    const slow = histogram();
    const values: number[] = [];
    // Every value around each power of two (where the bucket changes), then random magnitudes.
    for (let k = 0; k < 33; k++) for (let d = -3; d <= 3; d++) values.push(2 ** k + d);
    const rng = new Rng(11);
    for (let i = 0; i < 20_000; i++) values.push(Math.max(1, Math.round(2 ** (rng.next() * 34))));
    for (const v of values) {
      if (v < 1) continue;
      const count = 1 + (v % 7);
      recordInto(fast, v, count);
      slow.recordValueWithCount(v, count);
    }
    expect(fast.totalCount).toBe(slow.totalCount);
    expect(fast.maxValue).toBe(slow.maxValue);
    expect(fast.minNonZeroValue).toBe(slow.minNonZeroValue);
    expect(fast.countsArrayLength).toBe(slow.countsArrayLength);
    for (let i = 0; i < slow.countsArrayLength; i++) {
      if (fast.getCountAtIndex(i) !== slow.getCountAtIndex(i)) {
        expect.fail(`count at index ${i}: ${fast.getCountAtIndex(i)} != ${slow.getCountAtIndex(i)}`);
      }
    }
  });
});

/** CompletionBuckets as it was first written: every add touches every bucket it covers. */
class PlainBuckets {
  readonly counts: Float64Array;
  private from = 0;
  private width = 1;
  constructor(private readonly buckets: number) {
    this.counts = new Float64Array(buckets);
  }
  reset(oldest: number, newest: number): void {
    this.counts.fill(0);
    this.from = oldest;
    this.width = Math.max((newest - oldest) / this.buckets, 1e-6);
  }
  add(count: number, createStart: number, createEnd: number): void {
    const i0 = this.index(createStart);
    const i1 = this.index(createEnd);
    if (i0 === i1) {
      this.counts[i0]! += count;
      return;
    }
    const lo = Math.min(i0, i1);
    const hi = Math.max(i0, i1);
    const share = count / (hi - lo + 1);
    for (let i = lo; i <= hi; i++) this.counts[i]! += share;
  }
  private index(t: number): number {
    const i = Math.floor((t - this.from) / this.width);
    return i < 0 ? 0 : i >= this.buckets ? this.buckets - 1 : i;
  }
  flush(recorder: LatencyRecorder, now: number): void {
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

describe('CompletionBuckets', () => {
  it('records exactly what adding to every covered bucket records', () => {
    const rng = new Rng(5);
    for (const buckets of [1, 7, 16, 256]) {
      const fast = new CompletionBuckets(buckets);
      const plain = new PlainBuckets(buckets);
      const a = new LatencyRecorder();
      const b = new LatencyRecorder();
      for (let round = 0; round < 300; round++) {
        const oldest = rng.next() * 1000;
        const newest = oldest + rng.next() * 20;
        fast.reset(oldest, newest);
        plain.reset(oldest, newest);
        // Runs of adds over one same span (as a produce request's batches), single buckets, odd counts.
        let start = oldest;
        let end = newest;
        for (let k = 0; k < 1 + rng.uniformInt(40); k++) {
          if (rng.next() < 0.3) {
            start = oldest + rng.next() * (newest - oldest);
            end = rng.next() < 0.2 ? start : start + rng.next() * (newest - start);
          }
          const count = 1 + rng.uniformInt(200);
          fast.add(count, start, end);
          plain.add(count, start, end);
        }
        const now = newest + rng.next() * 50;
        fast.flush(a, now);
        plain.flush(b, now);
      }
      expect(a.overall()).toEqual(b.overall());
    }
  });
});
