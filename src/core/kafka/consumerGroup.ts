// A consumer group: members share the topic's partitions (range assignment); each member polls,
// processes records one after another at its per-record cost, and commits offsets.
import type { ConsumerGroup as GroupDoc } from '../../model/types';
import type { EventTarget, Scheduler } from '../engine/scheduler';
import type { LatencyRecorder } from '../metrics/latency';
import { Rng } from '../util/rng';
import { rangeAssign } from './assignment';
import type { Broker } from './broker';
import type { Partition } from './partition';
import { FetchRequest, type FetchClient, type FetchSettings } from './requests';

/** Polls at most this many records individually when costs are random; larger polls are sampled as a whole. */
const EXACT_SERVICE_LIMIT = 64;
/** Ranges longer than this record their latencies as one even span (first to last record) instead of per log chunk. */
const COARSE_RANGE_RECORDS = 64;

interface Range {
  partition: number;
  from: number;
  to: number;
}

export class ConsumerGroup {
  readonly members: ConsumerMember[];
  /** Committed offset per partition of the topic. */
  readonly committed: number[];
  /** Records processed in the current metrics second, and in all. */
  secondConsumed = 0;
  secondConsumedBytes = 0;
  totalConsumed = 0;

  constructor(
    readonly doc: GroupDoc,
    scheduler: Scheduler,
    readonly partitions: Partition[],
    brokers: Broker[],
    /** End-to-end latency of the records this group processes. */
    readonly latency: LatencyRecorder,
    seed: number,
  ) {
    this.committed = partitions.map(() => 0);
    const assignment = rangeAssign(partitions.length, doc.members);
    this.members = assignment.map(
      (owned, m) => new ConsumerMember(this, m, owned, scheduler, brokers, new Rng(seed + m * 0x9e3779b9)),
    );
  }

  start(now: number): void {
    for (const m of this.members) m.start(now);
  }

  /** Records behind the committed offsets, per partition (what kafka-consumer-groups reports). */
  lagPerPartition(): number[] {
    return this.partitions.map((p, i) => Math.max(0, p.highWatermark - this.committed[i]!));
  }

  /** The lowest offset any member still needs (for trimming the shared log). */
  lowestNeeded(partition: number): number {
    return this.committed[partition]!;
  }

  get idleMembers(): number {
    return this.members.filter((m) => m.owned.length === 0).length;
  }

  /** Called with every processed poll's record count (to feed sinks the group writes to). */
  onConsumed: ((records: number) => void) | undefined;

  onProcessed(count: number, bytes: number): void {
    this.secondConsumed += count;
    this.secondConsumedBytes += bytes;
    this.totalConsumed += count;
    this.onConsumed?.(count);
  }
}

export class ConsumerMember implements EventTarget, FetchClient {
  /** Next offset to fetch, per owned partition (index into `owned`). */
  private readonly fetchPosition: number[];
  private readonly buffers: Range[][];
  private readonly fetching: boolean[];
  /** One fetch per broker, sent again once answered. */
  private readonly requests: FetchRequest[];
  /** Index into `owned` of each partition of the topic (-1 when another member owns it). */
  private readonly ownedPosition: number[];
  private readonly settings: FetchSettings;
  private busy = false;
  private lastCommit = 0;
  /** Offsets of records returned by polls, per owned partition (what auto commit commits). */
  private readonly returned: number[];
  private takenCount = 0;
  private takenBytes = 0;
  /** The ranges the current poll took (the first `takenRanges` of them); reused from poll to poll. */
  private readonly taken: Range[] = [];
  private takenRanges = 0;
  /** Drained buffer ranges, reused for the next fetch responses. */
  private readonly spareRanges: Range[] = [];
  // State of the slice visitor while a poll's latencies are recorded (a closure per range costs more).
  private elapsed = 0;
  private pollStart = 0;
  private perRecord = 0;
  private exactService = false;

  constructor(
    private readonly group: ConsumerGroup,
    readonly index: number,
    readonly owned: number[],
    private readonly scheduler: Scheduler,
    private readonly brokers: Broker[],
    private readonly rng: Rng,
  ) {
    this.fetchPosition = owned.map(() => 0);
    this.returned = owned.map(() => 0);
    this.buffers = owned.map(() => []);
    this.fetching = brokers.map(() => false);
    const c = group.doc.config;
    this.settings = {
      minBytes: c['fetch.min.bytes'],
      maxWaitMs: c['fetch.max.wait.ms'],
      maxBytes: c['fetch.max.bytes'],
      maxPartitionBytes: c['max.partition.fetch.bytes'],
    };
    this.requests = brokers.map((b) => new FetchRequest(this, b, -1, this.settings));
    this.ownedPosition = group.partitions.map((p) => owned.indexOf(p.index));
  }

  start(now: number): void {
    const reset = this.group.doc.config['auto.offset.reset'];
    this.owned.forEach((p, i) => {
      const partition = this.group.partitions[p]!;
      const start = reset === 'earliest' ? partition.log.startOffset : partition.highWatermark;
      this.fetchPosition[i] = start;
      this.returned[i] = start;
      this.group.committed[p] = start;
    });
    this.lastCommit = now;
    this.sendFetches(now);
  }

