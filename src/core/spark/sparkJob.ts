// A Spark Streaming job over Kafka's direct stream: every batch interval the driver takes the
// offsets available (within the rate limits), queues the batch, and runs batches one at a time
// (spark.streaming.concurrentJobs = 1), so a slow batch delays the next: the scheduling delay.
import type { SparkJob as JobDoc } from '../../model/types';
import { memoryBytes } from '../../model/schema/spark';
import { SPARK } from '../costs';
import type { EventTarget, Scheduler } from '../engine/scheduler';
import { partitionLag, type PartitionLag } from '../metrics/lag';
import { CompletionBuckets, type LatencyRecorder } from '../metrics/latency';
import type { Broker } from '../kafka/broker';
import { earliestOffset, type GroupRestore } from '../kafka/consumerGroup';
import type { Partition } from '../kafka/partition';
import {
  abortedSkippedBetween,
  forEachRecordRange,
  readableEnd,
  recordsBetween,
} from '../kafka/transactions';
import { maxMessagesPerPartition } from './directStreamRate';
import {
  addToTotals,
  newStageCounters,
  planBatch,
  type BatchPlan,
  type StageCounters,
  type StageStats,
  type TaskInput,
  type WindowEmit,
} from './batchPlan';
import { PidRateEstimator } from './pidRateEstimator';
import type { ReceivedBlock, ReceiverInput } from './receiverInput';
import {
  allocationSettings,
  StreamingAllocationManager,
  type AllocationDecision,
  type ExecutorControl,
} from './executorAllocation';

const enum Ev {
  BatchTime,
  BatchDone,
  DriverBack,
  ExecutorsBack,
  ExecutorReady,
}

/** done: ran as planned; recomputed: an executor was lost and its tasks ran again; failed: tasks could not run. */
export type BatchStatus = 'done' | 'recomputed' | 'failed';

export interface SparkBatchStats {
  batchTime: number;
  records: number;
  outputRecords: number;
  schedulingDelayMs: number;
  processingMs: number;
  totalDelayMs: number;
  slowestTaskMs: number;
  medianTaskMs: number;
  /** Rate limit in force when the batch was cut (records/s), if any. */
  rateLimit: number | undefined;
  status: BatchStatus;
  /** Whether this batch wrote a checkpoint, and what that cost. */
  checkpointMs: number;
  /** From the end of the batch's tasks to the flush of its Kafka sink (0 without one); in processingMs. */
  outputWaitMs: number;
  /** A receiver source's blocks the batch took: its read stage's tasks (absent for Kafka). */
  blocks?: number;
}

/**
 * Where a job's output goes: `write` queues a task's write and says when it is done; `deliver`
 * counts a finished batch's output, `replayed` of it being a second write of output a failed
 * driver had already written (the sinks decide whether that makes duplicates).
 */
export interface JobOutput {
  write(at: number, records: number): number;
  deliver(records: number, replayed: number): void;
  /** Extra time at the end of every batch: a transactional sink commits output and offsets together. */
  commitMs: number;
  /**
   * A Kafka sink: hands a batch's output to its producer at `now` and, given `done`, calls it (from
   * a later event) once the producer is flushed, with the records it refused or dropped and why.
   * Output written again after a driver failure is sent like the rest (duplicates in the topic).
   */
  publish?: (now: number, records: number, done?: (failed: number, reason?: string) => void) => void;
  /**
   * A transactional Kafka sink: each batch's output is one transaction committed with its offsets,
   * so replayed output of committed batches is not sent again, and a driver failure leaves the
   * running batch's transaction to be aborted (`abandon`, with when the relaunched driver fences it).
   */
  transactional?: { abandon(now: number, fencedAt: number): void };
}

/** What a restarted driver finds in the checkpoint directory. */
interface Checkpoint {
  batchTime: number;
  offsets: number[];
  otherOffsets: number[][];
  history: number[][];
  carry: number[];
}

/** The other topic of a stream-stream join: read alongside the job's own, joined at `stage`. */
export interface OtherStream {
  stage: number;
  partitions: Partition[];
  nextOffset: number[];
}

interface PendingBatch {
  time: number;
  from: number[];
  until: number[];
  /** Per other stream: offsets taken from each of its partitions. */
  otherFrom: number[][];
  otherUntil: number[][];
  records: number;
  bytes: number;
  rateLimit: number | undefined;
  /** A receiver source's blocks (one task each), instead of Kafka offsets. */
  blocks?: ReceivedBlock[];
}

interface RunningBatch {
  batch: PendingBatch;
  plan: BatchPlan;
  start: number;
  /** Bumped when an executor loss re-plans the batch, so the superseded end event is ignored. */
  token: number;
  status: BatchStatus;
  /** Task slots the batch was planned on. */
  slots: number;
  /** When the tasks were done and the output went to the Kafka sink, while waiting for its flush. */
  publishedAt: number | undefined;
}

/** Recent batches kept in full (for tables); older ones live on in the per-second series. */
const KEEP_BATCHES = 1000;

/**
 * Something that changed the job's executors: a dynamic allocation tick (with what it measured),
 * executors added or removed by hand, started, lost or replaced.
 */
export type ExecutorLogEntry =
  | ({ atMs: number; kind: 'allocation'; executors: number } & AllocationDecision)
  | {
      atMs: number;
      kind: 'added' | 'removed' | 'started' | 'lost' | 'replaced' | 'cancelled';
      count: number;
      /** Registered executors after the change. */
      executors: number;
    };

/** The executor count over the run: a point at each change (registered, and starting then). */
export interface ExecutorCountPoint {
  atMs: number;
  executors: number;
  starting: number;
}

/** Log entries and count points kept (oldest dropped first). */
const KEEP_EXECUTOR_LOG = 500;

