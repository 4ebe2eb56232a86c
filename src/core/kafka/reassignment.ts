// Partition reassignment, as kafka-reassign-partitions --execute drives it: each partition gets a
// target replica list; a broker new to it copies the partition's log from the leader, then follows
// new writes as any follower does and joins the ISR once caught up; when every new replica is in
// sync, the replicas left out are dropped (and the leadership moves first if the leader is one).
//
// The copy moves bytes, not records: chunks of replica.fetch.max.bytes read from the leader's log
// (from disk once older than its page cache), sent through the leader's and the new replica's
// network cards with the live traffic, written to the new replica's disk. With a throttle
// (leader.replication.throttled.rate on the leader, follower.replication.throttled.rate on the new
// replica) each chunk also takes its bytes from both brokers' throttles, so the copies sharing a
// broker share its rate. A copy chases the log end: with throttle T and writes W into the
// partition, B bytes take about B / (T - W), and never finish when W >= T.
import type { EventTarget, Scheduler } from '../engine/scheduler';
import type { Network } from '../engine/network';
import type { Broker } from './broker';
import type { ClusterEventLog } from './clusterEvents';
import type { Partition } from './partition';
import { REPLICA_FETCH } from './replicaFetcher';
import { localStartBytes } from './tieredStorage';
import { placeReplicas } from '../engine/placement';

/** Bytes per copy chunk: one partition's share of a replica fetch (replica.fetch.max.bytes). */
export const COPY_CHUNK_BYTES = REPLICA_FETCH.maxPartitionBytes;

const enum Ev {
  Issue,
  Arrived,
}

/** A new replica's copy of the log. */
export interface Copy {
  move: Move;
  broker: number;
  /** Byte position copied up to (from the log start at the time the copy began). */
  copied: number;
  /** The log's byte position when the copy began. */
  startBytes: number;
  /** The log end offset the chunk in flight ends at, when it is the last: kept in memory for it. */
  pendingEnd: number;
  /** The copy reached the log end: the replica is in the list and fetches like any follower. */
  caughtUp: boolean;
  /** Bytes copied in the current metrics second and in the last whole one. */
  secondBytes: number;
  lastSecondBytes: number;
}

export interface Move {
  partition: Partition;
  from: number[];
  to: number[];
  copies: Copy[];
  startedMs: number;
  /** Bytes the new replicas had to copy when the move started (all of them together). */
  startBytes: number;
  /** Next progress event, in percent. */
  nextPercent: number;
  finishedMs: number | undefined;
  execution: Execution;
}

interface Execution {
  moves: Move[];
  /** Brokers whose throttles this execution set, restored when it is over. */
  throttled: number[];
  onDone: ((now: number) => void) | undefined;
}

interface Chunk {
  copy: Copy;
  bytes: number;
  /** The log end offset at sending when this chunk reaches the end, else -1. */
  endOffset: number;
  /** When the throttles let the next chunk go. */
  nextAt: number;
}

export interface ReassignHooks {
  /** Leaders or replica lists changed: replica fetchers must follow. */
  topologyChanged(now: number): void;
  /** The controller counts the broker gone. */
  fenced(b: number): boolean;
}

/** What a reassignment asks for: a partition and its new replica list. */
export interface PlannedMove {
  partition: Partition;
  to: number[];
}

