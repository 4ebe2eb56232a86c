// One member of a consumer group: it fetches its assigned partitions from their leaders, polls up
// to max.poll.records, processes them one after another at the group's per-record cost, and
// commits. The group's rebalances change what it owns: it gives partitions up (committing first
// when auto commit is on, as Kafka's consumer does on revoke) and takes new ones from the last
// committed offset. A crashed member stops at once and commits nothing. It runs on a machine: fetched
// records cross its network card, and its poll thread decodes them (CONSUMER_CYCLES) before the
// application's per-record work.
import { CONSUMER_CYCLES } from '../costs';
import { type Host, HostThread } from '../engine/host';
import { Jvm } from '../engine/jvm';
import type { EventTarget, Scheduler } from '../engine/scheduler';
import type { Rng } from '../util/rng';
import type { Broker } from './broker';
import type { ConsumerGroup } from './consumerGroup';
import type { Partition } from './partition';
import type { PartitionLog } from './partitionLog';
import { FetchRequest, type FetchClient, type FetchSettings } from './requests';

/** The cost table, read once: through an import binding each read may be a call (tsx, tests). */
const CYCLES = CONSUMER_CYCLES;

/** Polls at most this many records individually when costs are random; larger polls are sampled as a whole. */
const EXACT_SERVICE_LIMIT = 64;
/** Ranges longer than this record their latencies as one even span (first to last record) instead of per log chunk. */
const COARSE_RANGE_RECORDS = 64;

/** Events of a member: its poll's processing is done, then (with sinks) the poll's write is. */
const enum Ev {
  Processed,
  Written,
}

interface Range {
  partition: number;
  from: number;
  to: number;
}

export class ConsumerMember implements EventTarget, FetchClient {
  /** Partitions of the topic this member owns now (the group's rebalances change it). */
  owned: number[] = [];
  /** Next offset to fetch, per owned partition (index into `owned`). */
  private fetchPosition: number[] = [];
  private buffers: Range[][] = [];
  private readonly fetching: boolean[];
  /** One fetch per broker, sent again once answered. */
  private readonly requests: FetchRequest[];
  /** Index into `owned` of each partition of the topic (-1 or past the end when not owned). */
  private ownedPosition: number[] = [];
  private readonly settings: FetchSettings;
  private busy = false;
  private lastCommit = 0;
  /** Offsets of records returned by polls, per owned partition (what auto commit commits). */
  private returned: number[] = [];
  /** Crashed: it does nothing more, and its last poll never completes. */
  crashed = false;
  /** In an eager rebalance: no fetching or polling until the new assignment. */
  paused = false;
  /** Partitions to give up once the poll being processed is done (a rebalance came while busy). */
  private deferredRevoke: number[] | undefined;
  /** Records this member has processed (duplicates included). */
  processed = 0;
  /** read_committed: aborted transactions' records fetched and dropped before poll() returned. */
  abortedSkipped = 0;
  private takenCount = 0;
  private takenBytes = 0;
  /** The ranges the current poll took (the first `takenRanges` of them); reused from poll to poll. */
  private readonly taken: Range[] = [];
  private takenRanges = 0;
  /** Where the next poll starts taking among the owned partitions' buffers (they take turns). */
  private pollFrom = 0;
  /** Drained buffer ranges, reused for the next fetch responses. */
  private readonly spareRanges: Range[] = [];
  // State of the slice visitor while a poll's latencies are recorded (a closure per range costs more).
  private elapsed = 0;
  private pollStart = 0;
  private perRecord = 0;
  private exactService = false;
  /** The client's own work per record of the poll being processed (decoding), in ms. */
  private decodePerRecord = 0;
  /** The thread that calls poll(): decoding what was fetched runs on it. */
  readonly pollThread: HostThread;
  /** The member's process: its garbage collections stop the poll thread. */
  readonly jvm: Jvm;
  /** Cycles of fetch responses handled since the last poll, paid by the next one. */
  private pendingFetchCycles = 0;
  /**
   * Records of the poll being processed already counted as consumed: a metrics tick counts the
   * records finished by then (flushProgress), so a long poll does not hold its finished records in
   * the count until its last one is done. The poll's end counts the rest.
   */
  private reported = 0;
  /** With exact service times: when each record of the poll is done, in ms after the poll started. */
  private readonly doneAt: number[] = [];
  /** Waiting for the group's sinks to take the processed poll. */
  private writing = false;
  // What account() last counted (fields rather than an object: it runs at every poll's end).
  private spanAgain = 0;
  private spanReplayed = 0;
  private spanBytes = 0;

