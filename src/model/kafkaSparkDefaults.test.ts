// Every Kafka and Spark setting the document has, with the default a user finds in the real system.
// Expected values come from /work/shared/reference/kafka-spark-facts.md (Kafka 4.x, Spark); the few
// it does not list are marked with where they come from. Each table must name every key of its
// schema, so a setting added later without a pinned default fails here.
import { describe, expect, it } from 'vitest';
import { parsePipeline } from './parse';
import { brokerConfigSchema } from './schema/cluster';
import { consumerConfigSchema } from './schema/consumer';
import { producerConfigSchema } from './schema/producer';
import { sparkConfigSchema } from './schema/spark';
import { topicConfigSchema } from './schema/topic';
import type { Pipeline, PipelineInput } from './types';

const PRODUCER: Record<string, unknown> = {
  acks: 'all',
  // Absent: resolved from acks and max.in.flight as Kafka does (see idempotenceDefault.test.ts).
  'enable.idempotence': undefined,
  'linger.ms': 5,
  'batch.size': 16_384,
  'compression.type': 'none',
  'max.in.flight.requests.per.connection': 5,
  'buffer.memory': 33_554_432,
  'max.block.ms': 60_000,
  'max.request.size': 1_048_576,
  'delivery.timeout.ms': 120_000,
  'request.timeout.ms': 30_000,
  retries: 2_147_483_647,
  'retry.backoff.ms': 100,
  // The facts: "with adaptive partitioning (default)".
  'partitioner.adaptive.partitioning.enable': true,
  // Kafka's ProducerConfig: transactional.id null (no transactions), transaction.timeout.ms 60000.
  'transactional.id': undefined,
  'transaction.timeout.ms': 60_000,
};

const TOPIC: Record<string, unknown> = {
  'min.insync.replicas': 1,
  'retention.ms': 604_800_000,
  'retention.bytes': -1,
  'segment.bytes': 1_073_741_824,
  'unclean.leader.election.enable': false,
  // The topic-level name of the broker's message.max.bytes, same default.
  'max.message.bytes': 1_048_588,
  // "flush: none by default": Kafka's Long.MAX_VALUE, bounded to what JSON numbers hold exactly.
  'flush.messages': Number.MAX_SAFE_INTEGER,
  'flush.ms': Number.MAX_SAFE_INTEGER,
  // Tiered storage (facts file; Kafka's LogConfig): off; -2 = "use retention.ms / retention.bytes".
  'remote.storage.enable': false,
  'local.retention.ms': -2,
  'local.retention.bytes': -2,
  // "Compaction, transactions, tiered storage" in the facts file (LogConfig / TopicConfig).
  'cleanup.policy': 'delete',
  'min.cleanable.dirty.ratio': 0.5,
  'min.compaction.lag.ms': 0,
  'max.compaction.lag.ms': Number.MAX_SAFE_INTEGER,
  'delete.retention.ms': 86_400_000,
  'segment.ms': 604_800_000,
};

const CONSUMER: Record<string, unknown> = {
  'max.poll.records': 500,
  'fetch.min.bytes': 1,
  'fetch.max.wait.ms': 500,
  'fetch.max.bytes': 52_428_800,
  'max.partition.fetch.bytes': 1_048_576,
  'enable.auto.commit': true,
  'auto.commit.interval.ms': 5000,
  'auto.offset.reset': 'latest',
  // Kafka's default list is [RangeAssignor, CooperativeStickyAssignor]: range is the one used.
  'partition.assignment.strategy': 'range',
  'session.timeout.ms': 45_000,
  'heartbeat.interval.ms': 3000,
  'max.poll.interval.ms': 300_000,
  // "client.rack (consumer): none".
  'client.rack': undefined,
  // Kafka's ConsumerConfig: DEFAULT_ISOLATION_LEVEL = read_uncommitted.
  'isolation.level': 'read_uncommitted',
};