export class SparkStreamingJob implements EventTarget, ExecutorControl {
  private readonly nextOffset: number[];
  private readonly queue: PendingBatch[] = [];
  private running: RunningBatch | undefined;
  private token = 0;
  private checkpoint: Checkpoint;
  /** Input and output of the batches completed since the last checkpoint (what a restart replays). */
  private sinceCheckpoint = { records: 0, output: 0 };
  /** Output a restarted driver still has to write a second time. */
  private pendingReplayOutput = 0;
  /** Executors registered with the driver, able to take tasks (spark.executor.instances at first). */
  private executorsUp: number;
  /** Lost executors whose replacements the cluster manager is starting. */
  private replacing = 0;
  /** Executors asked for and not yet started: when each will take tasks. */
  private readonly starting: { id: number; readyAt: number }[] = [];
  private nextExecutorId = 0;
  /** Slots of executors removed while the running batch still uses them (they leave at its end). */
  private leavingSlots = 0;
  /** Streaming dynamic allocation, when spark.streaming.dynamicAllocation.enabled. */
  readonly allocation: StreamingAllocationManager | undefined;
  readonly executorLog: ExecutorLogEntry[] = [];
  readonly executorHistory: ExecutorCountPoint[] = [];
  /** running, or why not: the driver is restarting, or the job stopped after a failed batch. */
  state: 'running' | 'restarting' | 'failed' = 'running';
  failureReason: string | undefined;
  /** Per operator, the last completed batch; and the windows emitted recently. */
  lastStages: StageStats[];
  /** Task slots the last completed batch ran on (fewer while executors are lost). */
  lastSlots = 0;
  readonly recentWindows: WindowEmit[] = [];
  private readonly estimator: PidRateEstimator | undefined;
  private readonly counters: StageCounters;
  private readonly buckets = new CompletionBuckets();
  readonly recentBatches: SparkBatchStats[] = [];
  readonly receiverInput: ReceiverInput | undefined;

  // Totals for the summary.
  batchesCompleted = 0;
  totalRecords = 0;
  /**
   * Records retention deleted before a batch took them. Spark's direct stream would fail the batch
   * with OffsetOutOfRange; we count the gap as expired and cut the batch from the log start offset.
   */
  totalExpiredUnread = 0;
  totalOutput = 0;
  /** Records cut into batches, and those of batches a failure threw away (read again later, or never). */
  recordsTaken = 0;
  recordsAbandoned = 0;
  /** Records a restarted driver read again: input of batches completed after the last checkpoint. */
  replayedRecords = 0;
  /**
   * Output of replayed batches made a second time after a driver restart: an at-least-once output
   * writes it again (duplicates); an idempotent or transactional one does not.
   */
  replayedOutput = 0;
  /**
   * Records of completed batches that an earlier batch had already taken (a replay after a driver
   * restart): `totalRecords` less these counts each record once, as a consumer group's `consumed` does.
   */
  replayedInputDone = 0;
  /** Replayed records not yet in a completed batch: the first ones the restarted driver's batches take. */
  private pendingReplayRecords = 0;
  driverFailures = 0;
  /** read_committed: aborted transactions' records in the batches' ranges, left out. */
  abortedSkipped = 0;
  /** Offsets of compacted partitions' cleaned heads the job passed over: older values the cleaner removed. */
  compactedSkipped = 0;
  checkpointsWritten = 0;
  sumCheckpointMs = 0;
  failedBatches = 0;
  recomputedBatches = 0;
  sumProcessingMs = 0;
  sumTotalDelayMs = 0;
  /** Over completed batches: time spent waiting for the Kafka sink's flush. */
  sumOutputWaitMs = 0;
  maxSchedulingDelayMs = 0;
  /** Per-second: records that entered completed batches, and batches completed. */
  second = {
    records: 0,
    bytes: 0,
    batches: 0,
    schedulingDelayMs: 0,
    processingMs: 0,
    totalDelayMs: 0,
    /** Of `records`, those read again after a driver restart. */
    replayed: 0,
  };

  /** kafkaParams isolation.level=read_committed. */
  private get readCommitted(): boolean {
    return this.doc.kafkaParams?.['isolation.level'] === 'read_committed';
  }

  constructor(
    readonly doc: JobDoc,
    private readonly scheduler: Scheduler,
    /** The topic's partitions; a longer list replaces it when partitions are added. */
    public partitions: Partition[],
    private readonly brokers: Broker[],
    private readonly latencyMs: number,
    private readonly recordBytes: number,
    readonly latency: LatencyRecorder,
    private readonly output: JobOutput,
    /** Share of input records behind an event-time watermark of the given delay (from the producers). */
    private readonly lateShare: (watermarkDelayMs: number) => number = () => 0,
    /** Stream-stream joins: the other topics' partitions, by stage. */
    readonly otherStreams: OtherStream[] = [],
    /** How a shuffle by the records' key spreads them over n reduce tasks (undefined: evenly). */
    private readonly keyShares: (n: number) => ArrayLike<number> | undefined = () => undefined,
    /** A receiver source's receivers, when the job reads one instead of a topic. */
    receiverInput?: ReceiverInput,
  ) {
    this.receiverInput = receiverInput;
    this.nextOffset = partitions.map(() => 0);
    const c = doc.config;
    this.counters = newStageCounters(doc.stages.length);
    this.lastStages = this.counters.totals.map((t) => ({ ...t }));
    this.checkpoint = { batchTime: 0, offsets: [], otherOffsets: [], history: [], carry: [] };
    this.executorsUp = c['spark.executor.instances'];
    const settings = allocationSettings(doc, receiverInput?.running ?? 0);
    this.allocation = settings ? new StreamingAllocationManager(settings, scheduler, this) : undefined;
    this.estimator =
      c['spark.streaming.backpressure.enabled'] && doc.mode === 'microBatch'
        ? new PidRateEstimator({
            batchIntervalMs: doc.batchIntervalMs,
            proportional: c['spark.streaming.backpressure.pid.proportional'],
            integral: c['spark.streaming.backpressure.pid.integral'],
            derivative: c['spark.streaming.backpressure.pid.derived'],
            minRate: c['spark.streaming.backpressure.pid.minRate'],
          })
        : undefined;
  }

