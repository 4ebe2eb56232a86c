import { describe, expect, it } from 'vitest';
import { formatDrain, formatDuration, readerLagText } from './lagFormat';

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

  it('names a group’s committed lag and puts it after what the group still has to read', () => {
    // Caught up by position, but the last auto-commit was some 5 s (48,500 records) ago.
    expect(readerLagText({ records: 0, seconds: 0, drainSec: 0, committedLag: 48_500 })).toBe(
      'unread 0 · caught up · committed lag 48.5k',
    );
    expect(readerLagText({ records: 12_000, seconds: 3, drainSec: Infinity, committedLag: 20_000 })).toBe(
      'unread 12k · 3 s old · not draining · committed lag 20k',
    );
  });

  it('gives a Spark job its unprocessed records and no committed lag', () => {
    expect(readerLagText({ records: 2500, seconds: 1.5, drainSec: 4 })).toBe(
      'unprocessed 2.5k · 1.5 s old · drains in 4 s',
    );
  });
});
