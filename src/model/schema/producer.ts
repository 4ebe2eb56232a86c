// Producers: how fast records arrive, what their keys look like, and the client configs.
import { z } from 'zod';
import { INT_MAX, calibrationSchema, fraction, int, label, nodeId, num } from './common';

const rateStep = z.strictObject({
  kind: z.literal('step'),
  /** From this simulated second on, the base rate becomes `recordsPerSec`. */
  atSec: num(0, 1e7),
  recordsPerSec: num(0, 1e9),
});

const rateSpike = z.strictObject({
  kind: z.literal('spike'),
  /** The rate is multiplied by `factor` from `atSec` for `durationSec`. */
  atSec: num(0, 1e7),
  durationSec: num(0, 1e7),
  factor: num(0, 1000),
});

export const RATE_KINDS = ['constant', 'poisson', 'max'] as const;

export const rateSchema = z
  .strictObject({
    /**
     * constant: evenly spaced arrivals; poisson: exponential gaps with the same mean; max: the
     * application calls send() as fast as the producer's machine lets it, as Kafka's perf-test
     * tools do with --throughput -1 (the rate then follows from the client's CPU and buffer.memory).
     */
    kind: z.enum(RATE_KINDS).default('poisson'),
    recordsPerSec: num(0, 1e9).optional(),
    schedule: z
      .array(z.discriminatedUnion('kind', [rateStep, rateSpike]))
      .max(1000)
      .default([]),
  })
  .superRefine((r, ctx) => {
    if (r.kind !== 'max' && r.recordsPerSec === undefined)
      ctx.addIssue({ code: 'custom', path: ['recordsPerSec'], message: 'missing (expected number)' });
    if (r.kind === 'max' && r.schedule.length > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['schedule'],
        message: "steps and spikes need a rate; kind 'max' has none",
      });
  })
  // A 'max' producer has no set rate (one given is ignored): 0 where a rate is read, unless given.
  .transform((r) => ({ ...r, recordsPerSec: r.recordsPerSec ?? 0 }));

export const keySchema = z.discriminatedUnion('kind', [
  /** No key: the sticky partitioner spreads records batch by batch. */
  z.strictObject({ kind: z.literal('null') }),
  /** Keys drawn uniformly from `count` distinct keys. */
  z.strictObject({ kind: z.literal('uniform'), count: int(1, 1_000_000) }),
  /** Key k (1-based) drawn with probability proportional to 1/k^exponent: a few hot keys. */
  z.strictObject({ kind: z.literal('zipf'), count: int(1, 1_000_000), exponent: num(0, 10) }),
]);

/** Kafka accepts acks as "all", "-1", "1" or "0"; we store "all", "1" or "0". */
const acksSchema = z
  .union([z.enum(['all', '-1', '1', '0']), z.literal(-1), z.literal(0), z.literal(1)])
  .transform((v): 'all' | '1' | '0' =>
    v === 'all' || v === '-1' || v === -1 ? 'all' : v === 1 || v === '1' ? '1' : '0',
  );

export const COMPRESSION_TYPES = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;

export const producerConfigSchema = z.strictObject({
  acks: acksSchema.default('all'),
  /** When absent, idempotence is on unless acks or max.in.flight rule it out (as in Kafka). */
  'enable.idempotence': z.boolean().optional(),
  'linger.ms': int(0, 86_400_000).default(5),
  'batch.size': int(0, 64 * 1024 * 1024).default(16_384),
  'compression.type': z.enum(COMPRESSION_TYPES).default('none'),
  'max.in.flight.requests.per.connection': int(1, 1000).default(5),
  'buffer.memory': int(1024, 2 ** 40).default(33_554_432),
  'max.block.ms': int(0, INT_MAX).default(60_000),
  'max.request.size': int(1, INT_MAX).default(1_048_576),
  'delivery.timeout.ms': int(1, INT_MAX).default(120_000),
  'request.timeout.ms': int(1, INT_MAX).default(30_000),
  retries: int(0, INT_MAX).default(INT_MAX),
  'retry.backoff.ms': int(0, INT_MAX).default(100),
  'partitioner.adaptive.partitioning.enable': z.boolean().default(true),
  /**
   * Set, the producer writes in transactions under this id (Kafka's default: null, none). Needs
   * idempotence, so acks=all (see transactionChecks.ts).
   */
  'transactional.id': z
    .string()
    .min(1, 'must not be empty')
    .max(249, 'must be at most 249 characters')
    .optional(),
  /** The coordinator aborts a transaction open longer than this. */
  'transaction.timeout.ms': int(1, INT_MAX).default(60_000),
});

export const producerSchema = z.strictObject({
  id: nodeId,
  name: label.optional(),
  rate: rateSchema,
  /** Serialized size of one record (key, value and headers), before compression. */
  recordBytes: int(1, 100 * 1024 * 1024).default(100),
  keys: keySchema.default({ kind: 'null' }),
  /**
   * Share of records that arrive out of order: their event time lags their creation by a delay drawn
   * evenly from 0 to outOfOrderMaxDelayMs. Event-time windows drop those behind the watermark.
   */
  outOfOrderFraction: fraction.default(0),
  outOfOrderMaxDelayMs: int(0, 86_400_000).default(10_000),
  /**
   * CPU time the application thread spends in send() for one record on this producer's machine
   * (partitioner, accumulator append, copying and compressing its bytes), in µs. Absent: Streamlab's
   * estimate from the machine's clock (cpuGHz), the record size and the codec. "Fit to measurement"
   * sets it from a kafka-producer-perf-test run.
   */
  clientCostPerRecordUs: num(0.001, 1_000_000).optional(),
  /**
   * Share of records sent with a null value: tombstones, which on a compacted topic delete their
   * key once the cleaner has passed them and delete.retention.ms is over.
   */
  tombstoneFraction: fraction.default(0),
  /** A machine in cluster.hosts this producer shares with other clients; absent: one of its own. */
  host: nodeId.optional(),
  config: producerConfigSchema.prefault({}),
  /**
   * With transactional.id: the application commits its transaction this often (ms after it began).
   * Our own setting, not a Kafka config: Kafka leaves it to the application (Kafka Streams' analogue
   * is commit.interval.ms, 100 ms under exactly-once, our default).
   */
  transactionCommitIntervalMs: int(1, 86_400_000).default(100),
  /** ...or as soon as the transaction holds this many records (0: no such limit). Our own setting. */
  transactionCommitRecords: int(0, INT_MAX).default(0),
  /** Set by "Fit to measurement": the client cost (or its machine's speed) fitted to a perf test, and from what. */
  calibration: calibrationSchema.optional(),
});
