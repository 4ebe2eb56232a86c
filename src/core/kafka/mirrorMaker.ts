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
// Simplifications (said in the README and the summary):
// - A task keeps the link and its thread busy: it asks for the next fetch so that the response
//   arrives as the pipe frees and as the thread is through with the previous one (several fetches
//   in flight, as a consumer's buffered fetches over several source brokers give), never further.
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

/** Records a fetch takes at most per task (the poll loop's unit of work here). */
const FETCH_MAX_RECORDS = 5000;
/** max.partition.fetch.bytes, the consumer's default. */
const PARTITION_FETCH_BYTES = 1_048_576;
/** With nothing to fetch, a long-poll fetch returns once data arrives: checked this often. */
const IDLE_MS = 10;
/** Least time between two fetches of a task that found data. */
const MIN_FETCH_GAP_MS = 5;

const enum Ev {
  Fetch,
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
  failoverAtSec: number | null = null;
  checkpointsEmitted = 0;
  peakLagRecords = 0;
  peakLagSec = 0;
  private mirroredSeen = 0;

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
    let n = 0;
    for (const pair of pairs)
      pair.source.forEach((source, i) => {
        this.lanes.push({ source, target: pair.target[i]!, slot: -1, task: n++ % tasks, position: 0 });
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
    for (let k = 0; k < this.threads.length; k++) this.scheduler.at(now, this, Ev.Fetch, k);
    const every = this.doc['emit.checkpoints.interval.seconds'] * 1000;
    this.scheduler.at(now + every, this, Ev.Checkpoint);
    if (this.doc['sync.group.offsets.enabled'])
      this.scheduler.at(now + this.doc['sync.group.offsets.interval.seconds'] * 1000, this, Ev.Sync);
  }

  handle(kind: number, data: unknown, now: number): void {
    if (kind === Ev.Fetch) this.fetch(data as number, now);
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

  private fetch(k: number, now: number): void {
    if (this.stopped) return;
    const producer = this.producers[k]!;
    // send() blocks on a full buffer.memory: the task stops fetching until the producer drains.
    const bufferRecords = producer.doc.config['buffer.memory'] / producer.doc.recordBytes;
    if (producer.inFlightRecords >= bufferRecords) {
      this.scheduler.at(now + IDLE_MS, this, Ev.Fetch, k);
      return;
    }
    const items: number[] = [];
    let records = 0;
    let bytes = 0;
    for (let l = 0; l < this.lanes.length && records < FETCH_MAX_RECORDS; l++) {
      const lane = this.lanes[l]!;
      if (lane.task !== k) continue;
      const p = lane.source;
      if (p.offline || !this.brokers[p.leader]!.reachableByClients) continue;
      const log = p.log;
      const from = Math.max(lane.position, log.logStartOffset, log.startOffset);
      let to = Math.min(p.highWatermark, from + FETCH_MAX_RECORDS - records);
      if (to <= from) continue;
      to = Math.max(from + 1, Math.min(to, log.readEnd(from, to, PARTITION_FETCH_BYTES)));
      let first = Infinity;
      let last = 0;
      log.forEachSlice(from, to, (_n, cs, ce) => {
        if (cs < first) first = cs;
        if (ce > last) last = ce;
      });
      // Transaction markers take offsets but are no records: they are not sent to the target.
      const n = recordsBetween(p, from, to, false);
      items.push(l, n, first, last);
      records += n;
      bytes += log.bytesBetween(from, to);
      lane.position = to;
    }
    if (records === 0) {
      this.scheduler.at(now + IDLE_MS, this, Ev.Fetch, k);
      return;
    }
    // The fetch request crosses to the source region, the response comes back through the pipe.
    const arrive = this.pipe.send(now + this.pipe.latencyMs, bytes);
    const through = this.threads[k]!.run(arrive, records * this.cyclesPerRecord);
    this.scheduler.at(through, this, Ev.Deliver, { task: k, items } satisfies Delivery);
    // The next fetch is timed to arrive as the pipe frees and as the thread is through with this one.
    const next = Math.max(
      this.pipe.freeAt - this.pipe.latencyMs,
      through - 2 * this.pipe.latencyMs,
      now + MIN_FETCH_GAP_MS,
    );
    this.scheduler.at(next, this, Ev.Fetch, k);
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
    for (const lane of this.lanes) unmirrored += Math.max(0, lane.source.highWatermark - lane.position);
    this.unmirroredAtFailover = unmirrored;
    for (const g of this.groups) this.failGroupOver(g, now);
  }

  private failGroupOver(g: MirroredGroup, now: number): void {
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
