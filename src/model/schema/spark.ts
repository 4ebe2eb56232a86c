// Spark Streaming jobs (DStreams over Kafka's direct stream): a source topic, a chain of stages, and
// Spark's own config names for parallelism and rate control.
import { z } from 'zod';
import { hardwareSchema } from './cluster';
import { ISOLATION_LEVELS } from './consumer';
import { calibrationSchema, fraction, int, INT_MAX, label, nodeId, num } from './common';

/** CPU time one record costs in a stage, on one core. */
const costPerRecordUs = num(0, 10_000_000);

/** Set by "Fit to measurement": costPerRecordUs fitted to Spark's measured rate, and from what. */
const calibration = calibrationSchema.optional();

const mapStage = z.strictObject({
  id: nodeId,
  kind: z.literal('map'),
  costPerRecordUs: costPerRecordUs.default(1),
  calibration,
});

const flatMapStage = z.strictObject({
  id: nodeId,
  kind: z.literal('flatMap'),
  /** Mean records emitted per input record. */
  fanOut: num(0, 10_000).default(1),
  costPerRecordUs: costPerRecordUs.default(1),
  calibration,
});

const filterStage = z.strictObject({
  id: nodeId,
  kind: z.literal('filter'),
  /** Share of records that pass. */
  selectivity: fraction.default(0.5),
  costPerRecordUs: costPerRecordUs.default(0.5),
  calibration,
});

const aggregateStage = z.strictObject({
  id: nodeId,
  kind: z.literal('aggregate'),
  /** reduceByKey: one output record per distinct key in the batch; needs a shuffle. */
  keyCardinality: int(1, 100_000_000).default(1000),
  costPerRecordUs: costPerRecordUs.default(2),
  calibration,
});

const windowStage = z.strictObject({
  id: nodeId,
  kind: z.literal('window'),
  /** reduceByKeyAndWindow: both must be multiples of the batch interval, as Spark requires. */
  windowLengthMs: int(1, 86_400_000),
  slideMs: int(1, 86_400_000),
  keyCardinality: int(1, 100_000_000).default(1000),
  /**
   * withWatermark: present, windows go by event time and a record whose event time is more than
   * this far behind the newest seen is dropped as late; absent, windows go by arrival (no drops).
   */
  watermarkDelayMs: int(0, 86_400_000).optional(),
  costPerRecordUs: costPerRecordUs.default(2),
  calibration,
});

const joinStage = z.strictObject({
  id: nodeId,
  kind: z.literal('join'),
  /** Stream-static join: each record looks up a static table (e.g. customers) of tableRows rows. */
  tableRows: int(1, 10_000_000_000).default(1_000_000),
  tableRowBytes: int(1, 1_000_000).default(200),
  /** Share of stream records that find a row (inner join). */
  matchRate: fraction.default(1),
  /** broadcast: the table is shipped to every executor; shuffle: both sides are partitioned by key. */
  strategy: z.enum(['broadcast', 'shuffle']).default('broadcast'),
  costPerRecordUs: costPerRecordUs.default(3),
  calibration,
});

const streamJoinStage = z.strictObject({
  id: nodeId,
  kind: z.literal('streamJoin'),
  /** The other stream: a topic this job also reads. Connecting a second topic to the job sets it. */
  topic: nodeId.optional(),
  /** Records of both sides wait this long for a partner, then leave the state (the join's time bound). */
  withinMs: int(1, 86_400_000).default(10_000),
  /** Share of this stream's records that meet a partner within the bound (one output record each). */
  matchRate: fraction.default(1),
  costPerRecordUs: costPerRecordUs.default(3),
  calibration,
});

const cepStage = z.strictObject({
  id: nodeId,
  kind: z.literal('cep'),
  /** Complex event processing: a per-key sequence of events that must complete within withinMs. */
  keyCardinality: int(1, 100_000_000).default(1000),
  withinMs: int(1, 86_400_000).default(60_000),
  /** Share of input records that complete a match (each match is one output record). */
  matchRate: fraction.default(0.001),
  /** State held per key with a partial match open. */
  stateBytesPerKey: int(1, 100_000_000).default(200),
  costPerRecordUs: costPerRecordUs.default(5),
  calibration,
});

const scoreStage = z.strictObject({
  id: nodeId,
  kind: z.literal('score'),
  /** ML scoring: one prediction per record; the model is re-broadcast every refreshEveryBatches. */
  modelBytes: int(0, 100_000_000_000).default(10_000_000),
  /** 0: the model is loaded once and never refreshed. */
  refreshEveryBatches: int(0, 1_000_000).default(10),
  costPerRecordUs: costPerRecordUs.default(50),
  calibration,
});

const sinkStage = z.strictObject({
  id: nodeId,
  kind: z.literal('sink'),
  /** foreachRDD output: writes to the sink(s) the job is connected to. */
  costPerRecordUs: costPerRecordUs.default(5),
  calibration,
});