  /** Executors registered now, able to take tasks (lost, starting and removed ones not counted). */
  get executors(): number {
    return this.executorsUp;
  }

  /** Executors asked for that have not started yet (replacements of lost ones included). */
  get startingExecutors(): number {
    return this.starting.length + this.replacing;
  }

  /**
   * Tasks of the read stage: one per Kafka partition the job reads (its own topic and joined ones),
   * or for a receiver source one per block: batch interval / block interval per receiver.
   */
  get readTasks(): number {
    const input = this.receiverInput;
    if (input) return input.blocksPerBatch(this.doc.batchIntervalMs);
    return this.partitions.length + this.otherStreams.reduce((n, o) => n + o.partitions.length, 0);
  }

  /** Cores for the batches' tasks: every executor core, less one held by each running receiver. */
  get slots(): number {
    const cores = this.executors * this.doc.config['spark.executor.cores'];
    return Math.max(0, cores - (this.receiverInput?.running ?? 0));
  }

  /** Unified memory of one executor: (heap - reserved) * spark.memory.fraction. */
  get unifiedMemoryBytes(): number {
    const c = this.doc.config;
    const heap = memoryBytes(c['spark.executor.memory']);
    return Math.max(0, heap - SPARK.reservedMemoryBytes) * c['spark.memory.fraction'];
  }

  /** Whether the job has started (startAtSec): before, it reads nothing and owes no lag. */
  started = false;

  start(now: number): void {
    this.started = true;
    // The stream starts at the latest offsets (Kafka's default auto.offset.reset), or at the log
    // start with earliest.
    const earliest = this.doc.kafkaParams?.['auto.offset.reset'] === 'earliest';
    this.partitions.forEach((p, i) => (this.nextOffset[i] = earliest ? earliestOffset(p) : p.highWatermark));
    this.beginRestore(now);
    for (const o of this.otherStreams) o.nextOffset = o.partitions.map((p) => p.highWatermark);
    this.takeCheckpoint(now);
    this.receiverInput?.start(now);
    this.scheduler.at(now + this.tickMs, this, Ev.BatchTime);
    this.allocation?.start(now);
    this.countChanged(now);
  }

  /** Asks for `count` more executors (sc.requestExecutors); each takes tasks once it has started. */
  addExecutors(count: number, now: number): void {
    if (count <= 0) return;
    this.startExecutors(count, now);
    this.logExecutors(now, 'added', count);
  }

  /**
   * ExecutorControl: the cluster manager is to run `total` executors: more are started if the
   * registered, starting and replacement ones fall short; if they exceed it, the newest pending
   * starts are withdrawn (running executors are never killed to reach a total).
   */
  requestTotalExecutors(total: number, now: number): void {
    const committed = this.executorsUp + this.starting.length + this.replacing;
    if (total > committed) this.startExecutors(total - committed, now);
    else if (total < committed) {
      const cancel = Math.min(this.starting.length, committed - total);
      if (cancel <= 0) return;
      this.starting.splice(this.starting.length - cancel, cancel);
      this.logExecutors(now, 'cancelled', cancel);
      this.countChanged(now);
    }
  }

  /**
   * Removes up to `count` registered executors (sc.killExecutors, or a dynamic allocation tick).
   * One that is running tasks of the current batch finishes them first: the batch keeps the slots
   * it was planned on, and the next batch is planned without them. Returns how many went.
   */
  removeExecutors(count: number, now: number): number {
    const n = Math.min(count, this.executorsUp);
    if (n <= 0) return 0;
    this.executorsUp -= n;
    const r = this.running;
    if (r && r.publishedAt === undefined) this.leavingSlots += n * this.doc.config['spark.executor.cores'];
    this.countChanged(now);
    return n;
  }

  /**
   * ExecutorControl: executors running no receiver. Receivers go to executors in turn (receiver i
   * on executor i mod executors), so min(receivers, executors) executors hold one.
   */
  get executorsWithoutReceivers(): number {
    const receivers = this.receiverInput?.running ?? 0;
    return Math.max(0, this.executorsUp - Math.min(receivers, this.executorsUp));
  }

  /** Manual removal (a removeExecutors action): removes and logs. */
  removeExecutorsByHand(count: number, now: number): void {
    const n = this.removeExecutors(count, now);
    if (n > 0) this.logExecutors(now, 'removed', n);
  }

  /** ExecutorControl: a dynamic allocation tick, logged with the count after it acted. */
  allocationDecided(d: AllocationDecision, now: number): void {
    this.pushLog({ ...d, atMs: now, kind: 'allocation', executors: this.executorsUp });
  }

  private startExecutors(count: number, now: number): void {
    for (let i = 0; i < count; i++) {
      const id = this.nextExecutorId++;
      const readyAt = now + SPARK.executorStartMs;
      this.starting.push({ id, readyAt });
      this.scheduler.at(readyAt, this, Ev.ExecutorReady, id);
    }
    this.countChanged(now);
  }

  private executorReady(id: number, now: number): void {
    const i = this.starting.findIndex((e) => e.id === id);
    if (i < 0) return; // withdrawn
    this.starting.splice(i, 1);
    this.executorsUp++;
    this.logExecutors(now, 'started', 1);
    this.countChanged(now);
    if (this.state === 'running') this.startNext(now);
  }

  private logExecutors(
    now: number,
    kind: Exclude<ExecutorLogEntry['kind'], 'allocation'>,
    count: number,
  ): void {
    // Executors starting at the same instant make one entry.
    const last = this.executorLog[this.executorLog.length - 1];
    if (last && last.kind === kind && last.atMs === now) {
      last.count += count;
      last.executors = this.executorsUp;
      return;
    }
    this.pushLog({ atMs: now, kind, count, executors: this.executorsUp });
  }

  private pushLog(e: ExecutorLogEntry): void {
    this.executorLog.push(e);
    if (this.executorLog.length > KEEP_EXECUTOR_LOG) this.executorLog.shift();
  }

