// A Spark Streaming job over Kafka's direct stream: every batch interval the driver takes the
// offsets available (within the rate limits), queues the batch, and runs batches one at a time
// (spark.streaming.concurrentJobs = 1), so a slow batch delays the next: the scheduling delay.
import type { SparkJob as JobDoc } from '../../model/types';
import type { EventTarget, Scheduler } from '../engine/scheduler';
import { CompletionBuckets, type LatencyRecorder } from '../metrics/latency';
import type { Broker } from '../kafka/broker';
import type { Partition } from '../kafka/partition';
import { maxMessagesPerPartition } from './directStreamRate';
import { newStageCounters, planBatch, type StageCounters, type TaskInput } from './batchPlan';
import { PidRateEstimator } from './pidRateEstimator';

const enum Ev {
  BatchTime,
  BatchDone,
}

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
}

/** Where a job's output goes: `write` queues a task's write and says when it is done; `deliver` counts a finished batch's output. */
export interface JobOutput {
  write(at: number, records: number): number;
  deliver(records: number): void;
}

interface PendingBatch {
  time: number;
  from: number[];
  until: number[];
  records: number;
  bytes: number;
  rateLimit: number | undefined;
}

/** Recent batches kept in full (for tables); older ones live on in the per-second series. */
const KEEP_BATCHES = 1000;

export class SparkStreamingJob implements EventTarget {
  private readonly nextOffset: number[];
  private readonly queue: PendingBatch[] = [];
  private running: PendingBatch | undefined;
  private readonly estimator: PidRateEstimator | undefined;
  private readonly counters: StageCounters;
  private readonly buckets = new CompletionBuckets();
  readonly recentBatches: SparkBatchStats[] = [];

