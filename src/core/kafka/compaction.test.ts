// The log cleaner's arithmetic on one partition log, with every expected value worked out by hand:
// a key of a bucket with K equally likely keys is missed by n records with probability (1 - 1/K)^n.
import { describe, expect, it } from 'vitest';
import { type CompactionSettings, CompactedPartition, offsetMapCapacity } from './compaction';
import { expectedDistinct, partitionKeyBuckets, totalKeys } from './keyBuckets';
import { PartitionLog } from './partitionLog';

const SETTINGS: CompactionSettings = {
  minCleanableDirtyRatio: 0.5,
  minCompactionLagMs: 0,
  maxCompactionLagMs: Number.MAX_SAFE_INTEGER,
  deleteRetentionMs: 86_400_000,
  tombstoneFraction: 0,
};
const NO_LIMIT = Infinity;
const MAP = 1e9;

/** segment.bytes 1000, batches of 10 records of 10 bytes created at 10 ms apart: 100 records a segment. */
function logOf(batches: number, from = 0): PartitionLog {
  const log = new PartitionLog();
  log.segmentBytes = 1000;
  for (let b = from; b < from + batches; b++) log.append(10, 100, b * 10, b * 10 + 9);
  return log;
}

function uniform(keys: number) {
  return partitionKeyBuckets({ kind: 'uniform', count: keys }, 1)[0]!;
}

describe('key buckets', () => {
  it('expects K(1 - (1 - 1/K)^n) distinct keys among n uniform records', () => {
    // 0.999^1000 = e^(1000 ln 0.999) = e^-1.0005 = 0.36770: 632.3 of 1000 keys seen.
    expect(expectedDistinct(uniform(1000), 1000)).toBeCloseTo(632.3, 1);
    expect(expectedDistinct(uniform(1000), 0)).toBe(0);
  });

  it('spreads every key over the partitions once, each partition its records’ shares', () => {
    const parts = partitionKeyBuckets({ kind: 'zipf', count: 10_000, exponent: 1.2 }, 6);
    expect(parts.reduce((a, b) => a + totalKeys(b), 0)).toBe(10_000);
    for (const b of parts) {
      let shares = 0;
      for (let i = 0; i < b.keys.length; i++) shares += b.keys[i]! * b.share[i]!;
      expect(shares).toBeCloseTo(1, 9);
    }
    // The hottest key (rank 1) is one key in one partition: one bucket holds exactly it.
    expect(parts.filter((b) => b.keys[0] === 1)).toHaveLength(1);
  });

  it('sizes the key map as Kafka does: 24 bytes an entry, 90% full, split between threads', () => {
    // 128 MiB / 1 thread * 0.9 / 24 = 5,033,164.8 entries.
    expect(offsetMapCapacity(134_217_728, 1)).toBe(5_033_164);
    expect(offsetMapCapacity(134_217_728, 2)).toBe(2_516_582);
  });
});

