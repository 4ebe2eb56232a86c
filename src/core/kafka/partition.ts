// One topic partition: its replicas, leader, high watermark, and who waits on it.
import { isrOf, type ClusterEventLog } from './clusterEvents';
import type { CompactedPartition } from './compaction';
import { PartitionLog } from './partitionLog';
import type { ProduceRequest } from './requests';
import type { RemoteLog } from './tieredStorage';
import { transactionsOf, type PartitionTransactions, type Transaction } from './transactions';

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
  /** The request that carried it, told when the wait is abandoned (the leader moved). */
  request?: ProduceRequest | undefined;
}

/** Why a leader moved while both brokers are alive (neither a failover nor unclean). */
export type LeaderMoveReason = 'preferred' | 'reassignment';

export const NOT_LEADER_AFTER_MOVE =
  'NotLeaderOrFollower: leadership moved to another replica (preferred leader election or reassignment)';

export const LOST_FAILOVER = 'leader failover: acknowledged records not yet on the new leader were truncated';
export const LOST_UNCLEAN =
  'unclean leader election: an out-of-sync replica became leader and truncated the log';

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
  /**
   * The high watermark each follower learned with its last fetch, by position in `replicas`:
   * what a consumer fetching from that follower may read. Kept only with `followerReads`.
   */
  readonly followerHw: number[];
  /** Some consumer fetches from followers: their appends wake the consumers parked here. */
  followerReads = false;

  /** Produce batches waiting for the high watermark, in offset order: [ackHead, ackTail) of the array, whose storage is reused. */
  private readonly ackWaiters: AckWaiter[] = [];
  private ackHead = 0;
  private ackTail = 0;
  private readonly logWaiters = new WaiterList();
  private readonly hwWaiters = new WaiterList();

  /** Which replicas (by position) are in the ISR, and how many. */
  readonly inSync: boolean[];
  isrSize: number;
  /** No live in-sync replica to lead (unclean election disabled): writes are refused. */
  offline = false;
  /** Replication settings: min.insync.replicas and replica.lag.time.max.ms. */
  minInsyncReplicas = 1;
  lagTimeMaxMs = 30_000;
  uncleanLeaderElection = false;
  /** When each follower was last caught up to the leader's log end, as Kafka's leader tracks it. */
  private readonly lastCaughtUpMs: number[];
  private readonly lastFetchLeo: number[];
  private readonly lastFetchMs: number[];
  /**
   * Appends that a failover could still truncate (above what every replica has): end offset,
   * record count and the request, so truncated records that were acknowledged count as lost.
   * Kept only with more than one replica; [riskHead, riskTail) of the arrays is live. The arrays
   * keep their storage when emptied (writes go by index), so the hot path allocates nothing.
   */
  private readonly riskEnd: number[] = [];
  private readonly riskCount: number[] = [];
  private readonly riskRequest: (ProduceRequest | undefined)[] = [];
  private riskHead = 0;
  private riskTail = 0;

  /**
   * The log end each failover cut left, in order (rare, so kept whole): a batch written before the
   * k-th cut is still in the log up to the least of the ends from the k-th on.
   */
  private readonly cutEnds: number[] = [];

  /** flush.messages: each replica fsyncs its log once this many records were appended since the last. */
  flushMessages = Infinity;
  /** flush.ms: the log flusher fsyncs a replica's log once this long has passed since its last fsync. */
  flushMs = Infinity;
  /** Per replica: records appended since its last fsync, and when that was. */
  private readonly unflushed: number[];
  private readonly lastFlushMs: number[];

  /**
   * Where leader and ISR changes are written down as they happen (set by the simulation once the
   * partition exists, so its first leader is not an election). Only written, never read here.
   */
  events: ClusterEventLog | undefined;

  /** Tiered storage's marks (remote.storage.enable); undefined for a topic kept only on local disks. */
  remote: RemoteLog | undefined;
  /** Transactions that wrote here (open ones, aborted ranges, markers); undefined until one does. */
  txns: PartitionTransactions | undefined;
  /**
   * The log cleaner's view of a compacted topic's partition (cleanup.policy compact): consumers
   * read its cleaned head, one record per key; undefined for a topic that only deletes.
   */
  compacted: CompactedPartition | undefined;

  /** Records and bytes appended in the current metrics second. */
  appendedRecords = 0;
  appendedBytes = 0;
  totalAppended = 0;
  /** Bytes appended in the last whole metrics second (a reassignment's copy chases them). */
  bytesPerSec = 0;

  constructor(
    readonly topicId: string,
    readonly index: number,
    /** Broker indexes; the first is the preferred leader. */
    readonly replicas: number[],
  ) {
    this.leader = replicas[0]!;
    this.replicaEnd = replicas.map(() => 0);
    this.leaderView = replicas.map(() => 0);
    this.inSync = replicas.map(() => true);
    this.isrSize = replicas.length;
    this.lastCaughtUpMs = replicas.map(() => 0);
    this.lastFetchLeo = replicas.map(() => 0);
    this.lastFetchMs = replicas.map(() => 0);
    this.unflushed = replicas.map(() => 0);
    this.lastFlushMs = replicas.map(() => 0);
    this.followerHw = replicas.map(() => 0);
  }

  /** What a consumer fetching from the replica on `broker` may read up to. */
  followerHighWatermark(broker: number): number {
    const pos = this.replicas.indexOf(broker);
    if (pos < 0) return 0;
    const end = this.replicaEnd[pos]!;
    const hw = this.followerHw[pos]!;
    return hw < end ? hw : end;
  }

  /** A follower appended a fetch answer carrying the leader's high watermark. */
  followerFetched(pos: number, now: number): void {
    const hw = this.highWatermark;
    if (hw <= this.followerHw[pos]!) return;
    this.followerHw[pos] = hw;
    this.wakeHighWatermarkWaiters(now);
  }

  /**
   * `count` records were appended to the replica on `broker`; true when that reaches flush.messages,
   * so the append must fsync the log (Kafka does it in the appending thread).
   */
  noteUnflushed(broker: number, count: number, now: number): boolean {
    if (this.flushMessages === Infinity && this.flushMs === Infinity) return false;
    const pos = this.replicaPosition(broker);
    const n = this.unflushed[pos]! + count;
    if (n < this.flushMessages) {
      this.unflushed[pos] = n;
      return false;
    }
    this.unflushed[pos] = 0;
    this.lastFlushMs[pos] = now;
    return true;
  }

  /**
   * The log flusher's check of the replica on `broker`: true when it holds unflushed records and its
   * last fsync is flush.ms old or more (the flusher then fsyncs it, and that counts from now).
   */
  flushDue(broker: number, now: number): boolean {
    const pos = this.replicas.indexOf(broker);
    if (pos < 0 || this.unflushed[pos] === 0 || now - this.lastFlushMs[pos]! < this.flushMs) return false;
    this.unflushed[pos] = 0;
    this.lastFlushMs[pos] = now;
    return true;
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
  appendOnLeader(
    count: number,
    bytes: number,
    createStart: number,
    createEnd: number,
    request?: ProduceRequest,
    txn?: Transaction,
  ): number {
    this.log.append(count, bytes, createStart, createEnd);
    if (txn) transactionsOf(this).append(txn, this.log.endOffset - count, count);
    if (request && this.replicas.length > 1) {
      const t = this.riskTail++;
      this.riskEnd[t] = this.log.endOffset;
      this.riskCount[t] = count;
      this.riskRequest[t] = request;
    }
    const pos = this.replicaPosition(this.leader);
    this.replicaEnd[pos] = this.log.endOffset;
    this.leaderView[pos] = this.log.endOffset;
    this.appendedRecords += count;
    this.appendedBytes += bytes;
    this.totalAppended += count;
    return this.log.endOffset;
  }

  /**
   * Appends a control batch (a transaction marker) on the leader: one offset and its bytes, copied
   * by the followers like any batch, but not a record (not counted as appended). Returns its offset.
   */
  appendControlBatch(bytes: number, now: number): number {
    const offset = this.log.endOffset;
    this.log.append(1, bytes, now, now);
    const pos = this.replicaPosition(this.leader);
    this.replicaEnd[pos] = this.log.endOffset;
    this.leaderView[pos] = this.log.endOffset;
    this.appendedBytes += bytes;
    return offset;
  }

  /** Records appended before the run started are on every replica: all of them are replicated. */
  /**
   * End of the records the topic held when the run started (topic.prefillRecords): a backlog
   * written before the run, whose age is the setup's doing. Readers leave it out of the latency.
   */
  prefillEnd = 0;

  prefilled(): void {
    const end = this.log.endOffset;
    this.prefillEnd = end;
    this.followerHw.fill(end);
    this.replicaEnd.fill(end);
    this.leaderView.fill(end);
    this.highWatermark = end;
    this.appendedRecords = 0;
    this.appendedBytes = 0;
    this.totalAppended = 0;
  }

  /**
   * Recomputes the high watermark from the leader's view of the in-sync replicas. Completes
   * acks=all waits it passes. Returns true when it moved.
   */
  updateHighWatermark(now: number): boolean {
    let hw = Infinity;
    const views = this.leaderView;
    const full = this.isrSize === views.length;
    for (let i = 0; i < views.length; i++) if (views[i]! < hw && (full || this.inSync[i])) hw = views[i]!;
    if (full && this.riskHead < this.riskTail) this.settleBelow(hw);
    if (this.underMinIsr) return false;
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

  /**
   * Kafka 3.7 and later (KAFKA-15583, Partition.maybeIncrementLeaderHW) hold the high watermark
   * while the ISR is below min.insync.replicas (capped at the replica count): an acks=all batch
   * appended before the ISR shrank is then neither acknowledged nor, as Kafka 3.6 and earlier
   * did, answered NOT_ENOUGH_REPLICAS_AFTER_APPEND once the ISR is the leader alone. It waits
   * until the ISR is back (then succeeds) or its request times out; consumers do not see it.
   */
  get underMinIsr(): boolean {
    return this.isrSize < Math.min(this.minInsyncReplicas, this.replicas.length);
  }

  /**
   * Stops waiting for `w` (its client gave up on the request that carried it): the batch may be
   * sent again and wait anew, and must not be answered twice.
   */
  dropAckWait(w: AckWaiter): void {
    for (let k = this.ackHead; k < this.ackTail; k++)
      if (this.ackWaiters[k] === w) this.ackWaiters[k] = REPLICATED;
  }

  /**
   * The append that ended at `end` is now owned by `request` (an idempotent retry found it in the
   * log): whether truncating it loses acknowledged records depends on that request's answer.
   */
  reassignRisk(end: number, request: ProduceRequest): void {
    for (let k = this.riskTail - 1; k >= this.riskHead && this.riskEnd[k]! >= end; k--)
      if (this.riskEnd[k] === end) this.riskRequest[k] = request;
  }

  /** Forgets at-risk appends that every replica has: no election can truncate them any more. */
  settleBelow(offset: number): void {
    const ends = this.riskEnd;
    const requests = this.riskRequest;
    const tail = this.riskTail;
    let h = this.riskHead;
    // Settled entries let go of their request at once, so it can be collected young.
    while (h < tail && ends[h]! <= offset) requests[h++] = undefined;
    if (h === tail) {
      this.riskHead = this.riskTail = 0;
      return;
    }
    if (h > 1024 && h * 2 > tail) {
      // Mostly settled and long: move the live part to the front, keeping the storage.
      const counts = this.riskCount;
      for (let i = h; i < tail; i++) {
        ends[i - h] = ends[i]!;
        counts[i - h] = counts[i]!;
        requests[i - h] = requests[i];
        requests[i] = undefined;
      }
      this.riskTail = tail - h;
      h = 0;
    }
    this.riskHead = h;
  }

  /** The least log end the leader knows of any replica (in sync or not). */
  minReplicaView(): number {
    let m = Infinity;
    for (const v of this.leaderView) if (v < m) m = v;
    return m;
  }

  /**
   * Called by the leader for each follower fetch, before the view moves. Kafka's rule: a fetch
   * at the leader's log end means caught up now; one at least at the log end of the previous
   * fetch means caught up as of that fetch. A lagging follower back at the high watermark rejoins.
   */
  noteFollowerFetch(pos: number, offset: number, now: number): void {
    const leo = this.log.endOffset;
    if (offset >= leo) this.lastCaughtUpMs[pos] = now;
    else if (offset >= this.lastFetchLeo[pos]!) this.lastCaughtUpMs[pos] = this.lastFetchMs[pos]!;
    this.lastFetchLeo[pos] = leo;
    this.lastFetchMs[pos] = now;
    if (!this.inSync[pos] && offset >= this.highWatermark && !this.offline) {
      const before = this.events && this.isr();
      this.inSync[pos] = true;
      this.isrSize++;
      if (before) this.noteIsr(before, now);
    }
  }

  /** Drops followers not caught up for replica.lag.time.max.ms from the ISR (the leader's periodic check). */
  shrinkIsr(now: number): boolean {
    let changed = false;
    let before: number[] | undefined;
    const leaderPos = this.replicaPosition(this.leader);
    for (let i = 0; i < this.replicas.length; i++) {
      if (i === leaderPos || !this.inSync[i]) continue;
      if (now - this.lastCaughtUpMs[i]! > this.lagTimeMaxMs) {
        if (this.events && !before) before = this.isr();
        this.inSync[i] = false;
        this.isrSize--;
        changed = true;
      }
    }
    if (before) this.noteIsr(before, now);
    if (changed && this.updateHighWatermark(now)) this.wakeHighWatermarkWaiters(now);
    return changed;
  }

  /**
   * A reassignment changes the replica list to `next`, in its order (the first is the preferred
   * leader). Brokers kept keep what they have; a broker new to the list has copied the log up to
   * `newEnd` and is out of the ISR until its fetches catch up; brokers left out are dropped. The
   * caller moves the leadership first if the leader is among those dropped.
   */
  setReplicas(next: readonly number[], newEnd: number, now: number): void {
    const old = [...this.replicas];
    const keep = <T>(arr: T[], fresh: T) => {
      const copy = [...arr];
      arr.length = 0;
      for (const b of next) {
        const pos = old.indexOf(b);
        arr.push(pos >= 0 ? copy[pos]! : fresh);
      }
    };
    const before = this.events && this.isr();
    keep(this.replicaEnd, newEnd);
    keep(this.leaderView, newEnd);
    keep(this.inSync, false);
    keep(this.lastCaughtUpMs, now);
    keep(this.lastFetchLeo, 0);
    keep(this.lastFetchMs, now);
    keep(this.unflushed, 0);
    keep(this.lastFlushMs, now);
    keep(this.followerHw, 0);
    this.replicas.length = 0;
    this.replicas.push(...next);
    this.isrSize = this.inSync.filter(Boolean).length;
    // Only a change of who is in sync is news; the same brokers in the new list's order are not.
    // Replicas dropped from the list leave its ISR without shrinking it: compare with those kept.
    const kept = before?.filter((b) => next.includes(b));
    const after = kept && this.isr();
    if (kept && after && (after.length !== kept.length || after.some((b) => !kept.includes(b))))
      this.noteIsr(kept, now);
    if (this.updateHighWatermark(now)) this.wakeHighWatermarkWaiters(now);
  }

  removeFromIsr(broker: number, now: number): void {
    const pos = this.replicas.indexOf(broker);
    if (pos < 0 || !this.inSync[pos] || this.isrSize <= 1) return;
    const before = this.events && this.isr();
    this.inSync[pos] = false;
    this.isrSize--;
    if (before) this.noteIsr(before, now);
    if (this.updateHighWatermark(now)) this.wakeHighWatermarkWaiters(now);
  }

  /**
   * A new leader takes over (`unclean`: from outside the ISR). The log is cut back to its log
   * end; acknowledged records above it are lost, unacknowledged ones are retried by their
   * producers. Waits for acks=all on the old leader are abandoned (those requests time out).
   */
  changeLeader(broker: number, unclean: boolean, now: number, why?: LeaderMoveReason): void {
    const pos = this.replicas.indexOf(broker);
    const end = this.replicaEnd[pos]!;
    const events = this.events;
    if (events) {
      const at = { atMs: now, topic: this.topicId, partition: this.index };
      if (this.offline) events.add({ ...at, kind: 'partitionOnline', leader: broker, unclean });
      else if (why) events.add({ ...at, kind: 'leaderElected', from: this.leader, to: broker, unclean, why });
      else events.add({ ...at, kind: 'leaderElected', from: this.leader, to: broker, unclean });
    }
    const isrBefore = events && unclean ? this.isr() : undefined;
    // A leader handing over on a live broker answers what waits for replication with
    // NOT_LEADER_OR_FOLLOWER, and the producers retry on the new leader at once.
    if (why) this.refuseAckWaiters(now);
    else this.abandonAckWaiters(now);
    if (end < this.log.endOffset) this.truncate(end, unclean ? LOST_UNCLEAN : LOST_FAILOVER);
    this.leader = broker;
    this.offline = false;
    this.leaderView[pos] = end;
    if (unclean) {
      for (let i = 0; i < this.inSync.length; i++) this.inSync[i] = i === pos;
      this.isrSize = 1;
      if (isrBefore) this.noteIsr(isrBefore, now);
    }
    // The new leader starts its followers' lag clocks afresh, as Kafka does on becoming leader.
    for (let i = 0; i < this.replicas.length; i++) {
      this.lastCaughtUpMs[i] = now;
      this.lastFetchLeo[i] = 0;
      this.lastFetchMs[i] = now;
    }
    this.updateHighWatermark(now);
    this.wakeHighWatermarkWaiters(now);
    this.wakeLogWaiters(now);
  }

  goOffline(now: number): void {
    if (!this.offline)
      this.events?.add({
        kind: 'partitionOffline',
        atMs: now,
        topic: this.topicId,
        partition: this.index,
        lastLeader: this.leader,
      });
    this.offline = true;
    this.abandonAckWaiters(now);
  }

  /** The in-sync replicas, in assignment order. */
  isr(): number[] {
    return isrOf(this.replicas, this.inSync);
  }

  /** Writes down an ISR change (nothing when the list ends as it began). */
  private noteIsr(before: number[], now: number): void {
    const after = this.isr();
    if (after.length === before.length && after.every((r, i) => r === before[i])) return;
    const kind =
      after.length < before.length ? 'isrShrink' : after.length > before.length ? 'isrExpand' : 'isrChange';
    this.events?.add({
      kind,
      atMs: now,
      topic: this.topicId,
      partition: this.index,
      from: before,
      to: after,
    });
  }

  private truncate(end: number, reason: string): void {
    const ends = this.riskEnd;
    while (this.riskTail > this.riskHead && ends[this.riskTail - 1]! > end) {
      const k = this.riskTail - 1;
      const lost = Math.min(this.riskCount[k]!, ends[k]! - end);
      const req = this.riskRequest[k]!;
      if (req.acknowledged) req.client.onRecordsLost(lost, reason);
      if (lost < this.riskCount[k]!) {
        this.riskCount[k] = this.riskCount[k]! - lost;
        ends[k] = end;
        break;
      }
      this.riskRequest[k] = undefined;
      this.riskTail = k;
    }
    this.log.truncateTo(end);
    this.cutEnds.push(end);
    for (let i = 0; i < this.replicaEnd.length; i++) {
      if (this.replicaEnd[i]! > end) this.replicaEnd[i] = end;
      if (this.leaderView[i]! > end) this.leaderView[i] = end;
    }
    if (this.highWatermark > end) this.highWatermark = end;
  }

  private refuseAckWaiters(now: number): void {
    const head = this.ackHead;
    const tail = this.ackTail;
    this.ackHead = this.ackTail = 0;
    for (let k = head; k < tail; k++) {
      const w = this.ackWaiters[k]!;
      this.ackWaiters[k] = REPLICATED;
      const req = w.request;
      if (!req || w === REPLICATED) continue;
      (w as AckWaiter & { error?: string }).error = NOT_LEADER_AFTER_MOVE;
      req.failed++;
      w.onReplicated(now);
    }
  }

  private abandonAckWaiters(now: number): void {
    for (let k = this.ackHead; k < this.ackTail; k++) {
      const req = this.ackWaiters[k]!.request;
      this.ackWaiters[k] = REPLICATED;
      if (!req) continue;
      if (!req.lost) req.client.onProduceLost(req, 'leader moved before replication');
      // The old leader answers nothing more for it: its channel takes the next request.
      req.channel.server?.finishProduce(req, now);
    }
    this.ackHead = this.ackTail = 0;
  }

  /** How many times a failover has cut this log back (see `recordsStillInLog`). */
  get cuts(): number {
    return this.cutEnds.length;
  }

  /**
   * How many records of a batch written at [end - count, end) when the log had `cuts` cuts are
   * still in the log. Offsets above a cut are reused by later appends, so the least cut end since
   * the write bounds what survived, not the current log end alone.
   */
  recordsStillInLog(end: number, count: number, cuts: number): number {
    let kept = end < this.log.endOffset ? end : this.log.endOffset;
    for (let k = cuts; k < this.cutEnds.length; k++) if (this.cutEnds[k]! < kept) kept = this.cutEnds[k]!;
    const start = end - count;
    return kept > start ? kept - start : 0;
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