  /** Records the executor count after a change (one point per instant). */
  private countChanged(now: number): void {
    const point = { atMs: now, executors: this.executorsUp, starting: this.startingExecutors };
    const h = this.executorHistory;
    const last = h[h.length - 1];
    if (last && last.atMs === now) h[h.length - 1] = point;
    else if (!last || last.executors !== point.executors || last.starting !== point.starting) h.push(point);
    if (h.length > KEEP_EXECUTOR_LOG) h.shift();
  }

  get continuous(): boolean {
    return this.doc.mode === 'continuous';
  }

  /** How often records are taken: every batch, or (continuous) every turn of the tasks' poll loop. */
  private get tickMs(): number {
    return this.continuous ? SPARK.continuousPollMs : this.doc.batchIntervalMs;
  }

  /** Whether the batch cut at `time` writes a checkpoint (continuous: the first poll of each epoch). */
  private checkpointsAt(time: number): boolean {
    if (!this.continuous) return (this.counters.batchesRun + 1) % this.checkpointEvery === 0;
    const epoch = this.doc.batchIntervalMs;
    return Math.floor(time / epoch) !== Math.floor((time - this.tickMs) / epoch);
  }

  /** Batches between checkpoints: the interval rounded up to whole batches. */
  private get checkpointEvery(): number {
    return Math.max(1, Math.ceil(this.doc.checkpointIntervalMs / this.doc.batchIntervalMs));
  }

  private takeCheckpoint(batchTime: number): void {
    this.checkpoint = {
      batchTime,
      offsets: this.running?.batch.until.slice() ?? this.nextOffset.slice(),
      otherOffsets:
        this.running?.batch.otherUntil.map((u) => u.slice()) ??
        this.otherStreams.map((o) => o.nextOffset.slice()),
      history: this.counters.history.map((h) => h.slice()),
      carry: this.counters.carry.slice(),
    };
    this.sinceCheckpoint = { records: 0, output: 0 };
  }

  /**
   * The driver dies: the running batch and the queued ones are dropped. After the restart delay it
   * resumes from the last checkpoint, reading again every record since, so the output of batches
   * completed after that checkpoint is written a second time.
   */
  failDriver(now: number, restartMs: number): void {
    if (this.state === 'failed') return;
    this.driverFailures++;
    this.state = 'restarting';
    this.recordsAbandoned += this.recordsInFlight;
    this.receiversDriverFailed(now, restartMs);
    // Output already handed to the Kafka sink is written, and will be written again after the restart
    // (a transactional sink's open transaction is aborted instead: the rewrite is no duplicate).
    const tx = this.output.transactional;
    if (!tx && this.running?.publishedAt !== undefined)
      this.pendingReplayOutput += this.running.plan.outputRecords;
    this.running = undefined;
    this.token++;
    tx?.abandon(now, now + restartMs);
    this.queue.length = 0;
    this.leavingSlots = 0;
    // The allocation manager lives in the driver: it stops with it and starts afresh with the new one.
    this.allocation?.stop();
    this.scheduler.at(now + restartMs, this, Ev.DriverBack, this.token);
  }

  /**
   * The receivers stop with the driver. The blocks of the dropped batches are recovered from the
   * write-ahead log by the restarted driver (taken by its next batches) or, without the log, lost.
   */
  private receiversDriverFailed(now: number, restartMs: number): void {
    const input = this.receiverInput;
    if (!input) return;
    const blocks = [...this.queue, ...(this.running ? [this.running.batch] : [])].flatMap(
      (b) => b.blocks ?? [],
    );
    input.driverFailed(now, restartMs);
    if (input.durable) input.giveBack(blocks, now + restartMs);
    else input.blocksLost(blocks.reduce((a, b) => a + b.records, 0));
  }

  private driverBack(now: number): void {
    this.state = 'running';
    this.allocation?.start(now);
    // Blocks are not re-read from a checkpoint's offsets: with the log, the lost batches' blocks come back.
    if (this.receiverInput) this.sinceCheckpoint = { records: 0, output: 0 };
    const cp = this.checkpoint;
    this.replayedRecords += this.sinceCheckpoint.records;
    this.pendingReplayRecords += this.sinceCheckpoint.records;
    this.pendingReplayOutput += this.sinceCheckpoint.output;
    this.sinceCheckpoint = { records: 0, output: 0 };
    cp.offsets.forEach((o, i) => (this.nextOffset[i] = o));
    cp.otherOffsets.forEach((offsets, k) =>
      offsets.forEach((o, i) => (this.otherStreams[k]!.nextOffset[i] = o)),
    );
    this.counters.history = cp.history.map((h) => h.slice());
    this.counters.carry = cp.carry.slice();
  }

  /**
   * Executors die: their tasks are lost (shuffle output included) and run again on the remaining
   * slots, so the running batch ends late; later batches have fewer slots until replacements start.
   */
  loseExecutors(now: number, count: number, replaceMs: number): void {
    // The running batch also still holds the slots of executors removed during it.
    const before = this.slots + this.leavingSlots;
    const lost = Math.min(count, this.executors);
    if (lost <= 0) return;
    this.receiverInput?.executorsLost(lost, this.executors, now);
    this.executorsUp -= lost;
    this.replacing += lost;
    this.scheduler.at(now + replaceMs, this, Ev.ExecutorsBack, lost);
    this.logExecutors(now, 'lost', lost);
    this.countChanged(now);
    const r = this.running;
    // A batch waiting for its Kafka sink's flush has no task left to run again.
    if (!r || r.publishedAt !== undefined) return;
    const after = before - lost * this.doc.config['spark.executor.cores'];
    r.token = ++this.token;
    r.status = 'recomputed';
    const lostSlots = before - after;
    // Work already done on the lost slots is redone; work still to do is shared by the rest.
    const done = Math.max(0, Math.min(now, r.plan.end) - r.start) * lostSlots;
    const left = Math.max(0, r.plan.end - now) * before;
    if (after === 0) {
      // Nothing left to run on: the whole batch waits for a replacement and runs again.
      r.plan = { ...r.plan, end: now + replaceMs + (r.plan.end - r.start) };
    } else {
      r.plan = { ...r.plan, end: now + SPARK.taskOverheadMs + (done + left) / after };
    }
    this.scheduler.at(r.plan.end, this, Ev.BatchDone, r.token);
  }

