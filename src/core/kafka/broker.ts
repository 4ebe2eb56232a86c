// A broker: finite network in/out, disk, cores and request threads that produce and fetch requests
// queue for. Each client connection is served one request at a time (see BROKER_CYCLES).
import type { Broker as BrokerDoc, Cluster } from '../../model/types';
import {
  BROKER_CYCLES,
  COMPRESSION_CPU,
  COMPRESSION_RATIO,
  type CompressionCodec,
  DIRTY_PAGE_FRACTION,
  PAGE_CACHE_FRACTION,
  PER_PARTITION_OVERHEAD_BYTES,
  REQUEST_OVERHEAD_BYTES,
} from '../costs';
import { coresOf, networkLink } from '../engine/host';
import { Jvm } from '../engine/jvm';
import type { Network } from '../engine/network';
import { FifoResource, ServerPool, reserveThreadAndCore } from '../engine/resource';
import type { EventTarget, Scheduler } from '../engine/scheduler';
import {
  type BrokerDownMode,
  CONNECTION_REFUSED,
  HOST_SILENT,
  HeldTraffic,
  clientView,
} from './brokerOutage';
import type { Partition } from './partition';
import type { FetchRequest, ProduceRequest, ProducerBatch } from './requests';
import { readsRemote, type RemoteStorageLink } from './tieredStorage';
import { lastStableOffset } from './transactions';

/** The cost table, read once: through an import binding each read may be a call (tsx, tests). */
const CYCLES = BROKER_CYCLES;
const FETCH_OVERHEAD = { request: REQUEST_OVERHEAD_BYTES, partition: PER_PARTITION_OVERHEAD_BYTES };

const enum Ev {
  ProduceReceived,
  ProduceValidated,
  ProduceAppend,
  ProduceRespond,
  FetchArrive,
  FetchSweep,
  FetchDeliver,
  RemoteFetchDone,
}

/** Parked fetches with the same max wait, oldest first, so their deadlines come in order. */
interface ParkedQueue {
  requests: FetchRequest[];
  /** The request's generation when parked: a different one now means that send was answered. */
  generations: number[];
  deadlines: number[];
  head: number;
  sweepAt: number;
}

const MB = 1_000_000;

/**
 * COMPRESSION_CPU's rates are for a current 3 GHz core; a decompression cost in ms there becomes
 * cycles at this rate, and then takes longer on a slower clock.
 */
const REFERENCE_CYCLES_PER_MS = 3e6;

/**
 * CPU ms per MB *on the wire* to decompress a produce request's records for validation: the cost
 * is per uncompressed MB, and a wire MB holds 1 / COMPRESSION_RATIO of them. 0 for 'none'.
 */
const DECOMPRESS_MS_PER_WIRE_MB = Object.fromEntries(
  (Object.keys(COMPRESSION_RATIO) as CompressionCodec[]).map((c) => [
    c,
    1000 / COMPRESSION_CPU.brokerDecompressMBps[c] / COMPRESSION_RATIO[c],
  ]),
) as Record<CompressionCodec, number>;

/** Why a broker refuses a batch; the producer retries, and counts it refused if time runs out. */
export const NOT_LEADER = 'NotLeaderOrFollower: the broker no longer leads the partition';
export const NOT_ENOUGH_REPLICAS =
  'NotEnoughReplicas: fewer in-sync replicas than min.insync.replicas (acks=all refused)';
export const PARTITION_OFFLINE =
  'partition offline: no in-sync replica alive and unclean.leader.election.enable=false';
/** Records a leader cut off from the controller acknowledged after its partitions were moved. */
export const LOST_STALE_LEADER =
  'acknowledged by a leader cut off from the cluster after the controller had moved its partitions; ' +
  'it learned of the new leaders when the cut healed and truncated its log';

