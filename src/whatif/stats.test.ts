import { describe, expect, it } from 'vitest';
import {
  confidenceInterval,
  mean,
  relativeHalfWidth,
  sampleStdDev,
  stoppingDecision,
  tQuantile975,
} from './stats';

describe('Student t quantile (0.975, two-sided 95%)', () => {
  // Values as printed in standard t tables.
  it.each([
    [1, 12.706],
    [2, 4.303],
    [3, 3.182],
    [4, 2.776],
    [5, 2.571],
    [9, 2.262],
    [10, 2.228],
    [19, 2.093],
    [29, 2.045],
    [30, 2.042],
    [40, 2.021],
    [60, 2.0],
    [120, 1.98],
  ])('df %i: %f', (df, t) => {
    expect(tQuantile975(df)).toBeCloseTo(t, 3);
  });

  it('tends to the normal 1.960 and falls monotonically with df', () => {
    expect(tQuantile975(1e9)).toBeCloseTo(1.96, 3);
    expect(tQuantile975(Infinity)).toBe(1.96);
    let last = Infinity;
    for (const df of [1, 2, 3, 5, 8, 13, 21, 30, 35, 50, 80, 100, 200, 1000]) {
      const t = tQuantile975(df);
      expect(t).toBeLessThan(last);
      last = t;
    }
    // Between table rows: 50 lies between 40 (2.021) and 60 (2.000); tables give 2.009.
    expect(tQuantile975(50)).toBeCloseTo(2.009, 2);
  });

  it('has no value below 1 degree of freedom', () => {
    expect(tQuantile975(0)).toBeNaN();
  });
});

describe('confidence interval', () => {
  it('matches a hand-computed example: 10, 12, 14, 16, 18', () => {
    // mean 14; squares of deviations 16 + 4 + 0 + 4 + 16 = 40, / 4 = 10, sd = sqrt(10) = 3.16228;
    // half-width = t(0.975, 4) * sd / sqrt(5) = 2.776 * 1.414214 = 3.92586.
    const ci = confidenceInterval([10, 12, 14, 16, 18]);
    expect(ci.n).toBe(5);
    expect(ci.mean).toBe(14);
    expect(ci.sd).toBeCloseTo(Math.sqrt(10), 10);
    expect(ci.halfWidth).toBeCloseTo(3.92586, 4);
    expect(ci.low).toBeCloseTo(10.07414, 4);
    expect(ci.high).toBeCloseTo(17.92586, 4);
    expect(ci.relHalfWidth).toBeCloseTo(3.92586 / 14, 5);
  });

  it('two values: 1 and 3 give 2 +- 12.706 * sqrt(2) / sqrt(2) = 2 +- 12.706', () => {
    const ci = confidenceInterval([1, 3]);
    expect(ci.halfWidth).toBeCloseTo(12.706, 3);
  });

  it('one value has no spread to go by; none has nothing', () => {
    expect(confidenceInterval([5]).halfWidth).toBe(Infinity);
    expect(confidenceInterval([]).mean).toBeNaN();
    expect(sampleStdDev([5])).toBe(0);
    expect(mean([])).toBeNaN();
  });

  it('relative half-width: 0 when every replication gave the same value, Infinity around a zero mean', () => {
    expect(relativeHalfWidth([0, 0, 0])).toBe(0);
    expect(relativeHalfWidth([7, 7, 7])).toBe(0);
    expect(relativeHalfWidth([-1, 1])).toBe(Infinity);
  });
});

describe('stopping rule', () => {
  const rule = { relErr: 0.05, minReps: 3, maxReps: 6 };

  it('asks for more until minReps ran', () => {
    expect(stoppingDecision([[100, 100]], rule).stop).toBe(false);
  });

  it('stops once the interval is within relErr of the mean', () => {
    // mean 100, sd 1, n 3: half-width 4.303 / sqrt(3) = 2.48 -> 2.5% <= 5%.
    expect(stoppingDecision([[99, 100, 101]], rule)).toEqual({ stop: true, reason: 'precise' });
  });

  it('goes on while it is wider, and stops at maxReps anyway', () => {
    // mean 100, sd 10: half-width 4.303 * 10 / sqrt(3) = 24.8 -> 24.8%.
    const d = stoppingDecision([[90, 100, 110]], rule);
    expect(d.stop).toBe(false);
    if (!d.stop) expect(d.worst).toBeCloseTo((4.303 * 10) / Math.sqrt(3) / 100, 4);
    expect(stoppingDecision([[90, 100, 110, 90, 100, 110]], rule)).toEqual({ stop: true, reason: 'max' });
  });

  it('judges every measure, leaving out ones that do not apply', () => {
    const precise = [99, 100, 101];
    const wide = [50, 100, 150];
    expect(stoppingDecision([precise, wide], rule).stop).toBe(false);
    expect(stoppingDecision([precise, [NaN, NaN, NaN]], rule).stop).toBe(true);
  });
});
