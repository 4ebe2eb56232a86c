// A consumer group: its members share the topic's partitions by partition.assignment.strategy,
// and the group coordinator's rebalances follow members joining, crashing (noticed after
// session.timeout.ms) and partitions being added. Eager strategies (range, roundrobin) revoke
// everything and stop the whole group for a join/sync round; cooperative-sticky revokes only the
// partitions that move, in a first round, and assigns them in a second, while the rest keep being
// consumed. Offsets processed past the last commit are processed again by the next owner: those
// count as duplicates, not as consumed records. An offsetReset (kafka-consumer-groups
// --reset-offsets) stops every member, overwrites the committed offsets and starts them again:
// what the group then reads a second time it was asked to, so it counts as replayed, not duplicate.
import type { ConsumerGroup as GroupDoc, Fault } from '../../model/types';
import { GROUP_REBALANCE } from '../costs';
import type { Host } from '../engine/host';
import type { EventTarget, Scheduler } from '../engine/scheduler';
import { partitionLag, type PartitionLag } from '../metrics/lag';
import type { LatencyRecorder } from '../metrics/latency';
import { Rng } from '../util/rng';
import { rangeAssign, roundRobinAssign, stickyAssign } from './assignment';
import type { Broker } from './broker';
import { ConsumerMember } from './consumerMember';
import type { Partition } from './partition';

export { ConsumerMember } from './consumerMember';

export type OffsetReset = Extract<Fault, { kind: 'offsetReset' }>;

const enum Ev {
  SessionExpired,
  RoundDone,
}

export class ConsumerGroup implements EventTarget {
  /** Every member that ever joined, crashed ones included (they keep their index). */
  readonly members: ConsumerMember[] = [];
  /**
   * The brokers' replica.selector.class is the rack-aware one and the group sets client.rack:
   * members fetch from an in-sync replica in their rack (set by the simulation).
   */
  followerFetching = false;
  /** Committed offset per partition of the topic; -1 when the group has none (auto.offset.reset applies). */
  readonly committed: number[];
  /** Per partition, the end of what any member has processed: processing below it again is a duplicate. */
  readonly processedEnd: number[];
  /** Index of the member owning each partition; -1 while nobody does (during a rebalance). */
  readonly owner: number[];
  /** Records processed in the current metrics second, and in all (first processing only). */
  secondConsumed = 0;
  secondConsumedBytes = 0;
  totalConsumed = 0;
  /** Records processed again after a crash or a rebalance (at-least-once), per second and in all. */
  secondDuplicates = 0;
  totalDuplicates = 0;
  rebalances = 0;
  /**
   * CPU cycles a member spends per fetched byte to decompress it (the topic's codec; 0 for none).
   * Set by the simulation, which knows the topic's producers.
   */
  decompressCyclesPerWireByte = 0;
  /** Records retention deleted before this group read them, per metrics second and in all. */
  secondExpiredUnread = 0;
  totalExpiredUnread = 0;
  /** OffsetOutOfRange resets by auto.offset.reset (earliest, latest), and members stopped by it (none). */
  offsetResets = 0;
  /** Records read again because an offsetReset moved the group back (re-reads asked for, not duplicates). */
  totalReplayed = 0;
  /** offsetReset faults applied, and the records they jumped over unread (a reset forward, to latest say). */
  replays = 0;
  totalResetSkipped = 0;
  /**
   * Per partition, the offsets an offsetReset moved the group back over that it has not yet read
   * again: [replayFrom, replayEnd). Reading them is a replay; reading them once more (after a
   * crash during the replay) is a duplicate.
   */
  private readonly replayFrom: number[];
  private readonly replayEnd: number[];
  /** offsetResets waiting for the members to stop, applied in order when they have. */
  private pendingResets: OffsetReset[] = [];
  /**
   * The group may be reset: the shared log keeps what retention keeps (from the log start offset)
   * instead of being trimmed to the committed offsets, so the reset can go back that far.
   */
  keepHistory = false;
  /**
   * Offsets of a compacted partition's cleaned head this group passed over: records the log
   * cleaner removed (older values of a key) before the group read them.
   */
  totalCompactedUnread = 0;
  /**
   * A restore: the group started (or was reset) below the end of a compacted topic, so it first
   * rebuilds the latest value of every key. It is done once every partition is read up to the
   * high watermark the group saw when it started.
   */
  restore: GroupRestore | undefined;
  /** Members stopped by an error, per reason. */
  readonly memberErrors: Record<string, number> = {};
  private readonly eager: boolean;
  /** A newer rebalance makes the pending round of an older one stale. */
  private generation = 0;
  private rebalancing = false;
  /** The current join/sync round's time is up (it may still wait for revokes or crashed members). */
  private roundDue = false;
  /** Members that must finish their current poll before giving partitions up. */
  private pendingRevokes = 0;
  /** Crashed members whose sessions have not yet expired: the coordinator still waits for them. */
  private unnoticedCrashes = 0;
  /** Cooperative: partitions were revoked in this rebalance's first round, so a second round assigns them. */
  private secondRound = false;

