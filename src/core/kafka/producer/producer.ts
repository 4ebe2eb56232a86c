// A Kafka producer client: records arrive from the application, the partitioner picks partitions,
// the accumulator collects them into per-partition batches, and the sender drains batches into one
// request per broker once a batch is full or has waited linger.ms, with at most
// max.in.flight.requests.per.connection requests outstanding per broker. The client runs on a
// machine (its cores and network card, maybe shared): the application's thread pays for send(), and
// with compression.type set for compressing the records as they are appended, so a batch leaves only
// once its records are through; the sender thread pays per request and per batch (PRODUCER_CYCLES,
// COMPRESSION_CPU in costs.ts). Requests leave through the machine's network card.
import type { Producer as ProducerDoc } from '../../../model/types';
import {
  ARRIVAL_WINDOW_MAX_MS,
  ARRIVAL_WINDOW_MIN_MS,
  BATCH_HEADER_BYTES,
  COMPRESSION_CPU,
  COMPRESSION_RATIO,
  type CompressionCodec,
  PRODUCER_CYCLES,
  RECORD_OVERHEAD_BYTES,
} from '../../costs';
import { type Host, HostThread } from '../../engine/host';
import { Jvm } from '../../engine/jvm';
import type { EventTarget, Scheduler } from '../../engine/scheduler';
import { RecordLedger } from '../../metrics/accounting';
import { CompletionBuckets, type LatencyRecorder } from '../../metrics/latency';
import { MultinomialPlan, Rng, deriveSeed } from '../../util/rng';
import { NOT_ENOUGH_REPLICAS, PARTITION_OFFLINE, type Broker } from '../broker';
import { HOST_SILENT } from '../brokerOutage';
import { ClientConnections, type ConnectionUser } from '../clientConnections';
import type { ClientCloseReason, ClusterEventLog } from '../clusterEvents';
import type { Partition } from '../partition';
import type { ProduceClient, ProduceChannel, ProduceRequest, ProducerBatch } from '../requests';
import type { Transaction } from '../transactions';
import { ArrivalProcess, type ArrivalChunk } from './arrivals';
import { DROPPED_TXN_ABORTED, type ProducerTransactions } from './producerTransactions';
import { StickyPartitioner, sharedPartitionWeights } from './partitioner';

/** The cost table, read once: through an import binding each read may be a call (tsx, tests). */
const CYCLES = PRODUCER_CYCLES;

const enum Ev {
  Arrival,
  Linger,
  /** retry.backoff.ms after an error: the batches go back to the accumulator. */
  Retry,
  /** acks=0: a request that waited for compression is written to the socket, so it counts as acknowledged. */
  Written,
  /** Nothing is in flight any more: the callbacks waiting in whenFlushed run. */
  Flushed,
  /** The application thread is through with what it had: it may hand over more records. */
  Admit,
}

/** A producer with rate kind 'max' hands records over in steps of about this much thread time. */
const MAX_RATE_STEP_MS = 2;

const noop = (): void => {};

/** One plan per shared weights array (see sharedPartitionWeights), made when first asked for. */
const plans = new WeakMap<Float64Array, MultinomialPlan>();
function planFor(weights: Float64Array): MultinomialPlan {
  let plan = plans.get(weights);
  if (!plan) {
    plan = new MultinomialPlan(weights);
    plans.set(weights, plan);
  }
  return plan;
}

export const REFUSED_BUFFER_FULL = 'buffer.memory full for max.block.ms (send() timed out)';
export const REFUSED_TOO_LARGE = 'record larger than max.request.size (RecordTooLargeException)';
export const DROPPED_DELIVERY_TIMEOUT = 'delivery.timeout.ms expired before the batch was sent';
export const DROPPED_RETRIES_TIMEOUT =
  'delivery.timeout.ms expired while retrying (leader down, unreachable or moving)';
export const LOST_ACKS_0 = 'acks=0: sent to a broker that could not write it (nobody waits for an answer)';
export const REFUSED_PRODUCER_DOWN = 'the producer application is down (producerCrash)';
export const DROPPED_PRODUCER_DIED = 'the producer application died before sending it (producerCrash)';
/** Why a producer is down: a producerCrash, or its region lost with its application (regionFailover). */
export interface DownReasons {
  refused: string;
  dropped: string;
}
export const PRODUCER_CRASHED: DownReasons = {
  refused: REFUSED_PRODUCER_DOWN,
  dropped: DROPPED_PRODUCER_DIED,
};
export const PRODUCER_REGION_LOST: DownReasons = {
  refused: "the producer's region was lost with its application (regionFailover)",
  dropped: "the producer's region was lost before the batch was written (regionFailover)",
};
export const REFUSED_SEND_THREAD =
  "send() not reached for max.block.ms: the producer's application thread is saturated (client CPU)";
export const LOST_ACKS_0_RESET =
  'acks=0: written to a broker whose process had died, before the connection reset reached the producer';
export const LOST_ACKS_0_SILENT =
  'acks=0: written into the connection to a host that is gone (up to send.buffer.bytes, then the write blocked)';

export class ProducerClient implements EventTarget, ProduceClient, ConnectionUser {
  readonly ledger = new RecordLedger();

