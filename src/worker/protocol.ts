// What the simulation worker and the page say to each other. Plain data only (structured clone),
// and no engine imports, so the UI can use these types without reaching into src/core.
import type { MirrorMakerSummary } from '../core/engine/mirrorSummary';
import type { MeasuredRestore } from '../core/metrics/compactionColumns';
import type { Fault } from '../model';

export type Speed = 1 | 10 | 100 | 'max';
export const SPEEDS: readonly Speed[] = [1, 10, 100, 'max'];

/** idle: at 0 s, not started; finished: reached run.durationSec; error: the engine threw. */
export type RunStatus = 'idle' | 'running' | 'paused' | 'finished' | 'error';

export interface NodeLive {
  /** Records per second through this node, the mean over the last `rateWindowSec` simulated seconds. */
  recordsPerSec: number;
  /**
   * The window the rate is a mean over: 1 s, or a Spark job's whole batch intervals (and the
   * sinks it writes to), so a job with 2 s batches does not show 0 every other second.
   */
  rateWindowSec?: number;
  /**
   * Total lag in records: a consumer group's committed lag (kafka-consumer-groups' LAG); a Spark
   * job's records not yet taken into a batch.
   */
  lag?: number;
  /** Readers: the lag counted from what the reader has really read, and what it means in time. */
  reading?: ReaderLagLive;
  /** Sinks with a write limit: the share of the last second that limit was busy (writers queue at 1). */
  sinkBusy?: number;
  /** Producers: the produce requests sent over the last simulated second or so, and what each carried. */
  produceRequests?: ProduceRequestsLive;
  /** Set when this node's queue or lag keeps growing: why it is the bottleneck, in one sentence. */
  bottleneck?: string;
  /**
   * A consumer group a region failover moved onto a MirrorMaker 2 mirror: its figures are those of
   * the group on the mirror (`group`, "<id>@<cluster>"), running there since `atSec`.
   */
  failedOver?: { group: string; atSec: number };
}

/** A producer's produce requests (a request carries batches, one per partition, for one broker). */
export interface ProduceRequestsLive {
  perSec: number;
  /** Records per request, and per batch; null while no request went in the window. */
  recordsPerRequest: number | null;
  recordsPerBatch: number | null;
}

/** A reader's lag besides the committed one (see core/metrics/lag.ts). */
export interface ReaderLagLive {
  /**
   * Records not yet read: a group's lag from its members' positions (the next record a poll
   * returns); a Spark job's records not yet in a completed batch.
   */
  records: number;
  /** Age of the oldest of them (now minus its creation time), in seconds. */
  seconds: number;
  /** At the rates of the last seconds: seconds to drain; 0 caught up; Infinity not draining. */
  drainSec: number;
}

/** One row of kafka-consumer-groups --describe, with the position, the age and the time to drain. */
export interface PartitionLagLive {
  partition: number;
  /** The high watermark (LOG-END-OFFSET in kafka-consumer-groups). */
  logEndOffset: number;
  /** CURRENT-OFFSET: committed (a Spark job: the end of its completed batches); -1 for none. */
  committed: number;
  position: number;
  /** LAG: logEndOffset - committed. */
  lag: number;
  positionLag: number;
  /**
   * The last stable offset, where the topic has transactions: read_committed readers read only
   * below it (the high watermark less any open transaction).
   */
  lastStableOffset?: number;
  lagSec: number;
  /** 0 caught up; Infinity not draining (from the latest series second); absent for Spark jobs. */
  drainSec?: number;
}

export interface PartitionLive {
  /** Broker id of the partition's leader (while offline: the last one it had). */
  leader: string;
  recordsPerSec: number;
  /** Largest lag of any reader of this partition, in records. */
  lag: number;
  /** Broker ids of its replicas in assignment order (the first is the preferred leader). */
  replicas?: string[];
  /** The in-sync replicas, in assignment order. */
  isr?: string[];
  /** No live in-sync replica can lead it: writes and reads stop (kafka-topics shows Leader: none). */
  offline?: boolean;
  /** The leader's log end offset (the next offset it will write). */
  logEndOffset?: number;
  /** Offsets below it are on every in-sync replica; consumers read only below it. */
  highWatermark?: number;
  /** Where the partition has had transactions: its last stable offset, and its aborted records. */
  lastStableOffset?: number;
  abortedRecords?: number;
  /** Set while the partition is being reassigned. */
  reassignment?: ReassignmentLive;
}

