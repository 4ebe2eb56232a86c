import { describe, expect, it } from 'vitest';
import {
  batchClock,
  executorLogLine,
  formatBusy,
  formatBytes,
  formatMs,
  readStageNote,
  skewRatio,
} from './sparkFormat';

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

describe('executor log lines', () => {
  const tick = {
    atMs: 60_000,
    kind: 'allocation' as const,
    batches: 32,
    asked: 0,
    executors: 1,
  };

  it('says what the allocation tick did and the figure it rested on', () => {
    expect(
      executorLogLine(
        { ...tick, action: 'up', meanProcessingMs: 1800, ratio: 1.8, registered: 1, asked: 2, target: 3 },
        1000,
      ),
    ).toBe('+2 executors (1 → 3): processing 1.8 s per 1 s batch, ratio 1.8');
    expect(
      executorLogLine(
        { ...tick, action: 'down', meanProcessingMs: 88, ratio: 0.088, registered: 6, target: 5 },
        1000,
      ),
    ).toBe('−1 executor (6 → 5): processing 0.09 s per 1 s batch, ratio 0.09');
    expect(
      executorLogLine(
        { ...tick, action: 'hold', meanProcessingMs: 1284, ratio: 0.642, registered: 3, target: 3 },
        2000,
      ),
    ).toBe('kept 3: processing 1.28 s per 2 s batch, ratio 0.64');
    expect(
      executorLogLine(
        {
          ...tick,
          action: 'atMax',
          meanProcessingMs: 1314,
          ratio: 1.314,
          registered: 2,
          asked: 1,
          target: 2,
        },
        1000,
      ),
    ).toBe('kept 2, the maximum: processing 1.31 s per 1 s batch, ratio 1.31 (asks for 1 more)');
  });

  it('writes executors added, started, removed and lost with the count running after', () => {
    expect(executorLogLine({ atMs: 0, kind: 'added', count: 4, executors: 1 }, 1000)).toBe(
      '4 executors asked for',
    );
    expect(executorLogLine({ atMs: 0, kind: 'started', count: 1, executors: 2 }, 1000)).toBe(
      '1 executor started (2 running)',
    );
    expect(executorLogLine({ atMs: 0, kind: 'removed', count: 2, executors: 1 }, 1000)).toBe(
      '2 executors removed (1 running)',
    );
  });

  it('explains the executors the read stage leaves idle, and says nothing when there are none', () => {
    expect(readStageNote({ running: 6, cores: 1, readTasks: 2, idleInRead: 4 })).toBe(
      '4 of 6 executors get no read task: the read stage runs one task per partition and the job reads 2 Kafka partitions. More executors do not read faster; more partitions would.',
    );
    expect(readStageNote({ running: 2, cores: 1, readTasks: 2, idleInRead: 0 })).toBeUndefined();
  });
});
