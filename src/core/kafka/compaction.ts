// A compacted partition's log as the cleaner sees it: a cleaned head that holds one record per key
// present (its latest value, or a tombstone not yet past delete.retention.ms), and above it the
// dirty segments and the active one at their full size. Nothing is kept per record: the cleaned
// head is a count of keys per key bucket (keyBuckets.ts), and a pass over m dirty records uses the
// chance that a key of each bucket appears among them. Offsets stay where they were: the head
// keeps its offset range with gaps, so a reader from offset 0 reads fewer records than the end offset.
import { type KeyBuckets, expectedDistinct, seenShare, totalKeys } from './keyBuckets';
import type { PartitionLog } from './partitionLog';

/** The topic settings a cleaning pass follows (Kafka's names in the document). */
export interface CompactionSettings {
  minCleanableDirtyRatio: number;
  minCompactionLagMs: number;
  maxCompactionLagMs: number;
  deleteRetentionMs: number;
  /** Share of the topic's records written with a null value. */
  tombstoneFraction: number;
}

/** Tombstones the cleaner passed first at `at`, per key bucket. */
interface TombstoneCohort {
  at: number;
  keys: Float64Array;
}

/** What a cleaning pass would take: the dirty segments from the cleaned head to `end`. */
export interface CleaningPlan {
  /** First offset left dirty (a segment base). */
  end: number;
  dirtyRecords: number;
  dirtyBytes: number;
  /** Dirty share of the cleanable part: dirty / (cleaned head + dirty). */
  dirtyRatio: number;
}

/** What the cleaner reads and writes in one pass, in bytes. */
export interface CleaningIo {
  readBytes: number;
  writeBytes: number;
}

/** Bytes of the cleaner's key map per entry: a 16-byte MD5 of the key and an 8-byte offset (SkimpyOffsetMap). */
const MAP_ENTRY_BYTES = 24;
/** log.cleaner.io.buffer.load.factor's default: how full the map may get. */
const MAP_LOAD_FACTOR = 0.9;

/** Keys one cleaner thread's map holds: its share of log.cleaner.dedupe.buffer.size. */
export function offsetMapCapacity(dedupeBufferBytes: number, threads: number): number {
  return Math.floor(((dedupeBufferBytes / Math.max(1, threads)) * MAP_LOAD_FACTOR) / MAP_ENTRY_BYTES);
}

export class CompactedPartition {
  /** Kafka's first dirty offset: below it the log is cleaned. Always a segment base. */
  cleanedEnd = 0;
  /** Keys present in the cleaned head per bucket (live values and tombstones). */
  readonly present: Float64Array;
  private cohorts: TombstoneCohort[] = [];
  /** Bytes one kept record takes (the last pass's mean record size). */
  private recordBytes = 0;
  /** Records and bytes the cleaner removed, tombstones among them. */
  removedRecords = 0;
  removedTombstones = 0;
  passes = 0;

  constructor(
    readonly keys: KeyBuckets,
    private readonly log: PartitionLog,
  ) {
    this.present = new Float64Array(keys.keys.length);
  }

  /** Records the cleaned head holds. */
  get cleanedRecords(): number {
    let n = 0;
    for (let b = 0; b < this.present.length; b++) n += this.present[b]!;
    return n;
  }

  get cleanedBytes(): number {
    return this.cleanedRecords * this.recordBytes;
  }

  /** Tombstones still in the cleaned head. */
  get tombstones(): number {
    let n = 0;
    for (const c of this.cohorts) for (let b = 0; b < c.keys.length; b++) n += c.keys[b]!;
    return n;
  }

  /** Byte position of the cleaned head's end in the log as written. */
  private headEndPosition(): number {
    const bases = this.log.segmentBaseOffsets;
    const i = bases.indexOf(this.cleanedEnd);
    return i >= 0 ? this.log.segmentBasePositions[i]! : this.log.segmentBasePositions[0]!;
  }

  /** What one replica holds on disk: the cleaned head, then everything above it as written. */
  get sizeBytes(): number {
    this.followLogStart();
    return this.cleanedBytes + this.log.endBytes - this.headEndPosition();
  }

  /** Records a reader from the log start reads to the end: one per key in the head, then all. */
  get recordsToEnd(): number {
    this.followLogStart();
    return this.cleanedRecords + this.log.endOffset - this.cleanedEnd;
  }

  /**
   * Retention (cleanup.policy compact,delete) or a truncation may have taken segments the head
   * covered: the head shrinks with the offsets it lost (keys spread over it evenly), or starts anew.
   */
  private followLogStart(): void {
    const start = this.log.segmentBaseOffsets[0]!;
    if (this.cleanedEnd > this.log.endOffset || start >= this.cleanedEnd) {
      if (this.cleanedEnd !== start || this.cleanedRecords > 0)
        this.reset(Math.min(start, this.log.endOffset));
      return;
    }
    if (start > this.headStart) {
      const kept = (this.cleanedEnd - start) / (this.cleanedEnd - this.headStart);
      for (let b = 0; b < this.present.length; b++) this.present[b]! *= kept;
      for (const c of this.cohorts) for (let b = 0; b < c.keys.length; b++) c.keys[b]! *= kept;
      this.headStart = start;
    }
  }