/** A partition on the move (kafka-reassign-partitions --verify, with the bytes and the time left). */
export interface ReassignmentLive {
  /** Replicas when the move started, and the list it ends with. */
  from: string[];
  to: string[];
  /** Brokers copying the log. */
  adding: string[];
  /** Bytes the new replicas still have to copy, and had when it started. */
  bytesLeft: number;
  bytesTotal: number;
  /** The throttle's share for this partition's copies (bytes/s); absent: no throttle. */
  throttleBytesPerSec?: number;
  /** Bytes/s written into the partition over the last second (the copy chases them). */
  writeBytesPerSec: number;
  /**
   * Seconds to finish: bytesLeft / (throttle - writes); Infinity when the throttle is not above the
   * write rate (it never finishes); null before a rate is known (no throttle, nothing copied yet).
   */
  secondsLeft: number | null;
  startedMs: number;
}

/** up; processKilled / hostLost: down by a fault; restarting: back, not yet let in by the controller. */
export type BrokerState =
  | 'up'
  | 'processKilled'
  | 'hostLost'
  | 'restarting'
  /** Added by a later addBroker event: not in the cluster yet. */
  | 'notJoined'
  /** Its replicas moved away and it was stopped. */
  | 'decommissioned';

export interface BrokerLive {
  /** Utilisation of each resource over the last simulated second, 0..1. */
  cpu: number;
  networkIn: number;
  networkOut: number;
  disk: number;
  /** Set when one of its resources stays saturated: which one, in one sentence. */
  bottleneck?: string;
  state?: BrokerState;
  /** The controller counts it gone (its session expired): it leads nothing and is in no ISR. */
  fenced?: boolean;
  /** A network partition cuts it off from the other brokers, its clients, or both. */
  cut?: 'brokers' | 'clients' | 'all';
  /** Partitions it leads now (offline ones not counted). */
  leaderOf?: number;
}

/**
 * A change in the cluster, at its simulated time, as the engine made it (src/core/kafka/
 * clusterEvents.ts), with broker ids. ISR lists are in assignment order.
 */
export type ClusterEventLive = { atMs: number } & (
  | { kind: 'brokerDown'; broker: string; mode: 'processKilled' | 'hostLost' }
  | { kind: 'brokerRestarted' | 'brokerFenced' | 'brokerUnfenced'; broker: string }
  | { kind: 'brokerCut'; broker: string; fromBrokers: boolean; fromClients: boolean }
  | {
      kind: 'leaderElected';
      topic: string;
      partition: number;
      from: string;
      to: string;
      unclean: boolean;
      why?: 'preferred' | 'reassignment';
    }
  | { kind: 'brokerAdded' | 'brokerDecommissioned'; broker: string }
  | { kind: 'zoneOutage'; rack: string }
  | { kind: 'leaderRebalance'; broker: string; percent: number; partitions: number }
  | {
      kind: 'reassignmentStarted';
      topic: string;
      partition: number;
      from: string[];
      to: string[];
      bytes: number;
    }
  | { kind: 'reassignmentProgress'; topic: string; partition: number; percent: number; bytesLeft: number }
  | { kind: 'reassignmentFinished'; topic: string; partition: number; to: string[]; tookMs: number }
  | { kind: 'reassignmentRefused'; reason: string }
  | {
      kind: 'isrShrink' | 'isrExpand' | 'isrChange';
      topic: string;
      partition: number;
      from: string[];
      to: string[];
    }
  | { kind: 'partitionOffline'; topic: string; partition: number; lastLeader: string }
  | { kind: 'partitionOnline'; topic: string; partition: number; leader: string; unclean: boolean }
  | {
      kind: 'clientDisconnected';
      client: string;
      broker: string;
      why: 'timeout' | 'reset' | 'blockedWrite';
      requests: number;
    }
  | { kind: 'producerBlocked' | 'producerUnblocked'; client: string }
);

