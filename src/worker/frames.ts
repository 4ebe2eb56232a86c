// Builds the frames the worker pushes to the page: new series rows, record totals and the live
// snapshot for the canvas. Called about ten times a second, so it only reads counters and the
// latest series row; nothing here merges latency histograms.
import { receiversLive } from './receiversLive';
import type { Simulation } from '../core';
import type { ClusterEvent } from '../core/kafka/clusterEvents';
import type { Move, Reassigner } from '../core/kafka/reassignment';
import type { SparkStreamingJob } from '../core/spark/sparkJob';
import { lastStableOffset } from '../core/kafka/transactions';
import { partitionTotals, readers, recordTotals, type ReaderProbe } from '../core/engine/probe';
import { mirrorSummary } from '../core/engine/mirrorSummary';
import { sparkOutputDelivery } from '../core/engine/sparkOutputDelivery';
import { measuredRestores } from '../core/metrics/compactionColumns';
import { brokersOfRun, sourcesOf, sparkRateWindowSec, type Pipeline } from '../model';
import { BOTTLENECK_WINDOW_SEC, BottleneckDetector, type Bottlenecks } from './bottlenecks';
import { jobStageLimit } from './marks/stageLimit';
import {
  edgeKey,
  type BrokerLive,
  type BrokerState,
  type ClusterEventLive,
  type ClusterEventsLive,
  type LiveSnapshot,
  type NodeLive,
  type PartitionLagLive,
  type PartitionLive,
  type ReaderLagLive,
  type ReceiverInFlight,
  type RunTotals,
  type SparkBatchLive,
  type SparkExecutorsLive,
  type SparkJobLive,
  type ReassignmentLive,
} from './protocol';

const RATE_WINDOW_MS = 1000;
/** At most this many cluster events go in one frame (the newest; the page sees the gap). */
export const MAX_EVENTS_PER_FRAME = 1000;

/** Counter samples over the last simulated second or so, for rates that are not in the series. */
class RateWindow {
  private samples: { t: number; values: number[] }[] = [];

  /** Adds a sample and returns, per counter, its increase per second over about the last second. */
  push(t: number, values: number[]): number[] {
    const last = this.samples[this.samples.length - 1];
    if (last && t <= last.t) last.values = values;
    else this.samples.push({ t, values });
    // Keep the newest sample at least a window old, as the baseline.
    while (this.samples.length > 2 && this.samples[1]!.t <= t - RATE_WINDOW_MS) this.samples.shift();
    const base = this.samples[0]!;
    const dt = (t - base.t) / 1000;
    if (dt <= 0) return values.map(() => 0);
    return values.map((v, i) => Math.max(0, (v - (base.values[i] ?? 0)) / dt));
  }
}

export class FrameBuilder {
  private sentRows = 0;
  private readonly readers: ReaderProbe[];
  private readonly index: Map<string, number>;
  private readonly detector: BottleneckDetector;
  private readonly rates = new RateWindow();
  /** Seconds each reader's and sink's rate is averaged over (Spark jobs: whole batch intervals). */
  private readonly windowSec = new Map<string, number>();
  /** Seconds each reader's output (to its sinks) is averaged over. */
  private readonly outputWindowSec = new Map<string, number>();
  /** The last verdict, recomputed only when a new series row arrives. */
  private bottlenecks: Bottlenecks = { nodes: {}, brokers: {} };
  private bottlenecksAtRow = -1;
  /** Cluster events numbered below this went out in earlier frames. */
  private sentEvents = 0;

  constructor(
    private readonly doc: Pipeline,
    private readonly sim: Simulation,
  ) {
    const columns = sim.metrics.series().columns;
    this.index = new Map(columns.map((c, i) => [c, i]));
    this.readers = readers(sim);
    this.detector = new BottleneckDetector(doc, columns);
    for (const j of doc.sparkJobs) this.windowSec.set(j.id, sparkRateWindowSec(j));
    // Writes reach a sink in lumps (a batch's output, a poll's records), a few a second at a write
    // limit: its rate is a mean over several of them, and over whole batch windows of the jobs
    // feeding it. The same for what each reader writes (its edges to sinks).
    // A job ending in a window emits once per slide: its output is averaged over whole slides too.
    const emits = (id: string): number[] => {
      const slides = doc.sparkJobs
        .find((j) => j.id === id)
        ?.stages.flatMap((st) => (st.kind === 'window' ? [Math.ceil(st.slideMs / 1000)] : []));
      return [this.windowSec.get(id) ?? 1, ...(slides ?? [])];
    };
    for (const s of doc.sinks) this.windowSec.set(s.id, sinkWindowSec(sourcesOf(doc, s.id).flatMap(emits)));
    for (const r of this.readers) this.outputWindowSec.set(r.id, sinkWindowSec(emits(r.id)));
  }