export class Broker implements EventTarget {
  /** The machine's cores, which both thread pools run on. */
  readonly cpu: ServerPool;
  /** num.network.threads and num.io.threads. */
  readonly networkThreads: ServerPool;
  readonly ioThreads: ServerPool;
  readonly networkIn: FifoResource;
  readonly networkOut: FifoResource;
  readonly disk: FifoResource;
  /** CPU cycles one core does per ms. */
  readonly cyclesPerMs: number;
  /** The broker process's garbage collections: a pause stops work on every core. */
  readonly jvm: Jvm;
  /** How far the disk may fall behind writes before the page cache is full of dirty pages. */
  private dirtyBudgetMs: number;
  /** Faults: how many downs, cuts and slow disks are active now (they may overlap). */
  private downs = 0;
  private cutsFromBrokers = 0;
  private cutsFromClients = 0;
  private diskSlowdown = 1;
  /** How clients see the current down (brokerDown's mode). */
  downMode: BrokerDownMode = 'hostLost';
  /**
   * Restarted, and not yet registered and unfenced by the controller: a new process opens its
   * listeners only then, so it serves nobody, not even partitions it led before it died.
   */
  rejoining = false;
  /** Client traffic caught in a cut from clients, delivered when it heals. */
  private readonly held = new HeldTraffic();
  /** Incarnation: a crash ends it, and with it every request the broker was working on. */
  epoch = 0;
  /** The page cache's size: it holds the most recently written bytes of the partitions hosted here. */
  readonly pageCacheBytes: number;
  /** Bytes this broker has written (as leader or follower), which push older data out of the cache. */
  writtenBytes = 0;
  /** fsyncs issued (flush.messages, flush.ms). */
  fsyncs = 0;
  /** Bytes fetches (consumers, followers, Spark) read from disk and from the page cache. */
  diskReadBytes = 0;
  cacheReadBytes = 0;
  /** Long-poll fetches by max wait: one timer per queue instead of one per fetch. */
  private readonly parked = new Map<number, ParkedQueue>();
  /** broker.rack, when set. */
  readonly rack: string | undefined;
  /**
   * Cut off from the controller (and so from new metadata), the broker still believes it leads
   * what it led when the cut began: those partitions, while the cut lasts. Clients that can still
   * reach it keep writing to it as long as it answers them.
   */
  private ledWhenCut: Set<Partition> | undefined;
  /** Records it acknowledged for partitions led elsewhere meanwhile, by producer: lost at the heal. */
  private readonly staleAcked = new Map<ProduceRequest['client'], number>();
  /** acks=all requests it took meanwhile: they wait for followers that never come. */
  private staleWaiting: ProduceRequest[] = [];
  /** Added by an addBroker event that has not happened yet: not part of the cluster. */
  absent = false;
  /** Stopped after a decommission: its replicas moved away first. */
  decommissioned = false;
  /**
   * leader.replication.throttled.rate and follower.replication.throttled.rate as token queues for the
   * replicas being moved (absent: no throttle): what a moving replica copies reserves its bytes on
   * its leader's and its own, so the moves sharing a broker share its throttle.
   */
  leaderThrottle: FifoResource | undefined;
  followerThrottle: FifoResource | undefined;
  /** Bytes this broker sent to a machine in another rack: answers to followers and to consumers. */
  crossZoneReplicationBytes = 0;
  crossZoneClientBytes = 0;
  /** Tiered storage: this broker's link to the object store (set when some topic is tiered). */
  remoteStorage: RemoteStorageLink | undefined;

  constructor(
    readonly index: number,
    readonly doc: BrokerDoc,
    private readonly scheduler: Scheduler,
    readonly latencyMs: number,
    private readonly network: Network,
    config: Cluster['config'],
  ) {
    const hw = doc.hardware;
    this.cpu = coresOf(`${doc.id}.cpu`, hw);
    this.networkThreads = new ServerPool(`${doc.id}.networkThreads`, config['num.network.threads']);
    this.ioThreads = new ServerPool(`${doc.id}.ioThreads`, config['num.io.threads']);
    this.cyclesPerMs = hw.cpuGHz * 1e6;
    this.jvm = Jvm.broker([this.cpu]);
    this.networkIn = networkLink(`${doc.id}.networkIn`, hw.networkInMBps, hw);
    this.networkOut = networkLink(`${doc.id}.networkOut`, hw.networkOutMBps, hw);
    this.disk = new FifoResource(`${doc.id}.disk`, (hw.diskMBps * MB) / 1000);
    this.dirtyBudgetMs = (hw.memoryGB * 1e9 * DIRTY_PAGE_FRACTION) / ((hw.diskMBps * MB) / 1000);
    this.pageCacheBytes = hw.memoryGB * 1e9 * PAGE_CACHE_FRACTION;
    this.rack = doc.rack || undefined;
  }

  /** A broker of a later addBroker event: out of the cluster (down, serving nobody) until it joins. */
  markAbsent(): void {
    this.absent = true;
    this.downs = 1;
  }

  /** The addBroker event: the broker starts, registers and is let in; it holds no partition yet. */
  join(): void {
    if (!this.absent) return;
    this.absent = false;
    this.downs = 0;
    this.rejoining = false;
  }

  /** Sets (bytes/s) or, with Infinity, removes the reassignment throttles. */
  setThrottles(leaderBytesPerSec: number, followerBytesPerSec: number): void {
    const queue = (name: string, rate: number, old: FifoResource | undefined) => {
      if (!(rate < Number.MAX_SAFE_INTEGER)) return undefined;
      if (old) {
        old.ratePerMs = rate / 1000;
        return old;
      }
      return new FifoResource(`${this.id}.${name}`, rate / 1000);
    };
    this.leaderThrottle = queue('leaderThrottle', leaderBytesPerSec, this.leaderThrottle);
    this.followerThrottle = queue('followerThrottle', followerBytesPerSec, this.followerThrottle);
  }