export class Reassigner implements EventTarget {
  /** Moves in progress, by partition. */
  readonly active = new Map<Partition, Move>();
  /** Every move so far, in the order they started. */
  readonly all: Move[] = [];
  /** Bytes copied in all, and those that crossed from one rack to another. */
  copiedBytes = 0;
  crossZoneBytes = 0;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly network: Network,
    private readonly brokers: Broker[],
    private readonly latencyMs: number,
    /** The cluster's own throttles (bytes/s; LONG_MAX: none), restored after an execution's --throttle. */
    private readonly configThrottle: { leader: number; follower: number },
    private readonly hooks: ReassignHooks,
    private readonly events?: ClusterEventLog,
  ) {}

  /** A broker that can take part: joined, not stopped for good, registered with the controller. */
  usable(b: number): boolean {
    const broker = this.brokers[b];
    return broker !== undefined && !broker.absent && !broker.decommissioned && !this.hooks.fenced(b);
  }

  /**
   * Starts the moves; returns why it cannot instead (nothing starts then). Partitions already
   * moving, and moves to the list a partition already has, are left alone.
   */
  execute(
    plan: PlannedMove[],
    throttle: number | undefined,
    now: number,
    onDone?: (now: number) => void,
  ): string | undefined {
    for (const m of plan) {
      const bad = m.to.find((b) => !this.usable(b));
      if (bad !== undefined)
        return `broker ${this.brokers[bad]?.id ?? bad} is not a live member of the cluster (every target broker must be registered and unfenced)`;
      if (new Set(m.to).size < m.to.length) return `${m.partition.name}: a broker is listed twice`;
    }
    const execution: Execution = { moves: [], throttled: [], onDone };
    const starting = plan.filter(
      (m) => !this.active.has(m.partition) && !sameList(m.partition.replicas, m.to),
    );
    if (throttle !== undefined) {
      const involved = new Set<number>();
      for (const m of starting) for (const b of [...m.partition.replicas, ...m.to]) involved.add(b);
      for (const b of [...involved].sort((x, y) => x - y)) {
        this.brokers[b]!.setThrottles(throttle, throttle);
        execution.throttled.push(b);
      }
    }
    for (const m of starting) this.start(m, execution, now);
    if (execution.moves.length === 0) onDone?.(now);
    else this.check(now);
    return undefined;
  }

  private start(m: PlannedMove, execution: Execution, now: number): void {
    const p = m.partition;
    const log = p.log;
    // A tiered partition's new replica copies only the local log (Kafka's follower starts at the
    // leader's local log start; what is older stays in the store).
    const startBytes = localStartBytes(p);
    const move: Move = {
      partition: p,
      from: [...p.replicas],
      to: [...m.to],
      copies: [],
      startedMs: now,
      startBytes: 0,
      nextPercent: 25,
      finishedMs: undefined,
      execution,
    };
    for (const b of m.to) {
      if (p.replicas.includes(b)) continue;
      move.copies.push({
        move,
        broker: b,
        copied: startBytes,
        startBytes,
        pendingEnd: -1,
        caughtUp: false,
        secondBytes: 0,
        lastSecondBytes: 0,
      });
      move.startBytes += log.endBytes - startBytes;
    }
    execution.moves.push(move);
    this.active.set(p, move);
    this.all.push(move);
    this.events?.add({
      kind: 'reassignmentStarted',
      atMs: now,
      topic: p.topicId,
      partition: p.index,
      from: move.from,
      to: move.to,
      bytes: move.startBytes,
    });
    for (const c of move.copies) this.issue(c, now);
  }

  /** Bytes the move's new replicas still have to copy (0 once all have caught up). */
  bytesLeft(move: Move): number {
    let left = 0;
    const end = move.partition.log.endBytes;
    for (const c of move.copies) if (!c.caughtUp) left += Math.max(0, end - c.copied);
    return left;
  }

  /**
   * The rate the move's copies may go at: the tightest throttle on their way (leader's or new
   * replica's) shared among the copies taking from it; Infinity without a throttle.
   */
  throttleShare(move: Move): number {
    let share = Infinity;
    const leader = this.brokers[move.partition.leader]!;
    for (const c of move.copies) {
      if (c.caughtUp) continue;
      const follower = this.brokers[c.broker]!;
      if (leader.leaderThrottle)
        share = Math.min(
          share,
          (leader.leaderThrottle.ratePerMs * 1000) / this.copiesVia(leader.index, true),
        );
      if (follower.followerThrottle)
        share = Math.min(
          share,
          (follower.followerThrottle.ratePerMs * 1000) / this.copiesVia(follower.index, false),
        );
    }
    return share;
  }

  /**
   * The time the move still needs at the throttles. The copies sharing a broker's throttle T share
   * it, and together they chase the writes W into their partitions (what each took in the last
   * second): their bytes left B shrink at T - W, so they need B / (T - W), and never finish when
   * W >= T. A move takes as long as its slowest such group. Without a throttle, the copies' own
   * rate over the last second stands in (null before there is one).
   */
  estimate(move: Move): { bytesLeft: number; throttle: number; secondsLeft: number | null } {
    const bytesLeft = this.bytesLeft(move);
    const throttle = this.throttleShare(move);
    if (bytesLeft <= 0) return { bytesLeft, throttle, secondsLeft: 0 };
    if (throttle === Infinity) {
      const copying = move.copies.filter((c) => !c.caughtUp);
      const rate = copying.reduce((a, c) => a + c.lastSecondBytes, 0) / Math.max(1, copying.length);
      return { bytesLeft, throttle, secondsLeft: rate > 0 ? bytesLeft / rate : null };
    }
    let seconds = 0;
    const leader = this.brokers[move.partition.leader]!;
    for (const c of move.copies) {
      if (c.caughtUp) continue;
      const follower = this.brokers[c.broker]!;
      if (leader.leaderThrottle)
        seconds = Math.max(
          seconds,
          this.groupSeconds(leader.index, true, leader.leaderThrottle.ratePerMs * 1000),
        );
      if (follower.followerThrottle)
        seconds = Math.max(
          seconds,
          this.groupSeconds(follower.index, false, follower.followerThrottle.ratePerMs * 1000),
        );
    }
    return { bytesLeft, throttle, secondsLeft: seconds };
  }

  /** The copies through broker `b`'s throttle of `rate` bytes/s: their bytes left over (rate - their writes). */
  private groupSeconds(b: number, asLeader: boolean, rate: number): number {
    let left = 0;
    let writes = 0;
    for (const m of this.active.values()) {
      const end = m.partition.log.endBytes;
      for (const c of m.copies) {
        if (c.caughtUp || (asLeader ? m.partition.leader !== b : c.broker !== b)) continue;
        left += Math.max(0, end - c.copied);
        writes += m.partition.bytesPerSec;
      }
    }
    if (left <= 0) return 0;
    return rate > writes ? left / (rate - writes) : Infinity;
  }

  /** Copies still running that take from broker `b` (as leader) or into it (as new replica). */
  private copiesVia(b: number, asLeader: boolean): number {
    let n = 0;
    for (const m of this.active.values())
      for (const c of m.copies)
        if (!c.caughtUp && (asLeader ? m.partition.leader === b : c.broker === b)) n++;
    return Math.max(1, n);
  }

  /** The offset a copy's last chunk in flight ends at: the log must keep it in memory. */
  lowestNeeded(p: Partition): number {
    const move = this.active.get(p);
    let low = Infinity;
    if (move) for (const c of move.copies) if (c.pendingEnd >= 0 && c.pendingEnd < low) low = c.pendingEnd;
    return low;
  }

  private issue(c: Copy, now: number): void {
    const move = c.move;
    if (move.finishedMs !== undefined || c.caughtUp) return;
    const p = move.partition;
    const leader = this.brokers[p.leader]!;
    const follower = this.brokers[c.broker]!;
    if (
      p.offline ||
      !leader.reachableByBrokers ||
      leader.rejoining ||
      !follower.reachableByBrokers ||
      this.hooks.fenced(c.broker)
    ) {
      // Nobody to copy from, or to: the new replica's fetcher tries again after its max wait.
      this.scheduler.at(now + REPLICA_FETCH.maxWaitMs, this, Ev.Issue, c);
      return;
    }
    const log = p.log;
    // Retention may have deleted what was not copied yet; a truncation may have cut what was.
    const floor = localStartBytes(p);
    if (c.copied < floor) c.copied = floor;
    if (c.copied > log.endBytes) c.copied = log.endBytes;
    const left = log.endBytes - c.copied;
    if (left <= 0) return this.caughtUp(c, log.endOffset, now);
    const bytes = left < COPY_CHUNK_BYTES ? left : COPY_CHUNK_BYTES;
    const endOffset = bytes === left ? log.endOffset : -1;
    c.pendingEnd = endOffset;
    let nextAt = now;
    if (leader.leaderThrottle) nextAt = Math.max(nextAt, leader.leaderThrottle.reserve(now, bytes));
    if (follower.followerThrottle) nextAt = Math.max(nextAt, follower.followerThrottle.reserve(now, bytes));
    const read = leader.readBytesAt(now, p, c.copied, bytes);
    if (leader.rack !== undefined && follower.rack !== undefined && leader.rack !== follower.rack)
      this.crossZoneBytes += bytes;
    const chunk: Chunk = { copy: c, bytes, endOffset, nextAt };
    this.network.send(
      read,
      bytes,
      leader.networkOut,
      follower.networkIn,
      this.latencyMs,
      this,
      Ev.Arrived,
      chunk,
    );
  }

  private arrived(chunk: Chunk, now: number): void {
    const c = chunk.copy;
    if (c.move.finishedMs !== undefined || c.caughtUp) return;
    const follower = this.brokers[c.broker]!;
    const written = follower.up ? follower.writeToDisk(now, chunk.bytes) : now;
    c.copied += chunk.bytes;
    c.secondBytes += chunk.bytes;
    this.copiedBytes += chunk.bytes;
    c.pendingEnd = -1;
    const p = c.move.partition;
    if (chunk.endOffset >= 0 && c.copied >= p.log.endBytes - 1e-6)
      return this.caughtUp(c, Math.min(chunk.endOffset, p.log.endOffset), Math.max(now, written));
    const next = Math.max(written, chunk.nextAt);
    if (next > now) this.scheduler.at(next, this, Ev.Issue, c);
    else this.issue(c, now);
  }

  /** The copy reached the log end: the broker joins the replica list (out of the ISR) and fetches. */
  private caughtUp(c: Copy, end: number, now: number): void {
    c.caughtUp = true;
    c.pendingEnd = -1;
    const p = c.move.partition;
    if (!p.replicas.includes(c.broker)) p.setReplicas([...p.replicas, c.broker], end, now);
    this.hooks.topologyChanged(now);
  }

  handle(kind: number, data: unknown, now: number): void {
    if (kind === Ev.Issue) this.issue(data as Copy, now);
    else this.arrived(data as Chunk, now);
  }

  /**
   * Once a second (the metrics tick): progress events, the copy rates of the last second, and
   * moves whose new replicas are all in sync finish.
   */
  tick(now: number): void {
    if (this.active.size === 0) return;
    for (const move of [...this.active.values()]) {
      for (const c of move.copies) {
        c.lastSecondBytes = c.secondBytes;
        c.secondBytes = 0;
      }
      this.progress(move, now);
    }
    this.check(now);
  }

  private progress(move: Move, now: number): void {
    if (move.startBytes <= 0) return;
    const left = this.bytesLeft(move);
    const done = Math.min(
      100,
      Math.floor((100 * (move.startBytes - Math.min(left, move.startBytes))) / move.startBytes),
    );
    if (done < move.nextPercent || move.nextPercent >= 100) return;
    const p = move.partition;
    this.events?.add({
      kind: 'reassignmentProgress',
      atMs: now,
      topic: p.topicId,
      partition: p.index,
      percent: Math.floor(done / 25) * 25,
      bytesLeft: left,
    });
    move.nextPercent = Math.floor(done / 25) * 25 + 25;
  }

  /** Finishes every move whose new replicas are all in the ISR. */
  check(now: number): void {
    let changed = false;
    for (const move of [...this.active.values()]) {
      const p = move.partition;
      if (p.offline) continue;
      const ready = move.copies.every((c) => c.caughtUp && p.inSync[p.replicas.indexOf(c.broker)]);
      if (!ready) continue;
      this.finish(move, now);
      changed = true;
    }
    if (changed) this.hooks.topologyChanged(now);
  }

  private finish(move: Move, now: number): void {
    const p = move.partition;
    if (!move.to.includes(p.leader)) {
      // The controller moves the leadership to the first target replica in sync before dropping the old.
      const next = move.to.find((b) => p.inSync[p.replicas.indexOf(b)] && this.usable(b));
      if (next !== undefined) p.changeLeader(next, false, now, 'reassignment');
    }
    p.setReplicas(move.to, p.log.endOffset, now);
    move.finishedMs = now;
    this.active.delete(p);
    this.events?.add({
      kind: 'reassignmentFinished',
      atMs: now,
      topic: p.topicId,
      partition: p.index,
      to: move.to,
      tookMs: now - move.startedMs,
    });
    const ex = move.execution;
    if (ex.moves.every((m) => m.finishedMs !== undefined)) {
      // kafka-reassign-partitions --verify removes the throttles once the reassignment is complete.
      for (const b of ex.throttled)
        this.brokers[b]!.setThrottles(this.configThrottle.leader, this.configThrottle.follower);
      ex.onDone?.(now);
    }
  }
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * kafka-reassign-partitions --generate for one topic: a fresh assignment of its partitions over
 * `brokers` (indexes), leaders and replicas spread evenly, rack-aware when every broker has a rack.
 * Kafka starts at a random broker; here the topic's index fixes the start, so a document always
 * generates the same plan.
 */