  private headStart = 0;

  // What a reader (a consumer group, a Spark job) gets from the log. The cleaned head keeps one
  // record per key over its offset range; they are taken as spread evenly over it, so the records
  // kept below offset o are floor((o - headStart) x density). Above the head every offset is a record.

  /** Records kept per offset of the cleaned head (at most 1). */
  private density(): number {
    const span = this.cleanedEnd - this.headStart;
    return span > 0 ? Math.min(1, this.cleanedRecords / span) : 0;
  }

  /** Records of the head below `offset` (clamped into the head). */
  private keptBelow(offset: number, d: number): number {
    const o = Math.min(Math.max(offset, this.headStart), this.cleanedEnd);
    return Math.floor((o - this.headStart) * d + 1e-9);
  }

  /** Records a reader gets from offsets [from, to): the head's kept records, then every offset above it. */
  keptBetween(from: number, to: number): number {
    if (to <= from) return 0;
    this.followLogStart();
    const end = this.cleanedEnd;
    if (from >= end) return to - from;
    const d = this.density();
    return this.keptBelow(to, d) - this.keptBelow(from, d) + Math.max(0, to - end);
  }

  /**
   * Where a reader from `from` has read `n` records (no further than `limit`): past the head's
   * gaps, so a poll of max.poll.records or a fetch of a few MB covers many more offsets there.
   * Always beyond `from` when `limit` is.
   */
  endAfterRecords(from: number, n: number, limit: number): number {
    if (limit <= from) return from;
    this.followLogStart();
    const end = this.cleanedEnd;
    if (from >= end) return Math.min(limit, from + Math.max(1, n));
    const d = this.density();
    const base = this.keptBelow(from, d);
    const inHead = this.keptBelow(end, d) - base;
    let at: number;
    if (n >= inHead) at = end + (n - inHead);
    else {
      // The first offset below which the head holds base + n records (d <= 1: exactly n of them).
      at = this.headStart + Math.ceil((base + n) / d - 1e-9);
      at = Math.min(at, end);
    }
    return Math.min(limit, Math.max(from + 1, at));
  }

  /**
   * Calls `fn` on offset runs standing for the records a reader gets from [from, to): the head's
   * kept records as the newest offsets of the head part (a key's latest value is its last write),
   * then [cleanedEnd, to) as it is. The runs' lengths add up to keptBetween(from, to).
   */
  forEachKeptRange(from: number, to: number, fn: (from: number, to: number) => void): void {
    if (to <= from) return;
    this.followLogStart();
    const end = this.cleanedEnd;
    if (from < end) {
      const headTo = Math.min(to, end);
      const d = this.density();
      const k = this.keptBelow(headTo, d) - this.keptBelow(from, d);
      if (k > 0) fn(headTo - k, headTo);
    }
    if (to > end) fn(Math.max(from, end), to);
  }

  /** Bytes of what keptBetween(from, to) counts: the head's records at the cleaned size, then as written. */
  keptBytesBetween(from: number, to: number): number {
    if (to <= from) return 0;
    this.followLogStart();
    const end = this.cleanedEnd;
    if (from >= end) return this.log.bytesBetween(from, to);
    const d = this.density();
    const head = (this.keptBelow(to, d) - this.keptBelow(from, d)) * this.recordBytes;
    return head + (to > end ? this.log.bytesBetween(end, to) : 0);
  }

  /** Bytes the last `read` returned. */
  readBytes = 0;

  /**
   * A consumer fetch from `from` toward `limit` holding at most `maxBytes` (at least one record):
   * the head's kept records at the cleaned record size, then the log above it as written.
   * Returns the end offset; the bytes are left in `readBytes`.
   */
  read(from: number, limit: number, maxBytes: number): number {
    this.followLogStart();
    const end = this.cleanedEnd;
    if (from >= end) {
      const to = this.log.read(from, limit, maxBytes);
      this.readBytes = this.log.readBytes;
      return to;
    }
    const size = this.recordBytes > 0 ? this.recordBytes : this.log.bytesBetween(from, from + 1);
    const fits = Math.max(1, Math.floor(maxBytes / Math.max(1, size)));
    let to = this.endAfterRecords(from, fits, Math.min(limit, end));
    let bytes = this.keptBetween(from, to) * size;
    if (to === end && limit > end && maxBytes - bytes > 0) {
      to = this.log.read(end, limit, maxBytes - bytes);
      bytes += this.log.readBytes;
    }
    this.readBytes = bytes;
    return to;
  }

  private reset(start: number): void {
    this.present.fill(0);
    this.cohorts = [];
    this.cleanedEnd = start;
    this.headStart = start;
  }

