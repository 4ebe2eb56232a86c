// MirrorMaker 2 between two clusters: MirrorSourceConnector's tasks copy records, the checkpoint
// connector translates consumer groups' committed offsets for a failover.
//
// The Connect worker runs in the target region (the usual deployment: consume remotely, produce
// locally). Each of tasks.max tasks owns some of the mirrored partitions (round-robin, as MM2 hands
// them out) and loops: a fetch from the source partitions' leaders, whose response crosses the link
// between the regions (one FIFO pipe per region pair, shared by every mirror on it: bytes wait for
// the bandwidth, then take the latency), the task's own thread turns each record into a
// SourceRecord (MIRROR_CYCLES), and its producer sends it to the same partition of the target topic
// with its original timestamp, through the target brokers like any produced record. So mirroring
// runs at the least of the write rate, the link's bandwidth and the tasks' threads, and what is
// written above that piles up as mirror lag.
//
// A task's consumer fetches as Kafka's consumer does, with its defaults: at most one fetch in flight
// to each source broker, for the task's partitions that broker leads and that hold no records the
// task has not polled yet, up to max.partition.fetch.bytes a partition and fetch.max.bytes in all.
// The request takes the link's latency to reach the broker, which answers at once with what the
// partitions hold up to the high watermark, or holds the fetch until data comes (fetch.min.bytes 1,
// at most fetch.max.wait.ms). A partition can be fetched again once the task's poll has taken its
// last records (max.poll.records at a time), so the next response crosses while the thread works
// through the previous one: mirroring runs at the least of the write rate, the tasks' threads, the
// link's bandwidth and one response per round trip per source broker.
//
// Simplifications (said in the README and the summary):
// - The tasks share the worker's one producer (Kafka gives each task its own).
// - A mirrored record keeps its offset: the target topic holds only what MM2 wrote, from offset 0,
//   so an offset translates to itself (MM2's offset syncs, offset.lag.max, are not modelled).
//   A source topic written in transactions holds markers, which MM2 does not copy (its consumer
//   never hands them over): the records are mirrored, and the lag leaves the markers out, but the
//   target's offsets then run behind the source's by the markers, which the translation ignores.
// - Reading from the source costs its brokers nothing here (a consumer fetch of the tail, from the
//   page cache).
import { MIRROR_CYCLES, RECORD_OVERHEAD_BYTES } from '../costs';
import { HostThread, type Host } from '../engine/host';
import type { EventTarget, Scheduler } from '../engine/scheduler';
import type { MirrorMaker } from '../../model/types';
import type { Broker } from './broker';
import type { ConsumerGroup } from './consumerGroup';
import type { Partition } from './partition';
import type { ProducerClient } from './producer/producer';
import { markersBelow, recordsBetween } from './transactions';

/** The link between two regions: one FIFO pipe, both ways counted together. */
export class RegionPipe {
  freeAt = 0;
  bytesSent = 0;
  constructor(
    readonly latencyMs: number,
    readonly bandwidthMBps: number,
  ) {}

  /** Bytes handed to the pipe at `at` arrive at the returned time; the pipe is busy until freeAt. */
  send(at: number, bytes: number): number {
    const start = Math.max(at, this.freeAt);
    this.freeAt = start + bytes / (this.bandwidthMBps * 1000);
    this.bytesSent += bytes;
    return this.freeAt + this.latencyMs;
  }
}

/** One mirrored partition: the source's, the target's, and how far the task has read. */
interface Lane {
  source: Partition;
  target: Partition;
  /** The target partition's index in its task's producer. */
  slot: number;
  task: number;
  /** Next source offset to fetch. */
  position: number;
  /** In a fetch in flight, or fetched and not all polled by its task yet: not fetchable. */
  busy: boolean;
}

/** A task's fetch to one source broker. */
interface FetchCall {
  task: number;
  /** The source broker (engine index). */
  node: number;
  lanes: number[];
  /** When it reached the broker (a fetch with nothing to read is held up to fetch.max.wait.ms). */
  reachedAt: number;
}

/** A fetch's response on its way to the task: the lanes that got records, and how many in all. */
interface Response {
  call: FetchCall;
  /** lane, count, first and last creation time, repeated. */
  items: number[];
  records: number;
}

interface Delivery {
  task: number;
  /** lane, count, first and last creation time, repeated. */
  items: number[];
}

