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
