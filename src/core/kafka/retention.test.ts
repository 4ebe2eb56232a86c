// Retention: whole closed segments deleted past retention.ms or retention.bytes at each
// log.retention.check.interval.ms, and readers that fall behind the log start offset.
// The expected counts are worked out from the producer's rate and the segment size, not from the log.
import { describe, expect, it } from 'vitest';
import type { Fault, PipelineInput } from '../../model/types';
import { BATCH_HEADER_BYTES, RECORD_OVERHEAD_BYTES } from '../costs';
import { Simulation } from '../engine/simulation';
import { FAST_BROKER, pipeline } from '../testing/pipelines';

const RATE = 100; // records/s, one record per batch (linger.ms 0, 10 ms apart)
const RECORD_BYTES = 1000;
/** One record per batch on disk: the record, its format-v2 overhead and the batch header. */
const STORED_BYTES = RECORD_BYTES + RECORD_OVERHEAD_BYTES + BATCH_HEADER_BYTES;
// segment.bytes of 95 stored records: a segment's newest record is never near a check's cut-off.
const PER_SEGMENT = 95;
const RETENTION_MS = 20_000;
const CHECK_MS = 10_000;

interface Options {
  reset?: 'earliest' | 'latest' | 'none';
  meanMs?: number;
  retentionMs?: number;
  retentionBytes?: number;
  segmentBytes?: number;
  faults?: Fault[];
}

function doc(o: Options = {}) {
  const input: PipelineInput = {
    version: 1,
    cluster: {
      networkLatencyMs: 0.25,
      config: { 'log.retention.check.interval.ms': CHECK_MS },
      brokers: [{ id: 'b1', hardware: FAST_BROKER }],
    },
    topics: [
      {
        id: 't',
        partitions: 1,
        replicationFactor: 1,
        config: {
          'segment.bytes': o.segmentBytes ?? PER_SEGMENT * STORED_BYTES,
          'retention.ms': o.retentionMs ?? RETENTION_MS,
          'retention.bytes': o.retentionBytes ?? -1,
        },
      },
    ],
    producers: [
      {
        id: 'p',
        recordBytes: RECORD_BYTES,
        config: { 'linger.ms': 0 },
        rate: { kind: 'constant', recordsPerSec: RATE },
      },
    ],
    consumerGroups: [
      {
        id: 'g',
        members: 1,
        processing: { distribution: 'fixed', meanMs: o.meanMs ?? 50 },
        // One record per fetch, so what the consumer has fetched is what it has processed (or is about to).
        config: { 'auto.offset.reset': o.reset ?? 'earliest', 'max.partition.fetch.bytes': STORED_BYTES },
      },
    ],
    edges: [
      { from: 'p', to: 't' },
      { from: 't', to: 'g' },
    ],
    faults: o.faults ?? [],
  };
  return pipeline(input);
}

/**
 * Records deleted by the check at `checkMs`: whole segments whose newest record (created about
 * (i + 0.5) / RATE s, i its offset) is more than RETENTION_MS old, never the active one.
 */
function expectedLogStart(checkMs: number, produced: number): number {
  let segments = 0;
  for (;;) {
    const newest = (segments + 1) * PER_SEGMENT - 1;
    const closed = (segments + 1) * PER_SEGMENT < produced;
    if (!closed || checkMs - ((newest + 0.5) * 1000) / RATE <= RETENTION_MS) break;
    segments++;
  }
  return segments * PER_SEGMENT;
}