  constructor(
    readonly doc: GroupDoc,
    private readonly scheduler: Scheduler,
    public partitions: Partition[],
    private readonly brokers: Broker[],
    /** End-to-end latency of the records this group processes. */
    readonly latency: LatencyRecorder,
    private readonly seed: number,
    /** The machine member k runs on. */
    private readonly hostOf: (member: number) => Host,
  ) {
    this.committed = partitions.map(() => -1);
    this.processedEnd = partitions.map(() => 0);
    this.owner = partitions.map(() => -1);
    this.replayFrom = partitions.map(() => 0);
    this.replayEnd = partitions.map(() => 0);
    this.eager = doc.config['partition.assignment.strategy'] !== 'cooperative-sticky';
    for (let m = 0; m < doc.members; m++) this.newMember();
  }

  private newMember(): ConsumerMember {
    const m = this.members.length;
    const member = new ConsumerMember(
      this,
      m,
      this.scheduler,
      this.brokers,
      new Rng(this.seed + m * 0x9e3779b9),
      this.hostOf(m),
    );
    this.members.push(member);
    return member;
  }

  /**
   * Whether the group has started (startAtSec): before, it does not exist for Kafka (no committed
   * offsets, nothing for kafka-consumer-groups to list), so it owes no lag.
   */
  started = false;

  /** The run starts with the group formed: every partition from auto.offset.reset, assigned at once. */
  start(now: number): void {
    this.started = true;
    this.partitions.forEach((_, p) => (this.committed[p] = this.startOffset(p)));
    this.beginRestore(now);
    const live = this.live();
    const target = this.target(live);
    live.forEach((m, k) => m.assign(target[k]!, now));
  }

  private live(): ConsumerMember[] {
    return this.members.filter((m) => !m.crashed);
  }

  /** The assignment the strategy gives the live members, in index order. */
  private target(live: ConsumerMember[]): number[][] {
    const n = this.partitions.length;
    switch (this.doc.config['partition.assignment.strategy']) {
      case 'roundrobin':
        return roundRobinAssign(n, live.length);
      case 'cooperative-sticky':
        return stickyAssign(
          n,
          live.map((m) => m.owned),
        );
      default:
        return rangeAssign(n, live.length);
    }
  }

  /** Where a new owner starts reading: the committed offset, or auto.offset.reset without one. */
  startOffset(p: number): number {
    const committed = this.committed[p]!;
    if (committed >= 0) return committed;
    const partition = this.partitions[p]!;
    return this.doc.config['auto.offset.reset'] === 'earliest'
      ? earliestOffset(partition)
      : partition.highWatermark;
  }