/** A group's committed offsets as MM2 last translated them (-1: none for that partition). */
interface Checkpoint {
  atMs: number;
  offsets: number[];
}

export interface MirroredGroup {
  group: ConsumerGroup;
  /** Lanes of the topic the group reads, by the group's partition index. */
  lanes: number[];
  /** The same group, on the mirror in the target cluster, started by a failover. */
  failover: ConsumerGroup;
  lastCheckpoint?: Checkpoint;
  lastSynced?: Checkpoint;
  result?: FailoverResult;
}

export interface FailoverResult {
  atSec: number;
  /** Where the group resumed on the mirror. */
  resumedFrom: 'synced checkpoint' | 'auto.offset.reset';
  /** When that checkpoint was emitted (s), if it resumed from one. */
  checkpointAtSec: number | null;
  /** Records the group had processed in the lost region that it processes again on the mirror. */
  reprocessed: number;
  /** Records mirrored but never processed: auto.offset.reset=latest jumped over them. */
  skipped: number;
  /** Records the group processed in the lost region that were never mirrored (so not reprocessed). */
  processedNotMirrored: number;
}

// The task's consumer keeps Kafka's defaults (MM2 sets none of these for its source consumer).
/** max.partition.fetch.bytes. */
const PARTITION_FETCH_BYTES = 1_048_576;
/** fetch.max.bytes. */
const FETCH_MAX_BYTES = 52_428_800;
/** fetch.max.wait.ms: how long a broker holds a fetch that finds nothing. */
const FETCH_MAX_WAIT_MS = 500;
/** max.poll.records: the records one poll hands the task. */
const MAX_POLL_RECORDS = 500;
/**
 * A held fetch looks for new data this often (the broker answers it as soon as data is appended);
 * also how long a task waits to try again while its producer's buffer.memory is full.
 */
const IDLE_MS = 10;

const enum Ev {
  Poll,
  AtBroker,
  Arrive,
  Release,
  Empty,
  Deliver,
  Checkpoint,
  Sync,
}

export class MirrorMakerRuntime implements EventTarget {
  readonly lanes: Lane[] = [];
  readonly threads: HostThread[];
  readonly groups: MirroredGroup[] = [];
  private readonly cyclesPerRecord: number;
  /** The source region is lost: nothing more is fetched, no checkpoint emitted. */
  private stopped = false;
  /** Records acknowledged in the source and never fetched by MM2 when its region was lost. */
  unmirroredAtFailover: number | null = null;
  /** The same, per source partition (filled when the source is lost). */
  readonly unmirroredAtLoss = new Map<Partition, number>();
  failoverAtSec: number | null = null;
  checkpointsEmitted = 0;
  peakLagRecords = 0;
  peakLagSec = 0;
  private mirroredSeen = 0;
  /** Per task, the source brokers it has a fetch in flight to. */
  private readonly pending: Set<number>[];
  /** Per task, when its poll retry is due (-1: none). */
  private readonly pollAt: number[];

  constructor(
    readonly doc: MirrorMaker,
    private readonly scheduler: Scheduler,
    private readonly brokers: readonly Broker[],
    readonly pipe: RegionPipe,
    host: Host,
    /** Per pair of topics, the source and the target partitions (the target has at least as many). */
    pairs: readonly { source: Partition[]; target: Partition[] }[],
    /** One producer per task, over the target partitions of its lanes (filled by the simulation). */
    readonly producers: ProducerClient[],
    readonly recordBytes: number,
  ) {
    // MirrorSourceConnector makes min(tasks.max, partitions) tasks and deals partitions round-robin.
    const all = pairs.reduce((a, p) => a + p.source.length, 0);
    const tasks = Math.max(1, Math.min(doc['tasks.max'], all));
    this.threads = Array.from({ length: tasks }, (_, k) => new HostThread(host, `${doc.id}.task${k}`));
    this.pending = Array.from({ length: tasks }, () => new Set<number>());
    this.pollAt = new Array<number>(tasks).fill(-1);
    let n = 0;
    for (const pair of pairs)
      pair.source.forEach((source, i) => {
        this.lanes.push({
          source,
          target: pair.target[i]!,
          slot: -1,
          task: n++ % tasks,
          position: 0,
          busy: false,
        });
      });
    this.cyclesPerRecord = MIRROR_CYCLES.perRecord + MIRROR_CYCLES.perByte * recordBytes;
  }