  /** Rows completed since the last call. */
  takeNewRows(): number[][] {
    const rows = this.sim.metrics.series().rows;
    const fresh = rows.slice(this.sentRows);
    this.sentRows = rows.length;
    return fresh;
  }

  totals(): RunTotals {
    const totals: RunTotals = recordTotals(this.sim);
    const parts = receiverInFlight(this.sim);
    if (parts) totals.receiverInFlight = parts;
    return totals;
  }

  live(): LiveSnapshot {
    const sim = this.sim;
    const rows = sim.metrics.series().rows;
    const row = rows[rows.length - 1];
    const value = (name: string): number => {
      const i = this.index.get(name);
      return row && i !== undefined ? (row[i] ?? 0) : 0;
    };
    if (rows.length !== this.bottlenecksAtRow) {
      this.bottlenecksAtRow = rows.length;
      this.bottlenecks = this.detector.detect(rows.slice(-BOTTLENECK_WINDOW_SEC), (id) => {
        const p = sim.producers.find((x) => x.doc.id === id);
        return p && { refused: p.ledger.refused, dropped: p.ledger.dropped };
      });
    }
    const flagged = this.bottlenecks;

    // Counters without a series column get their rates from samples taken at each frame.
    const partitions = partitionTotals(sim);
    const counters: number[] = [];
    for (const list of partitions.values()) for (const p of list) counters.push(p.appended);
    // Receiver sources have no series column: their rate is what their receivers took.
    const receiverAt = counters.length;
    const sources = sim.jobs.flatMap((j) => (j.receiverInput ? [j.receiverInput] : []));
    for (const input of sources) counters.push(input.totals.received);
    // Each producer's requests, and the records and batches they carried.
    const requestsAt = counters.length;
    const clients = this.doc.producers.map((p) => sim.producers.find((x) => x.doc.id === p.id));
    for (const c of clients)
      counters.push(c?.requestsSent ?? 0, c?.requestRecords ?? 0, c?.requestBatches ?? 0);
    const rates = this.rates.push(sim.nowMs, counters);
    // The mean of a series column over the last `seconds` rows (whole simulated seconds).
    const mean = (name: string, seconds: number): number => {
      const i = this.index.get(name);
      const recent = rows.slice(-seconds);
      if (i === undefined || recent.length === 0) return 0;
      let total = 0;
      for (const r of recent) total += r[i] ?? 0;
      return total / recent.length;
    };
    let k = 0;

    const lagByTopic = new Map<string, number[]>();
    const nodes: Record<string, NodeLive> = {};
    const node = (id: string, recordsPerSec: number, lag?: number, reading?: ReaderLagLive): void => {
      const n: NodeLive = { recordsPerSec, rateWindowSec: this.windowSec.get(id) ?? 1 };
      if (lag !== undefined) n.lag = lag;
      if (reading) n.reading = reading;
      const reason = flagged.nodes[id];
      if (reason) n.bottleneck = reason;
      nodes[id] = n;
    };
    this.doc.producers.forEach((p, i) => {
      node(p.id, value(`${p.id}.produced`));
      if (!clients[i]) return;
      const at = requestsAt + 3 * i;
      const [requests, records, batches] = [rates[at] ?? 0, rates[at + 1] ?? 0, rates[at + 2] ?? 0];
      nodes[p.id]!.produceRequests = {
        perSec: requests,
        recordsPerRequest: requests > 0 ? records / requests : null,
        recordsPerBatch: batches > 0 ? records / batches : null,
      };
    });
    for (const t of this.doc.topics) node(t.id, value(`${t.id}.appended`));
    sources.forEach((input, i) => node(input.source.id, rates[receiverAt + i] ?? 0));
    const lagTables: Record<string, PartitionLagLive[]> = {};
    for (const r of this.readers) {
      // Lag behind what each reader has done: a group's committed offsets, a Spark job's completed
      // batches (the records its queued batches hold are not processed yet, so they count).
      const table = r.lagTable(sim.nowMs);
      const lags = table.map((x) => x.lag);
      const worst = lagByTopic.get(r.topicId) ?? [];
      lags.forEach((l, i) => (worst[i] = Math.max(worst[i] ?? 0, l)));
      lagByTopic.set(r.topicId, worst);
      const group = r.kind === 'consumerGroup';
      // A Spark job's input rate is the series' mean over its batch intervals (see rateWindow.ts).
      const rate = group ? value(`${r.id}.consumed`) : value(`${r.id}.inputRate`);
      const reading: ReaderLagLive | undefined = row && {
        records: value(group ? `${r.id}.lagPosition` : `${r.id}.lagUnprocessed`),
        seconds: value(`${r.id}.lagSec`),
        drainSec: value(`${r.id}.drainSec`),
      };
      node(r.id, rate, sum(lags), reading);
      lagTables[r.id] = table.map((x) => {
        const drain = this.index.get(`${r.id}.drainSec.p${x.partition}`);
        const live: PartitionLagLive = {
          partition: x.partition,
          logEndOffset: x.highWatermark,
          committed: x.committed,
          position: x.position,
          lag: x.lag,
          positionLag: x.positionLag,
          lagSec: x.lagMs / 1000,
        };
        if (drain !== undefined && row) live.drainSec = row[drain] ?? 0;
        if (x.lastStableOffset !== undefined) live.lastStableOffset = x.lastStableOffset;
        return live;
      });
    }

    // A group moved onto a mirror by a region failover carries on as the group there: its node
    // shows that group's figures (the canvas has no node of its own for it).
    for (const m of sim.mirrors)
      for (const g of m.groups) {
        const moved = g.result && nodes[g.failover.doc.id];
        if (moved)
          nodes[g.group.doc.id] = {
            ...moved,
            failedOver: { group: g.failover.doc.id, atSec: g.result!.atSec },
          };
      }

    const live: LiveSnapshot = {
      simMs: sim.nowMs,
      nodes,
      edges: {},
      partitions: {},
      brokers: {},
      lagTables,
    };
    const brokerIds = sim.brokers.map((b) => b.id);
    const leads = sim.brokers.map(() => 0);
    for (const [topicId, list] of partitions) {
      const lags = lagByTopic.get(topicId) ?? [];
      const state = sim.topics.get(topicId)?.partitions ?? [];
      live.partitions[topicId] = list.map((p, i) => {
        const part = state[i];
        const row: PartitionLive = { leader: p.leader, recordsPerSec: rates[k++] ?? 0, lag: lags[i] ?? 0 };
        if (part) {
          row.replicas = part.replicas.map((r) => brokerIds[r] ?? '');
          row.isr = part.isr().map((r) => brokerIds[r] ?? '');
          row.offline = part.offline;
          row.logEndOffset = part.log.endOffset;
          row.highWatermark = part.highWatermark;
          if (part.txns) {
            row.lastStableOffset = lastStableOffset(part);
            row.abortedRecords = part.txns.abortedRecords;
          }
          const move = sim.reassigner.active.get(part);
          if (move) row.reassignment = reassignmentLive(sim.reassigner, move, brokerIds, part.bytesPerSec);
          if (!part.offline) leads[part.leader]!++;
        }
        return row;
      });
    }
    live.clusterEvents = this.newClusterEvents(brokerIds);
    const restores = measuredRestores(sim);
    if (restores) live.restores = restores;
    if (sim.mirrors.length) {
      live.mirrors = mirrorSummary(sim);
      for (const m of sim.mirrors) node(m.doc.id, value(`${m.doc.id}.mirrored`));
    }
    for (const sink of this.doc.sinks) {
      const id = sink.id;
      node(id, mean(`${id}.received`, this.windowSec.get(id) ?? 1));
      if (sink.maxRecordsPerSec > 0 && row) nodes[id]!.sinkBusy = value(`${id}.busy`);
    }
    const outputRate = new Map<string, number>();
    for (const r of this.readers)
      outputRate.set(r.id, mean(`${r.id}.output`, this.outputWindowSec.get(r.id) ?? 1));

    for (const e of this.doc.edges) {
      const rate = this.edgeRate(e.from, e.to, outputRate, value);
      if (rate !== undefined) live.edges[edgeKey(e.from, e.to)] = { recordsPerSec: rate };
    }
    // A receiver source's edge carries what its receivers take.
    for (const input of sources) {
      const key = edgeKey(input.source.id, sim.jobs.find((j) => j.receiverInput === input)!.doc.id);
      if (key in live.edges || this.doc.edges.some((e) => edgeKey(e.from, e.to) === key))
        live.edges[key] = { recordsPerSec: nodes[input.source.id]?.recordsPerSec ?? 0 };
    }
    // Topic -> reader edges carry what the reader takes, not what the topic receives.
    for (const r of this.readers) {
      const key = edgeKey(r.topicId, r.id);
      if (key in live.edges) live.edges[key] = { recordsPerSec: nodes[r.id]?.recordsPerSec ?? 0 };
    }

    for (const { broker: b } of brokersOfRun(this.doc)) {
      const broker: BrokerLive = {
        cpu: value(`${b.id}.cpu`),
        networkIn: value(`${b.id}.networkIn`),
        networkOut: value(`${b.id}.networkOut`),
        disk: value(`${b.id}.disk`),
      };
      const index = brokerIds.indexOf(b.id);
      const engine = sim.brokers[index];
      if (engine) {
        broker.state = brokerState(engine);
        broker.fenced = sim.controller.fenced[index] ?? false;
        const cut = engine.cutFromBrokers
          ? engine.cutFromClients
            ? 'all'
            : 'brokers'
          : engine.cutFromClients
            ? 'clients'
            : undefined;
        if (cut && engine.up) broker.cut = cut;
        broker.leaderOf = leads[index] ?? 0;
      }
      const reason = flagged.brokers[b.id];
      if (reason) broker.bottleneck = reason;
      live.brokers[b.id] = broker;
    }
    if (sim.jobs.length > 0) {
      live.spark = {};
      for (const job of sim.jobs) {
        const jobLive = sparkJobLive(job);
        // Only after a driver failure: before, nothing was replayed or interrupted.
        if (job.driverFailures > 0) jobLive.totals.outputDelivery = sparkOutputDelivery(sim, job.doc.id);
        live.spark[job.doc.id] = jobLive;
      }
    }
    return live;
  }