const BROKER: Record<string, unknown> = {
  'replica.lag.time.max.ms': 30_000,
  // Not in the facts file: Kafka's KRaft broker default (9 s).
  'broker.session.timeout.ms': 9000,
  'log.retention.check.interval.ms': 300_000,
  // Not in the facts file: Kafka's broker configuration docs (3 network threads, 8 request
  // handlers; the log flusher's check every Long.MAX_VALUE ms, that is never).
  'num.network.threads': 3,
  'num.io.threads': 8,
  'log.flush.scheduler.interval.ms': Number.MAX_SAFE_INTEGER,
  // "Growing, moving and spreading a cluster" in the facts file; Kafka's QuotaConfig and
  // ReplicationConfigs agree (throttles Long.MAX_VALUE, rebalance on, every 300 s, above 10%).
  'leader.replication.throttled.rate': Number.MAX_SAFE_INTEGER,
  'follower.replication.throttled.rate': Number.MAX_SAFE_INTEGER,
  'auto.leader.rebalance.enable': true,
  'leader.imbalance.check.interval.seconds': 300,
  'leader.imbalance.per.broker.percentage': 10,
  // "replica.selector.class (broker): leader only": absent, consumers fetch from leaders.
  'replica.selector.class': undefined,
  // Kafka's RemoteLogManagerConfig: tiered storage off, the task every 30 s, no copy or fetch
  // quota (Long.MAX_VALUE), 10 remote reader threads.
  'remote.log.storage.system.enable': false,
  'remote.log.manager.task.interval.ms': 30_000,
  'remote.log.manager.copy.max.bytes.per.second': Number.MAX_SAFE_INTEGER,
  'remote.log.manager.fetch.max.bytes.per.second': Number.MAX_SAFE_INTEGER,
  'remote.log.reader.threads': 10,
  // Kafka's TransactionStateManagerConfig: 15 minutes.
  'transaction.max.timeout.ms': 900_000,
  // The log cleaner (facts file; CleanerConfig): one thread, no I/O limit (Double.MaxValue, left
  // out), a 128 MiB key map, 15 s asleep when nothing is cleanable.
  'log.cleaner.threads': 1,
  'log.cleaner.io.max.bytes.per.second': undefined,
  'log.cleaner.dedupe.buffer.size': 134_217_728,
  'log.cleaner.backoff.ms': 15_000,
};

const SPARK: Record<string, unknown> = {
  // Not in the facts file: Spark's configuration docs (static allocation on YARN: 2 executors of 1 core).
  'spark.executor.instances': 2,
  'spark.executor.cores': 1,
  'spark.streaming.backpressure.enabled': false,
  'spark.streaming.backpressure.initialRate': undefined,
  'spark.streaming.backpressure.pid.proportional': 1,
  'spark.streaming.backpressure.pid.integral': 0.2,
  'spark.streaming.backpressure.pid.derived': 0,
  'spark.streaming.backpressure.pid.minRate': 100,
  'spark.streaming.kafka.maxRatePerPartition': 0,
  'spark.streaming.kafka.minRatePerPartition': 1,
  // Absent: the total executor cores, as Spark's default parallelism.
  'spark.default.parallelism': undefined,
  // Not in the facts file: Spark's configuration docs (1g heap, 0.6 unified memory since 2.0).
  'spark.executor.memory': '1g',
  'spark.memory.fraction': 0.6,
  // Streaming dynamic allocation (facts file; Spark's Streaming.scala): off, every 60 s, 0.9 / 0.3;
  // minExecutors absent = max(1, receivers); maxExecutors Int.MaxValue.
  'spark.streaming.dynamicAllocation.enabled': false,
  'spark.streaming.dynamicAllocation.scalingInterval': 60,
  'spark.streaming.dynamicAllocation.scalingUpRatio': 0.9,
  'spark.streaming.dynamicAllocation.scalingDownRatio': 0.3,
  'spark.streaming.dynamicAllocation.minExecutors': undefined,
  'spark.streaming.dynamicAllocation.maxExecutors': 2147483647,
  // BlockGenerator: conf.getTimeAsMs("spark.streaming.blockInterval", "200ms").
  'spark.streaming.blockInterval': 200,
  // RateLimiter: Long.MaxValue when unset, i.e. no limit.
  'spark.streaming.receiver.maxRate': undefined,
  'spark.streaming.receiver.writeAheadLog.enable': false,
};

/** One of each node, every setting left out. */
const BARE: PipelineInput = {
  version: 1,
  cluster: { brokers: [{ id: 'b1' }] },
  topics: [{ id: 't' }],
  producers: [{ id: 'p', rate: { recordsPerSec: 10 } }],
  consumerGroups: [{ id: 'g' }],
  sparkJobs: [{ id: 'job' }],
  edges: [
    { from: 'p', to: 't' },
    { from: 't', to: 'g' },
    { from: 't', to: 'job' },
  ],
};

function bare(): Pipeline {
  const r = parsePipeline(BARE);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.doc;
}

const doc = bare();
const parts = [
  ['producer config', PRODUCER, producerConfigSchema.shape, doc.producers[0]!.config],
  ['topic config', TOPIC, topicConfigSchema.shape, doc.topics[0]!.config],
  ['consumer config', CONSUMER, consumerConfigSchema.shape, doc.consumerGroups[0]!.config],
  ['broker config', BROKER, brokerConfigSchema.shape, doc.cluster.config],
  ['Spark config', SPARK, sparkConfigSchema.shape, doc.sparkJobs[0]!.config],
] as const;

describe.each(parts)('%s', (_name, expected, shape, parsed) => {
  it('pins the default of every setting the schema has', () => {
    expect(Object.keys(shape).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s defaults to %j', (key, value) => {
    expect((parsed as Record<string, unknown>)[key]).toEqual(value);
    // Left out means absent, not a stored placeholder.
    if (value === undefined) expect(Object.keys(parsed)).not.toContain(key);
  });
});

describe('topic shape', () => {
  it('has num.partitions and default.replication.factor as defaults (1 and 1)', () => {
    expect(doc.topics[0]!.partitions).toBe(1);
    expect(doc.topics[0]!.replicationFactor).toBe(1);
  });
});