  /** The target partitions the worker's producer writes to (lanes get their slot here). */
  targets(): Partition[] {
    return this.lanes.map((lane, i) => {
      lane.slot = i;
      return lane.target;
    });
  }

  /** Records a second the tasks' threads can copy at most (the worker limit). */
  get workerRecordsPerSec(): number {
    return (this.threads.length * this.threads[0]!.host.cyclesPerMs * 1000) / this.cyclesPerRecord;
  }

  /** Records a second the link carries at most, at the records' size on the wire. */
  get linkRecordsPerSec(): number {
    return (this.pipe.bandwidthMBps * 1e6) / (this.recordBytes + RECORD_OVERHEAD_BYTES);
  }

  start(now: number): void {
    for (let k = 0; k < this.threads.length; k++) this.scheduler.at(now, this, Ev.Poll, k);
    const every = this.doc['emit.checkpoints.interval.seconds'] * 1000;
    this.scheduler.at(now + every, this, Ev.Checkpoint);
    if (this.doc['sync.group.offsets.enabled'])
      this.scheduler.at(now + this.doc['sync.group.offsets.interval.seconds'] * 1000, this, Ev.Sync);
  }

  handle(kind: number, data: unknown, now: number): void {
    if (kind === Ev.Poll) this.poll(data as number, now);
    else if (kind === Ev.AtBroker) this.atBroker(data as FetchCall, now);
    else if (kind === Ev.Arrive) this.arrive(data as Response, now);
    else if (kind === Ev.Release) this.release(data as Response, now);
    else if (kind === Ev.Empty) this.answered(data as FetchCall, now);
    else if (kind === Ev.Deliver) this.deliver(data as Delivery, now);
    else if (kind === Ev.Checkpoint) {
      if (this.stopped) return;
      this.emitCheckpoints(now);
      this.scheduler.at(now + this.doc['emit.checkpoints.interval.seconds'] * 1000, this, Ev.Checkpoint);
    } else if (kind === Ev.Sync) {
      if (this.stopped) return;
      for (const g of this.groups) if (g.lastCheckpoint) g.lastSynced = g.lastCheckpoint;
      this.scheduler.at(now + this.doc['sync.group.offsets.interval.seconds'] * 1000, this, Ev.Sync);
    }
  }

  /**
   * The task's poll loop: a fetch to each source broker that has none in flight, for the task's
   * partitions it leads that hold no records the task has yet to poll.
   */
  private poll(k: number, now: number): void {
    if (this.stopped) return;
    // send() blocks on a full buffer.memory: the task polls no more until the producer drains.
    const producer = this.producers[k]!;
    if (producer.inFlightRecords >= producer.doc.config['buffer.memory'] / producer.doc.recordBytes) {
      this.retryPoll(k, now);
      return;
    }
    let calls: Map<number, number[]> | undefined;
    for (let l = 0; l < this.lanes.length; l++) {
      const lane = this.lanes[l]!;
      if (lane.task !== k || lane.busy) continue;
      const p = lane.source;
      if (p.offline || !this.brokers[p.leader]!.reachableByClients) continue;
      if (this.pending[k]!.has(p.leader)) continue;
      calls ??= new Map();
      const lanes = calls.get(p.leader);
      if (lanes) lanes.push(l);
      else calls.set(p.leader, [l]);
    }
    if (calls)
      for (const [node, lanes] of calls) {
        this.pending[k]!.add(node);
        for (const l of lanes) this.lanes[l]!.busy = true;
        const reach = now + this.pipe.latencyMs;
        this.scheduler.at(reach, this, Ev.AtBroker, {
          task: k,
          node,
          lanes,
          reachedAt: reach,
        } satisfies FetchCall);
      }
    // Nothing in flight (every partition offline or unreachable): look again a little later.
    if (this.pending[k]!.size === 0) this.retryPoll(k, now);
  }

  /** The task polls again IDLE_MS from `now`, unless a retry is already due. */
  private retryPoll(k: number, now: number): void {
    if (this.pollAt[k]! > now) return;
    this.pollAt[k] = now + IDLE_MS;
    this.scheduler.at(now + IDLE_MS, this, Ev.Poll, k);
  }