  /** Fetches, per leader broker, the owned partitions that have nothing buffered. */
  private sendFetches(now: number): void {
    const partitions = this.group.partitions;
    for (let b = 0; b < this.brokers.length; b++) {
      if (this.fetching[b]) continue;
      let req: FetchRequest | undefined;
      for (let i = 0; i < this.owned.length; i++) {
        const partition = partitions[this.owned[i]!]!;
        if (partition.leader !== b || this.buffers[i]!.length > 0) continue;
        if (!req) {
          req = this.requests[b]!;
          req.reset();
        }
        req.add(partition, this.fetchPosition[i]!);
      }
      if (!req) continue;
      this.fetching[b] = true;
      this.brokers[b]!.sendFetch(req, now);
    }
  }

  onFetchResponse(req: FetchRequest, now: number): void {
    this.fetching[req.broker.index] = false;
    for (let k = 0; k < req.count; k++) {
      const partition = req.partitions[k]!;
      const i = this.ownedPosition[partition.index] ?? -1;
      const from = req.offsets[k]!;
      const to = req.ends[k]!;
      if (i < 0 || to <= from) continue;
      this.buffers[i]!.push(this.range(partition.index, from, to));
      this.fetchPosition[i] = to;
    }
    this.poll(now);
    this.sendFetches(now);
  }

  /** One poll(): maybe auto-commit, take up to max.poll.records, process them. */
  private poll(now: number): void {
    if (this.busy) return;
    const c = this.group.doc.config;
    if (c['enable.auto.commit'] && now - this.lastCommit >= c['auto.commit.interval.ms']) this.commit(now);
    let want = c['max.poll.records'];
    const taken = this.taken;
    let count = 0;
    for (let i = 0; i < this.buffers.length && want > 0; i++) {
      const buffer = this.buffers[i]!;
      while (buffer.length > 0 && want > 0) {
        const r = buffer[0]!;
        const n = Math.min(want, r.to - r.from);
        if (count === taken.length) taken.push({ partition: 0, from: 0, to: 0 });
        const t = taken[count++]!;
        t.partition = r.partition;
        t.from = r.from;
        t.to = r.from + n;
        this.returned[i] = r.from + n;
        r.from += n;
        want -= n;
        if (r.from >= r.to) this.spareRanges.push(buffer.shift()!);
      }
    }
    this.takenRanges = count;
    // Fetch again for partitions drained by this poll while the records are processed.
    this.sendFetches(now);
    if (count === 0) return;
    this.takenCount = c['max.poll.records'] - want;
    this.takenBytes = 0;
    for (let k = 0; k < count; k++) {
      const r = taken[k]!;
      this.takenBytes += this.group.partitions[r.partition]!.log.bytesBetween(r.from, r.to);
    }
    this.busy = true;
    this.scheduler.at(now + this.process(this.takenCount, now), this, 0);
  }

  private range(partition: number, from: number, to: number): Range {
    const r = this.spareRanges.pop();
    if (!r) return { partition, from, to };
    r.partition = partition;
    r.from = from;
    r.to = to;
    return r;
  }

  /** Records end-to-end latencies for the taken records and returns the processing time. */
  private process(count: number, now: number): number {
    const cost = this.group.doc.processing;
    const exact = cost.distribution === 'exponential' && count <= EXACT_SERVICE_LIMIT;
    const total = exact
      ? 0
      : cost.distribution === 'fixed'
        ? cost.meanMs * count
        : this.rng.gamma(count, cost.meanMs);
    const perRecord = count > 0 ? total / count : 0;
    this.exactService = exact;
    this.perRecord = perRecord;
    this.pollStart = now;
    this.elapsed = 0;
    const recorder = this.group.latency;
    for (let k = 0; k < this.takenRanges; k++) {
      const r = this.taken[k]!;
      const log = this.group.partitions[r.partition]!.log;
      if (!exact && r.to - r.from > COARSE_RANGE_RECORDS) {
        // Long ranges from a steady stream: creation times close to evenly spread, one span is enough.
        const n = r.to - r.from;
        const first = now + this.elapsed + perRecord - log.createTimeAt(r.from);
        this.elapsed += perRecord * n;
        recorder.recordSpan(n, first, now + this.elapsed - log.createTimeAt(r.to - 1));
        continue;
      }
      log.forEachSlice(r.from, r.to, this.visitSlice);
    }
    return this.elapsed;
  }

  /** Processes one log slice of a short range: per record when service times are exact, else as a span. */
  private readonly visitSlice = (n: number, createStart: number, createEnd: number): void => {
    const now = this.pollStart;
    const recorder = this.group.latency;
    if (this.exactService) {
      const rate = 1 / this.group.doc.processing.meanMs;
      for (let j = 0; j < n; j++) {
        this.elapsed += this.rng.exponential(rate);
        const created = n === 1 ? createStart : createStart + ((createEnd - createStart) * j) / (n - 1);
        recorder.recordSpan(1, now + this.elapsed - created, now + this.elapsed - created);
      }
      return;
    }
    const first = now + this.elapsed + this.perRecord - createStart;
    this.elapsed += this.perRecord * n;
    const last = now + this.elapsed - createEnd;
    recorder.recordSpan(n, first, last);
  };

  private commit(now: number): void {
    this.owned.forEach((p, i) => (this.group.committed[p] = this.returned[i]!));
    this.lastCommit = now;
  }

  /** Processing of the last poll finished. */
  handle(_kind: number, _data: unknown, now: number): void {
    this.busy = false;
    this.group.onProcessed(this.takenCount, this.takenBytes);
    if (!this.group.doc.config['enable.auto.commit']) this.commit(now);
    this.takenCount = 0;
    this.poll(now);
  }
}
