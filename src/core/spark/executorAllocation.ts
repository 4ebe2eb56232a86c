// Spark Streaming's own dynamic allocation, as Spark implements it for DStreams in
// streaming/src/main/scala/org/apache/spark/streaming/scheduler/ExecutorAllocationManager.scala
// (settings and defaults in core/src/main/scala/org/apache/spark/internal/config/Streaming.scala).
//
// The rule, in our words:
// - The manager listens to completed batches. Each batch whose output operations all succeeded adds
//   its processing time (processingDelay: from the start of its jobs to their end, whole ms) to a
//   running sum and count. Failed batches are not counted.
// - A timer fires every spark.streaming.dynamicAllocation.scalingInterval seconds (default 60), at
//   multiples of the interval on the driver's clock (Spark's RecurringTimer). If at least one batch
//   completed since the last firing, it takes their mean processing time (integer division of the
//   sums, in ms) and divides it by the batch interval: the ratio.
//   - ratio >= scalingUpRatio (default 0.9): it asks for max(round(ratio), 1) executors more than
//     are registered now. The new total is clamped: max(min(maxExecutors, registered + n),
//     minExecutors), and sent to the cluster manager as the total wanted, so requests still pending
//     count within it.
//   - ratio <= scalingDownRatio (default 0.3): if more than minExecutors are registered, it kills one
//     executor that runs no receiver (picked at random among those). The Kafka direct stream has no
//     receivers, so any executor will do.
//   - otherwise nothing. Then (whether or not batches completed) the sum and count start again.
// - minExecutors defaults to max(1, number of receivers), so 1 for the direct stream; maxExecutors to
//   Int.MaxValue. Spark refuses scalingUpRatio <= scalingDownRatio and (when both are set)
//   maxExecutors < minExecutors, and refuses to start with both this and core dynamic allocation
//   (spark.dynamicAllocation.enabled) on; the document schema refuses the first two (spark.ts), and
//   has no core dynamic allocation to conflict with.
// - The executors the application starts with are spark.executor.instances; the manager only moves
//   from there.
//
// Where the model differs: Spark kills only an idle executor (killExecutor asks with force = false,
// so a busy one is left alone and the next tick tries again); here the executor chosen finishes the
// tasks of the batch it is running and then leaves, which is what a graceful decommission does.
// Batches are planned as a whole when they start, so an executor that arrives or leaves changes the
// task slots from the next batch on.
import type { SparkJob as JobDoc } from '../../model/types';
import type { EventTarget, Scheduler } from '../engine/scheduler';

export interface AllocationSettings {
  intervalMs: number;
  upRatio: number;
  downRatio: number;
  minExecutors: number;
  maxExecutors: number;
  batchIntervalMs: number;
}

/** The job's dynamic allocation settings, or undefined when it is off (or the job has no batches). */
export function allocationSettings(doc: JobDoc, receivers = 0): AllocationSettings | undefined {
  const c = doc.config;
  if (!c['spark.streaming.dynamicAllocation.enabled'] || doc.mode !== 'microBatch') return undefined;
  return {
    intervalMs: c['spark.streaming.dynamicAllocation.scalingInterval'] * 1000,
    upRatio: c['spark.streaming.dynamicAllocation.scalingUpRatio'],
    downRatio: c['spark.streaming.dynamicAllocation.scalingDownRatio'],
    // Spark's default is max(1, receivers): 1 for the direct stream, which runs none.
    minExecutors: c['spark.streaming.dynamicAllocation.minExecutors'] ?? Math.max(1, receivers),
    maxExecutors: c['spark.streaming.dynamicAllocation.maxExecutors'],
    batchIntervalMs: doc.batchIntervalMs,
  };
}

/**
 * What one tick decided. up: asked for `target` executors in all; down: removed one; hold: the
 * ratio was between the two; atMax / atMin: the rule wanted to move but the bound stopped it;
 * receiversOnly: it would remove one, but every executor runs a receiver (Spark kills only
 * executors without one).
 */
export type AllocationAction = 'up' | 'down' | 'hold' | 'atMax' | 'atMin' | 'receiversOnly';

export interface AllocationDecision {
  action: AllocationAction;
  /** Completed batches the mean is over. */
  batches: number;
  /** Their mean processing time, whole ms (Spark divides Long sums). */
  meanProcessingMs: number;
  ratio: number;
  /** Registered executors when the tick fired. */
  registered: number;
  /** up: executors the rule asked for on top of the registered ones, max(round(ratio), 1). */
  asked: number;
  /** up / atMax: the total requested from the cluster manager; down: registered - 1; else registered. */
  target: number;
}