export function generateTopicPlan(
  topicIndex: number,
  partitions: number,
  replicationFactor: number,
  brokers: readonly number[],
  racks: readonly (string | undefined)[],
): number[][] | string {
  const distinct = [...new Set(brokers)];
  if (replicationFactor > distinct.length)
    return `replication factor ${replicationFactor} is larger than the ${distinct.length} available broker(s)`;
  const allRacked = distinct.every((b) => racks[b]);
  if (allRacked) {
    const full = racks.map((r) => r ?? '');
    return placeReplicasOver(topicIndex, partitions, replicationFactor, distinct, full);
  }
  const sorted = [...distinct].sort((a, b) => a - b);
  return placeReplicas(topicIndex, partitions, replicationFactor, sorted.length).map((r) =>
    r.map((k) => sorted[k]!),
  );
}

function placeReplicasOver(
  start: number,
  partitions: number,
  rf: number,
  brokers: number[],
  racks: string[],
): number[][] {
  // placeReplicas works on indexes 0..n-1: hand it the chosen brokers' racks and map back.
  const sorted = [...brokers].sort((a, b) => a - b);
  const local = placeReplicas(
    start,
    partitions,
    rf,
    sorted.length,
    sorted.map((b) => racks[b]!),
  );
  return local.map((r) => r.map((k) => sorted[k]!));
}

