// Kafka transactions (KIP-98), reduced to counts. A producer with transactional.id writes its records
// in transactions; each partition remembers, per open transaction, the offset of its first record
// there and the offset ranges of its batches. When a transaction ends, the coordinator writes a
// marker into every partition it touched: a control batch of one control record, which takes the
// next offset of the log and its bytes like any batch, is replicated by the followers like any
// batch, and is never handed to an application (consumers in either isolation level, Spark's
// direct stream and MirrorMaker step over it). So a partition's offsets count records and markers:
// lag (high watermark minus a position) counts the markers, the records a reader gets do not.
// A committed transaction's records simply become readable; an aborted one's stay in the log (they
// take space, read_uncommitted readers read them) and are listed, as Kafka's .txnindex lists them,
// so read_committed readers skip them.
//
// The partition's last stable offset (LSO) is the lowest first offset of any transaction that is
// not yet decided there, or the high watermark when there is none. As in Kafka's producer state,
// a transaction stays undecided until its marker is below the high watermark (written and
// replicated to the in-sync replicas): read_committed readers read only below the LSO.
//
// Simplification (said in the summary's notes and the README): a failover that truncates the log
// does not rewrite the transaction bookkeeping.
import type { Broker } from './broker';
import type { Partition } from './partition';

/** One transaction of one producer: which partitions it touched and how it ended. */
export interface Transaction {
  /** The transactional.id (for the log and the summary). */
  readonly transactionalId: string;
  /** Its number within the producer's run: 1, 2, ... */
  readonly seq: number;
  /**
   * 'aborting': a send of it failed (the producer's abortable error state) and the application's
   * abortTransaction() runs; its records are still undecided in the logs until the abort markers.
   */
  state: 'open' | 'committing' | 'aborting' | 'committed' | 'aborted';
  readonly beganAt: number;
  /** Records handed to it (sent; some may still be in flight). */
  records: number;
  /** Records of it appended to partition logs so far (what a commit makes readable, an abort hides). */
  appended: number;
  /**
   * Partitions added to it (AddPartitionsToTxn) or holding records of it: each gets a marker when
   * it ends, even one whose batches were all refused.
   */
  readonly partitions: Set<Partition>;
}

export function newTransaction(transactionalId: string, seq: number, now: number): Transaction {
  return {
    transactionalId,
    seq,
    state: 'open',
    beganAt: now,
    records: 0,
    appended: 0,
    partitions: new Set(),
  };
}

/** Bytes of one control batch (commit or abort marker): a batch header and one small record. */
export const MARKER_BYTES = 78;

/**
 * How soon the coordinator tries again to write a marker the partition's leader refused (no
 * leader, leader unreachable, or fewer in-sync replicas than min.insync.replicas: markers are
 * written with acks=all). Kafka's marker channel re-queues the request at once and sends it on its
 * next round; we assume the broker's retry.backoff.ms default, 100 ms.
 */
export const MARKER_RETRY_MS = 100;

/** Skipped ranges a partition keeps before it forgets those below its log's first held offset. */
const FORGET_MIN = 1024;

/** One transaction's part of one partition's log. */
interface OpenEntry {
  first: number;
  starts: number[];
  counts: number[];
  /** The offset of its marker once written (-1 before): decided once that is replicated. */
  marker: number;
}

/**
 * Transaction state of one partition's log: the undecided transactions' first offsets and batch
 * ranges, and, in offset order, the offsets no application reads: the markers (one offset each)
 * and the aborted transactions' records.
 */
export class PartitionTransactions {
  private readonly open = new Map<Transaction, OpenEntry>();
  /**
   * Ranges no read_committed reader gets, sorted by start; ranges never overlap (each is one
   * appended batch or one marker). `skipMarker` tells markers (skipped by every reader) from
   * aborted records (skipped by read_committed readers only).
   */
  private readonly skipStart: number[] = [];
  private readonly skipCount: number[] = [];
  private readonly skipMarker: boolean[] = [];
  /**
   * Past this many ranges, those below the log's first held offset are forgotten: no reader asks
   * for them again, and a transaction committed every 100 ms would otherwise leave 36,000 markers
   * per partition an hour. (The counters above keep the totals.)
   */
  private forgetAt = FORGET_MIN;
  /** Records of aborted transactions in this log, over the run. */
  abortedRecords = 0;
  /** Control batches (commit and abort markers) written, and their bytes. */
  markers = 0;
  markerBytes = 0;

