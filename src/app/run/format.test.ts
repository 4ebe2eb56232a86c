import { describe, expect, it } from 'vitest';
import { formatClock, formatCount, formatShort } from './format';

describe('formats', () => {
  it('shows simulated time as mm:ss, and h:mm:ss from an hour on', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(59_999)).toBe('00:59');
    expect(formatClock(61_000)).toBe('01:01');
    expect(formatClock(3_600_000)).toBe('1:00:00');
    expect(formatClock(86_400_000)).toBe('24:00:00');
  });

  it('groups thousands in counts', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(NaN)).toBe('–');
  });

  it('shortens axis values', () => {
    expect(formatShort(950)).toBe('950');
    expect(formatShort(1500)).toBe('1.5k');
    expect(formatShort(2_000_000)).toBe('2M');
    expect(formatShort(0.25)).toBe('0.3');
  });
});