  get id(): string {
    return this.doc.id;
  }

  get up(): boolean {
    return this.downs === 0;
  }

  get reachableByClients(): boolean {
    return this.downs === 0 && this.cutsFromClients === 0 && !this.rejoining;
  }

  get cutFromClients(): boolean {
    return this.cutsFromClients > 0;
  }

  get cutFromBrokers(): boolean {
    return this.cutsFromBrokers > 0;
  }

  get reachableByBrokers(): boolean {
    return this.downs === 0 && this.cutsFromBrokers === 0;
  }

  /** Faults switch these on and off; overlapping faults of one kind nest. */
  setDown(down: boolean, mode: BrokerDownMode = 'hostLost'): void {
    if (down && this.downs++ === 0) {
      // A new process registers with the controller before it serves: it learns the new leaders
      // and truncates, so what it acknowledged as a stale leader is gone.
      this.forgetStaleLeadership();
      this.epoch++;
      this.downMode = mode;
      this.held.drop((req) =>
        this.loseProduce(req, 'broker died while cut off from clients', this.scheduler.now),
      );
    }
    // A new process: it must register with the controller before it serves (see Controller).
    if (!down && --this.downs === 0) this.rejoining = true;
  }

  /**
   * A network cut starts or heals. `led`: the partitions this broker leads as a cut from the other
   * brokers starts (it keeps believing it leads them until the cut heals).
   */
  setCut(from: 'brokers' | 'clients' | 'all', cut: boolean, led: readonly Partition[] = []): void {
    const d = cut ? 1 : -1;
    if (from !== 'clients') {
      if (cut && this.cutsFromBrokers === 0 && this.up) this.ledWhenCut = new Set(led);
      this.cutsFromBrokers += d;
      if (!cut && this.cutsFromBrokers === 0) this.forgetStaleLeadership();
    }
    if (from !== 'brokers') this.cutsFromClients += d;
    if (!cut && from !== 'brokers' && this.cutsFromClients === 0) this.releaseHeld(this.scheduler.now);
  }

  /** Whether the broker takes writes for `p` believing it still leads it, though the cluster moved it. */
  private staleLeaderOf(p: Partition): boolean {
    return this.ledWhenCut !== undefined && this.ledWhenCut.has(p) && (p.offline || p.leader !== this.index);
  }

  /** The broker hears of the current leaders: what it acknowledged for partitions it no longer led is lost. */
  private forgetStaleLeadership(): void {
    this.ledWhenCut = undefined;
    for (const [client, count] of this.staleAcked) client.onRecordsLost(count, LOST_STALE_LEADER);
    this.staleAcked.clear();
    const waiting = this.staleWaiting;
    this.staleWaiting = [];
    const now = this.scheduler.now;
    for (const req of waiting) {
      // Down: the process died with them, unanswered. Healed: a leader that becomes a follower
      // answers what waited for replication with NOT_LEADER_OR_FOLLOWER, and the client retries.
      if (!this.up) {
        this.loseProduce(req, 'broker crashed', now);
        continue;
      }
      for (const batch of req.batches) batch.error = NOT_LEADER;
      req.failed = req.batches.length;
      this.respondToProduce(req, now);
    }
  }

  /**
   * A produce request to a leader that no longer leads, without knowing it. acks=0 and 1: the
   * records go into its own log, which the cluster has moved past, and are acknowledged. acks=all:
   * its followers never fetch, and it cannot shrink the ISR without the controller, so the request
   * waits (and its connection with it) until the cut heals or the client times it out. Returns
   * false when no batch is for such a partition.
   */
  private appendAsStaleLeader(req: ProduceRequest, now: number): boolean {
    if (!req.batches.some((b) => this.staleLeaderOf(b.partition))) return false;
    if (req.acks === 'all') {
      this.staleWaiting.push(req);
      return true;
    }
    let failed = 0;
    let lostAtHeal = 0;
    for (const batch of req.batches) {
      if (this.staleLeaderOf(batch.partition)) {
        batch.error = '';
        lostAtHeal += batch.count;
      } else if ((batch.error = this.refusal(batch.partition, req.acks))) failed++;
    }
    if (lostAtHeal > 0) this.staleAcked.set(req.client, (this.staleAcked.get(req.client) ?? 0) + lostAtHeal);
    if (req.acks === '0') {
      this.finishProduce(req, now);
      for (const batch of req.batches) if (batch.error) req.client.onRecordsLost(batch.count, batch.error);
      return true;
    }
    req.failed = failed;
    this.respondToProduce(req, now);
    return true;
  }

