// The records of one partition as chunks: a run of consecutive offsets with a byte size and the span
// of their creation times. Replicas share one log and differ only in how far they have copied it
// (their log end offset), which is what Kafka's follower logs are: prefixes of the leader's.
// Chunks are kept in one typed array (a ring buffer), so appending allocates nothing.

/** A slice of records read from the log: how many, and the creation times of its first and last. */
export type SliceVisitor = (count: number, createStart: number, createEnd: number) => void;

export interface ClosedSegment {
  baseOffset: number;
  endOffset: number;
  baseBytes: number;
  endBytes: number;
  newestMs: number;
}

/** Above this many live chunks, new chunks merge into the last one when close in time. */
const CHUNK_SOFT_LIMIT = 2048;
const INITIAL_CAPACITY = 64;
/** Chunks `find` checks one by one from the end before it searches the rest by bisection. */
const TAIL_SCAN = 8;
// The fields of a chunk, by their place in its slot.
const BASE_OFFSET = 0;
const COUNT = 1;
const BASE_BYTES = 2;
const BYTES = 3;
const CREATE_START = 4;
const CREATE_END = 5;
const FIELDS = 6;

export class PartitionLog {
  // The ring buffer: chunk k (0 = oldest live) is in slot (head + k) & mask, whose fields sit
  // side by side from slot * FIELDS, so reading one chunk touches one or two cache lines.
  private chunks = new Float64Array(INITIAL_CAPACITY * FIELDS);
  private mask = INITIAL_CAPACITY - 1;
  private head = 0;
  private size = 0;
  /**
   * The oldest live chunk's first creation time, kept as a field: every append past the soft
   * limit reads it, and the chunk it sits in is long out of the processor's caches.
   */
  private oldestCreateStart = 0;
  /** Chunks trimmed from the head so far: chunk k is the (dropped + k)-th ever kept. */
  private dropped = 0;
  /**
   * Where `find` last found an offset far from the end, as dropped + k: a reader that is behind
   * (a lagging consumer, its poll's ranges one after another) asks for the same chunk or the next.
   */
  private lastFar = 0;
  /** First offset still held. */
  startOffset = 0;
  /** Log end offset: the next offset to be written. */
  endOffset = 0;
  /** Bytes ever appended (the position of endOffset in bytes). */
  endBytes = 0;
  /** Bytes the last `read` covered. */
  readBytes = 0;
  /**
   * Changes whenever `bytesAt` of an offset already written may change (a merge into the last
   * chunk, a trim), so a reader may keep a byte position it looked up while this stays the same.
   * Plain appends keep it: they only add positions after the end.
   */
  version = 0;

  // Retention (what Kafka deletes), kept apart from the memory trimming above (`startOffset`,
  // `trimBefore`), which only forgets chunks no reader needs. Segments are offset boundaries:
  // nothing per record, one comparison per append.
  /** segment.bytes; Infinity (the default until a topic sets it) never rolls. */
  segmentBytes = Infinity;
  /** segment.ms: the active segment rolls once its first record is older than this (Infinity: never). */
  segmentMs = Infinity;
  /** Kafka's log start offset: records below it were deleted by retention. */
  logStartOffset = 0;
  /**
   * Base offset, base byte position and newest creation time of each segment, oldest first; the
   * last is active (its newest time is `activeNewest` until it closes).
   */
  private segmentBase: number[] = [0];
  private segmentBaseBytes: number[] = [0];
  private segmentNewest: number[] = [-Infinity];
  // The active segment's base bytes and newest creation time as plain fields: every append reads them.
  private activeBaseBytes = 0;
  private activeNewest = -Infinity;
  /** Creation time of the active segment's first record (Infinity while it is empty). */
  private activeFirst = Infinity;

  /** Index in `chunks` of chunk k's first field. */
  private slot(k: number): number {
    return ((this.head + k) & this.mask) * FIELDS;
  }