  constructor(
    private readonly group: ConsumerGroup,
    readonly index: number,
    private readonly scheduler: Scheduler,
    private readonly brokers: Broker[],
    private readonly rng: Rng,
    readonly host: Host,
  ) {
    this.pollThread = new HostThread(host, `${group.doc.id}.member${index}.poll`);
    this.jvm = Jvm.client([this.pollThread.pool]);
    this.fetching = brokers.map(() => false);
    const c = group.doc.config;
    this.settings = {
      minBytes: c['fetch.min.bytes'],
      maxWaitMs: c['fetch.max.wait.ms'],
      maxBytes: c['fetch.max.bytes'],
      maxPartitionBytes: c['max.partition.fetch.bytes'],
      readCommitted: c['isolation.level'] === 'read_committed',
    };
    this.requests = brokers.map((b) => new FetchRequest(this, b, -1, this.settings));
  }

  /**
   * The broker to fetch a partition from: its leader, or with the rack-aware replica selector
   * (KIP-392) an in-sync replica in the member's rack that it can reach.
   */
  private readReplica(p: Partition): number {
    if (!this.group.followerFetching) return p.leader;
    const rack = this.rack;
    for (let i = 0; i < p.replicas.length; i++) {
      const b = this.brokers[p.replicas[i]!]!;
      if (b.rack === rack && p.inSync[i] && b.reachableByClients && !p.offline) return b.index;
    }
    return p.leader;
  }

  /** client.rack of the group's config. */
  get rack(): string | undefined {
    return this.group.doc.config['client.rack'];
  }

  /** Fetched records cross the member's machine's incoming link. */
  get receiveLink(): Host['nicIn'] {
    return this.host.nicIn;
  }

  get busyProcessing(): boolean {
    return this.busy;
  }

  /** Replaces what the member owns (an eager assignment): reads each from its committed offset. */
  assign(partitions: number[], now: number): void {
    this.owned = [];
    this.fetchPosition = [];
    this.returned = [];
    this.buffers = [];
    this.lastCommit = now;
    this.add(partitions, now);
  }

  /** Adds partitions to what the member owns (a cooperative assignment), from their committed offsets. */
  add(partitions: number[], now: number): void {
    for (const p of partitions) {
      const start = this.group.startOffset(p);
      this.owned.push(p);
      this.fetchPosition.push(start);
      this.returned.push(start);
      this.buffers.push([]);
      this.group.owner[p] = this.index;
    }
    this.indexOwned();
    this.paused = false;
    this.sendFetches(now);
  }

  /**
   * Gives partitions up in a rebalance: commits them first when auto commit is on, drops what is
   * buffered. A member busy with a poll finishes it first; returns false when the revoke starts
   * waiting (the group then counts on one revokeDone). A revoke added to one already waiting
   * returns true: it is done with that one.
   */
  revoke(partitions: number[], now: number): boolean {
    if (this.busy) {
      const waiting = this.deferredRevoke !== undefined;
      this.deferredRevoke = [...(this.deferredRevoke ?? []), ...partitions];
      return waiting;
    }
    this.giveUp(partitions, now);
    return true;
  }

  /** Stops at once: no commit, the poll being processed is never finished. Returns whether a revoke was waiting. */
  crash(): boolean {
    this.crashed = true;
    this.busy = false;
    this.reported = 0;
    const waiting = this.deferredRevoke !== undefined;
    this.deferredRevoke = undefined;
    return waiting;
  }

  private giveUp(partitions: number[], now: number): void {
    const autoCommit = this.group.doc.config['enable.auto.commit'];
    const keep: number[] = [];
    this.owned.forEach((p, i) => {
      if (!partitions.includes(p)) {
        keep.push(i);
        return;
      }
      if (autoCommit) this.group.commitOffset(p, this.returned[i]!);
      if (this.group.owner[p] === this.index) this.group.owner[p] = -1;
      for (const r of this.buffers[i]!) this.spareRanges.push(r);
    });
    this.owned = keep.map((i) => this.owned[i]!);
    this.fetchPosition = keep.map((i) => this.fetchPosition[i]!);
    this.returned = keep.map((i) => this.returned[i]!);
    this.buffers = keep.map((i) => this.buffers[i]!);
    this.indexOwned();
    if (autoCommit) this.lastCommit = now;
  }