describe('a cleaning pass', () => {
  it('cleans the closed segments into one record per key, and leaves the active one', () => {
    // 50 batches: segments 0-99, 100-199, 200-299, 300-399 closed, 400-499 active.
    const log = logOf(50);
    const state = new CompactedPartition(uniform(10), log);
    const plan = state.plan(1000, SETTINGS, NO_LIMIT, MAP)!;
    expect(plan).toMatchObject({ end: 400, dirtyRecords: 400, dirtyBytes: 4000, dirtyRatio: 1 });
    state.apply(plan, 1000, SETTINGS);
    // 10 keys, 400 records: 10 * (1 - 0.9^400), 0.9^400 = 5e-19: all 10 keys, 10 bytes each.
    expect(state.cleanedRecords).toBeCloseTo(10, 9);
    expect(state.sizeBytes).toBeCloseTo(100 + 1000, 6);
    // Offsets keep their gaps: a reader from 0 reads 10 + the active segment's 100 of 500.
    expect(state.recordsToEnd).toBeCloseTo(110, 6);
    expect(state.removedRecords).toBeCloseTo(390, 6);
  });

  it('waits for the dirty share to pass min.cleanable.dirty.ratio', () => {
    const log = logOf(50);
    const state = new CompactedPartition(uniform(10), log);
    state.apply(state.plan(1000, SETTINGS, NO_LIMIT, MAP)!, 1000, SETTINGS);
    for (let b = 50; b < 60; b++) log.append(10, 100, b * 10, b * 10 + 9); // closes 400-499
    // Dirty 1000 bytes over a head of 100: 1000 / 1100 = 0.909.
    expect(state.plan(2000, SETTINGS, NO_LIMIT, MAP)!.dirtyRatio).toBeCloseTo(1000 / 1100, 9);
    expect(state.plan(2000, { ...SETTINGS, minCleanableDirtyRatio: 0.95 }, NO_LIMIT, MAP)).toBeUndefined();
    // ... unless its oldest dirty segment is past max.compaction.lag.ms (newest record at 499 ms).
    const overdue = { ...SETTINGS, minCleanableDirtyRatio: 0.95, maxCompactionLagMs: 1000 };
    expect(state.plan(1499, overdue, NO_LIMIT, MAP)).toBeUndefined();
    expect(state.plan(1499 + 1, overdue, NO_LIMIT, MAP)?.end).toBe(500);
  });

  it('keeps segments with records younger than min.compaction.lag.ms, and those above the high watermark', () => {
    // Segment s's newest record was created at (10s + 9) * 10 + 9 = 100s + 99 ms.
    const log = logOf(50);
    const state = new CompactedPartition(uniform(10), log);
    // At 300 ms with a lag of 100: segments whose newest is at or before 200 (0 and 1) are cleanable.
    expect(state.plan(300, { ...SETTINGS, minCompactionLagMs: 100 }, NO_LIMIT, MAP)?.end).toBe(200);
    // High watermark 350: segment 300-399 reaches above it, 200-299 does not.
    expect(state.plan(1000, SETTINGS, 350, MAP)?.end).toBe(300);
  });

  it('cleans fewer segments when the key map cannot hold the dirty part’s keys', () => {
    // 1000 keys: 100 records hold 1000(1 - 0.999^100) = 95.2 keys, 200 hold 181.4, 300 hold 259.3.
    const state = new CompactedPartition(uniform(1000), logOf(50));
    expect(state.plan(1000, SETTINGS, NO_LIMIT, 200)?.end).toBe(200);
    // Not even one segment fits: Kafka still takes one.
    expect(state.plan(1000, SETTINGS, NO_LIMIT, 50)?.end).toBe(100);
  });

  it('keeps a key of the head until a newer record of it arrives', () => {
    // 1000 keys; pass 1 over 100 records, pass 2 over the next 100.
    const log = logOf(50);
    const state = new CompactedPartition(uniform(1000), log);
    state.apply(state.plan(1000, { ...SETTINGS }, NO_LIMIT, 100)!, 1000, SETTINGS);
    const first = 1000 * (1 - 0.999 ** 100); // 95.21
    expect(state.cleanedRecords).toBeCloseTo(first, 6);
    state.apply(state.plan(2000, SETTINGS, NO_LIMIT, 100)!, 2000, SETTINGS);
    // Head keys not seen again stay; every key seen in the new records is there once.
    const second = first * 0.999 ** 100 + 1000 * (1 - 0.999 ** 100);
    expect(state.cleanedRecords).toBeCloseTo(second, 6);
    // The same as one pass over 200 records: 1000(1 - 0.999^200) = 181.4.
    expect(state.cleanedRecords).toBeCloseTo(1000 * (1 - 0.999 ** 200), 6);
  });
});