  /** The cluster events not yet sent (the newest MAX_EVENTS_PER_FRAME of them), with broker ids. */
  private newClusterEvents(brokerIds: readonly string[]): ClusterEventsLive {
    const log = this.sim.clusterEvents;
    const first = Math.max(this.sentEvents, log.total - MAX_EVENTS_PER_FRAME);
    const events = log.since(first).map((e) => clusterEventLive(e, brokerIds));
    this.sentEvents = log.total;
    return { first: Math.max(first, log.first), total: log.total, events };
  }

  private edgeRate(
    from: string,
    to: string,
    outputRate: Map<string, number>,
    value: (name: string) => number,
  ): number | undefined {
    if (this.index.has(`${from}.acknowledged`)) return value(`${from}.acknowledged`);
    // A Spark job's Kafka sink: what its producer `${job}->${topic}` got acknowledged.
    if (this.index.has(`${from}->${to}.acknowledged`)) return value(`${from}->${to}.acknowledged`);
    if (outputRate.has(from)) return outputRate.get(from);
    if (this.index.has(`${from}.appended`)) return value(`${from}.appended`);
    return undefined;
  }
}

function brokerState(b: {
  up: boolean;
  downMode: BrokerState;
  rejoining: boolean;
  absent: boolean;
  decommissioned: boolean;
}): BrokerState {
  if (b.absent) return 'notJoined';
  if (b.decommissioned) return 'decommissioned';
  if (!b.up) return b.downMode;
  return b.rejoining ? 'restarting' : 'up';
}

