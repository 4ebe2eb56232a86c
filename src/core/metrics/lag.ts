// Lag as Kafka's tools and a reader's own metrics show it, computed from a reader's offsets.
// kafka-consumer-groups --describe prints, per partition, CURRENT-OFFSET (the committed offset),
// LOG-END-OFFSET and LAG = LOG-END-OFFSET - CURRENT-OFFSET, where the log end it asks for is the
// high watermark (the end a consumer may read to), not the leader's log end offset. The
// consumer's own records-lag metric counts from its position (the next record poll() returns)
// instead, so it does not jump back and forth with each commit. Lag in seconds is the age of the
// oldest record not yet read; time to drain divides the lag by how fast the reader gains on the
// producers.
import type { Partition } from '../kafka/partition';
import { lastStableOffset } from '../kafka/transactions';

export interface PartitionLag {
  partition: number;
  /** The leader's log end offset: the next offset it will write (acks=all writes wait above the high watermark). */
  logEndOffset: number;
  /** The end consumers may read to; what kafka-consumer-groups shows as LOG-END-OFFSET. */
  highWatermark: number;
  /** CURRENT-OFFSET: the committed offset (a Spark job: the end of its last completed batch); -1 for none. */
  committed: number;
  /** Where the reader reads next (a group: the next record a poll returns; a Spark job: the next batch's start). */
  position: number;
  /** LAG: high watermark - committed; without a commit, from where the reader would start. */
  lag: number;
  /** high watermark - position. */
  positionLag: number;
  /** Where the partition has transactions: its last stable offset (read_committed reads below it). */
  lastStableOffset?: number;
  /** Age of the oldest record the reader has not read yet, in ms; 0 when none waits. */
  lagMs: number;
}

/** Records between an offset and the high watermark (never negative: a reader can be past a truncated end). */
export function lagBehind(highWatermark: number, offset: number): number {
  return Math.max(0, highWatermark - offset);
}

/**
 * How long the record at `offset` has waited at `now` (ms since its producer created it), or 0
 * when the offset is at the high watermark (nothing readable waits). A position retention has
 * deleted is aged from the oldest record still in the log.
 */
export function lagAgeMs(partition: Partition, offset: number, now: number): number {
  if (offset >= partition.highWatermark) return 0;
  const log = partition.log;
  const oldest = Math.max(offset, log.logStartOffset, log.startOffset);
  if (oldest >= partition.highWatermark) return 0;
  return Math.max(0, now - log.createTimeAt(oldest));
}

/**
 * One partition's row. `committed` is -1 without a commit, and then `start` (where
 * auto.offset.reset would begin) stands in for it; `ageFrom` is the offset whose record's age is
 * the lag in time (a group: its position; a Spark job: the start of what it has not processed).
 */
export function partitionLag(
  partition: Partition,
  index: number,
  offsets: { committed: number; start: number; position: number; ageFrom: number },
  now: number,
): PartitionLag {
  const hw = partition.highWatermark;
  const from = offsets.committed >= 0 ? offsets.committed : offsets.start;
  return {
    partition: index,
    logEndOffset: partition.log.endOffset,
    highWatermark: hw,
    committed: offsets.committed,
    position: offsets.position,
    lag: lagBehind(hw, from),
    positionLag: lagBehind(hw, offsets.position),
    lagMs: lagAgeMs(partition, offsets.ageFrom, now),
    ...(partition.txns && { lastStableOffset: lastStableOffset(partition) }),
  };
}

/**
 * Seconds until the lag is gone if the reader keeps consuming at `consumePerSec` while the
 * producers keep adding `producePerSec`: lag / (consume - produce). Infinity when the reader does
 * not gain (it is not draining); 0 when there is no lag.
 */
export function drainSeconds(lag: number, consumePerSec: number, producePerSec: number): number {
  if (lag <= 0) return 0;
  const gain = consumePerSec - producePerSec;
  return gain > 0 ? lag / gain : Infinity;
}

/**
 * Time to drain as the readings show it: 0 ("caught up") while the oldest unread record is no
 * older than `keepUpMs`, what a reader's normal cycle leaves waiting (a fetch and a poll; a Spark
 * job's batch interval and processing); otherwise drainSeconds. Without that floor a reader that
 * keeps up would flip between "not draining" and long times, its small lag divided by noise.
 */
export function drainEstimate(
  lag: number,
  lagMs: number,
  consumePerSec: number,
  producePerSec: number,
  keepUpMs: number,
): number {
  if (lagMs <= keepUpMs) return 0;
  return drainSeconds(lag, consumePerSec, producePerSec);
}

/** Slack on top of a reader's own cycle: the readings are sampled once a second. */
const SAMPLE_SLACK_MS = 1000;

/**
 * A consumer group keeps up while nothing unread is older than one fetch wait plus one full poll's
 * processing (what a member that is keeping up leaves behind), plus a second of slack.
 */
export function groupKeepUpMs(
  fetchMaxWaitMs: number,
  maxPollRecords: number,
  meanMsPerRecord: number,
): number {
  return fetchMaxWaitMs + maxPollRecords * meanMsPerRecord + SAMPLE_SLACK_MS;
}

/** A Spark job keeps up while nothing unprocessed is older than two batch intervals (cut, then processed), plus slack. */
export function sparkKeepUpMs(batchIntervalMs: number): number {
  return 2 * batchIntervalMs + SAMPLE_SLACK_MS;
}
