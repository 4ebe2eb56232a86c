// The histogram fast path must put every value where hdr-histogram-js itself would.
import { JsHistogram, build } from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { recordInto } from './latency';

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