  /** The controller let a restarted broker in: it serves what it leads from now on. */
  rejoined(): void {
    this.rejoining = false;
  }

  /** A cut from clients healed: TCP delivers what it held, requests in order, then their answers. */
  private releaseHeld(now: number): void {
    this.held.release(
      (req) => this.handle(Ev.ProduceReceived, req, now),
      (req) => this.scheduler.at(now + this.latencyMs, this, Ev.ProduceRespond, req),
    );
  }

  /** A slow disk: throughput divided by `factor` (applied and removed in pairs). */
  slowDisk(factor: number, on: boolean): void {
    this.diskSlowdown = on ? this.diskSlowdown * factor : this.diskSlowdown / factor;
    const hw = this.doc.hardware;
    this.disk.ratePerMs = (hw.diskMBps * MB) / 1000 / this.diskSlowdown;
    this.dirtyBudgetMs = (hw.memoryGB * 1e9 * DIRTY_PAGE_FRACTION) / this.disk.ratePerMs;
  }

  /**
   * The request will never be answered: its client times it out, or, when the connection was
   * reset (`resetAt`), fails it when the reset reaches it. Its channel takes the next request.
   */
  private loseProduce(req: ProduceRequest, why: string, now: number, resetAt?: number): void {
    if (!req.lost) req.client.onProduceLost(req, why, resetAt);
    this.finishProduce(req, now);
  }

  /** A produce request reaches a broker its client cannot use now. */
  private unreachable(req: ProduceRequest, now: number): void {
    const view = clientView(this);
    if (view === 'held') this.held.holdRequest(req);
    else if (view === 'refused') this.loseProduce(req, CONNECTION_REFUSED, now, now + this.latencyMs);
    else this.loseProduce(req, HOST_SILENT, now);
  }

  /**
   * A client sends a produce request now: it crosses the client's network card and this broker's
   * (not when the broker is down or cut off: the bytes go nowhere) and the wire's latency.
   */
  sendProduce(request: ProduceRequest, now: number): void {
    const into = this.reachableByClients ? this.networkIn : undefined;
    this.network.send(
      now,
      request.wireBytes,
      request.channel.clientOut,
      into,
      this.latencyMs,
      this,
      Ev.ProduceReceived,
      request,
    );
  }

  /** Runs `cycles` on a thread of `threads` and a core; returns when done. */
  private work(threads: ServerPool, now: number, cycles: number): number {
    return reserveThreadAndCore(threads, this.cpu, now, cycles / this.cyclesPerMs);
  }

  /**
   * A request has come in on its connection: handled now if the connection is idle, else after the
   * requests before it (the broker reads a connection's next request only once it has answered the last).
   */
  private receiveProduce(req: ProduceRequest, now: number): void {
    const conn = req.channel;
    if (conn.epoch !== this.epoch) {
      // The connection belongs to an incarnation that crashed: what it held is gone.
      const stale = conn.queue.splice(0);
      conn.current = undefined;
      conn.epoch = this.epoch;
      for (const r of stale) if (!r.lost) r.client.onProduceLost(r, 'broker crashed');
    }
    req.brokerEpoch = this.epoch;
    conn.server = this;
    if (conn.current) conn.queue.push(req);
    else this.startProduce(req, now);
  }

  private startProduce(req: ProduceRequest, now: number): void {
    req.channel.current = req;
    // The network thread reads the request into a heap buffer.
    this.jvm.request(now, req.wireBytes);
    const read = this.work(
      this.networkThreads,
      now,
      CYCLES.readPerRequest + (CYCLES.readPerByte + CYCLES.kernelReceivePerByte) * req.wireBytes,
    );
    let cycles =
      CYCLES.producePerRequest +
      CYCLES.producePerBatch * req.batches.length +
      CYCLES.producePerRecord * req.records +
      CYCLES.producePerByte * req.wireBytes;
    // Compressed batches are decompressed to check their records (no recompression).
    if (req.compression !== 'none')
      cycles += (DECOMPRESS_MS_PER_WIRE_MB[req.compression] * req.wireBytes * REFERENCE_CYCLES_PER_MS) / MB;
    this.scheduler.at(this.work(this.ioThreads, read, cycles), this, Ev.ProduceValidated, req);
  }

  /** The request's connection may take its next request (its answer is out, or none will come). */
  finishProduce(req: ProduceRequest, now: number): void {
    const conn = req.channel;
    if (conn.current !== req) return;
    conn.current = undefined;
    const next = conn.queue.shift();
    if (next) this.startProduce(next, now);
  }