  /**
   * The topic grew: as the direct stream does, the new partitions are found when the next batch is
   * cut and read from their latest offset then (auto.offset.reset=latest).
   */
  setPartitions(all: Partition[]): void {
    this.partitions = all;
  }

  /** Records available in Kafka and not yet taken into a batch (a receiver source: one figure, all it holds). */
  lagPerPartition(): number[] {
    const input = this.receiverInput;
    if (input) return [input.totals.atSource + input.totals.buffered + input.totals.inBlocks];
    if (!this.started) return this.partitions.map(() => 0);
    return this.partitions.map((p, i) =>
      Math.max(0, p.highWatermark - (this.nextOffset[i] ?? p.highWatermark)),
    );
  }

  /**
   * Per partition, the first offset not yet in a completed batch: what the job would commit after
   * each batch, and where a restarted driver resumes (the checkpoint while it is down).
   */
  processedOffsets(): number[] {
    const batch = this.running?.batch ?? this.queue[0];
    return this.partitions.map((p, i) => {
      if (this.state === 'restarting')
        return this.checkpoint.offsets[i] ?? this.nextOffset[i] ?? p.highWatermark;
      return batch?.from[i] ?? this.nextOffset[i] ?? p.highWatermark;
    });
  }

  /**
   * Lag as for a consumer group: "committed" is the end of the completed batches, the position is
   * where the next batch starts, and the lag in time is the age of the oldest record not processed.
   */
  lagTable(now: number): PartitionLag[] {
    const processed = this.processedOffsets();
    return this.partitions.map((p, i) => {
      // Not started yet: nothing read, nothing owed.
      const done = this.started ? processed[i]! : p.highWatermark;
      const position = this.started ? (this.nextOffset[i] ?? p.highWatermark) : p.highWatermark;
      return partitionLag(p, i, { committed: done, start: done, position, ageFrom: done }, now);
    });
  }

  /**
   * Lowest offset of partition `i` of a topic (given by its partition list: the job's own topic, or a
   * stream-stream join's other one) this job may still read: queued and running batches included,
   * and the checkpoint a restart would go back to. Infinity for a topic the job does not read.
   */
  lowestNeeded(partitions: Partition[], i: number): number {
    const batch = this.running?.batch ?? this.queue[0];
    let from: number | undefined;
    let next: number | undefined;
    let checkpointed: number | undefined;
    if (partitions === this.partitions) {
      from = batch?.from[i];
      next = this.nextOffset[i];
      checkpointed = this.checkpoint.offsets[i];
    } else {
      const k = this.otherStreams.findIndex((o) => o.partitions === partitions);
      if (k < 0) return Infinity;
      from = batch?.otherFrom[k]?.[i];
      next = this.otherStreams[k]!.nextOffset[i];
      checkpointed = this.checkpoint.otherOffsets[k]?.[i];
    }
    const low = from ?? next ?? partitions[i]!.highWatermark;
    return Math.min(low, checkpointed ?? low);
  }

  /** Per operator, over the run (completed batches). */
  get stageTotals(): readonly StageStats[] {
    return this.counters.totals;
  }

  /** Records a window stage has taken into its window over the run (after late drops). */
  windowedRecords(stageId: string): number {
    const i = this.doc.stages.findIndex((s) => s.id === stageId);
    return this.counters.totals[i]?.kept ?? 0;
  }

  /** A topic grew: if it is one of the other streams, its new partitions are read from their latest offset. */
  setOtherPartitions(old: Partition[], all: Partition[]): void {
    for (const o of this.otherStreams) {
      if (o.partitions !== old) continue;
      o.partitions = all;
      for (let i = o.nextOffset.length; i < all.length; i++) o.nextOffset.push(all[i]!.highWatermark);
    }
  }

  /** Records in batches cut but not finished: queued or running. */
  get recordsInFlight(): number {
    return this.queue.reduce((a, b) => a + b.records, 0) + (this.running?.batch.records ?? 0);
  }

  /** A receiver source's oldest record in a batch not finished (ms; undefined when none): a read-only view. */
  get oldestInBatchMs(): number | undefined {
    let oldest: number | undefined;
    for (const b of [...(this.running ? [this.running.batch] : []), ...this.queue])
      for (const block of b.blocks ?? [])
        for (const slice of block.slices) oldest = Math.min(oldest ?? Infinity, slice.s);
    return oldest;
  }