  private readonly arrivals: ArrivalProcess;
  private weights: Float64Array | undefined;
  /** The keyed split's multinomial over `weights`, prepared once. */
  private plan: MultinomialPlan | undefined;
  private readonly sticky: StickyPartitioner | undefined;
  private split: Float64Array;
  private readonly deques: ProducerBatch[][];
  /**
   * The first and last batch of each partition's deque (undefined when empty): the next to send
   * and where records go next. Kept at hand: reaching them through the deques costs two more
   * memory loads, for each partition every arrival and every send check touches.
   */
  private readonly firstBatch: (ProducerBatch | undefined)[];
  private readonly lastBatch: (ProducerBatch | undefined)[];
  private readonly recordsPerBatch: number;
  private readonly compression: number;
  private readonly codec: CompressionCodec;
  /**
   * The application's thread calling send(): partitioning, appending and (with compression.type)
   * compressing each record. A producer is one KafkaProducer fed by one thread, as the perf tools run.
   */
  readonly sendThread: HostThread;
  /** The producer's sender (I/O) thread: building requests, completing batches. */
  readonly ioThread: HostThread;
  /** A record's bytes on the wire (format v2's overhead, then compression), and a batch's header. */
  private readonly recordWireBytes: number;
  private readonly batchHeaderBytes = BATCH_HEADER_BYTES;
  /** The client process's garbage collections: a pause stops both threads. */
  readonly jvm: Jvm;
  /** Cycles of the send thread per record handed over (send(), and compression). */
  private readonly cyclesPerRecord: number;
  /** The broker's side of the connection to each broker, which serves its requests one at a time. */
  private readonly channels: ProduceChannel[];
  /** An Admit event is due at this time (Infinity: none). */
  private admitAt = Infinity;
  /** When the last request to each broker left: one connection sends its requests in order. */
  private readonly lastSendAt: number[];
  /** enable.idempotence as Kafka resolves it: on unless set off, or acks or max.in.flight rule it out. */
  readonly idempotent: boolean;
  private partitionsByBroker: number[][] = [];
  /**
   * What `readyAt` last found among broker b's partitions, kept until a batch leaves one of their
   * queues (`scanned[b]` false; records added update it): whether any holds a batch, whether one
   * must go now whatever else happens (more than one batch, a full or a resent one), and the
   * oldest first batch's creation. Arrivals and responses would otherwise look through every
   * partition again.
   */
  private readonly scanned: boolean[];
  private readonly anyBatch: boolean[];
  private readonly mustSend: boolean[];
  private readonly oldestFirst: number[];
  /** The broker each partition's batches go to (its leader when metadata was last refreshed). */
  private brokerOf: number[] = [];
  /**
   * Per broker, no batch waiting for it was created before this (-Infinity: not known), so checks
   * for delivery.timeout.ms can skip the partitions until a batch might have expired.
   */
  private readonly oldestUnsent: number[];
  private readonly inFlight: number[];
  private readonly lingerAt: number[];
  private readonly drainStart: number[];
  /** Records the application could not hand over yet because buffer.memory is full. */
  private blocked: ArrivalChunk[] = [];
  private bufferUsed = 0;
  private readonly latencyBuckets = new CompletionBuckets(16);
  /** What the client knows of its connections: timeouts, resets, reconnects. */
  private readonly connections: ClientConnections;
  /** Draws the keyed split and the sticky partitioner's choices; arrivals have their own stream. */
  private readonly rng: Rng;
  /** The transaction records admitted now join (undefined without transactional.id). */
  private txn: Transaction | undefined;

  // Where in-flight records are, counted separately so the ledger's balance is a real check.
  blockedRecords = 0;
  /** Records wait because buffer.memory is full (logged when it starts and ends; not for rate kind max, always full). */
  private memoryBlocked = false;
  /** The cluster's event log: connection failures and a full buffer.memory are written to it. */
  events: ClusterEventLog | undefined;
  accumulatedRecords = 0;
  sentRecords = 0;

  /** Per-second counters, read and reset by the metrics tick. */
  second = { produced: 0, producedBytes: 0, acknowledged: 0, refused: 0, dropped: 0, lost: 0, requests: 0 };
  requestsSent = 0;
  /** Records and batches the produce requests carried, over the run (a retried batch counts again). */
  requestRecords = 0;
  requestBatches = 0;
  /** Partitions without a leader in the last metadata: their batches wait, and expire as refused. */
  private unrouted: number[] = [];
  /** Callbacks of whenFlushed still waiting (undefined: none, so the checks cost a single test). */
  private flushWaiters: (() => void)[] | undefined;
  /** A Flushed event is scheduled: the first `flushReady` waiters were satisfied when it was. */
  private flushScheduled = false;
  private flushReady = 0;
  /** transactional.id set: its transactions (set by the simulation, see producerTransactions.ts). */
  transactions: ProducerTransactions | undefined;