  /**
   * Retention deleted [from, to) of partition p. What lies above everything the group has read
   * (processed, committed, or fetched into a member's buffer, which it will still process) is
   * expired unread. Counted at deletion, so a group that never comes back (crashed, paused) counts too.
   */
  onSegmentsDeleted(p: number, from: number, to: number): void {
    let read = Math.max(this.processedEnd[p]!, this.committed[p]!);
    // A crashed owner's buffer will never be processed, so only a live owner's position counts.
    const owner = this.members[this.owner[p] ?? -1];
    if (owner && !owner.crashed) read = Math.max(read, owner.positionOf(p));
    const expired = to - Math.max(from, read);
    if (expired <= 0) return;
    this.secondExpiredUnread += expired;
    this.totalExpiredUnread += expired;
  }

  /**
   * A member's fetch position of p is below the log start offset (OffsetOutOfRange): the new
   * position by auto.offset.reset, or -1 for none, where the member stops with the error.
   */
  offsetOutOfRange(member: ConsumerMember, p: number, now: number): number {
    const partition = this.partitions[p]!;
    switch (this.doc.config['auto.offset.reset']) {
      case 'earliest':
        this.offsetResets++;
        return earliestOffset(partition);
      case 'latest':
        this.offsetResets++;
        return partition.highWatermark;
      default: {
        const reason = 'OffsetOutOfRange with auto.offset.reset=none: retention deleted its position';
        this.memberErrors[reason] = (this.memberErrors[reason] ?? 0) + 1;
        // The application dies with the exception: to the coordinator, a crash.
        this.crashMember(member, now);
        return -1;
      }
    }
  }

  compactedSkipped(n: number): void {
    this.totalCompactedUnread += n;
  }

  /** Starts timing a restore when the topic is compacted and the committed offsets lie below its end. */
  private beginRestore(now: number): void {
    if (!this.partitions[0]?.compacted) return;
    const target = this.partitions.map((p) => p.highWatermark);
    const reached = this.committed.slice(0, target.length);
    if (reached.every((o, p) => o >= target[p]!)) return;
    this.restore = { startMs: now, target, reached, records: 0, doneMs: undefined };
  }

  /** Below this offset of partition p a restore reads history (0 without a restore). */
  restoreEnd(p: number): number {
    return this.restore?.target[p] ?? 0;
  }

  /** A member's poll has processed partition p up to `offset`: the restore may be done. */
  restoreReached(p: number, offset: number, now: number): void {
    const r = this.restore;
    if (!r || r.doneMs !== undefined || p >= r.reached.length) return;
    if (offset > r.reached[p]!) r.reached[p] = offset;
    if (r.reached.every((o, k) => o >= r.target[k]!)) r.doneMs = now;
  }

  commitOffset(p: number, offset: number): void {
    this.committed[p] = offset;
  }

  /** Notes that [from, to) of partition p was processed; returns how many of them were processed before. */
  /** What markProcessed would return, without marking. */
  peekProcessed(p: number, from: number, to: number): number {
    return Math.max(0, Math.min(to, this.processedEnd[p]!) - from);
  }

  /** What markReplayed would return, without marking. */
  peekReplayed(p: number, from: number, to: number): number {
    return Math.max(0, Math.min(to, this.replayEnd[p]!) - Math.max(from, this.replayFrom[p]!));
  }

  /** At a metrics tick: counts what the members' polls have finished so far (see ConsumerMember). */
  flushProgress(now: number): void {
    for (const m of this.members) m.flushProgress(now);
  }

  /** Records consumed by `now`: the counted ones and those done in polls not yet counted. */
  consumedAt(now: number): number {
    let n = this.totalConsumed;
    for (const m of this.members) n += m.pendingConsumed(now);
    return n;
  }

  markProcessed(p: number, from: number, to: number): number {
    const end = this.processedEnd[p]!;
    if (to > end) this.processedEnd[p] = to;
    return Math.max(0, Math.min(to, end) - from);
  }

  /** The lag table when a region failover moved this group onto a mirror (mirrorMaker.ts). */
  private lagAtMove: PartitionLag[] | undefined = undefined;

  /** A region failover moves the group onto a mirror at `now`: its lag here stays as it is now. */
  moveAway(now: number): void {
    this.lagAtMove = this.lagTable(now);
  }