  // Totals for the summary.
  batchesCompleted = 0;
  totalRecords = 0;
  /**
   * Records retention deleted before a batch took them. Spark's direct stream would fail the batch
   * with OffsetOutOfRange; we count the gap as expired and cut the batch from the log start offset.
   */
  totalExpiredUnread = 0;
  totalOutput = 0;
  sumProcessingMs = 0;
  sumTotalDelayMs = 0;
  maxSchedulingDelayMs = 0;
  /** Per-second: records that entered completed batches, and batches completed. */
  second = { records: 0, bytes: 0, batches: 0, schedulingDelayMs: 0, processingMs: 0, totalDelayMs: 0 };

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
  ) {
    this.nextOffset = partitions.map(() => 0);
    const c = doc.config;
    this.counters = newStageCounters(doc.stages.length);
    this.estimator = c['spark.streaming.backpressure.enabled']
      ? new PidRateEstimator({
          batchIntervalMs: doc.batchIntervalMs,
          proportional: c['spark.streaming.backpressure.pid.proportional'],
          integral: c['spark.streaming.backpressure.pid.integral'],
          derivative: c['spark.streaming.backpressure.pid.derived'],
          minRate: c['spark.streaming.backpressure.pid.minRate'],
        })
      : undefined;
  }

  get slots(): number {
    return this.doc.config['spark.executor.instances'] * this.doc.config['spark.executor.cores'];
  }

  start(now: number): void {
    // The stream starts at the latest offsets, as the direct stream does by default.
    this.partitions.forEach((p, i) => (this.nextOffset[i] = p.highWatermark));
    this.scheduler.at(now + this.doc.batchIntervalMs, this, Ev.BatchTime);
  }

  /**
   * The topic grew: as the direct stream does, the new partitions are found when the next batch is
   * cut and read from their latest offset then (auto.offset.reset=latest).
   */
  setPartitions(all: Partition[]): void {
    this.partitions = all;
  }

  /** Records available in Kafka and not yet taken into a batch. */
  lagPerPartition(): number[] {
    return this.partitions.map((p, i) =>
      Math.max(0, p.highWatermark - (this.nextOffset[i] ?? p.highWatermark)),
    );
  }

  /** Lowest offset this job may still read (queued or running batches included). */
  lowestNeeded(partition: number): number {
    const batch = this.running ?? this.queue[0];
    const from = batch ? batch.from[partition] : this.nextOffset[partition];
    return from ?? this.partitions[partition]!.highWatermark;
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
    if ((kind as Ev) === Ev.BatchTime) {
      this.cutBatch(now);
      this.scheduler.at(now + this.doc.batchIntervalMs, this, Ev.BatchTime);
      if (!this.running) this.startNext(now);
    } else {
      this.finish(data as { batch: PendingBatch; plan: ReturnType<typeof planBatch> }, now);
      this.startNext(now);
    }
  }

  private cutBatch(now: number): void {
    const c = this.doc.config;
    for (let i = this.nextOffset.length; i < this.partitions.length; i++)
      this.nextOffset.push(this.partitions[i]!.highWatermark);
    this.partitions.forEach((p, i) => {
      const start = p.log.logStartOffset;
      if (this.nextOffset[i]! >= start) return;
      this.totalExpiredUnread += start - this.nextOffset[i]!;
      this.nextOffset[i] = start;
    });
    const latest = this.partitions.map((p) => p.highWatermark);
    const lags = latest.map((l, i) => Math.max(0, l - this.nextOffset[i]!));
    const rateLimit = this.estimatedRate;
    const limits = maxMessagesPerPartition(lags, {
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
      records += u - from[i]!;
      bytes += this.partitions[i]!.log.bytesBetween(from[i]!, u);
      this.nextOffset[i] = u;
    });
    this.queue.push({ time: now, from, until, records, bytes, rateLimit });
  }

  private startNext(now: number): void {
    if (this.running) return;
    const batch = this.queue.shift();
    if (!batch) return;
    this.running = batch;
    // A batch cut before partitions were added covers only the partitions it knew.
    const tasks: TaskInput[] = this.partitions.slice(0, batch.from.length).map((p, i) => {
      const bytes = p.log.bytesBetween(batch.from[i]!, batch.until[i]!);
      // Executors read each partition from its leader; the broker's outbound link is shared.
      const leader = this.brokers[p.leader]!;
      const inMemory = leader.readFromLog(now, p, batch.from[i]!, bytes);
      const sent = bytes > 0 ? leader.networkOut.reserve(inMemory, bytes) : now;
      return { records: batch.until[i]! - batch.from[i]!, bytes, dataReadyAt: sent + this.latencyMs };
    });
    const c = this.doc.config;
    const plan = planBatch({
      start: now,
      batchTime: batch.time,
      batchIntervalMs: this.doc.batchIntervalMs,
      tasks,
      stages: this.doc.stages,
      slots: this.slots,
      parallelism: c['spark.default.parallelism'] ?? this.slots,
      recordBytes: this.recordBytes,
      counters: this.counters,
      writeToSinks: this.output.write,
    });
    this.scheduler.at(plan.end, this, Ev.BatchDone, { batch, plan, start: now });
  }

  private finish(
    done: { batch: PendingBatch; plan: ReturnType<typeof planBatch>; start?: number },
    now: number,
  ): void {
    const { batch, plan } = done;
    const start = done.start ?? now;
    this.running = undefined;
    const stats: SparkBatchStats = {
      batchTime: batch.time,
      records: batch.records,
      outputRecords: plan.outputRecords,
      schedulingDelayMs: start - batch.time,
      processingMs: now - start,
      totalDelayMs: now - batch.time,
      slowestTaskMs: plan.slowestTaskMs,
      medianTaskMs: plan.medianTaskMs,
      rateLimit: batch.rateLimit,
    };
    this.recentBatches.push(stats);
    if (this.recentBatches.length > KEEP_BATCHES) this.recentBatches.shift();
    this.batchesCompleted++;
    this.totalRecords += batch.records;
    this.totalOutput += plan.outputRecords;
    this.output.deliver(plan.outputRecords);
    this.sumProcessingMs += stats.processingMs;
    this.sumTotalDelayMs += stats.totalDelayMs;
    this.maxSchedulingDelayMs = Math.max(this.maxSchedulingDelayMs, stats.schedulingDelayMs);
    const s = this.second;
    s.records += batch.records;
    s.bytes += batch.bytes;
    s.batches++;
    s.schedulingDelayMs = Math.max(s.schedulingDelayMs, stats.schedulingDelayMs);
    s.processingMs = Math.max(s.processingMs, stats.processingMs);
    s.totalDelayMs = Math.max(s.totalDelayMs, stats.totalDelayMs);

    this.recordLatency(batch, now);
    this.estimator?.compute(now, batch.records, stats.processingMs, stats.schedulingDelayMs);
  }

  /** Every record of the batch is processed when the batch ends: latency = end - creation. */
  private recordLatency(batch: PendingBatch, now: number): void {
    let oldest = Infinity;
    const partitions = this.partitions.slice(0, batch.from.length);
    partitions.forEach((p, i) => {
      if (batch.until[i]! > batch.from[i]!)
        p.log.forEachSlice(batch.from[i]!, batch.from[i]! + 1, (_n, s) => (oldest = Math.min(oldest, s)));
    });
    if (oldest === Infinity) return;
    const buckets = this.buckets;
    buckets.reset(oldest, batch.time);
    const add = (n: number, s: number, e: number) => buckets.add(n, s, e);
    partitions.forEach((p, i) => p.log.forEachSlice(batch.from[i]!, batch.until[i]!, add));
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
    };
    return s;
  }
}
