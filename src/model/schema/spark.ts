// Spark Streaming jobs (DStreams over Kafka's direct stream): a source topic, a chain of stages, and
// Spark's own config names for parallelism and rate control.
import { z } from 'zod';
import { fraction, int, label, nodeId, num } from './common';

/** CPU time one record costs in a stage, on one core. */
const costPerRecordUs = num(0, 10_000_000);

const mapStage = z.strictObject({
  id: nodeId,
  kind: z.literal('map'),
  costPerRecordUs: costPerRecordUs.default(1),
});

const flatMapStage = z.strictObject({
  id: nodeId,
  kind: z.literal('flatMap'),
  /** Mean records emitted per input record. */
  fanOut: num(0, 10_000).default(1),
  costPerRecordUs: costPerRecordUs.default(1),
});

const filterStage = z.strictObject({
  id: nodeId,
  kind: z.literal('filter'),
  /** Share of records that pass. */
  selectivity: fraction.default(0.5),
  costPerRecordUs: costPerRecordUs.default(0.5),
});

const aggregateStage = z.strictObject({
  id: nodeId,
  kind: z.literal('aggregate'),
  /** reduceByKey: one output record per distinct key in the batch; needs a shuffle. */
  keyCardinality: int(1, 100_000_000).default(1000),
  costPerRecordUs: costPerRecordUs.default(2),
});

const windowStage = z.strictObject({
  id: nodeId,
  kind: z.literal('window'),
  /** reduceByKeyAndWindow: both must be multiples of the batch interval, as Spark requires. */
  windowLengthMs: int(1, 86_400_000),
  slideMs: int(1, 86_400_000),
  keyCardinality: int(1, 100_000_000).default(1000),
  costPerRecordUs: costPerRecordUs.default(2),
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
});

const sinkStage = z.strictObject({
  id: nodeId,
  kind: z.literal('sink'),
  /** foreachRDD output: writes to the sink(s) the job is connected to. */
  costPerRecordUs: costPerRecordUs.default(5),
});

export const sparkStageSchema = z.discriminatedUnion('kind', [
  mapStage,
  flatMapStage,
  filterStage,
  aggregateStage,
  windowStage,
  joinStage,
  sinkStage,
]);

export const SPARK_STAGE_KINDS = ['map', 'flatMap', 'filter', 'aggregate', 'window', 'join', 'sink'] as const;

export const sparkConfigSchema = z.strictObject({
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
});

export const sparkJobSchema = z.strictObject({
  id: nodeId,
  name: label.optional(),
  batchIntervalMs: int(1, 3_600_000).default(1000),
  stages: z.array(sparkStageSchema).max(50, 'at most 50 stages').default([]),
  config: sparkConfigSchema.prefault({}),
});