  sendFetch(request: FetchRequest, now: number): void {
    this.scheduler.at(now + this.latencyMs, this, Ev.FetchArrive, request);
  }

  /** When a write of `bytes` issued now is in the page cache: at once, unless dirty pages are full. */
  writeToDisk(now: number, bytes: number): number {
    this.writtenBytes += bytes;
    const flushed = this.disk.reserve(now, bytes);
    const blockedUntil = flushed - this.dirtyBudgetMs;
    return blockedUntil > now ? blockedUntil : now;
  }

  /**
   * Reads `bytes` of partition `p` from offset `from` at `now`; returns when they are in memory.
   * The cache holds the last `pageCacheBytes` the broker wrote; each partition is given a share of
   * it in proportion to its bytes among all the broker wrote (exact when partitions grow at steady
   * relative rates). What lies below that tail is read from disk, in the same queue as writes.
   */
  readFromLog(now: number, p: Partition, from: number, bytes: number): number {
    if (bytes <= 0) return now;
    // Below a tiered partition's local log start, the records are only in the object store.
    if (this.remoteStorage && readsRemote(p, from)) return this.remoteStorage.read(now, bytes, p.remote!);
    if (this.writtenBytes <= this.pageCacheBytes) {
      this.cacheReadBytes += bytes;
      return now;
    }
    return this.readBytesAt(now, p, p.log.bytesAt(from), bytes);
  }

  /**
   * `readFromLog` by byte position: a reassignment copies a log as bytes from `start`, and the
   * part of it older than the page cache's share of the partition is read from disk.
   */
  readBytesAt(now: number, p: Partition, start: number, bytes: number): number {
    if (bytes <= 0) return now;
    if (this.writtenBytes <= this.pageCacheBytes) {
      this.cacheReadBytes += bytes;
      return now;
    }
    const log = p.log;
    const cachedTail = (this.pageCacheBytes * log.endBytes) / this.writtenBytes;
    const coldBelow = log.endBytes - cachedTail;
    const cold = Math.min(bytes, Math.max(0, coldBelow - start));
    this.cacheReadBytes += bytes - cold;
    if (cold <= 0) return now;
    this.diskReadBytes += cold;
    return this.disk.reserve(now, cold);
  }

  handle(kind: number, data: unknown, now: number): void {
    switch (kind as Ev) {
      case Ev.ProduceReceived: {
        const req = data as ProduceRequest;
        if (!this.reachableByClients) return this.unreachable(req, now);
        this.receiveProduce(req, now);
        return;
      }
      case Ev.ProduceValidated: {
        const req = data as ProduceRequest;
        if (req.brokerEpoch !== this.epoch) return this.loseProduce(req, 'broker crashed', now);
        let at = this.writeToDisk(now, req.wireBytes);
        // flush.messages: the append that reaches it waits for an fsync, holding its request thread.
        let flush = false;
        for (const batch of req.batches)
          flush = batch.partition.noteUnflushed(this.index, batch.count, now) || flush;
        if (flush) {
          at = this.fsync(at);
          this.ioThreads.reserve(now, at - now);
        }
        if (at > now) this.scheduler.at(at, this, Ev.ProduceAppend, req);
        else this.append(req, now);
        return;
      }
      case Ev.ProduceAppend: {
        const req = data as ProduceRequest;
        if (req.brokerEpoch !== this.epoch) return this.loseProduce(req, 'broker crashed', now);
        this.append(req, now);
        return;
      }
      case Ev.ProduceRespond: {
        const req = data as ProduceRequest;
        req.client.onProduceResponse(req, now);
        return;
      }
      case Ev.FetchArrive: {
        // The request is read against the log as it is on arrival; its answer leaves once a network
        // thread and a request handler have handled it. (Microseconds apart: one event fewer per fetch.)
        const req = data as FetchRequest;
        if (!this.servesFetch(req)) return this.failFetch(req, now);
        this.jvm.request(now);
        const read = this.work(this.networkThreads, now, CYCLES.readPerRequest);
        const cycles = CYCLES.fetchPerRequest + CYCLES.fetchPerPartition * req.count;
        this.serveFetch(req, now, this.work(this.ioThreads, read, cycles));
        return;
      }
      case Ev.FetchSweep:
        this.sweep(data as number, now);
        return;
      case Ev.FetchDeliver: {
        const req = data as FetchRequest;
        req.client.onFetchResponse(req, now);
        return;
      }
      case Ev.RemoteFetchDone:
        this.sendFetchAnswer(data as FetchRequest, now, now);
        return;
    }
  }