  get queuedBatches(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  /** The rate controller's current limit (records/s), if backpressure is on and has one. */
  get estimatedRate(): number | undefined {
    if (!this.estimator) return undefined;
    const latest = this.estimator.latestRate;
    return latest > 0 ? latest : this.doc.config['spark.streaming.backpressure.initialRate'];
  }

  handle(kind: number, data: unknown, now: number): void {
    switch (kind as Ev) {
      case Ev.BatchTime:
        this.scheduler.at(now + this.tickMs, this, Ev.BatchTime);
        if (this.state !== 'running') return;
        this.cutBatch(now);
        this.startNext(now);
        return;
      case Ev.BatchDone:
        if (!this.running || data !== this.running.token || this.running.publishedAt !== undefined) return;
        if (this.handOver(this.running, now)) return;
        this.finish(this.running, now);
        this.startNext(now);
        return;
      case Ev.DriverBack:
        if (data === this.token && this.state === 'restarting') this.driverBack(now);
        return;
      case Ev.ExecutorsBack: {
        const n = data as number;
        this.replacing -= n;
        this.executorsUp += n;
        this.logExecutors(now, 'replaced', n);
        this.countChanged(now);
        if (this.state === 'running') this.startNext(now);
        return;
      }
      case Ev.ExecutorReady:
        this.executorReady(data as number, now);
        return;
    }
  }

  /** A receiver source's batch: the blocks stored by now (backpressure sets the receivers' rate instead). */
  private cutReceiverBatch(input: ReceiverInput, now: number): void {
    const blocks = input.takeBlocks(now);
    const records = blocks.reduce((a, b) => a + b.records, 0);
    const bytes = blocks.reduce((a, b) => a + b.bytes, 0);
    this.recordsTaken += records;
    const limit = input.limitPerReceiver;
    const rateLimit = limit < Infinity ? limit * input.count : undefined;
    this.queue.push({
      time: now,
      from: [],
      until: [],
      otherFrom: [],
      otherUntil: [],
      records,
      bytes,
      rateLimit,
      blocks,
    });
  }

  private cutBatch(now: number): void {
    if (this.receiverInput) return this.cutReceiverBatch(this.receiverInput, now);
    const c = this.doc.config;
    for (let i = this.nextOffset.length; i < this.partitions.length; i++)
      this.nextOffset.push(this.partitions[i]!.highWatermark);
    this.partitions.forEach((p, i) => {
      const start = p.log.logStartOffset;
      if (this.nextOffset[i]! >= start) return;
      this.totalExpiredUnread += start - this.nextOffset[i]!;
      this.nextOffset[i] = start;
    });
    // kafkaParams isolation.level=read_committed: batches end at the last stable offset.
    const latest = this.partitions.map((p) => readableEnd(p, this.readCommitted));
    const lags = latest.map((l, i) => Math.max(0, l - this.nextOffset[i]!));
    const rateLimit = this.estimatedRate;
    const limits = this.continuous
      ? undefined
      : maxMessagesPerPartition(lags, {
          estimatedRate: rateLimit,
          maxRatePerPartition: c['spark.streaming.kafka.maxRatePerPartition'],
          minRatePerPartition: c['spark.streaming.kafka.minRatePerPartition'],
          batchIntervalMs: this.doc.batchIntervalMs,
        });
    const from = this.nextOffset.slice();
    const until = latest.map((l, i) => (limits ? Math.min(l, from[i]! + limits[i]!) : l));
    let records = 0;
    let bytes = 0;
    until.forEach((u, i) => {
      const p = this.partitions[i]!;
      const kept = recordsIn(p, from[i]!, u, this.readCommitted);
      if (inCleanedHead(p, from[i]!)) this.compactedSkipped += u - from[i]! - kept;
      else this.abortedSkipped += abortedSkippedBetween(p, from[i]!, u, this.readCommitted);
      records += kept;
      bytes += bytesIn(p, from[i]!, u);
      this.nextOffset[i] = u;
    });
    this.recordsTaken += records;
    // The other streams of stream-stream joins: everything available, past what retention deleted.
    const otherFrom: number[][] = [];
    const otherUntil: number[][] = [];
    for (const o of this.otherStreams) {
      o.partitions.forEach((p, i) => {
        if (o.nextOffset[i]! < p.log.logStartOffset) o.nextOffset[i] = p.log.logStartOffset;
      });
      otherFrom.push(o.nextOffset.slice());
      otherUntil.push(o.partitions.map((p) => p.highWatermark));
      o.nextOffset = otherUntil[otherUntil.length - 1]!.slice();
    }
    this.queue.push({ time: now, from, until, otherFrom, otherUntil, records, bytes, rateLimit });
  }

  private startNext(now: number): void {
    if (this.running || this.state !== 'running' || this.slots === 0) return;
    const batch = this.queue.shift();
    if (!batch) return;
    // A batch cut before partitions were added covers only the partitions it knew. A receiver
    // source's blocks are already in the executors' memory: one task each, data ready at once.
    const tasks: TaskInput[] = batch.blocks
      ? batch.blocks.map((b) => ({ records: b.records, bytes: b.bytes, dataReadyAt: now }))
      : this.partitions
          .slice(0, batch.from.length)
          .map((p, i) => this.readTask(now, p, batch.from[i]!, batch.until[i]!));
    const otherStreams = new Map<number, { records: number; bytes: number }>();
    this.otherStreams.forEach((o, k) => {
      let records = 0;
      let bytes = 0;
      // A task per partition of the other topic reads it and writes it to the shuffle.
      o.partitions.slice(0, batch.otherFrom[k]!.length).forEach((p, i) => {
        const task = this.readTask(now, p, batch.otherFrom[k]![i]!, batch.otherUntil[k]![i]!, o.stage);
        records += recordsBetween(p, batch.otherFrom[k]![i]!, batch.otherUntil[k]![i]!, false);
        bytes += task.bytes;
        tasks.push(task);
      });
      otherStreams.set(o.stage, { records, bytes });
    });
    const c = this.doc.config;
    const plan = planBatch({
      start: now,
      batchTime: batch.time,
      batchIntervalMs: this.doc.batchIntervalMs,
      tasks,
      stages: this.doc.stages,
      slots: this.slots,
      coresPerExecutor: c['spark.executor.cores'],
      ...executorRates(this.doc),
      keyShares: this.keyShares,
      parallelism: c['spark.default.parallelism'] ?? this.slots,
      recordBytes: this.recordBytes,
      counters: this.counters,
      memory: { executors: this.executors, unifiedBytes: this.unifiedMemoryBytes },
      lateShare: this.lateShare,
      checkpoint: this.checkpointsAt(batch.time),
      continuous: this.continuous,
      writeToSinks: this.output.write,
      otherStreams,
    });
    if (!plan.failure && this.output.commitMs > 0) plan.end += this.output.commitMs;
    const token = ++this.token;
    this.running = {
      batch,
      plan,
      start: now,
      token,
      status: plan.failure ? 'failed' : 'done',
      slots: this.slots,
      publishedAt: undefined,
    };
    this.scheduler.at(plan.end, this, Ev.BatchDone, token);
  }

  /**
   * A first-stage task reading offsets [from, until) of a partition from its leader (the broker's
   * outbound link is shared). With `joinStage`, the records enter the job at that stream-stream
   * join: the task carries their bytes to its shuffle but none of the job's own records.
   */
  private readTask(now: number, p: Partition, from: number, until: number, joinStage?: number): TaskInput {
    const bytes = bytesIn(p, from, until);
    const leader = this.brokers[p.leader]!;
    const inMemory = leader.readFromLog(now, p, from, bytes);
    const sent = bytes > 0 ? leader.networkOut.reserve(inMemory, bytes) : now;
    const dataReadyAt = sent + this.latencyMs;
    // Markers, and with read_committed aborted records, are fetched (their bytes count) and dropped.
    const records = recordsIn(p, from, until, this.readCommitted);
    if (joinStage === undefined) return { records, bytes, dataReadyAt };
    return { records: 0, bytes, dataReadyAt, joinStage };
  }

  /**
   * The batch's tasks are done: its output goes to the sinks. Returns true if the batch now waits
   * for its Kafka sink's flush (micro-batch mode, some output), which then finishes it.
   */
  private handOver(r: RunningBatch, now: number): boolean {
    if (r.plan.failure) return false;
    const records = r.plan.outputRecords;
    this.totalOutput += records;
    const replayed = Math.min(records, this.pendingReplayOutput);
    this.pendingReplayOutput -= replayed;
    this.replayedOutput += replayed;
    this.output.deliver(records, replayed);
    const publish = this.output.publish;
    // A transactional sink finds the replayed batches' output committed already and skips it.
    const toSend = this.output.transactional ? records - replayed : records;
    if (!publish || toSend === 0) return false;
    if (this.continuous) {
      publish(now, toSend);
      return false;
    }
    r.publishedAt = now;
    const token = r.token;
    publish(now, toSend, (failed, reason) => this.flushed(token, failed, reason));
    return true;
  }

  /**
   * The Kafka sink is flushed: the batch is done, or failed if records could not be written (the
   * task fails after its retries, and with it the query). Ignored if a driver failure dropped it.
   */
  private flushed(token: number, failed: number, reason: string | undefined): void {
    const r = this.running;
    if (!r || r.token !== token || r.publishedAt === undefined) return;
    const now = this.scheduler.now;
    if (failed > 0) {
      r.status = 'failed';
      r.plan = { ...r.plan, failure: reason ?? `Kafka sink: ${failed} records not written` };
    }
    this.finish(r, now);
    this.startNext(now);
  }

  private finish(done: RunningBatch, now: number): void {
    const { batch, plan } = done;
    // Executors removed during the batch have finished its tasks and are gone.
    this.leavingSlots = 0;
    if (plan.failure) {
      // Tasks fail and are retried (spark.task.maxFailures = 4); then the job fails and, as a
      // streaming application rethrows the error from awaitTermination, the job stops.
      // Its records and those queued behind it are given up on (counted before it leaves `running`).
      this.recordsAbandoned += this.recordsInFlight;
      this.running = undefined;
      this.failedBatches++;
      // Its records and those of the batches behind it stay in Kafka, unprocessed: lag.
      batch.from.forEach((o, i) => (this.nextOffset[i] = o));
      batch.otherFrom.forEach((f, k) => f.forEach((o, i) => (this.otherStreams[k]!.nextOffset[i] = o)));
      this.state = 'failed';
      this.failureReason = plan.failure;
      this.queue.length = 0;
      this.recentBatches.push(this.batchStats(done, now));
      return;
    }
    if (plan.checkpointMs > 0) {
      this.takeCheckpoint(batch.time);
      this.checkpointsWritten++;
      this.sumCheckpointMs += plan.checkpointMs;
    } else {
      this.sinceCheckpoint.records += batch.records;
      this.sinceCheckpoint.output += plan.outputRecords;
    }
    this.running = undefined;
    if (done.status === 'recomputed') this.recomputedBatches++;
    this.lastStages = plan.stages;
    this.lastSlots = done.slots;
    addToTotals(this.counters.totals, plan.stages);
    for (const w of plan.windows) this.recentWindows.push(w);
    if (this.recentWindows.length > KEEP_BATCHES)
      this.recentWindows.splice(0, this.recentWindows.length - KEEP_BATCHES);
    const stats = this.batchStats(done, now);
    this.finishStats(stats, batch, now);
  }

  private batchStats(done: RunningBatch, now: number): SparkBatchStats {
    const { batch, plan, start } = done;
    return {
      batchTime: batch.time,
      records: batch.records,
      outputRecords: plan.outputRecords,
      schedulingDelayMs: start - batch.time,
      processingMs: now - start,
      totalDelayMs: now - batch.time,
      slowestTaskMs: plan.slowestTaskMs,
      medianTaskMs: plan.medianTaskMs,
      rateLimit: batch.rateLimit,
      status: done.status,
      checkpointMs: plan.checkpointMs,
      outputWaitMs: done.publishedAt === undefined ? 0 : now - done.publishedAt,
      ...(batch.blocks && { blocks: batch.blocks.length }),
    };
  }

  /**
   * A restore: the job starts below the end of a compacted topic, so its first batches rebuild the
   * latest value of every key. Done when completed batches reach the high watermark of its start.
   */
  restore: JobRestore | undefined;

  private beginRestore(now: number): void {
    if (this.receiverInput || !this.partitions[0]?.compacted) return;
    const target = this.partitions.map((p) => p.highWatermark);
    if (target.every((t, i) => this.nextOffset[i]! >= t)) return;
    this.restore = { startMs: now, target, records: 0, doneMs: undefined };
  }

  private restoreProgress(batch: PendingBatch, now: number): void {
    const r = this.restore;
    if (!r || r.doneMs !== undefined || batch.blocks) return;
    r.records += batch.records;
    if (r.target.every((t, i) => (batch.until[i] ?? 0) >= t)) r.doneMs = now;
  }

  private finishStats(stats: SparkBatchStats, batch: PendingBatch, now: number): void {
    this.restoreProgress(batch, now);
    this.recentBatches.push(stats);
    if (this.recentBatches.length > KEEP_BATCHES) this.recentBatches.shift();
    this.batchesCompleted++;
    this.totalRecords += batch.records;
    // The restarted driver reads from the checkpoint's offsets: its first records are the replayed ones.
    const again = Math.min(batch.records, this.pendingReplayRecords);
    this.pendingReplayRecords -= again;
    this.replayedInputDone += again;
    this.sumProcessingMs += stats.processingMs;
    this.sumTotalDelayMs += stats.totalDelayMs;
    this.sumOutputWaitMs += stats.outputWaitMs;
    this.maxSchedulingDelayMs = Math.max(this.maxSchedulingDelayMs, stats.schedulingDelayMs);
    const s = this.second;
    s.records += batch.records;
    s.bytes += batch.bytes;
    s.batches++;
    s.replayed += again;
    s.schedulingDelayMs = Math.max(s.schedulingDelayMs, stats.schedulingDelayMs);
    s.processingMs = Math.max(s.processingMs, stats.processingMs);
    s.totalDelayMs = Math.max(s.totalDelayMs, stats.totalDelayMs);

    this.recordLatency(batch, now);
    this.estimator?.compute(
      now,
      this.estimatorRecords(batch.records),
      stats.processingMs,
      stats.schedulingDelayMs,
    );
    // Each receiver is its own input stream with its own estimator; with even shares they agree.
    if (this.estimator && this.receiverInput && this.estimator.latestRate > 0)
      this.receiverInput.setRateLimit(this.estimator.latestRate);
    this.allocation?.batchCompleted(stats.processingMs);
  }

  /** Records one receiver's input stream had in the batch (all of them for the direct stream). */
  private estimatorRecords(records: number): number {
    return this.receiverInput ? records / this.receiverInput.count : records;
  }

  /** Every record of the batch is processed when the batch ends: latency = end - creation. */
  private recordLatency(batch: PendingBatch, now: number): void {
    if (batch.blocks) return this.recordBlockLatency(batch.blocks, batch.time, now);
    let oldest = Infinity;
    const partitions = this.partitions.slice(0, batch.from.length);
    // A restore's records (below the end the job saw when it started) are history read back, and a
    // prefilled backlog was written before the run: they stay out of the latency, as a consumer
    // group's replays do.
    const from = partitions.map((p, i) =>
      Math.min(batch.until[i]!, Math.max(batch.from[i]!, this.restore?.target[i] ?? 0, p.prefillEnd)),
    );
    partitions.forEach((p, i) => {
      if (batch.until[i]! > from[i]!)
        p.log.forEachSlice(from[i]!, from[i]! + 1, (_n, s) => (oldest = Math.min(oldest, s)));
    });
    if (oldest === Infinity) return;
    const buckets = this.buckets;
    buckets.reset(oldest, batch.time);
    const add = (n: number, s: number, e: number) => buckets.add(n, s, e);
    partitions.forEach((p, i) => {
      // A compacted head gives the job one record per key; markers (and for read_committed aborted
      // records) never reach the job: no latency.
      if (inCleanedHead(p, from[i]!))
        p.compacted!.forEachKeptRange(from[i]!, batch.until[i]!, (a, b) => p.log.forEachSlice(a, b, add));
      else if (p.txns)
        forEachRecordRange(p, from[i]!, batch.until[i]!, this.readCommitted, (a, b) =>
          p.log.forEachSlice(a, b, add),
        );
      else p.log.forEachSlice(from[i]!, batch.until[i]!, add);
    });
    buckets.flush(this.latency, now);
  }

  private recordBlockLatency(blocks: readonly ReceivedBlock[], batchTime: number, now: number): void {
    let oldest = Infinity;
    for (const b of blocks) for (const s of b.slices) oldest = Math.min(oldest, s.s);
    if (oldest === Infinity) return;
    const buckets = this.buckets;
    buckets.reset(oldest, batchTime);
    for (const b of blocks) for (const s of b.slices) buckets.add(s.n, s.s, s.e);
    buckets.flush(this.latency, now);
  }

  takeSecond(): SparkStreamingJob['second'] {
    const s = this.second;
    this.second = {
      records: 0,
      bytes: 0,
      batches: 0,
      schedulingDelayMs: 0,
      processingMs: 0,
      totalDelayMs: 0,
      replayed: 0,
    };
    return s;
  }
}

/**
 * An executor machine's disk and sustained network rate (a burstable card at its baseline). The
 * simulation fills executorHardware in from the cluster when the document leaves it out.
 */
function executorRates(doc: JobDoc): { executorDiskMBps: number; executorNetworkMBps: number } {
  const hw = doc.executorHardware;
  if (!hw) throw new Error(`Spark job ${doc.id}: executorHardware is resolved by the simulation`);
  return {
    executorDiskMBps: hw.diskMBps,
    executorNetworkMBps: Math.min(hw.networkInMBps, hw.networkBaselineMBps ?? Infinity),
  };
}

/** Whether a read from `from` starts in a compacted partition's cleaned head. */
function inCleanedHead(p: Partition, from: number): boolean {
  return p.compacted !== undefined && from < p.compacted.cleanedEnd;
}

/**
 * Records the job gets from offsets [from, to): one per key in a cleaned head (the cleaner has
 * also removed aborted transactions' records there), else every record but transaction markers,
 * and without aborted ones with read_committed.
 */
function recordsIn(p: Partition, from: number, to: number, readCommitted: boolean): number {
  if (inCleanedHead(p, from)) return p.compacted!.keptBetween(from, to);
  return recordsBetween(p, from, to, readCommitted);
}

/** Bytes fetched for offsets [from, to): a cleaned head's are its kept records'. */
function bytesIn(p: Partition, from: number, to: number): number {
  return inCleanedHead(p, from) ? p.compacted!.keptBytesBetween(from, to) : p.log.bytesBetween(from, to);
}

/**
 * A Spark job's restore of a compacted topic: a consumer group's GroupRestore measured by completed
 * batches (`records`: those batches' records; `doneMs`: when one reached every target).
 */
export type JobRestore = Omit<GroupRestore, 'reached'>;