/**
 * Cluster events the page has not had yet: numbered from `first` (events[0]) up to `total` - 1. A
 * new run numbers from 0 again; a gap (first above what the page has) means some were left out.
 */
export interface ClusterEventsLive {
  first: number;
  total: number;
  events: ClusterEventLive[];
}

/** One micro-batch as Spark's streaming UI lists it. */
export interface SparkBatchLive {
  batchTimeMs: number;
  records: number;
  outputRecords: number;
  schedulingDelayMs: number;
  processingMs: number;
  totalDelayMs: number;
  slowestTaskMs: number;
  medianTaskMs: number;
  /** done; recomputed: an executor was lost and its tasks ran again; failed: its tasks could not run. */
  status: 'done' | 'recomputed' | 'failed';
  /** Time this batch spent writing a checkpoint (0 if it wrote none). */
  checkpointMs: number;
  /** Part of the processing time spent waiting for the job's Kafka sink to be flushed (acknowledged). */
  outputWaitMs: number;
  /** A receiver source's blocks the batch took, one task each (absent for Kafka). */
  blocks?: number;
}

/** A job's receivers (it reads a receiver source), and where the source's records are. */
export interface ReceiversLive {
  source: string;
  kind: 'socket' | 'kinesis' | 'flume' | 'file';
  receivers: number;
  /** Running now, each holding an executor core (fewer while one restarts). */
  running: number;
  blockIntervalMs: number;
  /** batch interval / block interval x receivers: the tasks of a batch. */
  blocksPerBatch: number;
  /** Records/s each receiver may take (maxRate, backpressure); null: unlimited. */
  limitPerReceiver: number | null;
  writeAheadLog: boolean;
  arrived: number;
  received: number;
  atSource: number;
  buffered: number;
  inBlocks: number;
  /** Records in the job's batches queued or running (cut from blocks, not yet processed). */
  inBatches: number;
  blocks: number;
  resent: number;
  lost: number;
  lostByReason: Record<string, number>;
}

/** One operator of a job, in its last completed batch. */
export interface SparkStageLive {
  id: string;
  kind: string;
  recordsIn: number;
  recordsOut: number;
  filtered: number;
  droppedLate: number;
  /** CPU the operator used over all its tasks (ms of one core). */
  cpuMs: number;
  /** Slot time the operator's tasks took: CPU plus shuffle write and fetch, queueing included. */
  taskMs: number;
  shuffleBytes: number;
  /** Task time writing the shuffle to the executors' disks, and fetching it back (ms, summed). */
  shuffleWriteMs: number;
  shuffleFetchMs: number;
  stateBytes: number;
  spilledBytes: number;
  /** Slowest and median task of the Spark stage the operator runs in (skew). */
  slowestTaskMs: number;
  medianTaskMs: number;
  /** Share of the job's task slots over one batch interval this operator kept busy, 0..1 (can exceed 1). */
  busy: number;
}

/**
 * A change of a job's executors: a streaming dynamic allocation tick (what it measured and did),
 * or executors added or removed by hand, started, lost, replaced, or withdrawn before they started.
 */
export type SparkExecutorLogLive =
  | {
      atMs: number;
      kind: 'allocation';
      /**
       * up: asked for `target` in all; down: removed one; hold; atMax / atMin: a bound stopped it;
       * receiversOnly: every executor runs a receiver, so none was removed.
       */
      action: 'up' | 'down' | 'hold' | 'atMax' | 'atMin' | 'receiversOnly';
      batches: number;
      meanProcessingMs: number;
      ratio: number;
      /** Registered when the tick fired, and after it. */
      registered: number;
      executors: number;
      asked: number;
      target: number;
    }
  | {
      atMs: number;
      kind: 'added' | 'removed' | 'started' | 'lost' | 'replaced' | 'cancelled';
      count: number;
      executors: number;
    };