  /** Records behind the committed offsets, per partition (what kafka-consumer-groups reports). */
  lagPerPartition(): number[] {
    if (!this.started) return this.partitions.map(() => 0);
    // Without a committed offset, lag counts from where auto.offset.reset would start.
    return this.partitions.map((p, i) => Math.max(0, p.highWatermark - this.startOffset(i)));
  }

  /**
   * Per partition: committed offset and lag (kafka-consumer-groups' view), the position of the
   * member reading it (the next record its poll returns) and lag from there, and the age of the
   * oldest record no poll has returned yet. A partition nobody reads now (a rebalance, a crashed
   * owner) is read again from its committed offset, so that is its position.
   */
  lagTable(now: number): PartitionLag[] {
    // A group a region failover moved onto a mirror reads here no more: its lag here stays as it
    // was at the loss (the cluster is gone; the group's reading goes on on the mirror).
    if (this.lagAtMove) return this.lagAtMove;
    return this.partitions.map((p, i) => {
      // A group not started yet reads from nowhere: no lag, nothing waiting for it.
      const start = this.started ? this.startOffset(i) : p.highWatermark;
      const owner = this.members[this.owner[i] ?? -1];
      const polled = owner && !owner.crashed ? owner.pollPositionOf(i) : -1;
      const position = polled >= 0 ? polled : start;
      return partitionLag(p, i, { committed: this.committed[i]!, start, position, ageFrom: position }, now);
    });
  }

  /** The lowest offset any member still needs (for trimming the shared log). */
  lowestNeeded(partition: number): number {
    const needed =
      this.committed[partition]! >= 0
        ? this.committed[partition]!
        : this.doc.config['auto.offset.reset'] === 'earliest'
          ? 0
          : this.partitions[partition]!.highWatermark;
    return this.keepHistory ? Math.min(needed, this.partitions[partition]!.log.logStartOffset) : needed;
  }

  /**
   * Of [from, to) of partition p, just processed, how many an offsetReset asked to read again (the
   * rest of what was processed before is duplicates). Call once per processed range.
   */
  markReplayed(p: number, from: number, to: number): number {
    const a = Math.max(from, this.replayFrom[p]!);
    const b = Math.min(to, this.replayEnd[p]!);
    if (b <= a) return 0;
    this.replayFrom[p] = b;
    return b - a;
  }

  /** The start and end of what partition p still has to replay (equal when nothing). */
  replayWindowFrom(p: number): number {
    return this.replayFrom[p]!;
  }

  replayWindowEnd(p: number): number {
    return this.replayEnd[p]!;
  }

  /** Live members that own nothing. */
  get idleMembers(): number {
    return this.members.filter((m) => !m.crashed && m.owned.length === 0).length;
  }

  /** Called with every processed poll's record count, duplicates included (to feed sinks the group writes to). */
  onConsumed: ((records: number) => void) | undefined;

  /**
   * Set when the group feeds sinks: writes a processed poll's records, arriving at `at`, and
   * returns when the slowest sink has acknowledged them. The member's poll loop waits for that, as
   * an application that writes to a database from its poll loop does, so a slow sink slows the
   * group and its lag grows.
   */
  writeOutput: ((at: number, records: number) => number) | undefined;

  onProcessed(fresh: number, duplicates: number, bytes: number, replayed = 0): void {
    this.secondConsumed += fresh;
    this.secondConsumedBytes += bytes;
    this.totalConsumed += fresh;
    this.secondDuplicates += duplicates;
    this.totalDuplicates += duplicates;
    this.totalReplayed += replayed;
    const r = this.restore;
    if (r && r.doneMs === undefined) r.records += fresh + duplicates + replayed;
    this.onConsumed?.(fresh + duplicates + replayed);
  }