  constructor(
    readonly doc: ProducerDoc,
    private readonly scheduler: Scheduler,
    /** The topic's partitions; replaced (never shrunk) by addPartitions. */
    public partitions: Partition[],
    readonly brokers: Broker[],
    /** Where creation-to-acknowledgement latencies go. */
    readonly produceLatency: LatencyRecorder,
    seed: number,
    /** The machine the client runs on. */
    readonly host: Host,
  ) {
    const c = doc.config;
    const rng = new Rng(seed);
    this.rng = rng;
    const windowMs = Math.min(ARRIVAL_WINDOW_MAX_MS, Math.max(ARRIVAL_WINDOW_MIN_MS, c['linger.ms'] / 2));
    // Rate kind 'max' has no arrival process: the application thread makes records as it goes.
    const rate = doc.rate.kind === 'max' ? { ...doc.rate, recordsPerSec: 0, schedule: [] } : doc.rate;
    this.arrivals = new ArrivalProcess(rate, new Rng(deriveSeed(seed, 'arrivals')), windowMs);
    this.weights = sharedPartitionWeights(doc.keys, partitions.length);
    this.plan = this.weights && planFor(this.weights);
    this.sticky = this.weights
      ? undefined
      : new StickyPartitioner(
          partitions.length,
          c['batch.size'],
          c['partitioner.adaptive.partitioning.enable'],
          rng,
        );
    this.split = new Float64Array(partitions.length);
    this.deques = partitions.map(() => []);
    this.firstBatch = partitions.map(() => undefined);
    this.lastBatch = partitions.map(() => undefined);
    // batch.size holds the batch header and the records as they go on the wire.
    this.recordsPerBatch = Math.max(
      1,
      Math.floor((c['batch.size'] - BATCH_HEADER_BYTES) / (doc.recordBytes + RECORD_OVERHEAD_BYTES)),
    );
    this.codec = c['compression.type'];
    this.compression = COMPRESSION_RATIO[this.codec];
    this.recordWireBytes = (doc.recordBytes + RECORD_OVERHEAD_BYTES) * this.compression;
    this.sendThread = new HostThread(host, `${doc.id}.sendThread`);
    this.ioThread = new HostThread(host, `${doc.id}.ioThread`);
    this.jvm = Jvm.client([this.sendThread.pool, this.ioThread.pool]);
    // COMPRESSION_CPU's rates are for a 3 GHz core: 3000 / (MB/s) cycles per byte.
    const compressCyclesPerByte = 3000 / COMPRESSION_CPU.producerMBps[this.codec];
    // A measured client cost (µs on this machine, e.g. fitted to a perf test) replaces the estimate.
    this.cyclesPerRecord =
      doc.clientCostPerRecordUs !== undefined
        ? (doc.clientCostPerRecordUs * host.cyclesPerMs) / 1000
        : CYCLES.sendPerRecord + (CYCLES.sendPerByte + compressCyclesPerByte) * doc.recordBytes;
    this.channels = brokers.map(() => this.newChannel());
    this.idempotent =
      c['enable.idempotence'] ?? (c.acks === 'all' && c['max.in.flight.requests.per.connection'] <= 5);
    this.inFlight = brokers.map(() => 0);
    this.lingerAt = brokers.map(() => Infinity);
    this.drainStart = brokers.map(() => 0);
    this.oldestUnsent = brokers.map(() => Infinity);
    this.lastSendAt = brokers.map(() => 0);
    this.scanned = brokers.map(() => false);
    this.anyBatch = brokers.map(() => false);
    this.mustSend = brokers.map(() => false);
    this.oldestFirst = brokers.map(() => Infinity);
    this.connections = new ClientConnections(scheduler, brokers, c['request.timeout.ms'], this);
    this.refreshMetadata();
  }

  /** Learns which broker leads each partition. */
  refreshMetadata(): void {
    this.partitionsByBroker = this.brokers.map(() => []);
    this.unrouted = [];
    this.partitions.forEach((p, i) =>
      p.offline ? this.unrouted.push(i) : this.partitionsByBroker[p.leader]!.push(i),
    );
    this.brokerOf = this.partitions.map((p) => (p.offline ? -1 : p.leader));
    this.oldestUnsent.fill(-Infinity);
    this.scanned.fill(false);
  }

  /**
   * The topic grew: `all` holds the old partitions first (the same objects), then the new ones. It
   * may be the very array the producer already holds, grown in place, so the old count comes from
   * the producer's own per-partition state. Batches already accumulated stay where they are; from
   * now on keyed records map by murmur2 modulo the new count (as Kafka does, which is why adding
   * partitions moves keys) and the sticky partitioner may pick the new partitions.
   */
  addPartitions(all: Partition[]): void {
    const old = this.deques.length;
    if (all.length < old) throw new Error(`a topic cannot shrink (${old} -> ${all.length} partitions)`);
    this.partitions = all;
    for (let p = old; p < all.length; p++) {
      this.deques.push([]);
      this.firstBatch.push(undefined);
      this.lastBatch.push(undefined);
    }
    this.weights = sharedPartitionWeights(this.doc.keys, all.length);
    this.plan = this.weights && planFor(this.weights);
    this.split = new Float64Array(all.length);
    this.sticky?.resize(all.length);
    this.refreshMetadata();
  }

  /** A producerSpike fault added during the run; returns the earliest time (ms) it may start. */
  get nextArrivalMs(): number {
    return this.arrivals.nextTime;
  }

  addSpike(atSec: number, durationSec: number, factor: number): void {
    this.arrivals.addSpike(atSec, durationSec, factor);
  }

  start(): void {
    if (this.arrivals.nextTime < Infinity) this.scheduler.at(this.arrivals.nextTime, this, Ev.Arrival);
    if (this.sendsAtMax) this.scheduleAdmit(0);
  }

  /** Rate kind 'max': the application calls send() back to back, as fast as its thread goes. */
  private get sendsAtMax(): boolean {
    return this.doc.rate.kind === 'max';
  }

  private scheduleAdmit(at: number): void {
    if (at >= this.admitAt) return;
    this.admitAt = at;
    this.scheduler.at(at, this, Ev.Admit);
  }

  /**
   * Push mode: the application hands over `records` records at `now` (the current simulated time),
   * created at `now`, instead of (or besides) the document's arrival process; a producer fed only
   * this way has a rate of 0. They go through send() like any arrival: max.request.size,
   * buffer.memory and max.block.ms, the partitioner (sticky for null keys), the accumulator,
   * linger.ms and the requests to the leaders. Used by a Spark job's Kafka sink (see
   * engine/kafkaSink.ts).
   */
  send(now: number, records: number): void {
    if (records > 0) this.onRecords({ count: records, start: now, end: now }, now);
  }

  /**
   * Push mode into a named partition (an index of `partitions`) with the records' own creation
   * times, created from `start` to `end`: MirrorMaker 2 keeps a record's partition and timestamp.
   */
  sendTo(now: number, partition: number, records: number, start: number, end: number): void {
    if (records > 0) this.onRecords({ count: records, start, end, partition }, now);
  }