  /** The fetch reaches the source broker: it answers with what its partitions hold, or holds it. */
  private atBroker(call: FetchCall, now: number): void {
    // A lost source region answers nothing: the task has stopped.
    if (this.stopped) return;
    const items: number[] = [];
    let records = 0;
    let bytes = 0;
    for (const l of call.lanes) {
      const lane = this.lanes[l]!;
      const p = lane.source;
      // Led elsewhere now (NOT_LEADER_OR_FOLLOWER): the consumer asks the new leader next time.
      if (p.offline || p.leader !== call.node || !this.brokers[p.leader]!.reachableByClients) continue;
      const log = p.log;
      const from = Math.max(lane.position, log.logStartOffset, log.startOffset);
      if (p.highWatermark <= from || bytes >= FETCH_MAX_BYTES) continue;
      // At least one batch, as a broker returns even one larger than the limits.
      const limit = Math.min(PARTITION_FETCH_BYTES, FETCH_MAX_BYTES - bytes);
      const to = Math.max(from + 1, Math.min(p.highWatermark, log.readEnd(from, p.highWatermark, limit)));
      let first = Infinity;
      let last = 0;
      log.forEachSlice(from, to, (_n, cs, ce) => {
        if (cs < first) first = cs;
        if (ce > last) last = ce;
      });
      // Transaction markers take offsets but are no records: they are not sent to the target.
      const n = recordsBetween(p, from, to, false);
      lane.position = to;
      bytes += log.bytesBetween(from, to);
      if (n === 0) continue;
      items.push(l, n, first, last);
      records += n;
    }
    if (bytes === 0) {
      const anyLed = call.lanes.some((l) => this.lanes[l]!.source.leader === call.node);
      if (anyLed && now - call.reachedAt < FETCH_MAX_WAIT_MS) {
        this.scheduler.at(now + IDLE_MS, this, Ev.AtBroker, call);
        return;
      }
      this.scheduler.at(now + this.pipe.latencyMs, this, Ev.Empty, call);
      return;
    }
    // The response comes back through the pipe (bandwidth, then latency).
    const arrive = this.pipe.send(now, bytes);
    this.scheduler.at(arrive, this, Ev.Arrive, { call, items, records } satisfies Response);
  }

  /** An empty answer: the fetch is over and its partitions can be fetched again. */
  private answered(call: FetchCall, now: number): void {
    this.pending[call.task]!.delete(call.node);
    for (const l of call.lanes) this.lanes[l]!.busy = false;
    this.poll(call.task, now);
  }

  /**
   * The response reaches the task: its thread turns the records into SourceRecords, poll by poll,
   * and they are handed to the producer when it is through. The broker can take the next fetch
   * now; the partitions that returned records only once the last poll has taken them.
   */
  private arrive(r: Response, now: number): void {
    const k = r.call.task;
    const cycles = r.records * this.cyclesPerRecord;
    const thread = this.threads[k]!;
    const through = thread.run(now, cycles);
    this.scheduler.at(through, this, Ev.Deliver, { task: k, items: r.items } satisfies Delivery);
    this.pending[k]!.delete(r.call.node);
    const returned = new Set<number>();
    for (let i = 0; i < r.items.length; i += 4) returned.add(r.items[i]!);
    for (const l of r.call.lanes) if (!returned.has(l)) this.lanes[l]!.busy = false;
    const lastPollMs =
      (Math.min(r.records, MAX_POLL_RECORDS) * this.cyclesPerRecord) / thread.host.cyclesPerMs;
    this.scheduler.at(Math.max(now, through - lastPollMs), this, Ev.Release, r);
    this.poll(k, now);
  }

  /** The task's poll has taken the response's last records: its partitions can be fetched again. */
  private release(r: Response, now: number): void {
    for (let i = 0; i < r.items.length; i += 4) this.lanes[r.items[i]!]!.busy = false;
    this.poll(r.call.task, now);
  }

  private deliver(d: Delivery, now: number): void {
    const producer = this.producers[d.task]!;
    for (let i = 0; i < d.items.length; i += 4) {
      const lane = this.lanes[d.items[i]!]!;
      producer.sendTo(now, lane.slot, d.items[i + 1]!, d.items[i + 2]!, d.items[i + 3]!);
    }
  }