  constructor(private readonly partition: Partition) {}

  /** `count` records of `txn` were appended at [start, start + count). */
  append(txn: Transaction, start: number, count: number): void {
    if (count <= 0) return;
    txn.partitions.add(this.partition);
    txn.appended += count;
    // A batch that reaches the log after its transaction was aborted (sent before the abort,
    // appended after) is aborted too: Kafka fences it by the producer epoch.
    if (txn.state === 'aborted') {
      this.addSkipped(start, count, false);
      return;
    }
    if (txn.state === 'committed') return;
    let entry = this.open.get(txn);
    if (!entry) {
      entry = { first: start, starts: [], counts: [], marker: -1 };
      this.open.set(txn, entry);
    }
    entry.starts.push(start);
    entry.counts.push(count);
  }

  /**
   * Lowest offset of any undecided transaction's records here (Infinity: none). A transaction
   * whose marker is below `highWatermark` is decided, and forgotten here.
   */
  firstOpenOffset(highWatermark: number): number {
    let low = Infinity;
    for (const [txn, e] of this.open) {
      if (e.marker >= 0 && e.marker < highWatermark) this.open.delete(txn);
      else if (e.first < low) low = e.first;
    }
    return low;
  }

  /** Records of transactions not yet decided by a marker here. */
  openRecords(): number {
    let n = 0;
    for (const e of this.open.values()) if (e.marker < 0) for (const c of e.counts) n += c;
    return n;
  }

  /**
   * The coordinator's marker for `txn` was appended here at `offset`: its records are committed or
   * aborted (read_committed readers see that once the marker is replicated).
   */
  complete(txn: Transaction, commit: boolean, offset: number): void {
    this.markers++;
    this.markerBytes += MARKER_BYTES;
    this.addSkipped(offset, 1, true);
    const entry = this.open.get(txn);
    if (!entry) return;
    entry.marker = offset;
    if (!commit)
      for (let i = 0; i < entry.starts.length; i++)
        this.addSkipped(entry.starts[i]!, entry.counts[i]!, false);
  }

  private addSkipped(start: number, count: number, marker: boolean): void {
    if (!marker) this.abortedRecords += count;
    if (this.skipStart.length >= this.forgetAt) this.forgetBelow(this.partition.log.startOffset);
    const at = this.firstEndingAfter(start);
    if (at === this.skipStart.length) {
      this.skipStart.push(start);
      this.skipCount.push(count);
      this.skipMarker.push(marker);
      return;
    }
    this.skipStart.splice(at, 0, start);
    this.skipCount.splice(at, 0, count);
    this.skipMarker.splice(at, 0, marker);
  }

  /** Forgets the ranges that end at or below `offset`. */
  private forgetBelow(offset: number): void {
    const n = this.firstEndingAfter(offset);
    if (n > 0) {
      this.skipStart.splice(0, n);
      this.skipCount.splice(0, n);
      this.skipMarker.splice(0, n);
    }
    this.forgetAt = Math.max(FORGET_MIN, 2 * this.skipStart.length);
  }