/** A job's executors now and over the run, and what its read stage can use of them. */
export interface SparkExecutorsLive {
  /** Registered executors, able to take tasks. */
  running: number;
  /** Asked for and not started yet (replacements of lost executors included). */
  starting: number;
  /** spark.executor.cores: task slots per executor. */
  cores: number;
  /** Tasks in the read stage: one per Kafka partition the job reads. */
  readTasks: number;
  /** Executors the read stage leaves without a task: those beyond ceil(readTasks / cores). */
  idleInRead: number;
  /** Streaming dynamic allocation, when it is on. */
  dynamic?: {
    intervalSec: number;
    upRatio: number;
    downRatio: number;
    minExecutors: number;
    maxExecutors: number;
    /** When the next decision is due (absent while the driver is down). */
    nextTickMs?: number;
  };
  /** The count at each change, oldest first (the run's first point at 0 s; at most 500). */
  history: { atMs: number; executors: number; starting: number }[];
  /** Every change the engine keeps, oldest first (at most 500, as the history). */
  log: SparkExecutorLogLive[];
}

export interface SparkJobLive {
  /** restarting: the driver failed and is coming back; failed: a batch failed and the job stopped. */
  state: 'running' | 'restarting' | 'failed';
  reason?: string;
  /** Executors x cores available now (fewer after an executor loss). */
  slots: number;
  /** Absent from older engines. */
  executors?: SparkExecutorsLive;
  /** Only for a job reading a receiver source. */
  receivers?: ReceiversLive;
  queuedBatches: number;
  /** Most recent first, at most 20. */
  batches: SparkBatchLive[];
  stages: SparkStageLive[];
  /**
   * Id of the operator that limits the job, set only when the job is near its limit (recent
   * batches take most of the batch interval) and one operator explains most of that time.
   */
  limitingStage?: string;
  /** Why, with its figure ("its tasks keep the 4 task slots busy 92% of the batch interval"). */
  limitingReason?: string;
  totals: {
    batches: number;
    records: number;
    output: number;
    filtered: number;
    droppedLate: number;
    /** Records read again after a driver restart, and the output those replayed batches made again. */
    replayedRecords: number;
    replayedOutput: number;
    /**
     * Where that output went and what it did there (absent from older engines): a Kafka sink's
     * delivery, the output its readers get twice, and records of the sink's aborted transactions
     * (the batch a driver failure interrupted); sinks (databases, files) by delivery the same way.
     */
    outputDelivery?: SparkOutputDeliveryLive;
    checkpoints: number;
    failedBatches: number;
    recomputedBatches: number;
  };
}

/** A Spark job's output after a driver failure, by where it went (see SparkJobLive.totals). */
export interface SparkOutputDeliveryLive {
  kafkaSink?: {
    topic: string;
    delivery: 'atLeastOnce' | 'transactional';
    /** Output records the topic's readers get twice (0 with transactional delivery). */
    writtenTwice: number;
    /** Records of the sink's aborted transactions: written, never committed, skipped by read_committed readers. */
    abortedRecords: number;
  };
  /** Sinks (databases, files) the job writes to. */
  sinks: { id: string; delivery: 'atLeastOnce' | 'idempotent' | 'transactional'; writtenTwice: number }[];
}

export interface LiveSnapshot {
  simMs: number;
  /** By Spark job id. */
  spark?: Record<string, SparkJobLive>;
  /** By node id (producers, topics, consumer groups, Spark jobs, sinks). */
  nodes: Record<string, NodeLive>;
  /** By `${from}->${to}`, the same ids as the document's edges. */
  edges: Record<string, { recordsPerSec: number }>;
  /** By topic id, one entry per partition. */
  partitions: Record<string, PartitionLive[]>;
  /** By broker id. */
  brokers: Record<string, BrokerLive>;
  /** By consumer group and Spark job id, one row per partition. */
  lagTables?: Record<string, PartitionLagLive[]>;
  /** Cluster events since the previous frame (absent from older engines). */
  clusterEvents?: ClusterEventsLive;
  /** MirrorMaker 2 instances by id (documents with some). */
  mirrors?: Record<string, MirrorLive>;
  /** Consumer groups restoring a compacted topic's state from below its end, by group id. */
  restores?: Record<string, MeasuredRestore>;
}

/**
 * A MirrorMaker 2 during a run: how far behind, its limits, and what a region failover did (the
 * run summary's figures, without the cluster ids the page already has from the document).
 */
export type MirrorLive = Omit<MirrorMakerSummary, 'sourceCluster' | 'targetCluster'>;