  /** Records accepted by send() and not yet acknowledged, refused or dropped. */
  get inFlightRecords(): number {
    // While a transaction commits, records waiting to be admitted belong to the next one.
    const waiting = this.transactions?.holding ? 0 : this.blockedRecords;
    return waiting + this.accumulatedRecords + this.sentRecords;
  }

  /** The application is down (a producerCrash, a lost region): nothing is admitted, sent or retried. */
  down = false;
  /** What the records refused and dropped while down are counted as. */
  private downReasons: DownReasons = PRODUCER_CRASHED;

  /**
   * The application dies: what waits for buffer.memory is refused, what sits in the accumulator
   * is dropped, requests already sent go on (the brokers write them). An open transaction is left
   * to be aborted when the application is back at `backAt` (Infinity: never) or by the timeout.
   */
  crash(now: number, backAt: number, reasons: DownReasons = PRODUCER_CRASHED): void {
    if (this.down) return;
    this.down = true;
    this.downReasons = reasons;
    const waiting = this.blockedRecords;
    this.blocked = [];
    this.blockedRecords = 0;
    this.refuse(reasons.dropped, waiting);
    for (let p = 0; p < this.deques.length; p++)
      while (this.firstBatch[p]) {
        const batch = this.shiftBatch(p);
        this.accumulatedRecords -= batch.count;
        this.bufferUsed -= batch.count * this.doc.recordBytes;
        this.expire(batch, reasons.dropped);
      }
    this.transactions?.abandon(now, backAt);
  }

  /** The application starts again (with transactional.id, the same one: initTransactions). */
  restart(now: number): void {
    this.down = false;
    this.resume(now);
  }

  /** A transaction's commit is over: the application sends again. */
  resume(now: number): void {
    this.admitBlocked(now);
    for (let b = 0; b < this.brokers.length; b++) this.trySend(b, now);
  }

  /** abortTransaction(): the batches of `txn` not sent yet are dropped (TransactionAbortedException). */
  dropUnsent(txn: Transaction): void {
    for (let p = 0; p < this.deques.length; p++) {
      const deque = this.deques[p]!;
      if (!deque.some((batch) => batch.txn === txn)) continue;
      const kept = deque.filter((batch) => batch.txn !== txn);
      for (const batch of deque) {
        if (batch.txn !== txn) continue;
        this.accumulatedRecords -= batch.count;
        this.bufferUsed -= batch.count * this.doc.recordBytes;
        this.expire(batch, DROPPED_TXN_ABORTED);
      }
      deque.length = 0;
      deque.push(...kept);
      this.firstBatch[p] = kept[0];
      this.lastBatch[p] = kept[kept.length - 1];
      const b = this.brokerOf[p]!;
      if (b >= 0) this.scanned[b] = false;
    }
  }

  /**
   * After a failed send aborted its transaction, the application sends its `count` records again
   * (new send() calls, now), ahead of the records that arrived meanwhile.
   */
  resend(count: number, now: number): void {
    if (this.down) return;
    this.ledger.produced += count;
    this.second.produced += count;
    this.second.producedBytes += count * this.doc.recordBytes;
    this.blocked.unshift({ count, start: now, end: now });
    this.blockedRecords += count;
    this.resume(now);
  }

  /**
   * KafkaProducer.flush(): `done` runs once no record handed over so far is in flight any more
   * (each acknowledged, refused, dropped or lost). It runs from an event at that time, never from
   * inside this call, even when nothing is in flight now.
   */
  whenFlushed(done: () => void): void {
    (this.flushWaiters ??= []).push(done);
    this.checkFlushed();
  }

  /** Called wherever records leave the in-flight count: schedules the waiters once it is 0. */
  private checkFlushed(): void {
    if (this.flushScheduled || this.inFlightRecords > 0) return;
    this.flushScheduled = true;
    this.flushReady = this.flushWaiters!.length;
    this.scheduler.at(this.scheduler.now, this, Ev.Flushed);
  }

  handle(kind: number, data: unknown, now: number): void {
    switch (kind as Ev) {
      case Ev.Arrival: {
        const chunk = this.arrivals.take(now);
        if (this.arrivals.nextTime < Infinity) this.scheduler.at(this.arrivals.nextTime, this, Ev.Arrival);
        if (chunk.count > 0) this.onRecords(chunk, now);
        return;
      }
      case Ev.Linger: {
        const b = data as number;
        if (this.lingerAt[b] !== now) return; // superseded by an earlier timer or a send
        this.lingerAt[b] = Infinity;
        this.trySend(b, now);
        return;
      }
      case Ev.Retry:
        this.retry(data as ProducerBatch[], now);
        return;
      case Ev.Written: {
        const req = data as ProduceRequest;
        this.inFlight[req.broker]!--;
        this.complete(req.batches, req.records, req, now);
        this.admitBlocked(now);
        for (let b = 0; b < this.brokers.length; b++) this.trySend(b, now);
        return;
      }
      case Ev.Admit:
        if (this.admitAt !== now) return; // superseded by an earlier one
        this.admitAt = Infinity;
        this.admitBlocked(now);
        for (let b = 0; b < this.brokers.length; b++) this.trySend(b, now);
        return;
      case Ev.Flushed: {
        // Waiters present when in flight reached 0 are done, whatever was handed over since; the
        // others too if nothing is in flight now, else they wait for the next time it is 0.
        this.flushScheduled = false;
        const waiters = this.flushWaiters!;
        const ready = this.inFlightRecords === 0 ? waiters.length : this.flushReady;
        const done = waiters.splice(0, ready);
        if (waiters.length === 0) this.flushWaiters = undefined;
        for (const cb of done) cb();
        return;
      }
    }
  }