  private indexOwned(): void {
    this.ownedPosition = this.group.partitions.map(() => -1);
    this.owned.forEach((p, i) => (this.ownedPosition[p] = i));
  }

  /** Where this member reads p next (its fetch position), or -1 when it does not own p. */
  positionOf(p: number): number {
    const i = this.ownedPosition[p] ?? -1;
    if (i < 0 || i >= this.owned.length) return -1;
    let position = this.fetchPosition[i]!;
    // A fetch the broker has answered but whose records are still on the way: they were read before
    // anything could delete them, and the member will process them.
    const partition = this.group.partitions[p]!;
    for (let b = 0; b < this.requests.length; b++) {
      const req = this.requests[b]!;
      if (!req.done || !this.fetching[b]) continue;
      for (let k = 0; k < req.count; k++)
        if (req.partitions[k] === partition && req.ends[k]! > position) position = req.ends[k]!;
    }
    return position;
  }

  /** The consumer's position of p (the next record a poll returns), or -1 when it does not own p. */
  pollPositionOf(p: number): number {
    const i = this.ownedPosition[p] ?? -1;
    return i >= 0 && i < this.owned.length ? this.returned[i]! : -1;
  }

  /**
   * OffsetOutOfRange: retention deleted the position of owned partition i. The broker would answer
   * the fetch with the error; we take it before sending, a round trip early. Returns false when the
   * member stopped (auto.offset.reset=none).
   */
  private resetOutOfRange(i: number, now: number): boolean {
    const to = this.group.offsetOutOfRange(this, this.owned[i]!, now);
    if (to < 0) return false;
    this.fetchPosition[i] = to;
    this.returned[i] = to;
    return true;
  }