/**
 * A partition being moved: bytes its new replicas still have to copy and how long that takes at
 * the throttle's share, chasing `writeBytesPerSec` (what the partition took in the last second).
 */
export function reassignmentLive(
  reassigner: Reassigner,
  move: Move,
  brokerIds: readonly string[],
  writeBytesPerSec: number,
): ReassignmentLive {
  const { bytesLeft, throttle, secondsLeft } = reassigner.estimate(move);
  const live: ReassignmentLive = {
    from: move.from.map((b) => brokerIds[b] ?? ''),
    to: move.to.map((b) => brokerIds[b] ?? ''),
    adding: move.copies.map((c) => brokerIds[c.broker] ?? ''),
    bytesLeft,
    bytesTotal: move.startBytes,
    writeBytesPerSec,
    secondsLeft,
    startedMs: move.startedMs,
  };
  if (throttle < Infinity) live.throttleBytesPerSec = throttle;
  return live;
}

/** A core cluster event for the page: broker indexes become ids. */
export function clusterEventLive(e: ClusterEvent, brokerIds: readonly string[]): ClusterEventLive {
  const id = (b: number): string => brokerIds[b] ?? `broker ${b}`;
  switch (e.kind) {
    case 'brokerDown':
      return { kind: e.kind, atMs: e.atMs, broker: id(e.broker), mode: e.mode };
    case 'brokerRestarted':
    case 'brokerFenced':
    case 'brokerUnfenced':
      return { kind: e.kind, atMs: e.atMs, broker: id(e.broker) };
    case 'brokerCut':
      return { ...e, broker: id(e.broker) };
    case 'leaderElected':
      return { ...e, from: id(e.from), to: id(e.to) };
    case 'isrShrink':
    case 'isrExpand':
    case 'isrChange':
      return { ...e, from: e.from.map(id), to: e.to.map(id) };
    case 'partitionOffline':
      return { ...e, lastLeader: id(e.lastLeader) };
    case 'partitionOnline':
      return { ...e, leader: id(e.leader) };
    case 'clientDisconnected':
      return { ...e, broker: id(e.broker) };
    case 'producerBlocked':
    case 'producerUnblocked':
    case 'zoneOutage':
    case 'reassignmentRefused':
    case 'reassignmentProgress':
      return { ...e };
    case 'brokerAdded':
    case 'brokerDecommissioned':
      return { kind: e.kind, atMs: e.atMs, broker: id(e.broker) };
    case 'leaderRebalance':
      return { ...e, broker: id(e.broker) };
    case 'reassignmentStarted':
      return { ...e, from: e.from.map(id), to: e.to.map(id) };
    case 'reassignmentFinished':
      return { ...e, to: e.to.map(id) };
  }
}

