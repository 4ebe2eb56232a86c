// segment.ms: Kafka rolls the active segment at an append whose newest timestamp is more than
// segment.ms after the segment's first record (LogSegment.shouldRoll, jitter 0). An idle partition
// never rolls: the roll waits for the next write.
import { describe, expect, it } from 'vitest';
import { PartitionLog } from './partitionLog';

describe('segment.ms', () => {
  it('rolls at the first append more than segment.ms after the segment’s first record', () => {
    const log = new PartitionLog();
    log.segmentMs = 100;
    log.append(1, 10, 0, 0);
    log.append(1, 10, 50, 50);
    log.append(1, 10, 100, 100); // 100 - 0 = 100: not more than 100
    expect(log.segments).toBe(1);
    log.append(1, 10, 101, 101); // 101 > 100: a new segment from offset 3
    expect(log.segments).toBe(2);
    expect(log.segmentBaseOffsets).toEqual([0, 3]);
    // The new segment's clock starts at its first record (101): 201 stays, 202 rolls.
    log.append(1, 10, 201, 201);
    expect(log.segments).toBe(2);
    log.append(1, 10, 202, 202);
    expect(log.segmentBaseOffsets).toEqual([0, 3, 5]);
  });

  it('rolls on whichever comes first, segment.bytes or segment.ms', () => {
    const log = new PartitionLog();
    log.segmentMs = 1000;
    log.segmentBytes = 25;
    log.append(1, 10, 0, 0);
    log.append(1, 10, 1, 1);
    log.append(1, 10, 2, 2); // 30 bytes > 25: rolls by size
    expect(log.segmentBaseOffsets).toEqual([0, 2]);
    log.append(1, 10, 1003, 1003); // 1003 - 2 > 1000: rolls by time
    expect(log.segmentBaseOffsets).toEqual([0, 2, 3]);
  });
});