  /**
   * The broker will not answer `request`. The client learns it only from its connection: when the
   * reset arrives (`resetAt`), else when request.timeout.ms runs out (ClientConnections). With
   * acks=0 nobody waits: the records, counted as acknowledged when written, are lost now.
   */
  onProduceLost(request: ProduceRequest, why: string, resetAt?: number): void {
    if (resetAt !== undefined) this.connections.reset(request.broker, resetAt, request.connection);
    if (request.acks !== '0') return;
    request.lost = true;
    const silent = why === HOST_SILENT;
    this.onRecordsLost(
      request.records,
      resetAt !== undefined ? LOST_ACKS_0_RESET : silent ? LOST_ACKS_0_SILENT : LOST_ACKS_0,
    );
    if (silent) this.connections.stuck(request, true, this.scheduler.now);
  }

  onProduceStuck(request: ProduceRequest, stuck: boolean): void {
    if (request.acks === '0') this.connections.stuck(request, stuck, this.scheduler.now);
  }

  /** The broker's process was killed: its machine resets the connection, which the client sees at `at`. */
  connectionReset(b: number, at: number): void {
    this.connections.reset(b, at);
  }

  /**
   * The connection to broker b closed (timed out or reset): its unanswered requests failed, and
   * their batches go back to the accumulator after retry.backoff.ms. A failure asks for new
   * metadata, which is how the client learns of a new leader.
   */
  connectionClosed(b: number, unanswered: ProduceRequest[], now: number, why: ClientCloseReason): void {
    this.events?.add({
      kind: 'clientDisconnected',
      atMs: now,
      client: this.doc.id,
      broker: b,
      why,
      requests: unanswered.length,
    });
    this.channels[b] = this.newChannel();
    const failed: ProducerBatch[] = [];
    for (const req of unanswered) {
      req.lost = true;
      this.inFlight[b]!--;
      for (const batch of req.batches) {
        failed.push(batch);
        if (req.acks === 'all') batch.partition.dropAckWait(batch);
      }
    }
    if (failed.length > 0)
      this.scheduler.at(now + this.doc.config['retry.backoff.ms'], this, Ev.Retry, failed);
    this.connectionRetry(b, now);
  }

  /** A new connection's broker side: requests on it queue behind nothing sent on an older one. */
  private newChannel(): ProduceChannel {
    return { clientOut: this.host.nicOut, current: undefined, queue: [], epoch: -1, server: undefined };
  }

  connectionRetry(_b: number, now: number): void {
    this.refreshMetadata();
    this.admitBlocked(now);
    for (let b = 0; b < this.brokers.length; b++) this.trySend(b, now);
  }

  onDuplicatesWritten(count: number): void {
    this.ledger.duplicatesWritten += count;
  }

  onRecordsLost(count: number, reason: string): void {
    this.ledger.lose(reason, count);
    this.second.lost += count;
    if (this.flushWaiters) this.checkFlushed();
  }

  /**
   * Failed batches go back to the front of their partitions' queues, to whichever broker leads
   * them now (the failure made the client refresh its metadata), unless delivery.timeout.ms is up.
   */
  private retry(batches: ProducerBatch[], now: number): void {
    const timeout = this.doc.config['delivery.timeout.ms'];
    for (const batch of batches) {
      this.sentRecords -= batch.count;
      // Its transaction is being aborted after a failed send: it is not sent again.
      if (batch.txn?.state === 'aborting') {
        this.bufferUsed -= batch.memoryBytes;
        this.expire(batch, DROPPED_TXN_ABORTED);
        continue;
      }
      if (this.down) {
        this.bufferUsed -= batch.memoryBytes;
        this.expire(batch, this.downReasons.dropped);
        continue;
      }
      if (batch.openedAt + timeout < now) {
        this.bufferUsed -= batch.memoryBytes;
        this.expire(batch, batch.error || DROPPED_RETRIES_TIMEOUT);
        continue;
      }
      batch.sealed = true;
      this.accumulatedRecords += batch.count;
      const p = batch.partition.index;
      const deque = this.deques[p]!;
      deque.unshift(batch);
      this.firstBatch[p] = batch;
      this.lastBatch[p] ??= batch;
    }
    this.refreshMetadata();
    this.admitBlocked(now);
    for (let b = 0; b < this.brokers.length; b++) this.trySend(b, now);
  }

  /**
   * Gives up on a batch: refused when the cluster said no (its error), dropped when time ran out.
   * A batch of a transaction failing so puts the producer in its abortable error state.
   */
  private expire(batch: ProducerBatch, reason: string): void {
    if (reason === NOT_ENOUGH_REPLICAS || reason === PARTITION_OFFLINE) this.refuse(reason, batch.count);
    else {
      this.ledger.drop(reason, batch.count);
      this.second.dropped += batch.count;
      if (this.flushWaiters) this.checkFlushed();
    }
    if (batch.txn && reason !== DROPPED_TXN_ABORTED && reason !== this.downReasons.dropped)
      this.transactions?.sendFailed(batch.txn, reason);
  }

  /** Called by the metrics tick: gives up on records that waited too long even when nothing else happens. */
  housekeeping(now: number): void {
    this.expireBlocked(now);
    if (this.unrouted.length > 0) this.expireUnrouted(now);
    for (let b = 0; b < this.brokers.length; b++) this.trySend(b, now);
  }

  /** Expires batches of leaderless partitions, then looks again for their leaders. */
  private expireUnrouted(now: number): void {
    const timeout = this.doc.config['delivery.timeout.ms'];
    for (const p of this.unrouted) {
      const deque = this.deques[p]!;
      while (deque.length > 0 && deque[0]!.openedAt + timeout < now) {
        const batch = this.shiftBatch(p);
        this.accumulatedRecords -= batch.count;
        this.bufferUsed -= batch.count * this.doc.recordBytes;
        this.expire(batch, PARTITION_OFFLINE);
      }
    }
    this.refreshMetadata();
  }