/** A sink's rate is a mean over at least this many seconds. */
const SINK_RATE_WINDOW_SEC = 5;

/**
 * The window for a sink fed by readers with these rate windows (whole seconds): a common multiple
 * of them, so each window holds whole batches of every job, made long enough to hold several writes.
 */
export function sinkWindowSec(readerWindowsSec: readonly number[]): number {
  let w = 1;
  for (const x of readerWindowsSec) w = (w * x) / gcd(w, x);
  return w * Math.ceil(SINK_RATE_WINDOW_SEC / w);
}

function gcd(a: number, b: number): number {
  while (b > 0) [a, b] = [b, a % b];
  return a;
}

/** Batches a frame carries per job: the Spark UI's table of recent batches. */
export const SPARK_BATCHES = 20;

/**
 * What the Spark UI shows of one job: its state, the last SPARK_BATCHES batches (newest first) and
 * each operator of the last completed batch, with the share of the job's task slots it kept busy.
 */
export function sparkJobLive(job: SparkStreamingJob): SparkJobLive {
  // The slots the last batch ran on: an executor lost since does not inflate its busy shares.
  const slotMs = Math.max(1, job.lastSlots || job.slots) * job.doc.batchIntervalMs;
  const stagesDoc = job.doc.stages;
  const stages = job.lastStages.map((s, i) => {
    const doc = stagesDoc[i];
    const id = doc?.id ?? `stage-${i + 1}`;
    // Slots are held while a task writes or fetches shuffle data, not only while it computes.
    const taskMs = s.cpuMs + s.shuffleWriteMs + s.shuffleFetchMs;
    return {
      id,
      kind: doc?.kind ?? 'map',
      recordsIn: s.recordsIn,
      recordsOut: s.recordsOut,
      filtered: s.filtered,
      droppedLate: s.droppedLate,
      cpuMs: s.cpuMs,
      taskMs,
      shuffleBytes: s.shuffleBytes,
      shuffleWriteMs: s.shuffleWriteMs,
      shuffleFetchMs: s.shuffleFetchMs,
      stateBytes: s.stateBytes,
      spilledBytes: s.spilledBytes,
      slowestTaskMs: s.slowestTaskMs,
      medianTaskMs: s.medianTaskMs,
      busy: taskMs / slotMs,
    };
  });

  const recent = job.recentBatches;
  const batches: SparkBatchLive[] = [];
  for (let i = recent.length - 1; i >= 0 && batches.length < SPARK_BATCHES; i--) {
    const b = recent[i]!;
    batches.push({
      batchTimeMs: b.batchTime,
      records: b.records,
      outputRecords: b.outputRecords,
      schedulingDelayMs: b.schedulingDelayMs,
      processingMs: b.processingMs,
      totalDelayMs: b.totalDelayMs,
      slowestTaskMs: b.slowestTaskMs,
      medianTaskMs: b.medianTaskMs,
      status: b.status,
      checkpointMs: b.checkpointMs,
      outputWaitMs: b.outputWaitMs,
      ...(b.blocks !== undefined && { blocks: b.blocks }),
    });
  }

  let filtered = 0;
  let droppedLate = 0;
  for (const t of job.stageTotals) {
    filtered += t.filtered;
    droppedLate += t.droppedLate;
  }
  const live: SparkJobLive = {
    state: job.state,
    slots: job.slots,
    queuedBatches: job.queuedBatches,
    batches,
    stages,
    totals: {
      batches: job.batchesCompleted,
      records: job.totalRecords,
      output: job.totalOutput,
      filtered,
      droppedLate,
      replayedRecords: job.replayedRecords,
      replayedOutput: job.replayedOutput,
      checkpoints: job.checkpointsWritten,
      failedBatches: job.failedBatches,
      recomputedBatches: job.recomputedBatches,
    },
  };
  live.executors = executorsLive(job);
  const receivers = receiversLive(job);
  if (receivers) live.receivers = receivers;
  if (job.state === 'failed' && job.failureReason !== undefined) live.reason = job.failureReason;
  if (job.state === 'restarting')
    live.reason = 'the driver failed; it is restarting and will resume from the last checkpoint';
  const limit = jobStageLimit(job, stages);
  if (limit) {
    live.limitingStage = limit.stageId;
    live.limitingReason = limit.reason;
  }
  return live;
}