  /** Fetches, per leader broker, the owned partitions that have nothing buffered. */
  private sendFetches(now: number): void {
    if (this.paused || this.crashed) return;
    const partitions = this.group.partitions;
    for (let b = 0; b < this.brokers.length; b++) {
      if (this.fetching[b]) continue;
      let req: FetchRequest | undefined;
      for (let i = 0; i < this.owned.length; i++) {
        const partition = partitions[this.owned[i]!]!;
        if (this.readReplica(partition) !== b || this.buffers[i]!.length > 0) continue;
        if (this.fetchPosition[i]! < partition.log.logStartOffset && !this.resetOutOfRange(i, now)) return;
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
    if (this.crashed) return;
    this.fetching[req.broker.index] = false;
    this.pendingFetchCycles += CYCLES.perFetch;
    // The answer is read into the heap, then made into records (in process()).
    this.jvm.request(now, req.bytes);
    for (let k = 0; k < req.count; k++) {
      const partition = req.partitions[k]!;
      const i = this.ownedPosition[partition.index] ?? -1;
      const from = req.offsets[k]!;
      const to = req.ends[k]!;
      // A partition given up (or taken again) since the fetch was sent is read anew from its position.
      if (i < 0 || to <= from || from !== this.fetchPosition[i]) continue;
      this.buffers[i]!.push(this.range(partition.index, from, to));
      this.fetchPosition[i] = to;
    }
    // As in Kafka's consumer, fetches go out from poll(), after it has taken what was buffered: a
    // member still busy with its last poll sends the next fetches when it polls again. (Sent now,
    // they would leave out the partitions just buffered, and a long-poll to this broker would then
    // hold their new records back for up to fetch.max.wait.ms.)
    this.poll(now);
  }

  /** One poll(): maybe auto-commit, take up to max.poll.records, process them. */
  private poll(now: number): void {
    if (this.busy || this.paused || this.crashed) return;
    const c = this.group.doc.config;
    if (c['enable.auto.commit'] && now - this.lastCommit >= c['auto.commit.interval.ms']) this.commit(now);
    let want = c['max.poll.records'];
    const taken = this.taken;
    let count = 0;
    // Kafka's consumer drains fetched partitions in the order their data came, and a partition's
    // next fetch joins the back of that line: the partitions take turns. Here each poll starts where
    // the last one stopped, so a busy partition early in the list cannot starve the others.
    const n = this.buffers.length;
    let k = 0;
    for (; k < n && want > 0; k++) {
      const i = (this.pollFrom + k) % n;
      const buffer = this.buffers[i]!;
      while (buffer.length > 0 && want > 0) {
        const r = buffer[0]!;
        const cleaned = this.group.partitions[r.partition]!.compacted;
        if (cleaned && r.from < cleaned.cleanedEnd) {
          // A compacted partition's cleaned head: the poll passes over the offsets the cleaner
          // emptied and returns the one record per key it kept.
          const end = cleaned.endAfterRecords(r.from, want, r.to);
          const kept = cleaned.keptBetween(r.from, end);
          this.group.compactedSkipped(end - r.from - kept);
          cleaned.forEachKeptRange(r.from, end, (from, to) => {
            if (count === taken.length) taken.push({ partition: 0, from: 0, to: 0 });
            const t = taken[count++]!;
            t.partition = r.partition;
            t.from = from;
            t.to = to;
          });
          this.returned[i] = end;
          r.from = end;
          want -= kept;
          if (r.from >= r.to) this.spareRanges.push(buffer.shift()!);
          continue;
        }
        const take = Math.min(want, r.to - r.from);
        // The consumer drops transaction markers, and with read_committed aborted transactions'
        // records, before poll() returns: only records count against max.poll.records.
        const rc = this.settings.readCommitted === true;
        const txns = this.group.partitions[r.partition]!.txns;
        const skipped = txns ? txns.skippedBetween(r.from, r.from + take, rc) : 0;
        if (skipped > 0) {
          this.abortedSkipped += rc ? txns!.abortedBetween(r.from, r.from + take) : 0;
          txns!.forEachReadRange(r.from, r.from + take, rc, (from, to) => {
            if (count === taken.length) taken.push({ partition: 0, from: 0, to: 0 });
            const t = taken[count++]!;
            t.partition = r.partition;
            t.from = from;
            t.to = to;
          });
          want += skipped;
        } else {
          if (count === taken.length) taken.push({ partition: 0, from: 0, to: 0 });
          const t = taken[count++]!;
          t.partition = r.partition;
          t.from = r.from;
          t.to = r.from + take;
        }
        this.returned[i] = r.from + take;
        r.from += take;
        want -= take;
        if (r.from >= r.to) this.spareRanges.push(buffer.shift()!);
      }
    }
    if (n > 0) {
      // Continue with the partition this poll stopped in, or the one after it if it is drained.
      const last = (this.pollFrom + k - 1) % n;
      this.pollFrom = this.buffers[last]!.length > 0 ? last : (last + 1) % n;
    }
    this.takenRanges = count;
    // Fetch again for partitions drained by this poll while the records are processed.
    this.sendFetches(now);
    if (count === 0) {
      // Nothing to process (what was taken the cleaner had emptied): every returned offset is read.
      this.noteRestore(now);
      return;
    }
    this.takenCount = c['max.poll.records'] - want;
    this.takenBytes = 0;
    for (let k = 0; k < count; k++) {
      const r = taken[k]!;
      this.takenBytes += this.group.partitions[r.partition]!.log.bytesBetween(r.from, r.to);
    }
    this.busy = true;
    const elapsed = this.process(this.takenCount, now);
    // The application's own work runs on the poll thread too: it keeps the thread (and its core)
    // busy until the poll is done.
    const decodedAt = this.pollThread.freeAt;
    if (now + elapsed > decodedAt) this.pollThread.pool.reserve(decodedAt, now + elapsed - decodedAt);
    this.scheduler.at(now + elapsed, this, Ev.Processed);
  }

  /** With a restore running, tells the group how far each owned partition is processed. */
  private noteRestore(now: number): void {
    const r = this.group.restore;
    if (!r || r.doneMs !== undefined) return;
    for (let i = 0; i < this.owned.length; i++)
      this.group.restoreReached(this.owned[i]!, this.returned[i]!, now);
  }

  private range(partition: number, from: number, to: number): Range {
    const r = this.spareRanges.pop();
    if (!r) return { partition, from, to };
    r.partition = partition;
    r.from = from;
    r.to = to;
    return r;
  }

  /**
   * Records end-to-end latencies for the taken records and returns the processing time: the poll
   * thread decodes them (waiting for a core if the machine is busy), then the application's own
   * per-record cost, record after record.
   */
  private process(count: number, now: number): number {
    const cost = this.group.doc.processing;
    const exact = cost.distribution === 'exponential' && count <= EXACT_SERVICE_LIMIT;
    const total = exact
      ? 0
      : cost.distribution === 'fixed'
        ? cost.meanMs * count
        : this.rng.gamma(count, cost.meanMs);
    const cycles =
      this.pendingFetchCycles +
      CYCLES.perRecord * count +
      (CYCLES.perByte + this.group.decompressCyclesPerWireByte) * this.takenBytes;
    this.pendingFetchCycles = 0;
    if (count > 0) this.jvm.records(now, count, this.takenBytes / count);
    const decodeMs = count > 0 ? this.pollThread.run(now, cycles) - now : 0;
    this.decodePerRecord = count > 0 ? decodeMs / count : 0;
    const perRecord = count > 0 ? total / count + this.decodePerRecord : 0;
    this.exactService = exact;
    this.perRecord = perRecord;
    this.pollStart = now;
    this.elapsed = 0;
    this.doneAt.length = 0;
    for (let k = 0; k < this.takenRanges; k++) {
      const r = this.taken[k]!;
      const log = this.group.partitions[r.partition]!.log;
      // A restore's records (below the end the group saw when it started one) are history being
      // read back, as a replay's are, and a prefilled backlog was written before the run: their
      // processing takes time, their age stays out of the latency.
      const history = Math.max(
        this.group.restoreEnd(r.partition),
        this.group.partitions[r.partition]!.prefillEnd,
      );
      const from = Math.min(r.to, Math.max(r.from, history));
      if (from > r.from) this.skipLatency(from - r.from);
      if (from >= r.to) continue;
      // Records an offsetReset asked to read again take their processing time, but their age is
      // the reset's doing, not the pipeline's: they stay out of the end-to-end latency.
      const replayFrom = Math.max(from, this.group.replayWindowFrom(r.partition));
      const replayTo = Math.min(r.to, this.group.replayWindowEnd(r.partition));
      if (replayTo <= replayFrom) {
        this.processRange(log, from, r.to);
        continue;
      }
      this.processRange(log, from, replayFrom);
      this.skipLatency(replayTo - replayFrom);
      this.processRange(log, replayTo, r.to);
    }
    return this.elapsed;
  }

  /** Processes [from, to) of a log, recording the records' end-to-end latencies. */
  private processRange(log: PartitionLog, from: number, to: number): void {
    if (to <= from) return;
    const now = this.pollStart;
    if (!this.exactService && to - from > COARSE_RANGE_RECORDS) {
      // Long ranges from a steady stream: creation times close to evenly spread, one span is enough.
      const n = to - from;
      const first = now + this.elapsed + this.perRecord - log.createTimeAt(from);
      this.elapsed += this.perRecord * n;
      this.group.latency.recordSpan(n, first, now + this.elapsed - log.createTimeAt(to - 1));
      return;
    }
    log.forEachSlice(from, to, this.visitSlice);
  }

  /** Processes n records without recording their latencies. */
  private skipLatency(n: number): void {
    if (!this.exactService) {
      this.elapsed += this.perRecord * n;
      return;
    }
    const rate = 1 / this.group.doc.processing.meanMs;
    for (let j = 0; j < n; j++) {
      this.elapsed += this.rng.exponential(rate) + this.decodePerRecord;
      this.doneAt.push(this.elapsed);
    }
  }

  /** Processes one log slice of a short range: per record when service times are exact, else as a span. */
  private readonly visitSlice = (n: number, createStart: number, createEnd: number): void => {
    const now = this.pollStart;
    const recorder = this.group.latency;
    if (this.exactService) {
      const rate = 1 / this.group.doc.processing.meanMs;
      for (let j = 0; j < n; j++) {
        this.elapsed += this.rng.exponential(rate) + this.decodePerRecord;
        this.doneAt.push(this.elapsed);
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

  /**
   * How many records of the poll being processed are done by `now`. With sinks, records count once
   * the sinks have taken the whole poll, so none count before its end.
   */
  private doneBy(now: number): number {
    if (!this.busy || this.takenCount === 0 || this.writing || this.group.writeOutput) return this.reported;
    const t = now - this.pollStart;
    if (this.exactService) {
      // doneAt ascends: count the records done by t.
      let lo = 0;
      let hi = this.doneAt.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.doneAt[mid]! <= t) lo = mid + 1;
        else hi = mid;
      }
      return Math.max(this.reported, lo);
    }
    if (this.perRecord <= 0) return this.takenCount;
    // Records finish one per perRecord; the small margin keeps a record finishing exactly now in.
    return Math.max(this.reported, Math.min(this.takenCount, Math.floor(t / this.perRecord + 1e-9)));
  }

  /**
   * Counts the poll's records [a, b) (in the order they are processed): re-reads of records
   * processed before (`spanAgain`), those an offsetReset asked for (`spanReplayed`), and their bytes.
   * `mark` records them as processed; without it this only reads.
   */
  private account(a: number, b: number, mark: boolean): void {
    this.spanAgain = 0;
    this.spanReplayed = 0;
    this.spanBytes = 0;
    let index = 0;
    for (let k = 0; k < this.takenRanges && index < b; k++) {
      const r = this.taken[k]!;
      const length = r.to - r.from;
      const lo = Math.max(a, index);
      const hi = Math.min(b, index + length);
      if (hi > lo) {
        const from = r.from + (lo - index);
        const to = r.from + (hi - index);
        const group = this.group;
        this.spanAgain += mark
          ? group.markProcessed(r.partition, from, to)
          : group.peekProcessed(r.partition, from, to);
        // Re-reads an offsetReset asked for are not duplicates.
        this.spanReplayed += mark
          ? group.markReplayed(r.partition, from, to)
          : group.peekReplayed(r.partition, from, to);
        this.spanBytes += group.partitions[r.partition]!.log.bytesBetween(from, to);
      }
      index += length;
    }
  }

  /** Counts the poll's records from those already reported up to `upTo` as consumed. */
  private report(upTo: number): void {
    if (upTo <= this.reported) return;
    const n = upTo - this.reported;
    this.account(this.reported, upTo, true);
    this.processed += n;
    this.reported = upTo;
    this.group.onProcessed(
      n - this.spanAgain,
      this.spanAgain - this.spanReplayed,
      this.spanBytes,
      this.spanReplayed,
    );
  }

  /** At a metrics tick: counts the records of the poll being processed that are done by now. */
  flushProgress(now: number): void {
    if (this.crashed) return;
    this.report(this.doneBy(now));
  }

  /** Records of the poll being processed that are done by `now` and not yet counted (first reads only). */
  pendingConsumed(now: number): number {
    if (this.crashed) return 0;
    const k = this.doneBy(now);
    if (k <= this.reported) return 0;
    this.account(this.reported, k, false);
    return k - this.reported - this.spanAgain;
  }

  private commit(now: number): void {
    this.owned.forEach((p, i) => this.group.commitOffset(p, this.returned[i]!));
    this.lastCommit = now;
  }

  /** Processing of the last poll finished, or (with sinks) its write to them did. */
  handle(kind: number, _data: unknown, now: number): void {
    // The poll of a member that crashed meanwhile never completes.
    if (this.crashed) return;
    // The poll loop writes what it processed to the group's sinks and waits for the answer; the
    // records count as consumed (and written) then. Still busy, so a rebalance waits for it.
    const write = this.group.writeOutput;
    if ((kind as Ev) === Ev.Processed && write) {
      const done = write(now, this.takenCount);
      if (done > now) {
        this.writing = true;
        this.scheduler.at(done, this, Ev.Written);
        return;
      }
    }
    this.writing = false;
    this.busy = false;
    this.report(this.takenCount);
    this.reported = 0;
    this.noteRestore(now);
    if (!this.group.doc.config['enable.auto.commit']) this.commit(now);
    this.takenCount = 0;
    this.takenRanges = 0;
    const revoke = this.deferredRevoke;
    if (revoke) {
      this.deferredRevoke = undefined;
      this.giveUp(revoke, now);
      this.group.revokeDone(now);
    }
    this.poll(now);
  }
}
