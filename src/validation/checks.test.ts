// Errors, bounds and the text rows show, on figures worked by hand.
import { describe, expect, it } from 'vitest';
import { within, withinAbsolute, withinFactor, type Check } from './case';
import { formatNumber, summarise, toRow } from './checks';

const check = (expected: number, simulated: number, bound = within(0.05)): Check => ({
  id: 'x',
  quantity: 'q',
  unit: 'ms',
  expected,
  simulated,
  bound,
});

describe('checks', () => {
  it('a relative bound passes at its edge and misses just past it, on either side', () => {
    expect(toRow(check(100, 105)).pass).toBe(true);
    expect(toRow(check(100, 95)).pass).toBe(true);
    expect(toRow(check(100, 105.01)).pass).toBe(false);
    expect(toRow(check(100, 94.99)).pass).toBe(false);
    expect(toRow(check(100, 96)).error).toBeCloseTo(-0.04, 12);
    expect(toRow(check(100, 96)).text.error).toBe('-4.00%');
  });

  it('a factor bound is symmetric in ratio: 1.5x and 1/1.5x pass, 1.6x misses', () => {
    expect(toRow(check(10, 15, withinFactor(1.5))).pass).toBe(true);
    expect(toRow(check(15, 10, withinFactor(1.5))).pass).toBe(true);
    expect(toRow(check(10, 16, withinFactor(1.5))).pass).toBe(false);
    expect(toRow(check(10, -1, withinFactor(1.5))).pass).toBe(false);
    expect(toRow(check(10, 16, withinFactor(1.5))).text.error).toBe('×1.600');
  });

  it('an absolute bound compares differences in the unit', () => {
    expect(toRow(check(0, 0.9, withinAbsolute(1))).pass).toBe(true);
    expect(toRow(check(0, 1.1, withinAbsolute(1))).pass).toBe(false);
    expect(toRow(check(0, 1.1, withinAbsolute(1))).text.error).toBe('+1.1 ms');
    expect(toRow(check(3, 3, withinAbsolute(0))).text.bound).toBe('exact');
    expect(toRow(check(3, 3, withinAbsolute(1e-6))).text.bound).toBe('±1e-6 ms');
    expect(toRow(check(3, 3 + 2e-6, withinAbsolute(1e-6))).pass).toBe(false);
  });

  it('shows two significant digits of noise next to the simulated figure', () => {
    expect(toRow({ ...check(4, 3.98595), uncertainty: 0.04031 }).text.simulated).toBe('3.986 ms ± 0.04');
  });

  it('formats numbers with four significant digits and groups large ones', () => {
    expect(formatNumber(0.0502612)).toBe('0.05026');
    expect(formatNumber(46.0517)).toBe('46.05');
    expect(formatNumber(12004.3)).toBe('12,004');
    expect(formatNumber(0)).toBe('0');
  });

  it('summarises mean and worst relative error over figures whose expected value is not 0', () => {
    const rows = [check(100, 102), check(10, 9), check(0, 0.5, withinAbsolute(1))].map(toRow);
    const s = summarise(rows, 0);
    expect(s.checks).toBe(3);
    expect(s.passed).toBe(2);
    expect(s.meanRelativeError).toBeCloseTo(0.06, 12);
    expect(s.worstRelativeError).toEqual({ value: 0.1, check: 'x' });
  });

  it('counts a miss with a known issue apart from the rest', () => {
    const rows = [toRow({ ...check(1, 2), knownIssue: 'reported' }), toRow(check(1, 2))];
    expect(summarise(rows, 0)).toMatchObject({ checks: 2, passed: 0, knownIssues: 1 });
  });
});
