// Lag from a reader's offsets, each figure worked out by hand on a partition built record by record.
import { describe, expect, it } from 'vitest';
import { Partition } from '../kafka/partition';
import { drainEstimate, drainSeconds, lagAgeMs, partitionLag } from './lag';

/** One partition holding `count` records created one per ms from t = 0 (offset k created at k ms). */
function steadyPartition(count: number, highWatermark: number): Partition {
  const p = new Partition('t', 0, [0]);
  p.log.append(count, count * 100, 0, count - 1);
  p.highWatermark = highWatermark;
  return p;
}

describe('lag by offsets', () => {
  it('counts lag up to the high watermark, not up to the leader log end offset', () => {
    // 100 records written by the leader, 80 on every in-sync replica: consumers may read 80.
    const p = steadyPartition(100, 80);
    const row = partitionLag(p, 0, { committed: 50, start: 50, position: 70, ageFrom: 70 }, 200);
    expect(row.logEndOffset).toBe(100);
    expect(row.highWatermark).toBe(80);
    // kafka-consumer-groups: LAG = 80 - 50 (not 100 - 50).
    expect(row.lag).toBe(30);
    // From the position: 80 - 70.
    expect(row.positionLag).toBe(10);
  });

  it('counts lag from the committed offset and from the position separately', () => {
    const p = steadyPartition(1000, 1000);
    const row = partitionLag(p, 0, { committed: 200, start: 200, position: 900, ageFrom: 900 }, 1000);
    expect(row.lag).toBe(800);
    expect(row.positionLag).toBe(100);
    expect(row.committed).toBe(200);
    expect(row.position).toBe(900);
  });

  it('counts from where auto.offset.reset starts when nothing is committed', () => {
    const p = steadyPartition(1000, 1000);
    const row = partitionLag(p, 0, { committed: -1, start: 400, position: 400, ageFrom: 400 }, 1000);
    expect(row.committed).toBe(-1);
    expect(row.lag).toBe(600);
  });

  it('ages the oldest unread record from its creation time', () => {
    // Offset 4000 was created at 4000 ms; at 10,000 ms it has waited 6 s.
    const p = steadyPartition(10_000, 10_000);
    expect(lagAgeMs(p, 4000, 10_000)).toBe(6000);
    // At the high watermark nothing readable waits.
    expect(lagAgeMs(p, 10_000, 10_000)).toBe(0);
    // Above the high watermark (records not yet replicated) nothing readable waits either.
    expect(lagAgeMs(steadyPartition(10_000, 5000), 5000, 10_000)).toBe(0);
  });

  it('ages a position retention deleted from the oldest record still in the log', () => {
    const p = steadyPartition(10_000, 10_000);
    p.log.logStartOffset = 3000;
    expect(lagAgeMs(p, 1000, 10_000)).toBe(7000);
  });

  it('gives the time to drain from the rates, and says when the reader is not draining', () => {
    // 30,000 behind, consuming 5,000/s while 2,000/s arrive: it gains 3,000/s, so 10 s.
    expect(drainSeconds(30_000, 5000, 2000)).toBe(10);
    // Consuming only as fast as records arrive, or slower: it never catches up.
    expect(drainSeconds(30_000, 2000, 2000)).toBe(Infinity);
    expect(drainSeconds(30_000, 1000, 2000)).toBe(Infinity);
    expect(drainSeconds(0, 0, 2000)).toBe(0);
  });

  it('calls a reader caught up while nothing older than its own cycle waits', () => {
    // A small lag whose oldest record is 0.4 s old, with rates that would say "not draining".
    expect(drainEstimate(500, 400, 2000, 2000, 1500)).toBe(0);
    // The same rates with a 3 s old record: really not draining.
    expect(drainEstimate(500, 3000, 2000, 2000, 1500)).toBe(Infinity);
    expect(drainEstimate(6000, 3000, 5000, 2000, 1500)).toBe(2);
  });
});