  /**
   * MirrorCheckpointTask: each group's committed offset of every mirrored partition, translated
   * (here: itself) and kept only up to what the target holds, as MM2 checkpoints only offsets it
   * has an offset sync for.
   */
  private emitCheckpoints(now: number): void {
    this.checkpointsEmitted++;
    for (const g of this.groups) {
      const offsets = g.lanes.map((l, i) => {
        const committed = g.group.committed[i] ?? -1;
        return committed < 0 ? -1 : Math.min(committed, this.lanes[l]!.target.highWatermark);
      });
      g.lastCheckpoint = { atMs: now, offsets };
    }
  }

  /**
   * The source region is lost: the tasks stop (what they already fetched still reaches the
   * target), and every group reading a mirrored topic starts on the mirror.
   */
  sourceLost(now: number): void {
    if (this.stopped) return;
    this.stopped = true;
    this.failoverAtSec = now / 1000;
    let unmirrored = 0;
    for (const lane of this.lanes) {
      const p = lane.source;
      // Markers take offsets but are no records: they are not counted.
      const n =
        lane.position < p.highWatermark ? recordsBetween(p, lane.position, p.highWatermark, false) : 0;
      this.unmirroredAtLoss.set(p, n);
      unmirrored += n;
    }
    this.unmirroredAtFailover = unmirrored;
    for (const g of this.groups) this.failGroupOver(g, now);
  }

  private failGroupOver(g: MirroredGroup, now: number): void {
    g.group.moveAway(now);
    g.group.crashMembers(g.group.members.length, now);
    const synced = this.doc['sync.group.offsets.enabled'] ? g.lastSynced : undefined;
    if (synced) synced.offsets.forEach((o, i) => (g.failover.committed[i] = o));
    let reprocessed = 0;
    let skipped = 0;
    let processedNotMirrored = 0;
    g.lanes.forEach((l, i) => {
      const resume = g.failover.startOffset(i);
      const processed = g.group.processedEnd[i]!;
      // Everything fetched reaches the mirror; nothing past it ever will.
      const mirroredEnd = this.lanes[l]!.position;
      reprocessed += Math.max(0, Math.min(processed, mirroredEnd) - resume);
      processedNotMirrored += Math.max(0, processed - Math.max(mirroredEnd, resume));
      skipped += Math.max(0, resume - processed);
    });
    g.result = {
      atSec: now / 1000,
      resumedFrom: synced ? 'synced checkpoint' : 'auto.offset.reset',
      checkpointAtSec: synced ? synced.atMs / 1000 : null,
      reprocessed,
      processedNotMirrored,
      skipped,
    };
    g.failover.start(now);
  }

  /** The lowest source offset a lane still needs (for trimming shared logs); Infinity if none. */
  neededFrom(p: Partition): number {
    let need = Infinity;
    for (const lane of this.lanes)
      if (lane.source === p) need = Math.min(need, lane.position, lane.target.highWatermark);
    return need;
  }

  /** Records acknowledged in the source and not yet in the target, and the oldest one's age (ms). */
  lag(now: number): { records: number; ageMs: number } {
    let records = 0;
    let ageMs = 0;
    for (const lane of this.lanes) {
      // The source's markers are not mirrored: its records are its offsets less them.
      const skipped = markersBelow(lane.source, lane.source.highWatermark);
      const behind = lane.source.highWatermark - skipped - lane.target.highWatermark;
      if (behind <= 0) continue;
      records += behind;
      const log = lane.source.log;
      const oldest = Math.max(lane.target.highWatermark + skipped, log.startOffset);
      if (oldest < lane.source.highWatermark) ageMs = Math.max(ageMs, now - log.createTimeAt(oldest));
    }
    return { records, ageMs };
  }

  /** Records in the target partitions (what has been mirrored and acknowledged). */
  get mirrored(): number {
    let n = 0;
    for (const lane of this.lanes) n += lane.target.highWatermark;
    return n;
  }

  /** The series' row: lag in records and seconds, records mirrored this second. */
  sample(now: number): [number, number, number] {
    const { records, ageMs } = this.lag(now);
    if (records > this.peakLagRecords) this.peakLagRecords = records;
    if (ageMs / 1000 > this.peakLagSec) this.peakLagSec = ageMs / 1000;
    const mirrored = this.mirrored;
    const rate = mirrored - this.mirroredSeen;
    this.mirroredSeen = mirrored;
    return [records, ageMs / 1000, rate];
  }
}