  private onRecords(chunk: ArrivalChunk, now: number): void {
    const bytes = chunk.count * this.doc.recordBytes;
    this.ledger.produced += chunk.count;
    this.second.produced += chunk.count;
    this.second.producedBytes += bytes;
    if (this.down) {
      this.refuse(this.downReasons.refused, chunk.count);
      return;
    }
    if (this.doc.recordBytes > this.doc.config['max.request.size']) {
      this.refuse(REFUSED_TOO_LARGE, chunk.count);
      this.sendThrew(REFUSED_TOO_LARGE);
      return;
    }
    this.blocked.push(chunk);
    this.blockedRecords += chunk.count;
    this.admitBlocked(now);
    for (let b = 0; b < this.brokers.length; b++) this.trySend(b, now);
  }

  /**
   * send() threw (max.block.ms passed, a record too large) inside a transaction: the application's
   * loop catches it and aborts the open transaction, as it does for a failed batch.
   */
  private sendThrew(reason: string): void {
    const txn = this.transactions?.current;
    if (txn) this.transactions!.sendFailed(txn, reason);
  }

  private refuse(reason: string, count: number): void {
    this.ledger.refuse(reason, count);
    this.second.refused += count;
    if (this.flushWaiters) this.checkFlushed();
  }

  private expireBlocked(now: number): void {
    const maxBlock = this.doc.config['max.block.ms'];
    while (this.blocked.length > 0 && this.blocked[0]!.start + maxBlock < now) {
      const c = this.blocked.shift()!;
      this.blockedRecords -= c.count;
      // Waiting for buffer.memory, or for the application thread to get to them at all.
      const memoryFull = this.doc.config['buffer.memory'] - this.bufferUsed < this.doc.recordBytes;
      const reason = memoryFull ? REFUSED_BUFFER_FULL : REFUSED_SEND_THREAD;
      this.refuse(reason, c.count);
      this.sendThrew(reason);
    }
  }

  /**
   * Hands waiting records to the accumulator, oldest first, while buffer.memory has room and the
   * application thread is free: the thread takes what is waiting, and more once it is through.
   */
  private admitBlocked(now: number): void {
    this.expireBlocked(now);
    // commitTransaction() is running: the application cannot send until it returns.
    if (this.transactions?.holding || this.down) return;
    const memory = this.doc.config['buffer.memory'];
    const size = this.doc.recordBytes;
    if (this.blocked.length === 0 && this.sendsAtMax) this.sendMore(now);
    while (this.blocked.length > 0) {
      if (this.transactions?.holding) return;
      if (this.sendThread.freeAt > now) {
        this.scheduleAdmit(this.sendThread.freeAt);
        return;
      }
      const c = this.blocked[0]!;
      const fits = Math.min(c.count, Math.floor((memory - this.bufferUsed) / size));
      if (fits <= 0) {
        this.setMemoryBlocked(true, now);
        return;
      }
      // The chunk's times are its first and last record's; admit the first `fits` of them.
      const step = c.count > 1 ? (c.end - c.start) / (c.count - 1) : 0;
      const through = this.sendThread.run(now, fits * this.cyclesPerRecord);
      this.accumulate(fits, c.start, c.start + step * (fits - 1), now, through, c.partition);
      this.blockedRecords -= fits;
      if (fits === c.count) this.blocked.shift();
      else {
        c.count -= fits;
        c.start += step * fits;
        this.setMemoryBlocked(true, now);
        return;
      }
    }
    // A tenth of the buffer free before the log says it has room again, so that a buffer hovering
    // at full does not fill the log with a block and an unblock every few milliseconds.
    if (memory - this.bufferUsed >= memory / 10) this.setMemoryBlocked(false, now);
  }

  private setMemoryBlocked(blocked: boolean, now: number): void {
    if (blocked === this.memoryBlocked || this.sendsAtMax) return;
    this.memoryBlocked = blocked;
    this.events?.add({
      kind: blocked ? 'producerBlocked' : 'producerUnblocked',
      atMs: now,
      client: this.doc.id,
    });
  }

  /**
   * Rate kind 'max': the thread is free, so the application creates and sends the next records,
   * one step's worth, as many as buffer.memory takes (send() blocks on a full buffer, and a
   * completion calls this again).
   */
  private sendMore(now: number): void {
    if (this.sendThread.freeAt > now) {
      this.scheduleAdmit(this.sendThread.freeAt);
      return;
    }
    const size = this.doc.recordBytes;
    const room = Math.floor((this.doc.config['buffer.memory'] - this.bufferUsed) / size);
    const msPerRecord = this.cyclesPerRecord / this.host.cyclesPerMs;
    const count = Math.min(room, Math.max(1, Math.round(MAX_RATE_STEP_MS / msPerRecord)));
    if (count <= 0) return;
    this.ledger.produced += count;
    this.second.produced += count;
    this.second.producedBytes += count * size;
    const through = this.sendThread.run(now, count * this.cyclesPerRecord);
    // Each record is created as the loop reaches it, over the thread's time for the step.
    this.accumulate(count, now, now + (through - now) * ((count - 1) / count), now, through);
    this.scheduleAdmit(through);
  }