export const edgeKey = (from: string, to: string): string => `${from}->${to}`;

/** Where every produced record is, as in the CLI's summary (`records`). */
export interface RunTotals {
  produced: number;
  acknowledged: number;
  /** The sum of `consumedBy`: a record read by two readers counts twice. */
  consumed: number;
  /**
   * Per reader id: a consumer group's records processed for the first time, a Spark job's records
   * in its completed batches, each once (a replay after a driver restart is not counted again).
   * Absent from older engines.
   */
  consumedBy?: Record<string, number>;
  inFlight: number;
  refused: number;
  dropped: number;
  refusedReasons: Record<string, number>;
  droppedReasons: Record<string, number>;
  /** Acknowledged records that are gone (an unclean leader election, say); absent from older engines. */
  lost?: number;
  lostReasons?: Record<string, number>;
  /** Records consumer groups processed a second time after a crash or rebalance. */
  duplicates?: number;
  /** Records consumer groups read again after an offsetReset moved them back (asked for, not duplicates). */
  replayed?: number;
  /** Records retention deleted before a reader read them. */
  expiredUnread?: number;
  /** Records of aborted transactions, with why (present with a transactional producer). */
  aborted?: number;
  abortedReasons?: Record<string, number>;
  /** Records sent again after a failed send aborted their transaction (counted in produced too). */
  resent?: number;
  /** Output readers get twice after a Spark driver failure (at-least-once sinks and Kafka sinks). */
  writtenTwice?: number;
  /**
   * Where the receiver sources' records in `inFlight` are, summed over the jobs that read one:
   * waiting at the source, in a receiver's buffer, in stored blocks not yet in a batch, and in
   * batches queued or running. Present only with a receiver source; the four add up to its part of
   * `inFlight` (all of it when nothing else produces).
   */
  receiverInFlight?: ReceiverInFlight;
}

export interface ReceiverInFlight {
  atSource: number;
  buffered: number;
  inBlocks: number;
  inBatches: number;
}

/** Pushed about ten times a second while running, and once after every command. */
export interface Frame {
  /** Chosen by the page for each load or reset, so frames of an older run can be told apart. */
  generation: number;
  simMs: number;
  durationMs: number;
  events: number;
  status: RunStatus;
  speed: Speed;
  /** Rows of the per-second series completed since the previous frame (columns come with `load`). */
  rows: number[][];
  totals: RunTotals;
  live: LiveSnapshot;
  /** Set with status 'error': what the engine reported. */
  error?: string;
}

/** The answer to addFault: the fault as the run took it (defaults filled in, the time it got). */
export type AddFaultResult = { ok: true; fault: Fault } | { ok: false; reason: string };

export type LoadResult =
  { ok: true; columns: string[]; durationMs: number; warnings: string[] } | { ok: false; errors: string[] };

/** The worker's API as Comlink exposes it (every call is async on the page's side). */
export interface SimWorkerApi {
  /** Where frames go; pass a `Comlink.proxy` callback. */
  connect(onFrame: (frame: Frame) => void): void;
  /** Validates and loads a document at 0 s (status idle). Never throws: errors come back as text. */
  load(doc: unknown, generation: number): LoadResult;
  play(): void;
  pause(): void;
  /** Advances one simulated second (to the next whole second) and pauses. */
  step(): void;
  /** A fresh simulation of the same document and seed, at 0 s. */
  reset(generation: number): void;
  setSpeed(speed: Speed): void;
  /**
   * Runs as fast as possible to `simMs`, then goes on as before (playing or paused): a run
   * restarted for a change that starts at the current time catches up to it, with the same numbers.
   */
  seek(simMs: number): void;
  /**
   * Adds a fault to the loaded run without restarting it, as if the document had held it from the
   * start. With `atNow`, the fault's atSec is replaced by the current simulated time (rounded up to a
   * tenth of a second). Refused, with the reason, when it would start in the past or the engine
   * cannot take faults during a run; the page then restarts the run instead.
   */
  addFault(fault: unknown, atNow: boolean): AddFaultResult;
  /** The whole per-second series of the current run, formatted like the CLI's --csv. */
  exportCsv(): string;
}