  /**
   * offsetReset: every live member stops and gives its partitions up (committing first with auto
   * commit, as on any revoke; a busy one finishes its poll). Once they all have and the join/sync
   * round is over, the committed offsets are overwritten and the members take their partitions
   * again from there (maybeFinish). Kafka refuses a reset while the group is active; stopping it
   * first is what an operator does.
   */
  resetOffsets(f: OffsetReset, now: number): void {
    this.keepHistory = true;
    this.pendingResets.push(f);
    this.generation++;
    this.rebalancing = true;
    this.roundDue = false;
    // Everything is revoked, so a cooperative group needs no second round either.
    this.secondRound = false;
    for (const m of this.live()) {
      m.paused = true;
      this.revoke(m, m.owned.slice(), now);
    }
    this.scheduler.at(now + GROUP_REBALANCE.joinSyncRoundMs, this, Ev.RoundDone, this.generation);
  }

  /** Overwrites the committed offsets by the pending offsetResets (no member owns anything now). */
  private applyResets(): void {
    for (const f of this.pendingResets) {
      this.replays++;
      this.partitions.forEach((partition, p) => {
        const to = resetOffset(f, partition, this.startOffset(p));
        const read = Math.max(this.processedEnd[p]!, this.committed[p]!);
        if (to > read) this.totalResetSkipped += to - read;
        // Offsets below what was processed are read again on purpose: the replay window.
        this.replayFrom[p] = to;
        this.replayEnd[p] = Math.max(to, this.processedEnd[p]!);
        this.committed[p] = to;
      });
    }
    this.pendingResets = [];
  }

  /** memberCrash: the first `count` live members stop at once; the coordinator notices after session.timeout.ms. */
  crashMembers(count: number, now: number): void {
    for (const m of this.live().slice(0, count)) this.crashMember(m, now);
  }

  private crashMember(m: ConsumerMember, now: number): void {
    if (m.crash()) this.pendingRevokes--;
    this.unnoticedCrashes++;
    this.scheduler.at(now + this.doc.config['session.timeout.ms'], this, Ev.SessionExpired, m.index);
    // A revoke the crashed member owed no longer holds the rebalance back.
    this.maybeFinish(now);
  }

  /** memberJoin: new members join and the group rebalances (after the initial delay if it had no live member). */
  addMembers(count: number, now: number): void {
    const wasEmpty = this.live().length === 0;
    for (let k = 0; k < count; k++) this.newMember().paused = true;
    this.rebalance(now, wasEmpty ? GROUP_REBALANCE.initialRebalanceDelayMs : 0);
  }

  /** partitionCount: the topic now has these partitions (the old ones first); the group rebalances to take them. */
  setPartitions(all: Partition[], now: number): void {
    this.partitions = all;
    while (this.committed.length < all.length) {
      this.committed.push(-1);
      this.processedEnd.push(0);
      this.owner.push(-1);
      this.replayFrom.push(0);
      this.replayEnd.push(0);
    }
    this.rebalance(now, 0);
  }

  handle(kind: number, data: unknown, now: number): void {
    if ((kind as Ev) === Ev.SessionExpired) {
      const member = this.members[data as number]!;
      this.unnoticedCrashes--;
      for (const p of member.owned) if (this.owner[p] === member.index) this.owner[p] = -1;
      member.owned = [];
      this.rebalance(now, 0);
      return;
    }
    if (data !== this.generation) return;
    this.roundDue = true;
    this.maybeFinish(now);
  }

  /**
   * Starts (or restarts) a rebalance. Eager: every live member gives up everything now (committing
   * on revoke with auto commit) and stops. Cooperative: each gives up only what the sticky target
   * moves away from it and keeps consuming the rest.
   */
  private rebalance(now: number, delayMs: number): void {
    this.generation++;
    this.rebalancing = true;
    this.roundDue = false;
    for (const m of this.live()) {
      if (this.eager) {
        m.paused = true;
        this.revoke(m, m.owned.slice(), now);
      }
    }
    if (!this.eager) this.secondRound = this.revokeMoving(now);
    this.scheduler.at(now + GROUP_REBALANCE.joinSyncRoundMs + delayMs, this, Ev.RoundDone, this.generation);
  }

  /** Cooperative first phase: revokes, from each live member, what the target gives to another. Returns whether any. */
  private revokeMoving(now: number): boolean {
    const live = this.live();
    const target = this.target(live);
    let moved = false;
    live.forEach((m, k) => {
      const moving = m.owned.filter((p) => !target[k]!.includes(p));
      if (moving.length === 0) return;
      moved = true;
      this.revoke(m, moving, now);
    });
    return moved;
  }

