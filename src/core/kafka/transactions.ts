// Kafka transactions (KIP-98), reduced to counts. A producer with transactional.id writes its records
// in transactions; each partition remembers, per open transaction, the offset of its first record
// there and the offset ranges of its batches. The partition's last stable offset (LSO) is the lowest
// first offset of any open transaction, or the high watermark when none is open: read_committed
// readers read only below it. When a transaction ends, the coordinator writes a marker into every
// partition it touched; a committed transaction's records simply become readable, an aborted one's
// stay in the log (they take space, read_uncommitted readers read them) and are listed, as Kafka's
// .txnindex lists them, so read_committed readers skip them.
//
// Simplifications (said in the summary's notes and the README):
// - A marker is a control batch: in Kafka it takes one offset; here it takes no offset (so record
//   counts and offsets stay equal) but is counted per partition with its bytes.
// - A failover that truncates the log does not rewrite the transaction bookkeeping.
import type { Partition } from './partition';

/** One transaction of one producer: which partitions it touched and how it ended. */
export interface Transaction {
  /** The transactional.id (for the log and the summary). */
  readonly transactionalId: string;
  /** Its number within the producer's run: 1, 2, ... */
  readonly seq: number;
  state: 'open' | 'committing' | 'committed' | 'aborted';
  readonly beganAt: number;
  /** Records handed to it (sent; some may still be in flight). */
  records: number;
  /** Records of it appended to partition logs so far (what a commit makes readable, an abort hides). */
  appended: number;
  /** Partitions that have records of it in their log (AddPartitionsToTxn names them). */
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
 * Transaction state of one partition's log: the open transactions' first offsets and batch ranges,
 * and the aborted ranges in offset order.
 */
export class PartitionTransactions {
  private readonly open = new Map<Transaction, { first: number; starts: number[]; counts: number[] }>();
  /** Aborted ranges, sorted by start; ranges never overlap (each is one appended batch). */
  private readonly abortedStart: number[] = [];
  private readonly abortedCount: number[] = [];
  /** Records of aborted transactions in this log, over the run. */
  abortedRecords = 0;
  /** Control batches (commit and abort markers) written, and their bytes. */
  markers = 0;
  markerBytes = 0;

  /** `count` records of `txn` were appended at [start, start + count). */
  append(txn: Transaction, start: number, count: number): void {
    if (count <= 0) return;
    txn.partitions.add(this.partition);
    txn.appended += count;
    // A batch that reaches the log after its transaction was aborted (sent before the abort,
    // appended after) is aborted too: Kafka fences it by the producer epoch.
    if (txn.state === 'aborted') {
      this.addAborted(start, count);
      return;
    }
    if (txn.state === 'committed') return;
    let entry = this.open.get(txn);
    if (!entry) {
      entry = { first: start, starts: [], counts: [] };
      this.open.set(txn, entry);
    }
    entry.starts.push(start);
    entry.counts.push(count);
  }

  constructor(private readonly partition: Partition) {}

  /** Lowest offset of any open transaction's records here (Infinity: none open). */
  firstOpenOffset(): number {
    let low = Infinity;
    for (const e of this.open.values()) if (e.first < low) low = e.first;
    return low;
  }

  /** Records of open transactions here. */
  openRecords(): number {
    let n = 0;
    for (const e of this.open.values()) for (const c of e.counts) n += c;
    return n;
  }

  /** The coordinator's marker for `txn` lands here: its records become committed or aborted. */
  complete(txn: Transaction, commit: boolean): void {
    this.markers++;
    this.markerBytes += MARKER_BYTES;
    const entry = this.open.get(txn);
    if (!entry) return;
    this.open.delete(txn);
    if (!commit)
      for (let i = 0; i < entry.starts.length; i++) this.addAborted(entry.starts[i]!, entry.counts[i]!);
  }

  private addAborted(start: number, count: number): void {
    this.abortedRecords += count;
    const at = this.firstEndingAfter(start);
    this.abortedStart.splice(at, 0, start);
    this.abortedCount.splice(at, 0, count);
  }

  /** Index of the first aborted range that ends after `offset`. */
  private firstEndingAfter(offset: number): number {
    let lo = 0;
    let hi = this.abortedStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.abortedStart[mid]! + this.abortedCount[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Aborted records in [from, to). */
  abortedBetween(from: number, to: number): number {
    let n = 0;
    for (let i = this.firstEndingAfter(from); i < this.abortedStart.length; i++) {
      const s = this.abortedStart[i]!;
      if (s >= to) break;
      const e = s + this.abortedCount[i]!;
      n += Math.min(e, to) - Math.max(s, from);
    }
    return n;
  }

  /** Calls `fn` on each run of [from, to) holding no aborted record, in order. */
  forEachCommittedRange(from: number, to: number, fn: (from: number, to: number) => void): void {
    let at = from;
    for (let i = this.firstEndingAfter(from); i < this.abortedStart.length && at < to; i++) {
      const s = this.abortedStart[i]!;
      if (s >= to) break;
      if (s > at) fn(at, s);
      at = Math.max(at, s + this.abortedCount[i]!);
    }
    if (at < to) fn(at, to);
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
  const open = p.txns ? p.txns.firstOpenOffset() : Infinity;
  return open < hw ? open : hw;
}

/** How far a reader with this isolation may read partition p (from its leader). */
export function readableEnd(p: Partition, readCommitted: boolean): number {
  return readCommitted ? lastStableOffset(p) : p.highWatermark;
}

/** Records of [from, to) a read_committed reader gets: those not aborted. */
export function committedBetween(p: Partition, from: number, to: number): number {
  if (to <= from) return 0;
  return p.txns ? to - from - p.txns.abortedBetween(from, to) : to - from;
}