/** The job's executors for the Spark UI: counts, the read stage's share of them, history and log. */
function executorsLive(job: SparkStreamingJob): SparkExecutorsLive {
  const cores = job.doc.config['spark.executor.cores'];
  const readTasks = job.readTasks;
  const live: SparkExecutorsLive = {
    running: job.executors,
    starting: job.startingExecutors,
    cores,
    readTasks,
    idleInRead: Math.max(0, job.executors - Math.ceil(readTasks / cores)),
    history: job.executorHistory.map((p) => ({ ...p })),
    // The whole log, as the history: the engine keeps at most 500 changes (a few a minute, usually),
    // so the Spark UI can show the first decisions a long run made (the list scrolls).
    log: job.executorLog.map((e) => ({ ...e })),
  };
  const a = job.allocation;
  if (a) {
    const s = a.settings;
    live.dynamic = {
      intervalSec: s.intervalMs / 1000,
      upRatio: s.upRatio,
      downRatio: s.downRatio,
      minExecutors: s.minExecutors,
      maxExecutors: s.maxExecutors,
    };
    if (a.nextTickMs !== undefined) live.dynamic.nextTickMs = a.nextTickMs;
  }
  return live;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** Where the receiver sources' in-flight records are (RunTotals.receiverInFlight); undefined without one. */
export function receiverInFlight(sim: Simulation): ReceiverInFlight | undefined {
  let parts: ReceiverInFlight | undefined;
  for (const j of sim.jobs) {
    const input = j.receiverInput;
    if (!input) continue;
    parts ??= { atSource: 0, buffered: 0, inBlocks: 0, inBatches: 0 };
    parts.atSource += input.totals.atSource;
    parts.buffered += input.totals.buffered;
    parts.inBlocks += input.totals.inBlocks;
    parts.inBatches += j.recordsInFlight;
  }
  return parts;
}