export const sparkStageSchema = z.discriminatedUnion('kind', [
  mapStage,
  flatMapStage,
  filterStage,
  aggregateStage,
  windowStage,
  joinStage,
  streamJoinStage,
  cepStage,
  scoreStage,
  sinkStage,
]);

export const SPARK_STAGE_KINDS = [
  'map',
  'flatMap',
  'filter',
  'aggregate',
  'window',
  'join',
  'streamJoin',
  'cep',
  'score',
  'sink',
] as const;

/** Spark's memory sizes: a number with an optional unit, k, m, g or t (binary), as in "512m" or "4g". */
export const memorySize = z.string().regex(/^[0-9]{1,9}[kmgt]?$/i, 'must be a size such as "512m" or "4g"');

/** Bytes in a Spark memory size ("1g" = 2^30 bytes); a plain number is in MiB, as Spark reads it. */
export function memoryBytes(size: string): number {
  const m = /^([0-9]+)([kmgt]?)$/i.exec(size);
  if (!m) return NaN;
  const unit = { '': 2 ** 20, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 }[m[2]!.toLowerCase()]!;
  return Number(m[1]) * unit;
}

/** A ratio Spark requires to be above 0 (its checkValue(_ > 0, ...) on the streaming allocation ratios). */
function positiveRatio(what: string) {
  return z
    .number()
    .gt(0, `must be positive (Spark: "The ${what} of streaming dynamic allocation must be positive.")`)
    .max(1e6, 'must be at most 1000000');
}

export const sparkConfigSchema = z
  .strictObject({
    'spark.executor.instances': int(1, 10_000).default(2),
    'spark.executor.cores': int(1, 256).default(1),
    'spark.streaming.backpressure.enabled': z.boolean().default(false),
    /** Rate (records/s) used by the first batch before the estimator has a value; absent = unlimited. */
    'spark.streaming.backpressure.initialRate': num(1, 1e12).optional(),
    'spark.streaming.backpressure.pid.proportional': num(0, 1e6).default(1),
    'spark.streaming.backpressure.pid.integral': num(0, 1e6).default(0.2),
    'spark.streaming.backpressure.pid.derived': num(0, 1e6).default(0),
    'spark.streaming.backpressure.pid.minRate': num(1e-6, 1e12).default(100),
    /** Records per second per partition; 0 means unlimited. */
    'spark.streaming.kafka.maxRatePerPartition': num(0, 1e12).default(0),
    /** A floor on records per partition per batch (not a rate). */
    'spark.streaming.kafka.minRatePerPartition': int(1, 1e12).default(1),
    /** Tasks after a shuffle; absent = total executor cores, as spark.default.parallelism. */
    'spark.default.parallelism': int(1, 100_000).optional(),
    /** Heap of each executor. */
    'spark.executor.memory': memorySize.default('1g'),
    /** Share of (heap - 300 MiB) for execution and storage (state, broadcasts, cached batches). */
    'spark.memory.fraction': fraction.default(0.6),
    /**
     * Spark Streaming's own dynamic allocation (DStreams, Spark 3.0+; not core dynamic allocation):
     * every scalingInterval seconds the mean processing time of the batches completed since the last
     * look, over the batch interval, decides: at or above scalingUpRatio ask for max(round(ratio), 1)
     * more executors, at or below scalingDownRatio remove one, within minExecutors..maxExecutors.
     * Names and defaults are Spark's (core/.../internal/config/Streaming.scala); the rule is in
     * src/core/spark/executorAllocation.ts. spark.executor.instances is the count it starts from.
     */
    'spark.streaming.dynamicAllocation.enabled': z.boolean().default(false),
    /** Seconds between two decisions (Spark: a time in seconds, default 60s). */
    'spark.streaming.dynamicAllocation.scalingInterval': int(1, 86_400).default(60),
    'spark.streaming.dynamicAllocation.scalingUpRatio': positiveRatio('scaling up ratio').default(0.9),
    'spark.streaming.dynamicAllocation.scalingDownRatio': positiveRatio('scaling down ratio').default(0.3),
    /** Absent: max(1, receivers): 1 for the Kafka direct stream, which has none. */
    'spark.streaming.dynamicAllocation.minExecutors': int(1, 10_000).optional(),
    'spark.streaming.dynamicAllocation.maxExecutors': int(1, INT_MAX).default(INT_MAX),
    /**
     * Receiver sources (src/model/schema/sparkSource.ts): a receiver cuts what it received into a
     * block every blockInterval ms, and each block is one task of the batch that takes it.
     */
    'spark.streaming.blockInterval': int(
      1,
      3_600_000,
      'must be positive (Spark: "\'spark.streaming.blockInterval\' should be a positive value")',
    ).default(200),
    /** Records per second each receiver accepts; absent = unlimited (Spark's Long.MaxValue). */
    'spark.streaming.receiver.maxRate': num(1, 1e12).optional(),
    /** Received blocks are written to a log in the checkpoint directory before they count as stored. */
    'spark.streaming.receiver.writeAheadLog.enable': z.boolean().default(false),
  })
  .superRefine(checkDynamicAllocation);