  /**
   * Appends records admitted at `now` (created from `start` to `end`) to their partitions' batches;
   * the application thread is through with them at `through`.
   */
  private accumulate(
    count: number,
    start: number,
    end: number,
    now: number,
    through: number,
    partition?: number,
  ): void {
    this.jvm.records(now, count, this.doc.recordBytes);
    this.bufferUsed += count * this.doc.recordBytes;
    this.accumulatedRecords += count;
    this.txn = this.transactions?.take(count, now);
    if (partition !== undefined) {
      this.addToPartition(partition, count, start, end, now, through);
      return;
    }
    if (this.sticky) {
      const step = count > 1 ? (end - start) / (count - 1) : 0;
      let done = 0;
      this.sticky.split(
        count,
        this.doc.recordBytes,
        (p) => this.deques[p]!.length,
        (p, n) => {
          this.addToPartition(p, n, start + step * done, start + step * (done + n - 1), now, through);
          done += n;
        },
      );
      return;
    }
    const counts = this.rng.multinomialPlanned(count, this.plan!, this.split);
    for (let p = 0; p < counts.length; p++) {
      const n = counts[p]!;
      // Keyed records of different partitions interleave in time, so each gets the whole span.
      if (n > 0) this.addToPartition(p, n, start, end, now, through);
    }
  }

  /**
   * Adds `count` records created from `start` (first) to `end` (last), evenly spaced, to partition
   * p; the send thread is through with them (compressed too) at `through`.
   */
  private addToPartition(
    p: number,
    count: number,
    start: number,
    end: number,
    now: number,
    through: number,
  ): void {
    const cap = this.recordsPerBatch;
    const step = count > 1 ? (end - start) / (count - 1) : 0;
    let done = 0;
    const b = this.brokerOf[p]!;
    while (done < count) {
      let open = this.lastBatch[p];
      // A batch holds records of one transaction only.
      if (!open || open.count >= cap || open.sealed || open.txn !== this.txn) {
        const first = start + step * done;
        if (b >= 0 && now < this.oldestUnsent[b]!) this.oldestUnsent[b] = now;
        open = {
          partition: this.partitions[p]!,
          count: 0,
          wireBytes: 0,
          memoryBytes: 0,
          createStart: first,
          createEnd: first,
          endOffset: 0,
          onReplicated: noop,
          request: undefined,
          error: '',
          sealed: false,
          writtenEnd: 0,
          writtenCuts: 0,
          appendedAt: 0,
          txn: this.txn,
          openedAt: now,
        };
        this.deques[p]!.push(open);
        this.firstBatch[p] ??= open;
        this.lastBatch[p] = open;
      }
      const n = Math.min(count - done, cap - open.count);
      open.count += n;
      done += n;
      open.createEnd = start + step * (done - 1);
      if (through > open.appendedAt) open.appendedAt = through;
    }
    // What `scan` found for the broker still holds for the other partitions: add this one's part.
    const first = this.firstBatch[p];
    if (b >= 0 && this.scanned[b] && first) {
      this.anyBatch[b] = true;
      if (first !== this.lastBatch[p] || first.count >= cap || first.sealed) this.mustSend[b] = true;
      else if (first.createStart < this.oldestFirst[b]!) this.oldestFirst[b] = first.createStart;
    }
  }

  /** Whether broker b has a batch to send now: a full one, one past linger.ms, or memory is exhausted. */
  private readyAt(b: number): number {
    if (!this.scanned[b]) this.scan(b);
    if (!this.anyBatch[b]) return Infinity;
    // More than one batch waiting, a full one, or records blocked for memory: send now.
    if (this.mustSend[b] || this.blocked.length > 0) return -Infinity;
    return this.oldestFirst[b]! + this.doc.config['linger.ms'];
  }

  /** Looks through broker b's partitions for `readyAt`. */
  private scan(b: number): void {
    let any = false;
    let must = false;
    let oldest = Infinity;
    for (const p of this.partitionsByBroker[b]!) {
      const first = this.firstBatch[p];
      if (!first) continue;
      any = true;
      if (first !== this.lastBatch[p] || first.count >= this.recordsPerBatch || first.sealed) {
        must = true;
        break;
      }
      if (first.createStart < oldest) oldest = first.createStart;
    }
    this.scanned[b] = true;
    this.anyBatch[b] = any;
    this.mustSend[b] = must;
    this.oldestFirst[b] = oldest;
  }

  private trySend(b: number, now: number): void {
    this.expireUnsent(b, now);
    const maxInFlight = this.doc.config['max.in.flight.requests.per.connection'];
    for (;;) {
      const readyAt = this.readyAt(b);
      if (readyAt === Infinity) return;
      if (readyAt > now) {
        if (this.inFlight[b]! < maxInFlight && readyAt < this.lingerAt[b]!) {
          this.lingerAt[b] = readyAt;
          this.scheduler.at(readyAt, this, Ev.Linger, b);
        }
        return;
      }
      if (this.inFlight[b]! >= maxInFlight) return; // a response will call us again
      if (!this.connections.canSend(b, now)) return; // it calls us again when it may
      this.sendRequest(b, now);
    }
  }

  /** Drops batches that waited in the accumulator past delivery.timeout.ms. */
  private expireUnsent(b: number, now: number): void {
    const timeout = this.doc.config['delivery.timeout.ms'];
    if (this.oldestUnsent[b]! + timeout >= now) return;
    let oldest = Infinity;
    for (const p of this.partitionsByBroker[b]!) {
      const deque = this.deques[p]!;
      while (deque.length > 0 && deque[0]!.openedAt + timeout < now) {
        const batch = this.shiftBatch(p);
        this.accumulatedRecords -= batch.count;
        this.bufferUsed -= batch.count * this.doc.recordBytes;
        this.expire(batch, batch.sealed ? batch.error || DROPPED_RETRIES_TIMEOUT : DROPPED_DELIVERY_TIMEOUT);
      }
      for (const batch of deque) if (batch.openedAt < oldest) oldest = batch.openedAt;
    }
    this.oldestUnsent[b] = oldest;
  }

