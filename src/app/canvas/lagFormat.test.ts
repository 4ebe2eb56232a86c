import { describe, expect, it } from 'vitest';
import { formatDrain, formatDuration } from './lagFormat';

describe('lag formats', () => {
  it('shortens durations to the unit that reads best', () => {
    expect(formatDuration(0.42)).toBe('0.4 s');
    expect(formatDuration(12.4)).toBe('12 s');
    expect(formatDuration(150)).toBe('2.5 min');
    expect(formatDuration(4320)).toBe('72 min');
    expect(formatDuration(9000)).toBe('2.5 h');
    expect(formatDuration(Infinity)).toBe('∞');
  });

  it('says caught up for 0 and not draining for Infinity', () => {
    expect(formatDrain(0)).toBe('caught up');
    expect(formatDrain(Infinity)).toBe('not draining');
    expect(formatDrain(40)).toBe('drains in 40 s');
  });
});
