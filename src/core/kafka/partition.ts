// One topic partition: its replicas, leader, high watermark, and who waits on it.
import { PartitionLog } from './partitionLog';

/** Something parked at a partition until its log or high watermark moves (a long-poll fetch). */
export interface PartitionWaiter {
  /** Returns true to keep waiting on this partition, false once answered (or no longer waiting). */
  wake(now: number): boolean;
  /** True once answered; such waiters are dropped from lists lazily. */
  readonly done: boolean;
}

/**
 * Waiters in arrival order. The live length is kept apart from the array's: setting an array's
 * length lower lets V8 shrink its storage, and these lists empty and refill thousands of times a
 * second, so they would be reallocated each time.
 */
class WaiterList {
  private items: PartitionWaiter[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Appends a waiter; when the list holds many, drops the answered ones (parked on several partitions, answered via another). */
  add(w: PartitionWaiter): void {
    const items = this.items;
    if (this.count < items.length) items[this.count] = w;
    else items.push(w);
    const n = ++this.count;
    if (n >= 64 && (n & (n - 1)) === 0) {
      let kept = 0;
      for (let i = 0; i < n; i++) if (!items[i]!.done) items[kept++] = items[i]!;
      this.truncate(kept);
    }
  }

  /**
   * Wakes every waiter and keeps, in place and in order, those that still wait. Waking only
   * schedules events, so nothing re-enters this list while it is being walked.
   */
  wakeAll(now: number): void {
    const items = this.items;
    const n = this.count;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const w = items[i]!;
      if (w.wake(now)) items[kept++] = w;
    }
    this.truncate(kept);
  }

  /** Keeps the first `kept`; clears the slots after them so answered requests can be collected. */
  private truncate(kept: number): void {
    const items = this.items;
    for (let i = kept; i < this.count; i++) items[i] = EMPTY;
    this.count = kept;
  }
}

/** Fills freed slots so the array keeps one element type. */
const EMPTY: PartitionWaiter = { wake: () => false, done: true };

/** A produce waiting for acks=all: complete once the high watermark reaches `endOffset`. */
export interface AckWaiter {
  endOffset: number;
  onReplicated(now: number): void;
}

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

  private ackWaiters: AckWaiter[] = [];
  private ackHead = 0;
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
    for (const end of this.leaderView) if (end < hw) hw = end;
    if (hw <= this.highWatermark) return false;
    this.highWatermark = hw;
    const waiters = this.ackWaiters;
    while (this.ackHead < waiters.length && waiters[this.ackHead]!.endOffset <= hw) {
      waiters[this.ackHead++]!.onReplicated(now);
    }
    if (this.ackHead > 256 && this.ackHead * 2 > waiters.length) {
      this.ackWaiters = waiters.slice(this.ackHead);
      this.ackHead = 0;
    }
    return true;
  }

  waitForReplication(w: AckWaiter, now: number): void {
    if (w.endOffset <= this.highWatermark) w.onReplicated(now);
    else this.ackWaiters.push(w);
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
