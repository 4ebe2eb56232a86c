// Per-second readings of readers and sinks that the ticker adds to the series: lag by position,
// lag in seconds and time to drain per consumer group (and per partition), a Spark job's input
// rate over a named window and its unprocessed lag, and what each sink took. Rates come from
// offsets a few samples apart, so they do not depend on when within a second a batch completed.
import { sparkRateWindowSec } from '../../model/rateWindow';
import type { Simulation } from '../engine/simulation';
import type { ConsumerGroup } from '../kafka/consumerGroup';
import type { SparkStreamingJob } from '../spark/sparkJob';
import { drainEstimate, groupKeepUpMs, sparkKeepUpMs, type PartitionLag } from './lag';

/** Seconds the consume and produce rates behind a time to drain are measured over (at least). */
export const DRAIN_RATE_WINDOW_SEC = 5;

/** The last samples of some counters, one per tick; gives their increase per second over a window. */
export class CounterWindow {
  /** Oldest first; `null` is the start of the run, where every counter (offsets, records taken) is 0. */
  private readonly samples: (number[] | null)[] = [null];

  constructor(
    /** Ticks between the oldest kept sample and the newest. */
    readonly windowTicks: number,
    private readonly tickSec: number,
  ) {}

  /** Adds this tick's values; returns, per counter, its mean increase per second over the window. */
  push(values: readonly number[]): number[] {
    this.samples.push(values.slice());
    if (this.samples.length > this.windowTicks + 1) this.samples.shift();
    const base = this.samples[0]!;
    const seconds = (this.samples.length - 1) * this.tickSec;
    // A counter that appeared since the oldest sample (an added partition) counts from its first value.
    return values.map((v, i) => (seconds > 0 ? (v - (base === null ? 0 : (base[i] ?? v))) / seconds : 0));
  }
}

/** The latest time to drain of a reader (Infinity: not draining; 0: caught up), in all and per partition. */
export interface DrainReading {
  drainSec: number;
  partitionDrainSec: number[];
}

export class ReadingColumns {
  readonly columns: string[] = [];
  /** Per reader: the largest lag in seconds seen at a tick. */
  readonly maxLagSec = new Map<string, number>();
  /** Per reader: the time to drain at the latest tick. */
  readonly drain = new Map<string, DrainReading>();
  /** Per sink: summed busy share of its write limit over the ticks (for the run's mean). */
  readonly sinkBusySums = new Map<string, number>();
  private readonly groupWindows: CounterWindow[];
  private readonly jobWindows: CounterWindow[];
  private readonly inputWindows: CounterWindow[];
  private readonly partitionColumns: number[];
  private readonly sinkSeen: number[];
  private outputSeen: number[] = [];
  /** Jobs reading a receiver source, and per job its source's arrived and received counts at the last tick. */
  private readonly receiverJobs: SparkStreamingJob[];
  private receiverSeen: number[] = [];

  constructor(
    private readonly sim: Simulation,
    private readonly tickMs: number,
  ) {
    const c = this.columns;
    const tickSec = tickMs / 1000;
    this.receiverJobs = sim.jobs.filter((j) => j.receiverInput);
    for (const g of sim.groups) {
      const id = g.doc.id;
      c.push(`${id}.lagPosition`, `${id}.lagSec`, `${id}.drainSec`);
      // Per-partition columns cover the partitions the group starts with, as `${id}.lag.p<i>` does.
      g.partitions.forEach((_, i) =>
        c.push(`${id}.lagPosition.p${i}`, `${id}.lagSec.p${i}`, `${id}.drainSec.p${i}`),
      );
    }
    for (const j of sim.jobs) {
      const id = j.doc.id;
      c.push(`${id}.inputRate`, `${id}.lagUnprocessed`, `${id}.lagSec`, `${id}.drainSec`);
    }
    // What each reader handed to its sinks that second (each of its sinks gets all of it).
    for (const g of sim.groups) c.push(`${g.doc.id}.output`);
    for (const j of sim.jobs) c.push(`${j.doc.id}.output`);
    for (const id of sim.sinks.keys()) c.push(`${id}.received`, `${id}.busy`);
    // A receiver source: records that arrived at it (produced) and that its receivers took that second.
    for (const j of this.receiverJobs)
      c.push(`${j.receiverInput!.source.id}.produced`, `${j.receiverInput!.source.id}.receivedRecords`);
    this.partitionColumns = sim.groups.map((g) => g.partitions.length);
    this.groupWindows = sim.groups.map(() => new CounterWindow(DRAIN_RATE_WINDOW_SEC / tickSec, tickSec));
    this.jobWindows = sim.jobs.map((j) => {
      // Whole input-rate windows, so each holds the same number of batches.
      const w = sparkRateWindowSec(j.doc);
      return new CounterWindow((Math.ceil(DRAIN_RATE_WINDOW_SEC / w) * w) / tickSec, tickSec);
    });
    this.inputWindows = sim.jobs.map((j) => new CounterWindow(sparkRateWindowSec(j.doc) / tickSec, tickSec));
    this.sinkSeen = [...sim.sinks.keys()].map(() => 0);
    for (const id of sim.sinks.keys()) this.sinkBusySums.set(id, 0);
  }

