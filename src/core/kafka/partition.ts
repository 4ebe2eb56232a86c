// One topic partition: its replicas, leader, high watermark, and who waits on it.
import { PartitionLog } from './partitionLog';

/** Something parked at a partition until its log or high watermark moves (a long-poll fetch). */
export interface PartitionWaiter {
  /** Returns true to keep waiting on this partition, false once answered (or no longer waiting). */
  wake(now: number): boolean;
  /**
   * Changes whenever the waiter is answered. A waiter is sent again after its answer, so a list
   * entry made under an older generation is stale and is dropped without being woken.
   */
  readonly generation: number;
}

/**
 * Waiters in arrival order. The live length is kept apart from the array's: setting an array's
 * length lower lets V8 shrink its storage, and these lists empty and refill thousands of times a
 * second, so they would be reallocated each time.
 */
class WaiterList {
  private readonly items: PartitionWaiter[] = [];
  /** Each entry's waiter generation when it was parked. */
  private readonly generations: number[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Appends a waiter; when the list holds many, drops stale ones (parked on several partitions, answered via another). */
  add(w: PartitionWaiter): void {
    const items = this.items;
    const generations = this.generations;
    if (this.count < items.length) {
      items[this.count] = w;
      generations[this.count] = w.generation;
    } else {
      items.push(w);
      generations.push(w.generation);
    }
    const n = ++this.count;
    if (n >= 64 && (n & (n - 1)) === 0) {
      let kept = 0;
      for (let i = 0; i < n; i++) {
        const x = items[i]!;
        if (generations[i] !== x.generation) continue;
        items[kept] = x;
        generations[kept++] = x.generation;
      }
      this.count = kept;
    }
  }

  /**
   * Wakes every waiter and keeps, in place and in order, those that still wait. Waking only
   * schedules events, so nothing re-enters this list while it is being walked.
   */
  wakeAll(now: number): void {
    const items = this.items;
    const generations = this.generations;
    const n = this.count;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const w = items[i]!;
      const generation = generations[i]!;
      if (generation !== w.generation || !w.wake(now)) continue;
      items[kept] = w;
      generations[kept++] = generation;
    }
    this.count = kept;
  }
}

/** A produce waiting for acks=all: complete once the high watermark reaches `endOffset`. */
export interface AckWaiter {
  endOffset: number;
  onReplicated(now: number): void;
}

/** Fills the slots of completed waits. */
const REPLICATED: AckWaiter = { endOffset: 0, onReplicated: () => {} };

export class Partition {
  readonly log = new PartitionLog();
  /** Broker index of the leader. */
  leader: number;
  /** Log end offset each replica really has, by position in `replicas`. */
  readonly replicaEnd: number[];
  /** The leader's view of each follower's log end, learned from the follower's fetches. */
  readonly leaderView: number[];
  /** Offsets below this are on every in-sync replica; consumers read only below it. */
  highWatermark = 0;

  /** Produce batches waiting for the high watermark, in offset order: [ackHead, ackTail) of the array, whose storage is reused. */
  private readonly ackWaiters: AckWaiter[] = [];
  private ackHead = 0;
  private ackTail = 0;
  private readonly logWaiters = new WaiterList();
  private readonly hwWaiters = new WaiterList();

  /** Records and bytes appended in the current metrics second. */
  appendedRecords = 0;
  appendedBytes = 0;
  totalAppended = 0;

  constructor(
    readonly topicId: string,
    readonly index: number,
    /** Broker indexes; the first is the preferred leader. */
    readonly replicas: number[],
  ) {
    this.leader = replicas[0]!;
    this.replicaEnd = replicas.map(() => 0);
    this.leaderView = replicas.map(() => 0);
  }

  get name(): string {
    return `${this.topicId}-${this.index}`;
  }

  replicaPosition(broker: number): number {
    return broker === this.leader ? this.leaderPosition : this.replicas.indexOf(broker);
  }

  /** Position of the leader in `replicas`. */
  private get leaderPosition(): number {
    return this.replicas[0] === this.leader ? 0 : this.replicas.indexOf(this.leader);
  }

  /** Appends on the leader. The caller wakes log waiters once all of a request's batches are in. */
  appendOnLeader(count: number, bytes: number, createStart: number, createEnd: number): number {
    this.log.append(count, bytes, createStart, createEnd);
    const pos = this.replicaPosition(this.leader);
    this.replicaEnd[pos] = this.log.endOffset;
    this.leaderView[pos] = this.log.endOffset;
    this.appendedRecords += count;
    this.appendedBytes += bytes;
    this.totalAppended += count;
    return this.log.endOffset;
  }

  /**
   * Recomputes the high watermark from the leader's view of every replica (all replicas count as
   * in sync in this version). Completes acks=all waits it passes. Returns true when it moved.
   */
  updateHighWatermark(now: number): boolean {
    let hw = Infinity;
    const views = this.leaderView;
    for (let i = 0; i < views.length; i++) if (views[i]! < hw) hw = views[i]!;
    if (hw <= this.highWatermark) return false;
    this.highWatermark = hw;
    const waiters = this.ackWaiters;
    while (this.ackHead < this.ackTail && waiters[this.ackHead]!.endOffset <= hw) {
      const w = waiters[this.ackHead]!;
      // Let go of the batch at once: held until the next compaction, it would outlive the young
      // generation and be promoted, by the thousand per simulated second.
      waiters[this.ackHead++] = REPLICATED;
      w.onReplicated(now);
    }
    if (this.ackHead === this.ackTail) this.ackHead = this.ackTail = 0;
    else if (this.ackHead > 256 && this.ackHead * 2 > this.ackTail) {
      waiters.copyWithin(0, this.ackHead, this.ackTail);
      this.ackTail -= this.ackHead;
      waiters.fill(REPLICATED, this.ackTail, this.ackTail + this.ackHead);
      this.ackHead = 0;
    }
    return true;
  }

  waitForReplication(w: AckWaiter, now: number): void {
    if (w.endOffset <= this.highWatermark) w.onReplicated(now);
    else if (this.ackTail < this.ackWaiters.length) this.ackWaiters[this.ackTail++] = w;
    else {
      this.ackWaiters.push(w);
      this.ackTail++;
    }
  }

  parkUntilAppend(w: PartitionWaiter): void {
    this.logWaiters.add(w);
  }

  parkUntilHighWatermark(w: PartitionWaiter): void {
    this.hwWaiters.add(w);
  }

  wakeLogWaiters(now: number): void {
    if (this.logWaiters.size > 0) this.logWaiters.wakeAll(now);
  }

  wakeHighWatermarkWaiters(now: number): void {
    if (this.hwWaiters.size > 0) this.hwWaiters.wakeAll(now);
  }
}
