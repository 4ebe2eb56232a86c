// The records of one partition as chunks: a run of consecutive offsets with a byte size and the span
// of their creation times. Replicas share one log and differ only in how far they have copied it
// (their log end offset), which is what Kafka's follower logs are: prefixes of the leader's.

export interface Chunk {
  baseOffset: number;
  count: number;
  /** Bytes in the log before this chunk, so byte ranges are found without summing. */
  baseBytes: number;
  bytes: number;
  createStart: number;
  createEnd: number;
}

/** A slice of records read from the log. */
export type SliceVisitor = (count: number, createStart: number, createEnd: number) => void;

/** Above this many live chunks, new chunks merge into the last one when close in time. */
const CHUNK_SOFT_LIMIT = 2048;

export class PartitionLog {
  private chunks: Chunk[] = [];
  private head = 0;
  /** First offset still held. */
  startOffset = 0;
  /** Log end offset: the next offset to be written. */
  endOffset = 0;
  /** Bytes ever appended (the position of endOffset in bytes). */
  endBytes = 0;

  append(count: number, bytes: number, createStart: number, createEnd: number): void {
    if (count <= 0) return;
    const live = this.chunks.length - this.head;
    const last = this.chunks[this.chunks.length - 1];
    if (last && live > CHUNK_SOFT_LIMIT) {
      // Keep memory bounded when readers fall far behind: coarsen creation times to a small
      // fraction of the span the log holds, which is far below the latency such readers see.
      const first = this.chunks[this.head]!;
      const resolution = (createEnd - first.createStart) / CHUNK_SOFT_LIMIT;
      if (createStart - last.createStart <= resolution) {
        last.count += count;
        last.bytes += bytes;
        if (createEnd > last.createEnd) last.createEnd = createEnd;
        this.endOffset += count;
        this.endBytes += bytes;
        return;
      }
    }
    this.chunks.push({
      baseOffset: this.endOffset,
      count,
      baseBytes: this.endBytes,
      bytes,
      createStart,
      createEnd,
    });
    this.endOffset += count;
    this.endBytes += bytes;
  }

  /** Index of the chunk holding `offset` (startOffset <= offset < endOffset). */
  private find(offset: number): number {
    // Most reads are near the end of the log (followers, caught-up consumers): check there first.
    const last = this.chunks.length - 1;
    if (last >= this.head && this.chunks[last]!.baseOffset <= offset) return last;
    let lo = this.head;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunks[mid]!.baseOffset <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Byte position of an offset (interpolated inside a chunk). */
  bytesAt(offset: number): number {
    if (offset >= this.endOffset) return this.endBytes;
    if (this.chunks.length === this.head) return this.endBytes;
    const c = this.chunks[this.find(Math.max(offset, this.startOffset))]!;
    return c.baseBytes + (c.bytes * (Math.max(offset, c.baseOffset) - c.baseOffset)) / c.count;
  }

  bytesBetween(from: number, to: number): number {
    return to > from ? this.bytesAt(to) - this.bytesAt(from) : 0;
  }

  /** The end of a read from `from` toward `limit` holding at most `maxBytes` (but at least one record). */
  readEnd(from: number, limit: number, maxBytes: number): number {
    if (limit <= from) return from;
    if (this.bytesBetween(from, limit) <= maxBytes) return limit;
    const target = this.bytesAt(from) + maxBytes;
    const c = this.chunks[this.find(from)]!;
    let i = this.find(from);
    // Walk to the chunk where the byte budget runs out; usually the first or second.
    while (i + 1 < this.chunks.length && this.chunks[i + 1]!.baseBytes <= target) i++;
    const k = this.chunks[i] ?? c;
    const perRecord = k.bytes / k.count;
    const end = k.baseOffset + Math.floor((target - k.baseBytes) / perRecord);
    return Math.min(limit, Math.max(from + 1, end));
  }

  /** Visits [from, to) as slices with their creation-time spans (interpolated in a chunk). */
  forEachSlice(from: number, to: number, visit: SliceVisitor): void {
    if (to <= from || this.chunks.length === this.head) return;
    let i = this.find(Math.max(from, this.startOffset));
    let offset = from;
    while (offset < to && i < this.chunks.length) {
      const c = this.chunks[i]!;
      const a = Math.max(offset, c.baseOffset);
      const b = Math.min(to, c.baseOffset + c.count);
      if (b > a) {
        const span = c.createEnd - c.createStart;
        const s = c.createStart + (span * (a - c.baseOffset)) / c.count;
        const e = c.createStart + (span * (b - c.baseOffset)) / c.count;
        visit(b - a, s, e);
      }
      offset = b;
      i++;
    }
  }

  /** Creation time of the record at `offset` (interpolated inside its chunk). */
  createTimeAt(offset: number): number {
    const c = this.chunks[this.find(Math.max(offset, this.startOffset))];
    if (!c) return 0;
    const k = Math.min(Math.max(offset - c.baseOffset, 0), c.count - 1);
    return c.count > 1 ? c.createStart + ((c.createEnd - c.createStart) * k) / (c.count - 1) : c.createStart;
  }

  /** Forgets whole chunks that end at or before `offset`. */
  trimBefore(offset: number): void {
    const chunks = this.chunks;
    while (this.head < chunks.length) {
      const c = chunks[this.head]!;
      if (c.baseOffset + c.count > offset) break;
      this.head++;
      this.startOffset = c.baseOffset + c.count;
    }
    if (this.head > 4096 && this.head * 2 > chunks.length) {
      this.chunks = chunks.slice(this.head);
      this.head = 0;
    }
  }

  get liveChunks(): number {
    return this.chunks.length - this.head;
  }
}