/**
 * Spark's decision for one tick, given the sum and count of the completed batches' processing times
 * (whole ms) and the executors registered now. Undefined when no batch completed since the last tick.
 */
export function decideAllocation(
  s: AllocationSettings,
  sumProcessingMs: number,
  batches: number,
  registered: number,
): AllocationDecision | undefined {
  if (batches <= 0) return undefined;
  const meanProcessingMs = Math.floor(sumProcessingMs / batches);
  const ratio = meanProcessingMs / s.batchIntervalMs;
  const base = { batches, meanProcessingMs, ratio, registered, asked: 0, target: registered };
  if (ratio >= s.upRatio) {
    // Scala's math.round rounds halves up, as Math.round does for positive numbers.
    const asked = Math.max(Math.round(ratio), 1);
    const target = Math.max(Math.min(s.maxExecutors, registered + asked), s.minExecutors);
    return { ...base, action: target > registered ? 'up' : 'atMax', asked, target };
  }
  if (ratio <= s.downRatio) {
    if (registered > s.minExecutors) return { ...base, action: 'down', target: registered - 1 };
    return { ...base, action: 'atMin' };
  }
  return { ...base, action: 'hold' };
}

/** What the manager acts on: the job's executors. */
export interface ExecutorControl {
  /** Executors registered with the driver (running, able to take tasks). */
  readonly executors: number;
  /** Asks the cluster manager for this many executors in all (pending ones count within it). */
  requestTotalExecutors(total: number, now: number): void;
  /** Removes one registered executor (it finishes the tasks it is running first). */
  removeExecutors(count: number, now: number): number;
  /** Registered executors running no receiver: the only ones scaling down may remove. */
  readonly executorsWithoutReceivers: number;
  /** Every tick that had batches to measure, whatever it decided. */
  allocationDecided(d: AllocationDecision, now: number): void;
}

/**
 * The timer and the batch statistics of one job's streaming dynamic allocation. It lives with the
 * driver: stopped when the driver dies, started afresh (empty statistics, a new timer) when the
 * relaunched driver is back.
 */
export class StreamingAllocationManager implements EventTarget {
  private sumMs = 0;
  private count = 0;
  /** Bumped by stop(), so a tick scheduled before it is ignored. */
  private token = 0;
  /** When the next tick fires (undefined while stopped). */
  nextTickMs: number | undefined;

  constructor(
    readonly settings: AllocationSettings,
    private readonly scheduler: Scheduler,
    private readonly control: ExecutorControl,
  ) {}

  /** Starts the timer: its first tick is at the next multiple of the interval after `now`. */
  start(now: number): void {
    this.sumMs = 0;
    this.count = 0;
    const period = this.settings.intervalMs;
    this.schedule((Math.floor(now / period) + 1) * period);
  }

  stop(): void {
    this.token++;
    this.nextTickMs = undefined;
  }

  /** A batch completed without a failure (StreamingListener.onBatchCompleted). */
  batchCompleted(processingMs: number): void {
    // Spark's processing delay is a whole number of milliseconds.
    this.sumMs += Math.floor(processingMs);
    this.count++;
  }

  handle(_kind: number, data: unknown, now: number): void {
    if (data !== this.token) return;
    let d = decideAllocation(this.settings, this.sumMs, this.count, this.control.executors);
    this.sumMs = 0;
    this.count = 0;
    this.schedule(now + this.settings.intervalMs);
    if (!d) return;
    // Spark sends the clamped total whenever the ratio is high, even when it is no more than the
    // registered count: pending requests beyond it are then withdrawn.
    if (d.action === 'up' || d.action === 'atMax') this.control.requestTotalExecutors(d.target, now);
    else if (d.action === 'down') {
      // Spark picks the executor to kill among those without a receiver, and kills none if none is.
      if (this.control.executorsWithoutReceivers > 0) this.control.removeExecutors(1, now);
      else d = { ...d, action: 'receiversOnly', target: d.registered };
    }
    this.control.allocationDecided(d, now);
  }

  private schedule(at: number): void {
    this.nextTickMs = at;
    this.scheduler.at(at, this, 0, this.token);
  }
}