  append(count: number, bytes: number, createStart: number, createEnd: number): void {
    if (count <= 0) return;
    this.toSegment(bytes, createStart, createEnd);
    if (this.size > CHUNK_SOFT_LIMIT) {
      // Keep memory bounded when readers fall far behind: coarsen creation times to a small
      // fraction of the span the log holds, which is far below the latency such readers see.
      const last = this.slot(this.size - 1);
      const resolution = (createEnd - this.oldestCreateStart) / CHUNK_SOFT_LIMIT;
      if (createStart - this.chunks[last + CREATE_START]! <= resolution) {
        this.chunks[last + COUNT]! += count;
        this.chunks[last + BYTES]! += bytes;
        if (createEnd > this.chunks[last + CREATE_END]!) this.chunks[last + CREATE_END] = createEnd;
        this.version++;
        this.endOffset += count;
        this.endBytes += bytes;
        return;
      }
    }
    if (this.size === this.mask + 1) this.grow();
    if (this.size === 0) this.oldestCreateStart = createStart;
    const i = this.slot(this.size++);
    this.chunks[i + BASE_OFFSET] = this.endOffset;
    this.chunks[i + COUNT] = count;
    this.chunks[i + BASE_BYTES] = this.endBytes;
    this.chunks[i + BYTES] = bytes;
    this.chunks[i + CREATE_START] = createStart;
    this.chunks[i + CREATE_END] = createEnd;
    this.endOffset += count;
    this.endBytes += bytes;
  }

  private grow(): void {
    const capacity = (this.mask + 1) * 2;
    const chunks = new Float64Array(capacity * FIELDS);
    // The live chunks in order: from the head to the end of the ring, then from its start.
    const old = this.chunks;
    const first = Math.min(this.size, this.mask + 1 - this.head);
    chunks.set(old.subarray(this.head * FIELDS, (this.head + first) * FIELDS));
    chunks.set(old.subarray(0, (this.size - first) * FIELDS), first * FIELDS);
    this.chunks = chunks;
    this.head = 0;
    this.mask = capacity - 1;
  }

  /** Position k (0 = oldest live chunk) of the chunk holding `offset`; assumes the log is not empty. */
  private find(offset: number): number {
    // Most reads are near the end of the log (followers a round trip behind, caught-up consumers,
    // the start of a fetched range): walk back a few chunks, then in doubling steps, so the probes
    // stay in the recently written (cached) tail, and bisect only the last step's gap.
    const chunks = this.chunks;
    const last = this.size - 1;
    const stop = last > TAIL_SCAN ? last - TAIL_SCAN : 0;
    for (let k = last; k >= stop; k--) if (chunks[this.slot(k) + BASE_OFFSET]! <= offset) return k;
    if (stop === 0) return 0;
    // Chunk `stop` starts above the offset. Is it in the chunk found last time, or the next one?
    const near = this.lastFar - this.dropped;
    if (near >= 0 && near < stop && chunks[this.slot(near) + BASE_OFFSET]! <= offset) {
      if (chunks[this.slot(near + 1) + BASE_OFFSET]! > offset) return near;
      if (near + 1 < stop && chunks[this.slot(near + 2) + BASE_OFFSET]! > offset) {
        this.lastFar = this.dropped + near + 1;
        return near + 1;
      }
    }
    this.lastFar = this.dropped + this.search(offset, stop - 1);
    return this.lastFar - this.dropped;
  }

