// The averaging window holds a whole number of batches and is a whole number of seconds.
import { describe, expect, it } from 'vitest';
import { sparkRateWindowSec } from './rateWindow';

const micro = (batchIntervalMs: number) => sparkRateWindowSec({ mode: 'microBatch', batchIntervalMs });

describe('Spark rate window', () => {
  it('is the batch interval when that is a whole number of seconds', () => {
    expect(micro(1000)).toBe(1);
    expect(micro(2000)).toBe(2);
    expect(micro(5000)).toBe(5);
  });

  it('is the least common multiple of the interval and one second otherwise', () => {
    // 1.5 s batches: two of them in 3 s; 250 ms batches: four in 1 s; 700 ms: ten in 7 s.
    expect(micro(1500)).toBe(3);
    expect(micro(250)).toBe(1);
    expect(micro(700)).toBe(7);
  });

  it('holds ten batches or more (and 10 s at least) when the two never line up within 10 s', () => {
    expect(micro(333)).toBe(10);
    expect(micro(12_345)).toBe(124);
  });

  it('is one second for a continuous job, which reads all the time', () => {
    expect(sparkRateWindowSec({ mode: 'continuous', batchIntervalMs: 1500 })).toBe(1);
  });
});
