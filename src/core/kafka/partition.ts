// One topic partition: its replicas, leader, high watermark, and who waits on it.
import { PartitionLog } from './partitionLog';

/** Something parked at a partition until its log or high watermark moves (a long-poll fetch). */
export interface PartitionWaiter {
  /** Returns true to keep waiting on this partition, false once answered (or no longer waiting). */
  wake(now: number): boolean;
  /** True once answered; such waiters are dropped from lists lazily. */
  readonly done: boolean;
}

/** Appends a waiter; when a list holds many, drops the answered ones (parked on several partitions, answered via another). */
function park(waiters: PartitionWaiter[], w: PartitionWaiter): void {
  waiters.push(w);
  if (waiters.length >= 64 && (waiters.length & (waiters.length - 1)) === 0) {
    let kept = 0;
    for (const x of waiters) if (!x.done) waiters[kept++] = x;
    waiters.length = kept;
  }
}

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
  private logWaiters: PartitionWaiter[] = [];
  private hwWaiters: PartitionWaiter[] = [];

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
    park(this.logWaiters, w);
  }

  parkUntilHighWatermark(w: PartitionWaiter): void {
    park(this.hwWaiters, w);
  }

  wakeLogWaiters(now: number): void {
    if (this.logWaiters.length > 0) wakeAll(this.logWaiters, now);
  }

  wakeHighWatermarkWaiters(now: number): void {
    if (this.hwWaiters.length > 0) wakeAll(this.hwWaiters, now);
  }
}

/**
 * Wakes every waiter and keeps, in place and in order, those that still wait. Waking only
 * schedules events, so nothing re-enters this list while it is being walked.
 */
function wakeAll(waiters: PartitionWaiter[], now: number): void {
  let kept = 0;
  const n = waiters.length;
  for (let i = 0; i < n; i++) {
    const w = waiters[i]!;
    if (w.wake(now)) waiters[kept++] = w;
  }
  waiters.length = kept;
}