  /** Whether this broker may write the batch now, and if not, why. */
  private refusal(p: Partition, acks: ProduceRequest['acks']): string {
    if (p.offline) return PARTITION_OFFLINE;
    if (p.leader !== this.index) return NOT_LEADER;
    if (acks === 'all' && p.isrSize < p.minInsyncReplicas) return NOT_ENOUGH_REPLICAS;
    return '';
  }

  private append(req: ProduceRequest, now: number): void {
    if (this.ledWhenCut && this.appendAsStaleLeader(req, now)) return;
    let failed = 0;
    for (const batch of req.batches) {
      batch.error = this.refusal(batch.partition, req.acks);
      if (batch.error) failed++;
    }
    if (req.acks === '0') this.finishProduce(req, now);
    if (failed > 0) {
      req.failed = failed;
      req.pending -= failed;
      if (req.acks === '0') {
        // Nobody listens for the answer: the refused records are simply gone.
        for (const batch of req.batches) if (batch.error) req.client.onRecordsLost(batch.count, batch.error);
      } else if (req.pending === 0) {
        this.respondToProduce(req, now);
        return;
      }
    }
    for (const batch of req.batches) {
      if (batch.error) continue;
      const p = batch.partition;
      const end = batch.writtenEnd > 0 ? this.appendRetried(batch, req) : this.appendBatch(batch, req);
      batch.writtenEnd = end;
      batch.writtenCuts = p.cuts;
      batch.endOffset = end;
      // A request its client gave up on (timed out, connection closed) is written, but nobody waits:
      // the batch may already be on its way again in a newer request.
      if (req.acks === 'all' && !req.lost) {
        batch.onReplicated = this.batchReplicated(req);
        p.waitForReplication(batch, now);
      }
    }
    // Only now that every batch of the request is in, wake fetchers, so one response carries all.
    for (const batch of req.batches) {
      if (batch.error) continue;
      const p = batch.partition;
      if (p.updateHighWatermark(now)) p.wakeHighWatermarkWaiters(now);
      p.wakeLogWaiters(now);
    }
    if (req.acks === '1') this.respondToProduce(req, now);
    // Nobody waits for a request its client gave up on: its channel takes the next one now.
    else if (req.acks === 'all' && req.lost) this.finishProduce(req, now);
  }

  private appendBatch(batch: ProducerBatch, req: ProduceRequest): number {
    return batch.partition.appendOnLeader(
      batch.count,
      batch.wireBytes,
      batch.createStart,
      batch.createEnd,
      req,
      batch.txn,
    );
  }

  /**
   * A batch sent again after an earlier attempt reached a leader's log: its answer was lost (broker
   * crashed or cut off from clients, request timed out, leader moved before acks=all completed), so
   * the producer cannot tell whether it was written. What survived of it is still in the log unless
   * a failover cut it away. With idempotence the leader knows the batch by its sequence and writes
   * only what is missing (all or nothing in Kafka, whose followers copy whole batches; here a
   * follower may have copied part of one); without, it writes the whole batch again and the part
   * that was there becomes a second copy.
   */
  private appendRetried(batch: ProducerBatch, req: ProduceRequest): number {
    const p = batch.partition;
    const kept = p.recordsStillInLog(batch.writtenEnd, batch.count, batch.writtenCuts);
    if (kept === 0) return this.appendBatch(batch, req);
    if (!req.idempotent) {
      req.client.onDuplicatesWritten(kept);
      return this.appendBatch(batch, req);
    }
    // What is kept now answers to this request: if a failover truncates it, this request's records are lost.
    p.reassignRisk(batch.writtenEnd, req);
    if (kept === batch.count) return batch.writtenEnd;
    const missing = batch.count - kept;
    const bytes = Math.max(1, Math.round((batch.wireBytes * missing) / batch.count));
    return p.appendOnLeader(missing, bytes, batch.createStart, batch.createEnd, req, batch.txn);
  }

  /** One callback per request (not per batch): answers once all its batches are replicated. */
  private batchReplicated(req: ProduceRequest): (now: number) => void {
    return (req.onBatchReplicated ??= (t: number) => {
      if (--req.pending === 0 && !req.lost) this.respondToProduce(req, t);
    });
  }

  private respondToProduce(req: ProduceRequest, now: number): void {
    // An answer needs the incarnation that took the request: after a crash the client hears
    // nothing and times the request out, though its batches may be in the log (and will be sent
    // again). Through a cut from clients (the same incarnation, so not restarting) the answer waits
    // in the socket for the heal; the client may have given up on it by then. Either way the
    // channel is done with it.
    if (req.brokerEpoch !== this.epoch) return this.loseProduce(req, 'broker crashed before answering', now);
    const written = this.work(this.networkThreads, now, CYCLES.writePerResponse);
    this.finishProduce(req, written);
    if (!this.reachableByClients) return this.held.holdAnswer(req);
    this.scheduler.at(written + this.latencyMs, this, Ev.ProduceRespond, req);
  }