  /** Index of the first skipped range that ends after `offset`. */
  private firstEndingAfter(offset: number): number {
    let lo = 0;
    let hi = this.skipStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.skipStart[mid]! + this.skipCount[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Offsets of [from, to) a reader does not get: markers, and with `readCommitted` the aborted
   * records too. `which`: 'markers' or 'aborted' counts only those.
   */
  skippedBetween(from: number, to: number, readCommitted: boolean, which?: 'markers' | 'aborted'): number {
    let n = 0;
    for (let i = this.firstEndingAfter(from); i < this.skipStart.length; i++) {
      const s = this.skipStart[i]!;
      if (s >= to) break;
      const marker = this.skipMarker[i]!;
      if (marker ? which === 'aborted' : !readCommitted || which === 'markers') continue;
      n += Math.min(s + this.skipCount[i]!, to) - Math.max(s, from);
    }
    return n;
  }

  /** Aborted records in [from, to). */
  abortedBetween(from: number, to: number): number {
    return this.skippedBetween(from, to, true, 'aborted');
  }

  /** Markers in [from, to). */
  markersBetween(from: number, to: number): number {
    return this.skippedBetween(from, to, false, 'markers');
  }

  /** Calls `fn` on each run of [from, to) a reader gets (no marker; with `readCommitted` no aborted record), in order. */
  forEachReadRange(
    from: number,
    to: number,
    readCommitted: boolean,
    fn: (from: number, to: number) => void,
  ): void {
    let at = from;
    for (let i = this.firstEndingAfter(from); i < this.skipStart.length && at < to; i++) {
      const s = this.skipStart[i]!;
      if (s >= to) break;
      if (!readCommitted && !this.skipMarker[i]) continue;
      if (s > at) fn(at, s);
      at = Math.max(at, s + this.skipCount[i]!);
    }
    if (at < to) fn(at, to);
  }

  /** Calls `fn` on each run of [from, to) holding no aborted record and no marker, in order. */
  forEachCommittedRange(from: number, to: number, fn: (from: number, to: number) => void): void {
    this.forEachReadRange(from, to, true, fn);
  }
}

/** The partition's transaction state, made on first use. */
export function transactionsOf(p: Partition): PartitionTransactions {
  return (p.txns ??= new PartitionTransactions(p));
}

/**
 * The last stable offset: below it every transactional record is decided (committed or aborted),
 * so a read_committed reader may read up to it. Never above the high watermark.
 */
export function lastStableOffset(p: Partition): number {
  const hw = p.highWatermark;
  const open = p.txns ? p.txns.firstOpenOffset(hw) : Infinity;
  return open < hw ? open : hw;
}

/** How far a reader with this isolation may read partition p (from its leader). */
export function readableEnd(p: Partition, readCommitted: boolean): number {
  return readCommitted ? lastStableOffset(p) : p.highWatermark;
}

/**
 * Records of offsets [from, to) that a reader hands to its application: every offset but the
 * markers, and for a read_committed reader not the aborted records either.
 */
export function recordsBetween(p: Partition, from: number, to: number, readCommitted: boolean): number {
  if (to <= from) return 0;
  return p.txns ? to - from - p.txns.skippedBetween(from, to, readCommitted) : to - from;
}

/** Records of [from, to) a read_committed reader gets: those not aborted, markers aside. */
export function committedBetween(p: Partition, from: number, to: number): number {
  return recordsBetween(p, from, to, true);
}

/** Aborted records of [from, to) a reader with this isolation fetches and drops (none for read_uncommitted). */
export function abortedSkippedBetween(
  p: Partition,
  from: number,
  to: number,
  readCommitted: boolean,
): number {
  return readCommitted && p.txns && to > from ? p.txns.abortedBetween(from, to) : 0;
}

/**
 * Markers in the log below `offset`, which is at or above the first offset the log still holds
 * (the ranges below it may be forgotten; their markers are counted by the total). 0 for a
 * partition no transaction wrote to.
 */
export function markersBelow(p: Partition, offset: number): number {
  // Counted from the top: the markers above a reader's or the high watermark's offset are few.
  return p.txns ? p.txns.markers - p.txns.markersBetween(offset, Infinity) : 0;
}

/**
 * Calls `fn` on the runs of [from, to) a reader hands to its application, in order: the whole
 * range for a partition no transaction wrote to.
 */
export function forEachRecordRange(
  p: Partition,
  from: number,
  to: number,
  readCommitted: boolean,
  fn: (from: number, to: number) => void,
): void {
  if (to <= from) return;
  if (p.txns) p.txns.forEachReadRange(from, to, readCommitted, fn);
  else fn(from, to);
}

/**
 * The coordinator writes `txn`'s marker into partition p (WriteTxnMarkers to its leader). The
 * leader appends it as any acks=all write: refused while the partition has no leader, the leader
 * cannot be reached, or the ISR is below min.insync.replicas (the coordinator tries again). Returns
 * whether it was written. The marker takes the next offset and its bytes on the leader's disk; the
 * followers copy it with the rest of the log.
 */
export function writeMarker(
  p: Partition,
  brokers: readonly Broker[],
  txn: Transaction,
  commit: boolean,
  now: number,
): boolean {
  if (p.offline) return false;
  const leader = brokers[p.leader];
  if (!leader || !leader.reachableByBrokers || p.isrSize < p.minInsyncReplicas) return false;
  leader.writeToDisk(now, MARKER_BYTES);
  const offset = p.appendControlBatch(MARKER_BYTES, now);
  transactionsOf(p).complete(txn, commit, offset);
  if (p.updateHighWatermark(now)) p.wakeHighWatermarkWaiters(now);
  p.wakeLogWaiters(now);
  return true;
}
