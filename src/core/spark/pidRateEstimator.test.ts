import { describe, expect, it } from 'vitest';
import { PID_DEFAULTS, PidRateEstimator } from './pidRateEstimator';

const defaults = (batchIntervalMs: number) => new PidRateEstimator({ batchIntervalMs, ...PID_DEFAULTS });

describe('PidRateEstimator', () => {
  it('reference vector 1: P only', () => {
    const e = new PidRateEstimator({
      batchIntervalMs: 20,
      proportional: 1,
      integral: 0,
      derivative: 0,
      minRate: 10,
    });
    expect(e.latestRate).toBe(-1);
    expect(e.compute(0, 10, 10, 0)).toBeUndefined();
    expect(e.compute(10, 10, 10, 0)).toBe(1000);
  });

  it('reference vector 2: defaults', () => {
    const e = defaults(1000);
    expect(e.compute(1000, 5000, 500, 0)).toBeUndefined();
    expect(e.latestRate).toBe(10000);
    expect(e.compute(2000, 5000, 1000, 200)).toBe(4800);
    expect(e.compute(3000, 4800, 1200, 400)).toBe(3680);
    expect(e.latestRate).toBe(3680);
  });

  it('ignores calls that carry no information, without changing state', () => {
    const e = defaults(1000);
    expect(e.compute(1000, 5000, 500, 0)).toBeUndefined();
    expect(e.compute(1000, 5000, 1000, 200)).toBeUndefined(); // time not increasing
    expect(e.compute(900, 5000, 1000, 200)).toBeUndefined(); // time going back
    expect(e.compute(2000, 0, 1000, 200)).toBeUndefined(); // no elements
    expect(e.compute(2000, 5000, 0, 200)).toBeUndefined(); // no processing delay
    expect(e.latestRate).toBe(10000);
    // The sequence continues exactly as if the ignored calls never happened.
    expect(e.compute(2000, 5000, 1000, 200)).toBe(4800);
  });

  it('ignored calls before the first estimate do not prime it', () => {
    const e = defaults(1000);
    expect(e.compute(1000, 0, 500, 0)).toBeUndefined();
    expect(e.latestRate).toBe(-1);
    expect(e.compute(1000, 5000, 500, 0)).toBeUndefined();
    expect(e.compute(2000, 5000, 1000, 200)).toBe(4800);
  });

  it('never goes below minRate', () => {
    const e = defaults(1000);
    e.compute(1000, 5000, 500, 0);
    // Huge scheduling delay pushes the raw PID output far negative.
    expect(e.compute(2000, 10, 1000, 1_000_000)).toBe(100);
    expect(e.latestRate).toBe(100);
  });

  // The vectors below are worked out by hand from the formula in kafka-spark-facts.md; each step is
  // written out so a wrong term shows which one. Batch intervals other than 1 s tell apart the two
  // time bases: seconds since the last update (derivative) and the batch interval (historical error).
  it('500 ms batches with all three terms: P=1, I=0.2, D=0.1', () => {
    const e = new PidRateEstimator({
      batchIntervalMs: 500,
      proportional: 1,
      integral: 0.2,
      derivative: 0.1,
      minRate: 100,
    });
    // 2000 records in 250 ms: 8000/s; the first call only primes.
    expect(e.compute(500, 2000, 250, 0)).toBeUndefined();
    expect(e.latestRate).toBe(8000);
    // 0.5 s later, 2000 in 400 ms: rate 5000/s, error 8000 - 5000 = 3000,
    // historical 100 ms * 5000 / 500 ms = 1000, dError (3000 - 0) / 0.5 s = 6000:
    // 8000 - 3000 - 0.2 * 1000 - 0.1 * 6000 = 4200.
    expect(e.compute(1000, 2000, 400, 100)).toBeCloseTo(4200, 9);
    // 2100 in 500 ms: 4200/s, error 0, historical 200 * 4200 / 500 = 1680,
    // dError (0 - 3000) / 0.5 = -6000: 4200 - 0 - 336 + 600 = 4464.
    expect(e.compute(1500, 2100, 500, 200)).toBeCloseTo(4464, 9);
  });

  it('2 s batches, an update 2.5 s after the last: P=0.5, I=0.3, D=0.2', () => {
    const e = new PidRateEstimator({
      batchIntervalMs: 2000,
      proportional: 0.5,
      integral: 0.3,
      derivative: 0.2,
      minRate: 50,
    });
    expect(e.compute(2000, 10_000, 1000, 0)).toBeUndefined();
    // Rate 6000/s, error 4000, historical 500 * 6000 / 2000 = 1500, dError 4000 / 2 s = 2000:
    // 10000 - 2000 - 450 - 400 = 7150.
    expect(e.compute(4000, 12_000, 2000, 500)).toBeCloseTo(7150, 9);
    // 2.5 s later (not one interval): rate 5720/s, error 7150 - 5720 = 1430,
    // historical 1000 * 5720 / 2000 = 2860, dError (1430 - 4000) / 2.5 = -1028:
    // 7150 - 715 - 858 + 205.6 = 5782.6.
    expect(e.compute(6500, 14_300, 2500, 1000)).toBeCloseTo(5782.6, 9);
    expect(e.latestRate).toBeCloseTo(5782.6, 9);
  });

  it('200 ms batches: minRate binds, and the next step starts from minRate, not the raw value', () => {
    const e = new PidRateEstimator({
      batchIntervalMs: 200,
      proportional: 0.5,
      integral: 0.2,
      derivative: 0,
      minRate: 100,
    });
    expect(e.compute(200, 100, 50, 0)).toBeUndefined(); // 2000/s
    // Rate 200/s, error 1800, historical 8000 * 200 / 200 = 8000: 2000 - 900 - 1600 = -500 -> 100.
    expect(e.compute(400, 20, 100, 8000)).toBe(100);
    // From 100: rate 500/s, error -400, no delay: 100 + 200 = 300 (from -500 it would be 0 -> 100).
    expect(e.compute(600, 50, 100, 0)).toBeCloseTo(300, 9);
  });

  it('validates settings, naming the bad parameter', () => {
    const ok = { batchIntervalMs: 1000, ...PID_DEFAULTS };
    expect(() => new PidRateEstimator({ ...ok, batchIntervalMs: 0 })).toThrow(/batchIntervalMs/);
    expect(() => new PidRateEstimator({ ...ok, proportional: -1 })).toThrow(/proportional/);
    expect(() => new PidRateEstimator({ ...ok, integral: -0.1 })).toThrow(/integral/);
    expect(() => new PidRateEstimator({ ...ok, derivative: Number.NaN })).toThrow(/derivative/);
    expect(() => new PidRateEstimator({ ...ok, minRate: 0 })).toThrow(/minRate/);
    expect(() => new PidRateEstimator(ok)).not.toThrow();
  });
});
