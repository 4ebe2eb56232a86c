// Priority queue of simulation events: the engine's main loop repeatedly pops the earliest event.

/** Min-heap ordered by (time, seq): events at equal times pop in insertion order, which keeps runs deterministic. */
export interface Timed {
  time: number;
  seq: number;
}

export class EventQueue<T extends Timed> {
  private heap: T[] = [];
  private seqCounter = 0;
  /** Sequence numbers for `pushFirst`: below every ordinary one, in their own insertion order. */
  private firstCounter = -Number.MAX_SAFE_INTEGER;

  get size(): number {
    return this.heap.length;
  }

  /** Counter the next push will use; exposed so snapshots can record it. */
  get nextSeq(): number {
    return this.seqCounter;
  }

  /** The caller sets time; the queue stamps seq so that equal times keep their insertion order. */
  push(e: T): void {
    e.seq = this.seqCounter++;
    this.siftIn(e);
  }

  /**
   * Pushes an event that runs before every ordinary event at the same time (fault timeline
   * events), without using up an ordinary sequence number, so adding one later changes nothing else.
   */
  pushFirst(e: T): void {
    e.seq = this.firstCounter++;
    this.siftIn(e);
  }

  private siftIn(e: T): void {
    const heap = this.heap;
    // Hole-based sift up: move parents down into the hole and write e once at the end.
    let i = heap.length;
    heap.push(e);
    const time = e.time;
    const seq = e.seq;
    while (i > 0) {
      const pi = (i - 1) >> 1;
      const parent = heap[pi]!;
      if (parent.time < time || (parent.time === time && parent.seq < seq)) break;
      heap[i] = parent;
      i = pi;
    }
    heap[i] = e;
  }

  pop(): T | undefined {
    const heap = this.heap;
    const n = heap.length;
    if (n === 0) return undefined;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (n > 1) this.siftDown(last, n - 1);
    return top;
  }

  peek(): T | undefined {
    return this.heap[0];
  }

  /** Time of the earliest event, Infinity when empty, so callers can compare against a horizon without a check. */
  peekTime(): number {
    const top = this.heap[0];
    return top === undefined ? Infinity : top.time;
  }

  /** Drops all events; the seq counter keeps counting so seqs stay unique over the queue's life. */
  clear(): void {
    this.heap.length = 0;
  }

  /** Places e (the former last element) starting from the root of a heap of length n. */
  private siftDown(e: T, n: number): void {
    const heap = this.heap;
    const time = e.time;
    const seq = e.seq;
    let i = 0;
    const half = n >> 1;
    while (i < half) {
      let ci = 2 * i + 1;
      let child = heap[ci]!;
      const ri = ci + 1;
      if (ri < n) {
        const right = heap[ri]!;
        if (right.time < child.time || (right.time === child.time && right.seq < child.seq)) {
          ci = ri;
          child = right;
        }
      }
      if (time < child.time || (time === child.time && seq < child.seq)) break;
      heap[i] = child;
      i = ci;
    }
    heap[i] = e;
  }
}
