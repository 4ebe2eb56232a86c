// Restore times from offset 0, worked out by hand.
import { describe, expect, it } from 'vitest';
import { restoreEstimate, sparkRestoreEstimate } from './restore';

describe('a consumer group restoring from offset 0', () => {
  const base = {
    records: 100_000,
    bytes: 25e6,
    partitions: 3,
    members: 5,
    perRecordMs: 0.05,
    networkInBytesPerSec: 125e6,
  };

  it('shares the records among as many members as there are partitions', () => {
    // 5 members, 3 partitions: 3 read. 100,000 x 0.05 ms / 3 = 1.667 s; the network needs 0.067 s.
    expect(restoreEstimate(base).seconds).toBeCloseTo(5 / 3, 9);
    expect(restoreEstimate({ ...base, members: 1 }).seconds).toBeCloseTo(5, 9);
  });

  it('is held to the network when processing is cheap', () => {
    // 25 MB over 3 members' 125 MB/s cards: 25e6 / 3 / 125e6 = 0.0667 s.
    expect(restoreEstimate({ ...base, perRecordMs: 0 }).seconds).toBeCloseTo(25e6 / 3 / 125e6, 9);
  });
});

describe('a Spark job restoring from offset 0', () => {
  const base = { records: 1_200_000, partitions: 12, costPerRecordUs: 10, slots: 4, maxRatePerPartition: 0 };

  it('spreads the stages’ cost over the slots the read stage can use', () => {
    // 1.2M x 10 µs / 4 slots = 3 s; 24 slots but 12 partitions: 1 s.
    expect(sparkRestoreEstimate(base)).toBeCloseTo(3, 9);
    expect(sparkRestoreEstimate({ ...base, slots: 24 })).toBeCloseTo(1, 9);
  });

  it('goes no faster than maxRatePerPartition', () => {
    // 1.2M / (10,000/s x 12 partitions) = 10 s.
    expect(sparkRestoreEstimate({ ...base, maxRatePerPartition: 10_000 })).toBeCloseTo(10, 9);
  });
});