  /**
   * The dirty part a pass at `now` may take: whole closed segments from the cleaned head up to the
   * first that is active, reaches above `stableEnd` (the high watermark), or holds a record younger
   * than min.compaction.lag.ms; no more than a map of `mapKeys` keys takes. Undefined: nothing to clean.
   */
  plan(now: number, s: CompactionSettings, stableEnd: number, mapKeys: number): CleaningPlan | undefined {
    this.followLogStart();
    // Records without keys: Kafka refuses them on a compacted topic; here nothing is cleaned.
    if (totalKeys(this.keys) === 0) return undefined;
    const bases = this.log.segmentBaseOffsets;
    const positions = this.log.segmentBasePositions;
    const newest = this.log.segmentNewestTimes;
    const from = bases.indexOf(this.cleanedEnd);
    if (from < 0) return undefined;
    let to = from;
    const active = bases.length - 1;
    while (to < active && bases[to + 1]! <= stableEnd && newest[to]! <= now - s.minCompactionLagMs) to++;
    // The map must hold every key of the dirty part; take fewer segments if it would overflow
    // (at least one, as Kafka does with whatever one segment's keys fill).
    while (to > from + 1 && expectedDistinct(this.keys, bases[to]! - this.cleanedEnd) > mapKeys) to--;
    if (to === from) return undefined;
    const dirtyRecords = bases[to]! - this.cleanedEnd;
    const dirtyBytes = positions[to]! - positions[from]!;
    const dirtyRatio = dirtyBytes / (this.cleanedBytes + dirtyBytes);
    const overdue = now - newest[from]! > s.maxCompactionLagMs;
    if (dirtyRatio <= s.minCleanableDirtyRatio && !overdue) return undefined;
    return { end: bases[to]!, dirtyRecords, dirtyBytes, dirtyRatio };
  }

  /** The bytes a pass reads (the dirty part to build the map, then head and dirty part) and writes. */
  io(plan: CleaningPlan): CleaningIo {
    const readBytes = plan.dirtyBytes + this.cleanedBytes + plan.dirtyBytes;
    return { readBytes, writeBytes: this.after(plan, -Infinity, undefined).records * this.bytesPer(plan) };
  }

  private bytesPer(plan: CleaningPlan): number {
    return plan.dirtyRecords > 0 ? plan.dirtyBytes / plan.dirtyRecords : this.recordBytes;
  }

  /**
   * Applies a pass that ends at `now`: a key of the head survives unless the dirty part has a newer
   * record of it; every key of the dirty part keeps its latest record, a tombstone with the topic's
   * tombstone share. Tombstones the cleaner passed more than delete.retention.ms ago go.
   */
  apply(plan: CleaningPlan, now: number, s: CompactionSettings): void {
    const before = this.cleanedRecords + plan.dirtyRecords;
    const tombstonesBefore = this.tombstones + plan.dirtyRecords * s.tombstoneFraction;
    const result = this.after(plan, now, s);
    this.present.set(result.present);
    this.cohorts = result.cohorts;
    this.recordBytes = this.bytesPer(plan);
    this.cleanedEnd = plan.end;
    this.passes++;
    const removed = before - this.cleanedRecords;
    this.removedRecords += removed;
    this.removedTombstones += Math.max(0, Math.min(removed, tombstonesBefore - this.tombstones));
  }

  /** The head after a pass (without changing anything); `s` undefined: tombstones as they are. */
  private after(
    plan: CleaningPlan,
    now: number,
    s: CompactionSettings | undefined,
  ): { present: Float64Array; cohorts: TombstoneCohort[]; records: number } {
    const n = this.present.length;
    const present = new Float64Array(n);
    const fresh = new Float64Array(n);
    const cohorts = this.cohorts.map((c) => ({ at: c.at, keys: new Float64Array(c.keys) }));
    for (let b = 0; b < n; b++) {
      const seen = seenShare(this.keys.share[b]!, plan.dirtyRecords);
      const inDirty = this.keys.keys[b]! * seen;
      present[b] = this.present[b]! * (1 - seen) + inDirty;
      for (const c of cohorts) c.keys[b]! *= 1 - seen;
      fresh[b] = inDirty * (s?.tombstoneFraction ?? 0);
    }
    let kept = cohorts;
    if (s) {
      // Tombstones already passed once and past their time go in this pass.
      kept = [];
      for (const c of cohorts) {
        if (now - c.at >= s.deleteRetentionMs) for (let b = 0; b < n; b++) present[b]! -= c.keys[b]!;
        else kept.push(c);
      }
      if (s.tombstoneFraction > 0) kept.push({ at: now, keys: fresh });
    }
    let records = 0;
    for (let b = 0; b < n; b++) {
      present[b] = Math.max(0, present[b]!);
      records += present[b]!;
    }
    return { present, cohorts: kept, records };
  }
}
