// Segments and retention on one partition log, exactly: which segments Kafka would roll and which it
// would delete, worked out by hand from its rules (kafka-spark-facts.md and the broker's log code):
// - a new segment rolls when the next batch would take the active one past segment.bytes;
// - retention.bytes deletes the oldest segment while size - its size >= retention.bytes;
// - retention.ms deletes the oldest segment while now - its newest record's time > retention.ms;
// - never the active segment, nor one reaching above the high watermark.
import { describe, expect, it } from 'vitest';
import { PartitionLog } from './partitionLog';

/**
 * segment.bytes 1000 and ten batches of 4 records, 400 bytes: two batches fit a segment (800), a
 * third would make 1200. Segments: offsets 0-7, 8-15, 16-23, 24-31 closed, 32-39 active; 800 bytes
 * each, 4000 in all. Batch b is created from b*100 to b*100 + 30 ms, so segment s's newest record
 * was created at (2s + 1) * 100 + 30: 130, 330, 530, 730 (and 930 in the active one).
 */
function tenBatches(): PartitionLog {
  const log = new PartitionLog();
  log.segmentBytes = 1000;
  for (let b = 0; b < 10; b++) log.append(4, 400, b * 100, b * 100 + 30);
  return log;
}

const NO_LIMIT = Infinity; // high watermark above everything
const OFF = -1;

describe('segment rolling', () => {
  it('rolls only when the next batch would overflow the active segment', () => {
    const log = tenBatches();
    expect(log.segments).toBe(5);
    expect(log.retainedBytes).toBe(4000);

    const exact = new PartitionLog();
    exact.segmentBytes = 1000;
    exact.append(5, 500, 0, 1);
    exact.append(5, 500, 2, 3); // exactly full: 1000 is not past 1000
    expect(exact.segments).toBe(1);
    exact.append(1, 1, 4, 4);
    expect(exact.segments).toBe(2);
  });

  it('gives a batch larger than a segment a segment of its own', () => {
    const log = new PartitionLog();
    log.segmentBytes = 1000;
    log.append(3, 300, 0, 1);
    log.append(15, 1500, 2, 3); // 300 + 1500 > 1000: rolls, then holds all 1500
    expect(log.segments).toBe(2);
    log.append(1, 100, 4, 4); // 1500 + 100 > 1000: rolls again
    expect(log.segments).toBe(3);
    // retention.bytes 1600 of 1900: 1900 - 300 = 1600 >= 1600 deletes the first; 1600 - 1500 < 1600 stops.
    expect(log.applyRetention(10, OFF, 1600, NO_LIMIT)).toBe(3);
  });
});

describe('retention.bytes', () => {
  it('deletes whole segments while the log without the oldest is at least the limit', () => {
    // 4000 - 800 = 3200 >= 1700, delete; 2400 >= 1700, delete; 1600 < 1700, stop: two go.
    const log = tenBatches();
    expect(log.applyRetention(1000, OFF, 1700, NO_LIMIT)).toBe(16);
    expect(log.logStartOffset).toBe(16);
    expect(log.retainedBytes).toBe(2400);
    expect(log.segments).toBe(3);
  });

  it('deletes a segment that leaves exactly the limit (>=, not >)', () => {
    // 3200, 2400 and 1600 are each >= 1600: three go, leaving exactly 1600.
    const log = tenBatches();
    expect(log.applyRetention(1000, OFF, 1600, NO_LIMIT)).toBe(24);
    expect(log.retainedBytes).toBe(1600);
  });

  it('keeps the segment that would take the log below the limit', () => {
    // 3200 >= 3199 goes; 2400 < 3199 stays: one segment, the log stays above the limit.
    const log = tenBatches();
    expect(log.applyRetention(1000, OFF, 3199, NO_LIMIT)).toBe(8);
    expect(log.retainedBytes).toBe(3200);
  });

  it('with 0, deletes every closed segment but never the active one', () => {
    const log = tenBatches();
    expect(log.applyRetention(1000, OFF, 0, NO_LIMIT)).toBe(32);
    expect(log.segments).toBe(1);
    expect(log.retainedBytes).toBe(800);
  });

  it('stops at a segment that reaches above the high watermark', () => {
    // High watermark 20, inside the third segment (16-23): only the first two may go.
    const log = tenBatches();
    expect(log.applyRetention(1000, OFF, 0, 20)).toBe(16);
    // At exactly its end (24), the third may go too.
    expect(log.applyRetention(1000, OFF, 0, 24)).toBe(24);
  });

  it('does nothing when retention.bytes is -1', () => {
    const log = tenBatches();
    expect(log.applyRetention(1e12, OFF, OFF, NO_LIMIT)).toBe(0);
    expect(log.segments).toBe(5);
  });
});

describe('retention.ms', () => {
  it('deletes the oldest segments whose newest record is older than retention.ms', () => {
    // At 1000 ms with 500 ms: ages 870, 670 go; 470 stays (and everything after it).
    const log = tenBatches();
    expect(log.applyRetention(1000, 500, OFF, NO_LIMIT)).toBe(16);
  });

  it('keeps a segment exactly retention.ms old (older than, not as old as)', () => {
    // Ages 870, 670, 470: with 470 the third is not older than the limit.
    const log = tenBatches();
    expect(log.applyRetention(1000, 470, OFF, NO_LIMIT)).toBe(16);
    expect(log.applyRetention(1000.5, 470, OFF, NO_LIMIT)).toBe(24);
  });

  it('never deletes the active segment, however old', () => {
    const log = tenBatches();
    expect(log.applyRetention(1e9, 0, OFF, NO_LIMIT)).toBe(32);
    expect(log.segments).toBe(1);
  });

  it('stops at the first segment neither rule deletes, even if a later one is older', () => {
    // Out-of-order creation times: segment 1's newest record (8000) is young, segment 2's old.
    const log = new PartitionLog();
    log.segmentBytes = 1000;
    log.append(8, 800, 0, 100); // segment 0, newest 100
    log.append(8, 800, 200, 8000); // segment 1, newest 8000
    log.append(8, 800, 300, 400); // segment 2, newest 400
    log.append(8, 800, 500, 600); // active
    expect(log.applyRetention(9000, 5000, OFF, NO_LIMIT)).toBe(8);
  });
});