  /** An fsync issued once the disk has written what is queued at `writtenAt`: when it returns. */
  fsync(writtenAt: number): number {
    this.fsyncs++;
    const fsyncMs = this.doc.hardware.diskFsyncMs;
    return this.disk.reserve(writtenAt, fsyncMs * this.disk.ratePerMs);
  }

  /** A fetch reaches a broker that is down or cut off from the sender. */
  private servesFetch(req: FetchRequest): boolean {
    return req.replicaOf >= 0 ? this.reachableByBrokers && !this.rejoining : this.reachableByClients;
  }

  /** No answer comes; the client gives up after its max wait and asks the current leader again. */
  private failFetch(req: FetchRequest, now: number): void {
    req.answer();
    for (let i = 0; i < req.count; i++) req.ends[i] = req.offsets[i]!;
    req.bytes = 0;
    this.scheduler.at(now + Math.max(1, req.settings.maxWaitMs), this, Ev.FetchDeliver, req);
  }

  private serveFetch(req: FetchRequest, now: number, handledAt: number): void {
    if (req.replicaOf >= 0) {
      // A follower's fetch offset is its log end: that is how the leader learns what it has copied.
      for (let i = 0; i < req.count; i++) {
        const p = req.partitions[i]!;
        const pos = req.replicaPositions[i]!;
        if (pos < 0 || p.leader !== this.index || p.offline) continue;
        p.noteFollowerFetch(pos, req.offsets[i]!, now);
        // The high watermark is the least of these views and is recomputed after every change to
        // them, so it can only move when this follower's view does.
        if (pos < 0 || req.offsets[i]! <= p.leaderView[pos]!) continue;
        p.leaderView[pos] = req.offsets[i]!;
        if (p.updateHighWatermark(now)) p.wakeHighWatermarkWaiters(now);
      }
    }
    if (this.tryAnswer(req, handledAt)) return;
    this.park(req, now);
  }

  /** A parked fetch's partition moved: answer it if there is now enough; true while it stays parked. */
  retryParkedFetch(req: FetchRequest, now: number): boolean {
    return !req.done && !this.tryAnswer(req, now);
  }

  private tryAnswer(req: FetchRequest, at: number): boolean {
    if (req.settings.maxWaitMs === 0 || this.hasBytes(req, Math.max(1, req.settings.minBytes))) {
      this.respondToFetch(req, at);
      return true;
    }
    return false;
  }

  private parkOnPartitions(req: FetchRequest): void {
    for (let i = 0; i < req.count; i++) {
      const p = req.partitions[i]!;
      if (req.replicaOf >= 0) p.parkUntilAppend(req);
      else p.parkUntilHighWatermark(req);
    }
  }

  private park(req: FetchRequest, now: number): void {
    this.parkOnPartitions(req);
    const wait = req.settings.maxWaitMs;
    let q = this.parked.get(wait);
    if (!q) {
      q = { requests: [], generations: [], deadlines: [], head: 0, sweepAt: Infinity };
      this.parked.set(wait, q);
    }
    q.requests.push(req);
    q.generations.push(req.generation);
    q.deadlines.push(now + wait);
    if (q.sweepAt === Infinity) {
      q.sweepAt = now + wait;
      this.scheduler.at(q.sweepAt, this, Ev.FetchSweep, wait);
    }
  }

  /** Answers (with whatever there is) the parked fetches whose max wait is over. */
  private sweep(wait: number, now: number): void {
    const q = this.parked.get(wait)!;
    q.sweepAt = Infinity;
    while (q.head < q.requests.length) {
      const req = q.requests[q.head]!;
      const waiting = q.generations[q.head] === req.generation;
      if (waiting && q.deadlines[q.head]! > now) break;
      if (waiting) this.respondToFetch(req, now);
      q.head++;
    }
    if (q.head > 1024 && q.head * 2 > q.requests.length) {
      q.requests = q.requests.slice(q.head);
      q.generations = q.generations.slice(q.head);
      q.deadlines = q.deadlines.slice(q.head);
      q.head = 0;
    }
    if (q.head < q.requests.length) {
      q.sweepAt = q.deadlines[q.head]!;
      this.scheduler.at(q.sweepAt, this, Ev.FetchSweep, wait);
    }
  }