/**
 * Decommissioning `gone`: each of its replicas goes to a usable broker the partition does not
 * use, preferring one in the same rack (so the partition keeps its spread over racks), then the
 * broker holding the fewest replicas, then the lowest index. The replica keeps its place in the
 * list, so the preferred leader order stays as it was.
 */
export function decommissionPlan(
  partitions: readonly Partition[],
  gone: number,
  candidates: readonly number[],
  racks: readonly (string | undefined)[],
): PlannedMove[] | string {
  const load = new Map<number, number>(candidates.map((b) => [b, 0]));
  for (const p of partitions) for (const r of p.replicas) if (load.has(r)) load.set(r, load.get(r)! + 1);
  const plan: PlannedMove[] = [];
  for (const p of partitions) {
    const at = p.replicas.indexOf(gone);
    if (at < 0) continue;
    const free = candidates.filter((b) => !p.replicas.includes(b));
    if (free.length === 0)
      return `${p.name} has ${p.replicas.length} replicas and no other broker can take the one on the broker leaving`;
    const rack = racks[gone];
    const otherRacks = new Set(p.replicas.filter((r) => r !== gone).map((r) => racks[r]));
    const score = (b: number) =>
      (racks[b] === rack && rack !== undefined ? 0 : otherRacks.has(racks[b]) ? 2 : 1) * 1e6 +
      load.get(b)! * 1e3;
    const pick = free.reduce((best, b) => (score(b) < score(best) ? b : best));
    load.set(pick, load.get(pick)! + 1);
    const to = [...p.replicas];
    to[at] = pick;
    plan.push({ partition: p, to });
  }
  return plan;
}