describe('tombstones', () => {
  it('go in the first pass delete.retention.ms after the cleaner first passed them', () => {
    // Every record a tombstone; 1000 keys; passes over 100 records at 1000, 1999 and 2000 ms.
    const s = { ...SETTINGS, minCleanableDirtyRatio: 0, tombstoneFraction: 1, deleteRetentionMs: 1000 };
    const log = logOf(50);
    const state = new CompactedPartition(uniform(1000), log);
    const seen = 1000 * (1 - 0.999 ** 100); // keys among 100 records: 95.21
    const missed = 0.999 ** 100; // share of a key set not seen again in 100 records: 0.9048
    state.apply(state.plan(1000, s, NO_LIMIT, 100)!, 1000, s);
    expect(state.tombstones).toBeCloseTo(seen, 6);
    state.apply(state.plan(1999, s, NO_LIMIT, 100)!, 1999, s);
    // 1999 ms: the first tombstones are 1 ms short of their time; those not superseded stay.
    expect(state.tombstones).toBeCloseTo(seen * missed + seen, 6);
    state.apply(state.plan(2000, s, NO_LIMIT, 100)!, 2000, s);
    // 2000 ms: the first pass's tombstones (those not superseded twice) are gone.
    expect(state.tombstones).toBeCloseTo(seen * missed + seen, 6);
    expect(state.cleanedRecords).toBeCloseTo(seen * missed + seen, 6);
    expect(state.removedTombstones).toBeGreaterThan(seen * missed * missed - 1e-6);
  });
});

describe('a reader of the cleaned log', () => {
  /** 10 keys cleaned over offsets 0-399 (10 bytes a record), the active segment 400-499 as written. */
  function cleaned() {
    const log = logOf(50);
    const state = new CompactedPartition(uniform(10), log);
    state.apply(state.plan(1000, SETTINGS, NO_LIMIT, MAP)!, 1000, SETTINGS);
    return state;
  }

  it('gets one record per key over the head and every offset above it', () => {
    const s = cleaned();
    // 10 records spread over 400 offsets: 0.025 a offset, so floor(200 x 0.025) = 5 below 200.
    expect(s.keptBetween(0, 500)).toBe(110);
    expect(s.keptBetween(0, 200)).toBe(5);
    expect(s.keptBetween(100, 300)).toBe(7 - 2);
    expect(s.keptBetween(350, 450)).toBe(10 - 8 + 50);
    expect(s.keptBetween(420, 430)).toBe(10);
    expect(s.keptBytesBetween(0, 450)).toBe(10 * 10 + 50 * 10);
  });

  it('covers as many offsets as a number of kept records needs', () => {
    const s = cleaned();
    // 3 records: the first offset below which 3 / 0.025 = 120 offsets hold 3.
    expect(s.endAfterRecords(0, 3, 500)).toBe(120);
    // All 10 of the head and 5 more: 5 offsets into the active segment.
    expect(s.endAfterRecords(0, 15, 500)).toBe(405);
    expect(s.endAfterRecords(0, 15, 402)).toBe(402);
    // Above the head, one offset a record.
    expect(s.endAfterRecords(410, 5, 500)).toBe(415);
  });

  it('stands the head part of a range for its keys’ latest values, the newest offsets of that part', () => {
    const s = cleaned();
    const runs: [number, number][] = [];
    s.forEachKeptRange(0, 450, (a, b) => runs.push([a, b]));
    expect(runs).toEqual([
      [390, 400],
      [400, 450],
    ]);
  });

  it('fetches the head at the cleaned record size: a byte limit covers 1 / density as many offsets', () => {
    const s = cleaned();
    // 55 bytes: 5 records of 10 bytes, which the head spreads over 200 offsets.
    expect(s.read(0, 500, 55)).toBe(200);
    expect(s.readBytes).toBe(50);
    // 150 bytes: the whole head (100 bytes), then 50 bytes (5 records) of the active segment.
    expect(s.read(0, 500, 150)).toBe(405);
    expect(s.readBytes).toBe(150);
    // Above the head the log is read as written.
    expect(s.read(400, 500, 30)).toBe(403);
    expect(s.readBytes).toBe(30);
  });
});