  private readLimit(req: FetchRequest, p: Partition): number {
    if (req.replicaOf >= 0) return p.log.endOffset;
    // A consumer fetching from a follower (rack-aware selector) reads up to the follower's high watermark.
    const hw = p.leader === this.index ? p.highWatermark : p.followerHighWatermark(this.index);
    // isolation.level=read_committed: no further than the last stable offset.
    return req.settings.readCommitted && p.txns ? Math.min(hw, lastStableOffset(p)) : hw;
  }

  /** Whether the fetch could be answered with at least `needed` bytes (stops counting once it can). */
  private hasBytes(req: FetchRequest, needed: number): boolean {
    if (req.replicaOf < 0 && !this.mayHaveBytes(req, needed)) return false;
    let bytes = 0;
    for (let i = 0; i < req.count; i++) {
      const p = req.partitions[i]!;
      const limit = this.readLimit(req, p);
      if (limit <= req.offsets[i]!) continue;
      bytes += p.log.bytesBetween(req.offsets[i]!, limit);
      if (bytes >= needed) return true;
    }
    return false;
  }

  /**
   * False when even the whole log past each offset holds fewer than `needed` bytes, and then the
   * exact sum (up to the high watermark) is below it too. A parked consumer fetch is checked at
   * every high-watermark move, nearly always in vain; this answers those checks without a search.
   */
  private mayHaveBytes(req: FetchRequest, needed: number): boolean {
    let bound = 0;
    for (let i = 0; i < req.count; i++) {
      const p = req.partitions[i]!;
      if (this.readLimit(req, p) <= req.offsets[i]!) continue;
      bound += p.log.endBytes - req.startBytesAt(i);
    }
    return bound >= needed;
  }

  private respondToFetch(req: FetchRequest, now: number): void {
    // `now` may be a little ahead of the clock (the CPU finishing the request); data is as of the call.
    req.answer();
    const ends = req.ends;
    let bytes = 0;
    let budget = req.settings.maxBytes;
    // Cold data is read from disk before the answer can be sent.
    let readAt = now;
    let remoteRead = false;
    for (let i = 0; i < req.count; i++) {
      const p = req.partitions[i]!;
      const from = req.offsets[i]!;
      let limit = this.readLimit(req, p);
      // Tiered storage: Kafka reads one partition per fetch from the store, and only up to the local log.
      if (p.remote !== undefined && readsRemote(p, from)) {
        limit = remoteRead ? from : Math.min(limit, p.remote.localStartOffset);
        remoteRead = true;
      }
      let end = from;
      // As in Kafka, the first non-empty partition returns at least one record even past the limits.
      if (limit > from && (budget > 0 || bytes === 0)) {
        const max = Math.min(req.settings.maxPartitionBytes, Math.max(budget, 0));
        // A consumer below a compacted partition's cleaned end reads its head: one record per key.
        const cleaned = req.replicaOf < 0 ? p.compacted : undefined;
        let b: number;
        if (cleaned && from < cleaned.cleanedEnd) {
          end = cleaned.read(from, limit, max);
          b = cleaned.readBytes;
        } else {
          end = p.log.read(from, limit, max);
          b = p.log.readBytes;
        }
        bytes += b;
        budget -= b;
        const inMemory = this.readFromLog(now, p, from, b);
        if (inMemory > readAt) readAt = inMemory;
      }
      ends[i] = end;
    }
    req.bytes = bytes;
    // A remote read answers later, as Kafka's delayed remote fetch does: the answer is queued on the
    // network card only once its bytes are here, not ahead of everything sent meanwhile.
    if (remoteRead && readAt > now) this.scheduler.at(readAt, this, Ev.RemoteFetchDone, req);
    else this.sendFetchAnswer(req, now, readAt);
  }

  /** Queues a fetch's answer on a network thread and the card, once its data is in memory (`readAt`). */
  private sendFetchAnswer(req: FetchRequest, now: number, readAt: number): void {
    const bytes = req.bytes;
    const wire = bytes + FETCH_OVERHEAD.request + FETCH_OVERHEAD.partition * req.count;
    // Records sent to a machine in another rack cross zones (request overheads left out).
    const rack = req.client.rack;
    if (rack !== undefined && this.rack !== undefined && rack !== this.rack) {
      if (req.replicaOf >= 0) this.crossZoneReplicationBytes += bytes;
      else this.crossZoneClientBytes += bytes;
    }
    // A network thread queues the answer; the records go by sendfile, straight from the page cache.
    const queued = this.work(
      this.networkThreads,
      now,
      CYCLES.writePerResponse + CYCLES.kernelSendPerByte * wire,
    );
    this.network.send(
      queued > readAt ? queued : readAt,
      wire,
      this.networkOut,
      req.client.receiveLink,
      this.latencyMs,
      this,
      Ev.FetchDeliver,
      req,
    );
  }
}