const DYN = 'spark.streaming.dynamicAllocation';

/**
 * What Spark's ExecutorAllocationManager.validateSettings refuses when streaming dynamic allocation
 * is on (and only then: with it off Spark never reads these settings): scalingUpRatio must be above
 * scalingDownRatio, and maxExecutors at least minExecutors. Spark's own messages are quoted.
 */
function checkDynamicAllocation(
  c: {
    'spark.streaming.dynamicAllocation.enabled': boolean;
    'spark.streaming.dynamicAllocation.scalingUpRatio': number;
    'spark.streaming.dynamicAllocation.scalingDownRatio': number;
    'spark.streaming.dynamicAllocation.minExecutors'?: number | undefined;
    'spark.streaming.dynamicAllocation.maxExecutors': number;
  },
  ctx: z.RefinementCtx,
): void {
  if (!c[`${DYN}.enabled`]) return;
  const up = c[`${DYN}.scalingUpRatio`];
  const down = c[`${DYN}.scalingDownRatio`];
  if (!(down < up))
    ctx.addIssue({
      code: 'custom',
      path: [`${DYN}.scalingDownRatio`],
      message: `must be below ${DYN}.scalingUpRatio (${up}), or the job would scale up and down on the same ratio; Spark refuses it: "Config ${DYN}.scalingUpRatio must be more than config ${DYN}.scalingDownRatio"`,
    });
  const min = c[`${DYN}.minExecutors`] ?? 1;
  const max = c[`${DYN}.maxExecutors`];
  if (max < min)
    ctx.addIssue({
      code: 'custom',
      path: [`${DYN}.maxExecutors`],
      message: `must be at least ${DYN}.minExecutors (${min}); Spark refuses it: "Config ${DYN}.maxExecutors must be more than config ${DYN}.minExecutors"`,
    });
}

export const sparkJobSchema = z.strictObject({
  id: nodeId,
  name: label.optional(),
  batchIntervalMs: int(1, 3_600_000).default(1000),
  /**
   * When the job starts (its StreamingContext.start()), in simulated seconds: with
   * kafkaParams auto.offset.reset=earliest a late job first reads what the topic holds.
   */
  startAtSec: num(0, 86_400).default(0),
  /**
   * microBatch: a batch every batchIntervalMs. continuous: long-running tasks read records as they
   * arrive (milliseconds of latency) and commit an epoch every batchIntervalMs; only record-at-a-time
   * operators, and at-least-once: a restart replays since the last epoch.
   */
  mode: z.enum(['microBatch', 'continuous']).default('microBatch'),
  /**
   * How often state and offsets are written to the checkpoint directory; a multiple of the batch
   * interval. A restarted driver resumes from the last checkpoint.
   */
  checkpointIntervalMs: int(1, 86_400_000).default(10_000),
  stages: z.array(sparkStageSchema).max(50, 'at most 50 stages').default([]),
  /**
   * The machine each executor runs on: its local disk takes shuffle files and spills, its network
   * card the Kafka records and the shuffle blocks from other executors. Absent: the cluster's
   * client machine (cluster.clientHardware, else the first broker's hardware).
   */
  executorHardware: hardwareSchema.optional(),
  config: sparkConfigSchema.prefault({}),
  /** The Kafka consumer settings the direct stream passes on (Spark's kafkaParams). */
  kafkaParams: z
    .strictObject({
      /** read_committed: batches end at the last stable offset and leave aborted records out. */
      'isolation.level': z.enum(ISOLATION_LEVELS).default('read_uncommitted'),
      /**
       * Where the stream starts in a partition it has no offsets for: latest (Kafka's default) or
       * earliest, the log start (a compacted topic: its cleaned log, one record per key). A driver
       * restarted from a checkpoint resumes from the checkpoint either way.
       */
      'auto.offset.reset': z.enum(['latest', 'earliest']).default('latest'),
    })
    .prefault({}),
  /**
   * What a job writing to a topic does about output replayed after a driver failure, in the sinks'
   * words: atLeastOnce sends it again (duplicates in the topic); transactional writes each batch in
   * one Kafka transaction committed with the batch's offsets, so a replay skips committed batches
   * and an interrupted batch's transaction is aborted (read_committed readers never see it).
   */
  kafkaSinkDelivery: z.enum(['atLeastOnce', 'transactional']).default('atLeastOnce'),
});