  /** `find` further back: the last chunk up to `last` that starts at or below the offset (0 if none). */
  private search(offset: number, last: number): number {
    const chunks = this.chunks;
    // Chunk `hi + 1` starts above the offset; find a lower bound `lo` that does not.
    let hi = last;
    let step = TAIL_SCAN;
    let lo = hi - step;
    while (lo > 0 && chunks[this.slot(lo) + BASE_OFFSET]! > offset) {
      hi = lo - 1;
      step *= 2;
      lo = hi - step;
    }
    if (lo < 0) lo = 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (chunks[this.slot(mid) + BASE_OFFSET]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Byte position of an offset (interpolated inside a chunk). */
  bytesAt(offset: number): number {
    if (offset >= this.endOffset || this.size === 0) return this.endBytes;
    const i = this.slot(this.find(Math.max(offset, this.startOffset)));
    const base = this.chunks[i + BASE_OFFSET]!;
    // At a chunk's first offset (where followers' reads start) there is nothing to interpolate.
    if (offset <= base) return this.chunks[i + BASE_BYTES]!;
    return (
      this.chunks[i + BASE_BYTES]! + (this.chunks[i + BYTES]! * (offset - base)) / this.chunks[i + COUNT]!
    );
  }

  bytesBetween(from: number, to: number): number {
    return to > from ? this.bytesAt(to) - this.bytesAt(from) : 0;
  }

  /** The end of a read from `from` toward `limit` holding at most `maxBytes` (but at least one record). */
  readEnd(from: number, limit: number, maxBytes: number): number {
    return this.read(from, limit, maxBytes);
  }

  /**
   * `readEnd`, also leaving the bytes read in `readBytes` (the same value `bytesBetween(from, end)`
   * gives): a fetch needs both, and working them out together looks each offset up once.
   */
  read(from: number, limit: number, maxBytes: number): number {
    if (limit <= from) {
      this.readBytes = 0;
      return from;
    }
    const start = this.bytesAt(from);
    const all = this.bytesAt(limit) - start;
    if (all <= maxBytes) {
      this.readBytes = all;
      return limit;
    }
    const end = this.partialReadEnd(from, limit, start + maxBytes);
    this.readBytes = this.bytesAt(end) - start;
    return end;
  }

  /** Where a read from `from` runs out of bytes at byte position `target` (before `limit`). */
  private partialReadEnd(from: number, limit: number, target: number): number {
    let k = this.find(from);
    // Walk to the chunk where the byte budget runs out; usually the first or second.
    while (k + 1 < this.size && this.chunks[this.slot(k + 1) + BASE_BYTES]! <= target) k++;
    const i = this.slot(k);
    const perRecord = this.chunks[i + BYTES]! / this.chunks[i + COUNT]!;
    const end =
      this.chunks[i + BASE_OFFSET]! + Math.floor((target - this.chunks[i + BASE_BYTES]!) / perRecord);
    return Math.min(limit, Math.max(from + 1, end));
  }

  /** Visits [from, to) as slices with their creation-time spans (interpolated in a chunk). */
  forEachSlice(from: number, to: number, visit: SliceVisitor): void {
    if (to <= from || this.size === 0) return;
    let k = this.find(Math.max(from, this.startOffset));
    let offset = from;
    while (offset < to && k < this.size) {
      const i = this.slot(k);
      const base = this.chunks[i + BASE_OFFSET]!;
      const n = this.chunks[i + COUNT]!;
      const a = Math.max(offset, base);
      const b = Math.min(to, base + n);
      if (b > a) {
        // A chunk's times are its first and last record's; the records in between are evenly spaced.
        const s0 = this.chunks[i + CREATE_START]!;
        const step = n > 1 ? (this.chunks[i + CREATE_END]! - s0) / (n - 1) : 0;
        visit(b - a, s0 + step * (a - base), s0 + step * (b - 1 - base));
      }
      offset = b;
      k++;
    }
  }

  /** Creation time of the record at `offset` (interpolated inside its chunk). */
  createTimeAt(offset: number): number {
    if (this.size === 0) return 0;
    const i = this.slot(this.find(Math.max(offset, this.startOffset)));
    const n = this.chunks[i + COUNT]!;
    const k = Math.min(Math.max(offset - this.chunks[i + BASE_OFFSET]!, 0), n - 1);
    return n > 1
      ? this.chunks[i + CREATE_START]! +
          ((this.chunks[i + CREATE_END]! - this.chunks[i + CREATE_START]!) * k) / (n - 1)
      : this.chunks[i + CREATE_START]!;
  }

  /** Forgets whole chunks that end at or before `offset`. */
  trimBefore(offset: number): void {
    while (this.size > 0) {
      const i = this.head * FIELDS;
      const end = this.chunks[i + BASE_OFFSET]! + this.chunks[i + COUNT]!;
      if (end > offset) break;
      this.head = (this.head + 1) & this.mask;
      this.size--;
      this.dropped++;
      this.startOffset = end;
      this.version++;
      if (this.size > 0) this.oldestCreateStart = this.chunks[this.head * FIELDS + CREATE_START]!;
    }
  }

  /**
   * Cuts the log back to `offset` (a new leader lacked what lies above it). A chunk cut in the
   * middle keeps its share of bytes and the creation time of its last kept record.
   */
  truncateTo(offset: number): void {
    if (offset >= this.endOffset) return;
    let endBytes = this.endBytes;
    while (this.size > 0) {
      const i = this.slot(this.size - 1);
      const base = this.chunks[i + BASE_OFFSET]!;
      if (base >= offset) {
        endBytes = this.chunks[i + BASE_BYTES]!;
        this.size--;
        continue;
      }
      const n = this.chunks[i + COUNT]!;
      const keep = offset - base;
      if (keep < n) {
        const s0 = this.chunks[i + CREATE_START]!;
        const step = n > 1 ? (this.chunks[i + CREATE_END]! - s0) / (n - 1) : 0;
        this.chunks[i + BYTES] = (this.chunks[i + BYTES]! * keep) / n;
        this.chunks[i + COUNT] = keep;
        this.chunks[i + CREATE_END] = s0 + step * (keep - 1);
      }
      break;
    }
    this.endOffset = Math.max(offset, this.startOffset);
    if (this.size > 0) {
      const i = this.slot(this.size - 1);
      endBytes = this.chunks[i + BASE_BYTES]! + this.chunks[i + BYTES]!;
    }
    this.endBytes = endBytes;
    this.version++;
    this.truncateSegments();
  }

  /**
   * Kafka rolls a new segment when the incoming batch would not fit in the active one (a batch
   * larger than a segment gets a segment of its own), so segments break between batches.
   */
  private toSegment(bytes: number, createStart: number, createEnd: number): void {
    const activeBytes = this.endBytes - this.activeBaseBytes;
    if (
      activeBytes > 0 &&
      (activeBytes + bytes > this.segmentBytes || createEnd - this.activeFirst > this.segmentMs)
    ) {
      this.segmentNewest[this.segmentNewest.length - 1] = this.activeNewest;
      this.segmentBase.push(this.endOffset);
      this.segmentBaseBytes.push(this.endBytes);
      this.segmentNewest.push(-Infinity);
      this.activeBaseBytes = this.endBytes;
      this.activeNewest = createEnd;
      this.activeFirst = createStart;
    } else {
      if (createEnd > this.activeNewest) this.activeNewest = createEnd;
      if (activeBytes === 0) this.activeFirst = createStart;
    }
  }

  /** Base offset of each segment held, oldest first; the last is the active one (do not change). */
  get segmentBaseOffsets(): readonly number[] {
    return this.segmentBase;
  }

  /** Byte position of each segment's base, as `segmentBaseOffsets`. */
  get segmentBasePositions(): readonly number[] {
    return this.segmentBaseBytes;
  }

  /** Newest creation time in each closed segment (the active one's entry is not kept up to date). */
  get segmentNewestTimes(): readonly number[] {
    return this.segmentNewest;
  }

  /** Segments held (closed ones and the active one). */
  get segments(): number {
    return this.segmentBase.length;
  }

  /** Bytes retention counts against retention.bytes: from the log start offset to the end. */
  get retainedBytes(): number {
    return this.endBytes - this.segmentBaseBytes[0]!;
  }

  /**
   * One retention check: deletes whole closed segments, oldest first, while the oldest's newest
   * record is older than `retentionMs` (at `now`) or the log without it is still above
   * `retentionBytes` (Kafka deletes only while size - segment >= retention.bytes). -1 disables
   * either rule. The active segment is never deleted, nor (as in Kafka) one reaching above the
   * high watermark `limit`. Returns the new log start offset.
   */
  applyRetention(now: number, retentionMs: number, retentionBytes: number, limit: number): number {
    let drop = 0;
    const closed = this.segmentBase.length - 1;
    while (drop < closed && this.segmentBase[drop + 1]! <= limit) {
      const expired = retentionMs >= 0 && now - this.segmentNewest[drop]! > retentionMs;
      const segmentSize = this.segmentBaseBytes[drop + 1]! - this.segmentBaseBytes[drop]!;
      const oversize =
        retentionBytes >= 0 && this.endBytes - this.segmentBaseBytes[drop]! - segmentSize >= retentionBytes;
      if (!expired && !oversize) break;
      drop++;
    }
    if (drop > 0) {
      this.segmentBase.splice(0, drop);
      this.segmentBaseBytes.splice(0, drop);
      this.segmentNewest.splice(0, drop);
      this.logStartOffset = this.segmentBase[0]!;
    }
    return this.logStartOffset;
  }

  /** After a truncation: segments that start at or above the new end are gone; the last left is active. */
  private truncateSegments(): void {
    while (this.segmentBase.length > 1 && this.segmentBase[this.segmentBase.length - 1]! >= this.endOffset) {
      this.segmentBase.pop();
      this.segmentBaseBytes.pop();
      this.segmentNewest.pop();
      // The segment left active had its newest time fixed when it closed; nothing above it remains.
      this.activeNewest = this.segmentNewest[this.segmentNewest.length - 1]!;
      this.activeBaseBytes = this.segmentBaseBytes[this.segmentBaseBytes.length - 1]!;
    }
  }

  /**
   * Closed segment k (0 = the oldest held): its offsets [baseOffset, endOffset), byte positions and
   * newest creation time; undefined past the last closed one. Tiered storage copies and deletes by it.
   */
  closedSegment(k: number): ClosedSegment | undefined {
    if (k < 0 || k >= this.segmentBase.length - 1) return undefined;
    return {
      baseOffset: this.segmentBase[k]!,
      endOffset: this.segmentBase[k + 1]!,
      baseBytes: this.segmentBaseBytes[k]!,
      endBytes: this.segmentBaseBytes[k + 1]!,
      newestMs: this.segmentNewest[k]!,
    };
  }

  get liveChunks(): number {
    return this.size;
  }
}