  /** Takes the first batch of partition p's deque. */
  private shiftBatch(p: number): ProducerBatch {
    const deque = this.deques[p]!;
    const batch = deque.shift()!;
    const b = this.brokerOf[p]!;
    if (b >= 0) this.scanned[b] = false;
    this.firstBatch[p] = deque[0];
    if (deque.length === 0) this.lastBatch[p] = undefined;
    return batch;
  }

  /** Drains the first batch of every partition this broker leads, up to max.request.size. */
  private sendRequest(b: number, now: number): void {
    const owned = this.partitionsByBroker[b]!;
    const maxBytes = this.doc.config['max.request.size'];
    const batches: ProducerBatch[] = [];
    let wireBytes = 0;
    let records = 0;
    // The request leaves once its batches are compressed (never earlier than the previous one).
    let sendAt = now > this.lastSendAt[b]! ? now : this.lastSendAt[b]!;
    const start = this.drainStart[b]! % Math.max(1, owned.length);
    for (let k = 0; k < owned.length; k++) {
      const p = owned[(start + k) % owned.length]!;
      const first = this.firstBatch[p];
      if (!first) continue;
      const raw = first.count * this.doc.recordBytes;
      const wire = Math.max(1, Math.round(first.count * this.recordWireBytes)) + this.batchHeaderBytes;
      if (batches.length > 0 && wireBytes + wire > maxBytes) break;
      this.shiftBatch(p);
      first.wireBytes = wire;
      first.memoryBytes = raw;
      if (first.appendedAt > sendAt) sendAt = first.appendedAt;
      // AddPartitionsToTxn: a partition new to the transaction waits for the coordinator.
      if (first.txn && this.transactions) {
        const added = this.transactions.partitionReadyAt(first.txn, first.partition, now);
        if (added > sendAt) sendAt = added;
      }
      batches.push(first);
      wireBytes += wire;
      records += first.count;
    }
    this.drainStart[b] = start + 1;
    // The sender thread builds the request (and closes its batches) before it can leave. Its work
    // is booked from now, not from when the batches are through the send thread: a booking ahead
    // of time would keep a core idle until then.
    this.jvm.request(now);
    const built = this.ioThread.run(now, CYCLES.perRequest + CYCLES.perBatch * batches.length);
    if (built > sendAt) sendAt = built;
    this.lastSendAt[b] = sendAt;
    this.accumulatedRecords -= records;
    this.sentRecords += records;
    const acks = this.doc.config.acks;
    const request: ProduceRequest = {
      client: this,
      broker: b,
      channel: this.channels[b]!,
      batches,
      wireBytes,
      records,
      acks,
      pending: batches.length,
      sentAt: sendAt,
      brokerEpoch: -1,
      failed: 0,
      acknowledged: false,
      lost: false,
      idempotent: this.idempotent,
      compression: this.codec,
    };
    for (const batch of batches) batch.request = request;
    this.connections.sent(request);
    this.requestsSent++;
    this.requestRecords += records;
    this.requestBatches += batches.length;
    this.second.requests++;
    if (acks !== '0') this.inFlight[b]!++;
    else if (sendAt > now) {
      // Counted as acknowledged once written to the socket, and in flight until then, so that
      // acks=0 cannot run ahead of compression. Scheduled before the request's arrival at the
      // broker, so it comes first even with no network latency.
      this.inFlight[b]!++;
      this.scheduler.at(sendAt, this, Ev.Written, request);
    }
    this.brokers[b]!.sendProduce(request, sendAt);
    if (acks === '0' && sendAt === now) this.complete(batches, records, request, now);
  }

  onProduceResponse(request: ProduceRequest, now: number): void {
    if (request.acks === '0' || request.lost) return;
    this.connections.answered(request);
    this.inFlight[request.broker]!--;
    if (request.failed === 0) this.complete(request.batches, request.records, request, now);
    else {
      const written = request.batches.filter((b) => !b.error);
      const failed = request.batches.filter((b) => b.error);
      if (written.length > 0)
        this.complete(
          written,
          written.reduce((n, b) => n + b.count, 0),
          request,
          now,
        );
      this.scheduler.at(now + this.doc.config['retry.backoff.ms'], this, Ev.Retry, failed);
    }
    this.admitBlocked(now);
    for (let b = 0; b < this.brokers.length; b++) this.trySend(b, now);
  }

  /** The request's records are acknowledged (for acks=0: as soon as they are written to the socket). */
  private complete(batches: ProducerBatch[], records: number, request: ProduceRequest, now: number): void {
    request.acknowledged = true;
    // The sender thread completes the batches and runs the records' callbacks (acknowledged at once:
    // microseconds, and an event fewer).
    this.ioThread.run(now, CYCLES.completePerRecord * records);
    // All batches of a request complete together: bucket their creation times, record once per bucket.
    let oldest = Infinity;
    let newest = -Infinity;
    for (const batch of batches) {
      this.bufferUsed -= batch.memoryBytes;
      if (batch.createStart < oldest) oldest = batch.createStart;
      if (batch.createEnd > newest) newest = batch.createEnd;
    }
    this.latencyBuckets.reset(oldest, newest);
    for (const batch of batches) this.latencyBuckets.add(batch.count, batch.createStart, batch.createEnd);
    this.latencyBuckets.flush(this.produceLatency, now);
    this.sentRecords -= records;
    this.ledger.acknowledged += records;
    this.second.acknowledged += records;
    if (this.flushWaiters) this.checkFlushed();
  }

  /** Reads and resets the per-second counters. */
  takeSecond(): ProducerClient['second'] {
    const s = this.second;
    this.second = {
      produced: 0,
      producedBytes: 0,
      acknowledged: 0,
      refused: 0,
      dropped: 0,
      lost: 0,
      requests: 0,
    };
    return s;
  }
}