describe('retention', () => {
  it('Retention shorter than a consumer lag (consumer crashed): expired-unread count equals what was deleted before it was read', () => {
    const sim = new Simulation(doc({ faults: [{ kind: 'memberCrash', atSec: 3, group: 'g', count: 1 }] }));
    sim.runUntil(60_000);
    const log = sim.topics.get('t')!.partitions[0]!.log;
    const deleted = expectedLogStart(60_000, log.endOffset);
    expect(deleted).toBeGreaterThan(30 * PER_SEGMENT);
    expect(log.logStartOffset).toBe(deleted);
    const g = sim.summary().consumerGroups.g!;
    // The crashed member read a prefix of the first segment; everything else deleted was unread.
    expect(g.consumed).toBeGreaterThan(0);
    expect(g.consumed).toBeLessThan(PER_SEGMENT);
    expect(g.expiredUnread).toBe(deleted - g.consumed);
    expect(sim.summary().records.expiredUnread).toBe(g.expiredUnread);
  });

  it('Retention shorter than a consumer lag (slow consumer, earliest): expired-unread count equals what was deleted before it was read', () => {
    // 20 records/s against 100 produced: it falls behind retention, resets to the log start, falls behind again.
    const sim = new Simulation(doc({ meanMs: 50 }));
    sim.runUntil(60_000);
    const log = sim.topics.get('t')!.partitions[0]!.log;
    const deleted = expectedLogStart(60_000, log.endOffset);
    expect(log.logStartOffset).toBe(deleted);
    // Let the record fetched before the last check be processed (no check until 70 s).
    sim.runUntil(60_500);
    const g = sim.groups[0]!;
    // Offsets are read in order with jumps to the log start: what lies at or above it was read contiguously.
    const readAbove = Math.max(0, g.processedEnd[0]! - deleted);
    const readFromDeleted = g.totalConsumed - readAbove;
    expect(readFromDeleted).toBeGreaterThan(0);
    expect(g.totalExpiredUnread).toBe(deleted - readFromDeleted);
    expect(g.offsetResets).toBeGreaterThan(0);
    expect(g.totalDuplicates).toBe(0);
    // The series has the group's column, and its seconds add up to the total.
    const series = sim.metrics.series();
    const col = series.columns.indexOf('g.expiredUnread');
    expect(col).toBeGreaterThan(0);
    expect(series.rows.reduce((a, r) => a + r[col]!, 0)).toBe(g.totalExpiredUnread);
  });

  it('auto.offset.reset=latest jumps to the end; none stops the member with the error counted', () => {
    const latest = new Simulation(doc({ reset: 'latest' }));
    latest.runUntil(60_000);
    expect(latest.groups[0]!.offsetResets).toBeGreaterThan(0);
    expect(latest.summary().consumerGroups.g!.expiredUnread).toBeGreaterThan(0);

    const none = new Simulation(doc({ reset: 'none' }));
    none.runUntil(60_000);
    const g = none.summary().consumerGroups.g!;
    expect(Object.values(g.memberErrors)).toEqual([1]);
    expect(Object.keys(g.memberErrors)[0]).toMatch(/OffsetOutOfRange/);
    expect(none.groups[0]!.members[0]!.crashed).toBe(true);
    const consumedAtStop = g.consumed;
    none.runUntil(90_000);
    expect(none.summary().consumerGroups.g!.consumed).toBe(consumedAtStop);
  });

  it('retention.bytes deletes the oldest segments while the log without them is still too large', () => {
    const limit = 3 * PER_SEGMENT * STORED_BYTES + 1;
    const sim = new Simulation(doc({ retentionMs: -1, retentionBytes: limit, meanMs: 0.01 }));
    for (let t = CHECK_MS; t <= 60_000; t += CHECK_MS) {
      sim.runUntil(t);
      const log = sim.topics.get('t')!.partitions[0]!.log;
      const oldest = PER_SEGMENT * STORED_BYTES;
      // Right after a check: one segment fewer would be within the limit, and none went too many
      // (a segment goes only if the log without it still holds at least the limit).
      expect(log.retainedBytes - oldest).toBeLessThan(limit);
      expect(log.retainedBytes).toBeGreaterThanOrEqual(limit);
      expect(log.logStartOffset % PER_SEGMENT).toBe(0);
      if (t >= 20_000) expect(log.logStartOffset).toBeGreaterThan(0);
    }
    // A fast consumer read everything before it went: nothing expired unread.
    expect(sim.summary().consumerGroups.g!.expiredUnread).toBe(0);
  });

  it('never deletes the active segment', () => {
    // One segment (default segment.bytes) and a 1 s retention: all of it is old, none of it closed.
    const sim = new Simulation(
      doc({ retentionMs: 1000, retentionBytes: 1, segmentBytes: 1_073_741_824, meanMs: 0.01 }),
    );
    sim.runUntil(60_000);
    const log = sim.topics.get('t')!.partitions[0]!.log;
    expect(log.segments).toBe(1);
    expect(log.logStartOffset).toBe(0);
    expect(sim.summary().records.expiredUnread).toBe(0);
  });

  it('gives the same numbers however the run is sliced', () => {
    const whole = new Simulation(doc({ meanMs: 50 }));
    whole.runUntil(75_000);
    const sliced = new Simulation(doc({ meanMs: 50 }));
    for (let t = 0; t < 75_000; t += 777) sliced.runUntil(t);
    sliced.runUntil(75_000);
    expect(sliced.summary()).toEqual(whole.summary());
    expect(sliced.metrics.series()).toEqual(whole.metrics.series());
  });
});
