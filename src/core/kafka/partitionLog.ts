// The records of one partition as chunks: a run of consecutive offsets with a byte size and the span
// of their creation times. Replicas share one log and differ only in how far they have copied it
// (their log end offset), which is what Kafka's follower logs are: prefixes of the leader's.
// Chunks are kept column-wise in typed arrays (a ring buffer), so appending allocates nothing.

/** A slice of records read from the log: how many, and the creation times of its first and last. */
export type SliceVisitor = (count: number, createStart: number, createEnd: number) => void;

/** Above this many live chunks, new chunks merge into the last one when close in time. */
const CHUNK_SOFT_LIMIT = 2048;
const INITIAL_CAPACITY = 64;
/** Chunks `find` checks one by one from the end before it searches the rest by bisection. */
const TAIL_SCAN = 8;

export class PartitionLog {
  // Columns of the ring buffer; chunk k (0 = oldest live) sits at (head + k) & mask.
  private baseOffset = new Float64Array(INITIAL_CAPACITY);
  private count = new Float64Array(INITIAL_CAPACITY);
  private baseBytes = new Float64Array(INITIAL_CAPACITY);
  private bytes = new Float64Array(INITIAL_CAPACITY);
  private createStart = new Float64Array(INITIAL_CAPACITY);
  private createEnd = new Float64Array(INITIAL_CAPACITY);
  private mask = INITIAL_CAPACITY - 1;
  private head = 0;
  private size = 0;
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

  private slot(k: number): number {
    return (this.head + k) & this.mask;
  }

  append(count: number, bytes: number, createStart: number, createEnd: number): void {
    if (count <= 0) return;
    if (this.size > CHUNK_SOFT_LIMIT) {
      // Keep memory bounded when readers fall far behind: coarsen creation times to a small
      // fraction of the span the log holds, which is far below the latency such readers see.
      const last = this.slot(this.size - 1);
      const resolution = (createEnd - this.createStart[this.head]!) / CHUNK_SOFT_LIMIT;
      if (createStart - this.createStart[last]! <= resolution) {
        this.count[last]! += count;
        this.bytes[last]! += bytes;
        if (createEnd > this.createEnd[last]!) this.createEnd[last] = createEnd;
        this.version++;
        this.endOffset += count;
        this.endBytes += bytes;
        return;
      }
    }
    if (this.size === this.mask + 1) this.grow();
    const i = this.slot(this.size++);
    this.baseOffset[i] = this.endOffset;
    this.count[i] = count;
    this.baseBytes[i] = this.endBytes;
    this.bytes[i] = bytes;
    this.createStart[i] = createStart;
    this.createEnd[i] = createEnd;
    this.endOffset += count;
    this.endBytes += bytes;
  }

  private grow(): void {
    const capacity = (this.mask + 1) * 2;
    const copy = (from: Float64Array): Float64Array<ArrayBuffer> => {
      const to = new Float64Array(capacity);
      for (let k = 0; k < this.size; k++) to[k] = from[this.slot(k)]!;
      return to;
    };
    this.baseOffset = copy(this.baseOffset);
    this.count = copy(this.count);
    this.baseBytes = copy(this.baseBytes);
    this.bytes = copy(this.bytes);
    this.createStart = copy(this.createStart);
    this.createEnd = copy(this.createEnd);
    this.head = 0;
    this.mask = capacity - 1;
  }

  /** Position k (0 = oldest live chunk) of the chunk holding `offset`; assumes the log is not empty. */
  private find(offset: number): number {
    // Most reads are near the end of the log (followers a round trip behind, caught-up consumers,
    // the start of a fetched range): walk back a few chunks before searching the whole log.
    const last = this.size - 1;
    const stop = last > TAIL_SCAN ? last - TAIL_SCAN : 0;
    for (let k = last; k >= stop; k--) if (this.baseOffset[this.slot(k)]! <= offset) return k;
    if (stop === 0) return 0;
    let lo = 0;
    let hi = stop - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.baseOffset[this.slot(mid)]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Byte position of an offset (interpolated inside a chunk). */
  bytesAt(offset: number): number {
    if (offset >= this.endOffset || this.size === 0) return this.endBytes;
    const i = this.slot(this.find(Math.max(offset, this.startOffset)));
    const base = this.baseOffset[i]!;
    // At a chunk's first offset (where followers' reads start) there is nothing to interpolate.
    if (offset <= base) return this.baseBytes[i]!;
    return this.baseBytes[i]! + (this.bytes[i]! * (offset - base)) / this.count[i]!;
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
    while (k + 1 < this.size && this.baseBytes[this.slot(k + 1)]! <= target) k++;
    const i = this.slot(k);
    const perRecord = this.bytes[i]! / this.count[i]!;
    const end = this.baseOffset[i]! + Math.floor((target - this.baseBytes[i]!) / perRecord);
    return Math.min(limit, Math.max(from + 1, end));
  }

  /** Visits [from, to) as slices with their creation-time spans (interpolated in a chunk). */
  forEachSlice(from: number, to: number, visit: SliceVisitor): void {
    if (to <= from || this.size === 0) return;
    let k = this.find(Math.max(from, this.startOffset));
    let offset = from;
    while (offset < to && k < this.size) {
      const i = this.slot(k);
      const base = this.baseOffset[i]!;
      const n = this.count[i]!;
      const a = Math.max(offset, base);
      const b = Math.min(to, base + n);
      if (b > a) {
        // A chunk's times are its first and last record's; the records in between are evenly spaced.
        const s0 = this.createStart[i]!;
        const step = n > 1 ? (this.createEnd[i]! - s0) / (n - 1) : 0;
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
    const n = this.count[i]!;
    const k = Math.min(Math.max(offset - this.baseOffset[i]!, 0), n - 1);
    return n > 1
      ? this.createStart[i]! + ((this.createEnd[i]! - this.createStart[i]!) * k) / (n - 1)
      : this.createStart[i]!;
  }

  /** Forgets whole chunks that end at or before `offset`. */
  trimBefore(offset: number): void {
    while (this.size > 0) {
      const i = this.head;
      const end = this.baseOffset[i]! + this.count[i]!;
      if (end > offset) break;
      this.head = (this.head + 1) & this.mask;
      this.size--;
      this.startOffset = end;
      this.version++;
    }
  }

  get liveChunks(): number {
    return this.size;
  }
}