  /** Appends this tick's readings to `row`, in the order of `columns`. */
  sample(now: number, row: number[]): void {
    const sim = this.sim;
    sim.groups.forEach((g, k) => this.sampleGroup(g, k, now, row));
    sim.jobs.forEach((j, k) => this.sampleJob(j, k, now, row));
    const outputs = [
      ...sim.groups.map((g) => g.totalConsumed + g.totalDuplicates + g.totalReplayed),
      ...sim.jobs.map((j) => j.totalOutput),
    ];
    outputs.forEach((n, i) => row.push(n - (this.outputSeen[i] ?? 0)));
    this.outputSeen = outputs;
    let k = 0;
    for (const [id, s] of sim.sinks) {
      const busy = s.utilisation(now - this.tickMs, now);
      row.push(s.received - this.sinkSeen[k]!, busy);
      this.sinkSeen[k++] = s.received;
      this.sinkBusySums.set(id, this.sinkBusySums.get(id)! + busy);
    }
    const counts = this.receiverJobs.flatMap((j) => [
      j.receiverInput!.totals.arrived,
      j.receiverInput!.totals.received,
    ]);
    counts.forEach((n, i) => row.push(n - (this.receiverSeen[i] ?? 0)));
    this.receiverSeen = counts;
  }

  private sampleGroup(g: ConsumerGroup, k: number, now: number, row: number[]): void {
    const table = g.lagTable(now);
    const c = g.doc.config;
    const keepUpMs = groupKeepUpMs(c['fetch.max.wait.ms'], c['max.poll.records'], g.doc.processing.meanMs);
    const drains = this.rates(this.groupWindows[k]!, table, keepUpMs);
    this.remember(g.doc.id, table, drains);
    row.push(sumOf(table, 'positionLag'), maxLagSec(table), drains.drainSec);
    for (let i = 0; i < this.partitionColumns[k]!; i++) {
      const r = table[i]!;
      row.push(r.positionLag, r.lagMs / 1000, drains.partitionDrainSec[i]!);
    }
  }

  private sampleJob(j: SparkStreamingJob, k: number, now: number, row: number[]): void {
    if (j.receiverInput) return this.sampleReceiverJob(j, k, now, row);
    const table = j.lagTable(now);
    // The job's "position" for draining is what it has processed: its lag is what is not.
    const unprocessed = table.map((r) => ({ ...r, positionLag: r.lag, position: r.committed }));
    const drains = this.rates(this.jobWindows[k]!, unprocessed, sparkKeepUpMs(j.doc.batchIntervalMs));
    this.remember(j.doc.id, table, drains);
    const [inputRate] = this.inputWindows[k]!.push([j.recordsTaken]);
    row.push(inputRate!, sumOf(table, 'lag'), maxLagSec(table), drains.drainSec);
  }

  /**
   * A job reading a receiver source has no partitions: its unprocessed records are those at the
   * source, in the receivers' buffers, in stored blocks and in batches not finished; their age is
   * the oldest of them. The time to drain compares arrivals with what batches complete.
   */
  private sampleReceiverJob(j: SparkStreamingJob, k: number, now: number, row: number[]): void {
    const input = j.receiverInput!;
    const unprocessed = receiverUnprocessed(j);
    const inBatch = j.oldestInBatchMs;
    const lagMs = Math.max(input.oldestWaitingMs(now), inBatch === undefined ? 0 : now - inBatch);
    const [inputRate] = this.inputWindows[k]!.push([j.recordsTaken]);
    const [done, arrived] = this.jobWindows[k]!.push([j.totalRecords, input.totals.arrived]);
    const keepUpMs = sparkKeepUpMs(j.doc.batchIntervalMs);
    const drainSec = drainEstimate(unprocessed, lagMs, done!, arrived!, keepUpMs);
    this.maxLagSec.set(j.doc.id, Math.max(this.maxLagSec.get(j.doc.id) ?? 0, lagMs / 1000));
    this.drain.set(j.doc.id, { drainSec, partitionDrainSec: [] });
    row.push(inputRate!, unprocessed, lagMs / 1000, drainSec);
  }

  /** Time to drain per partition and in all, from the position and high watermark rates over the window. */
  private rates(window: CounterWindow, table: readonly PartitionLag[], keepUpMs: number): DrainReading {
    const n = table.length;
    const counters = new Array<number>(2 * n);
    table.forEach((r, i) => {
      counters[i] = r.position;
      counters[n + i] = r.highWatermark;
    });
    const perSec = window.push(counters);
    let consume = 0;
    let produce = 0;
    const partitionDrainSec = table.map((r, i) => {
      consume += perSec[i]!;
      produce += perSec[n + i]!;
      return drainEstimate(r.positionLag, r.lagMs, perSec[i]!, perSec[n + i]!, keepUpMs);
    });
    const drainSec = drainEstimate(sumOf(table, 'positionLag'), maxLagMs(table), consume, produce, keepUpMs);
    return { drainSec, partitionDrainSec };
  }

  private remember(id: string, table: readonly PartitionLag[], drains: DrainReading): void {
    this.maxLagSec.set(id, Math.max(this.maxLagSec.get(id) ?? 0, maxLagSec(table)));
    this.drain.set(id, drains);
  }
}

/** A receiver source's records not yet processed (nor lost): at the source, buffered, in blocks, in batches. */
export function receiverUnprocessed(j: SparkStreamingJob): number {
  const t = j.receiverInput!.totals;
  return t.atSource + t.buffered + t.inBlocks + j.recordsInFlight;
}

function sumOf(table: readonly PartitionLag[], key: 'lag' | 'positionLag'): number {
  let total = 0;
  for (const r of table) total += r[key];
  return total;
}

function maxLagMs(table: readonly PartitionLag[]): number {
  let most = 0;
  for (const r of table) most = Math.max(most, r.lagMs);
  return most;
}

const maxLagSec = (table: readonly PartitionLag[]): number => maxLagMs(table) / 1000;