  private revoke(m: ConsumerMember, partitions: number[], now: number): void {
    if (partitions.length > 0 && !m.revoke(partitions, now)) this.pendingRevokes++;
  }

  /** A member busy at the rebalance has finished its poll and given its partitions up. */
  revokeDone(now: number): void {
    this.pendingRevokes--;
    this.maybeFinish(now);
  }

  /** Hands out the new assignment once the round is over, every revoke done and every crash noticed. */
  private maybeFinish(now: number): void {
    if (!this.rebalancing || !this.roundDue || this.pendingRevokes > 0 || this.unnoticedCrashes > 0) return;
    const live = this.live();
    if (!this.eager && (this.revokeMoving(now) || this.secondRound)) {
      // Revoked partitions are assigned in a second round (a membership change meanwhile may move more).
      this.secondRound = false;
      this.roundDue = false;
      this.scheduler.at(now + GROUP_REBALANCE.joinSyncRoundMs, this, Ev.RoundDone, this.generation);
      return;
    }
    this.rebalancing = false;
    this.rebalances++;
    if (this.pendingResets.length > 0) {
      this.applyResets();
      this.beginRestore(now);
    }
    if (live.length === 0) return;
    const target = this.target(live);
    live.forEach((m, k) => {
      if (this.eager) m.assign(target[k]!, now);
      else
        m.add(
          target[k]!.filter((p) => !m.owned.includes(p)),
          now,
        );
    });
  }
}

/** A restore of a compacted topic's state: from when, up to which offsets, how far, how many records. */
export interface GroupRestore {
  startMs: number;
  /** Per partition, the high watermark when the restore started. */
  target: number[];
  /** Per partition, how far polls have processed. */
  reached: number[];
  /** Records processed until it was done. */
  records: number;
  /** When every partition reached its target; undefined while it runs. */
  doneMs: number | undefined;
}

/** Where auto.offset.reset=earliest starts: the log start offset (and never in chunks already freed). */
export function earliestOffset(partition: Partition): number {
  return Math.max(partition.log.logStartOffset, partition.log.startOffset);
}

/**
 * Where an offsetReset puts partition p, clamped into [log start offset, high watermark] as Kafka
 * clamps: nothing retention deleted can be read again, nothing past what is committed to the log
 * can be skipped to. `current` is the committed offset (or where the group would start without one).
 */
export function resetOffset(f: OffsetReset, partition: Partition, current: number): number {
  const lo = earliestOffset(partition);
  const hi = Math.max(lo, partition.highWatermark);
  const clamp = (o: number) => Math.min(hi, Math.max(lo, o));
  switch (f.to) {
    case 'earliest':
      return lo;
    case 'latest':
      return hi;
    case 'offset':
      return clamp(f.offset ?? lo);
    case 'shiftBy':
      return clamp(current + (f.shiftBy ?? 0));
    case 'time':
      return offsetForTime(partition, lo, hi, (f.timestampSec ?? 0) * 1000);
  }
}

/**
 * The first offset in [lo, hi) whose record was created at or after `timeMs` (Kafka's ListOffsets
 * by timestamp), or `hi` when none was. Creation times inside a log chunk are evenly spread
 * between its first and last record's.
 */
export function offsetForTime(partition: Partition, lo: number, hi: number, timeMs: number): number {
  let offset = lo;
  let found = -1;
  partition.log.forEachSlice(lo, hi, (n, first, last) => {
    if (found >= 0) return;
    if (last < timeMs) {
      offset += n;
      return;
    }
    if (n === 1 || first >= timeMs) {
      found = offset;
      return;
    }
    const step = (last - first) / (n - 1);
    const k = Math.min(n - 1, Math.max(0, Math.ceil((timeMs - first) / step - 1e-9)));
    found = offset + k;
  });
  return found >= 0 ? found : hi;
}
