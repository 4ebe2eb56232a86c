import { describe, expect, it } from 'vitest';
import { batchClock, formatBusy, formatBytes, formatMs, skewRatio } from './sparkFormat';

describe('Spark UI formats', () => {
  it('writes short durations with a decimal and long ones in whole ms', () => {
    expect(formatMs(0)).toBe('0 ms');
    expect(formatMs(0.44)).toBe('0.4 ms');
    expect(formatMs(9.96)).toBe('10 ms');
    expect(formatMs(12_345.6)).toBe('12,346 ms');
    expect(formatMs(NaN)).toBe('–');
  });

  it('writes sizes in decimal units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1500)).toBe('1.5 kB');
    expect(formatBytes(2_000_000)).toBe('2 MB');
    expect(formatBytes(3.25e9)).toBe('3.3 GB');
  });

  it('puts batch times on the run clock, with tenths only for sub-second intervals', () => {
    expect(batchClock(62_000)).toBe('01:02');
    expect(batchClock(62_500)).toBe('01:02.5');
  });

  it('gives the skew ratio only when there is a median', () => {
    expect(skewRatio(30, 10)).toBe(3);
    expect(skewRatio(30, 0)).toBeUndefined();
  });

  it('writes busy shares as percentages, above 100% too', () => {
    expect(formatBusy(0.374)).toBe('37%');
    expect(formatBusy(1.5)).toBe('150%');
    expect(formatBusy(-0.1)).toBe('0%');
    expect(formatBusy(0)).toBe('0%');
    expect(formatBusy(0.004)).toBe('<1%');
  });
});
