// Every Kafka and Spark setting name the export writes, and nothing else: the tests fail when a file
// names a setting that is not listed here.
//
// Sources, in order of preference:
//   1. /work/shared/reference/kafka-spark-facts.md (the project's checked list of names and defaults);
//   2. src/model/schema/*.ts, whose names were checked against Kafka and Spark when the schema was
//      written (num.io.threads, broker.session.timeout.ms, spark.memory.fraction, ...);
//   3. the few names a deployment needs that neither lists: KRaft and listener settings (Kafka's
//      broker configuration reference and the apache/kafka image's compose examples), the Kafka
//      source and sink options of Spark's Structured Streaming + Kafka integration guide, and the
//      JDBC data source options. Each of these is marked "deployment" below.

const deploymentNames = new Set<string>();
/** Marks names that come from neither the facts file nor the schema (see above). */
function deployment(...names: string[]): string[] {
  for (const n of names) deploymentNames.add(n);
  return names;
}

/** Broker settings (server.properties); written as KAFKA_* variables of the apache/kafka image. */
export const KAFKA_BROKER_CONFIGS: ReadonlySet<string> = new Set([
  // facts: broker and topic, growing a cluster, compaction
  'default.replication.factor',
  'num.partitions',
  'min.insync.replicas',
  'replica.lag.time.max.ms',
  'unclean.leader.election.enable',
  'log.retention.check.interval.ms',
  'replica.fetch.wait.max.ms',
  'replica.fetch.min.bytes',
  'replica.fetch.max.bytes',
  'num.replica.fetchers',
  'message.max.bytes',
  'group.initial.rebalance.delay.ms',
  'broker.rack',
  'replica.selector.class',
  'auto.leader.rebalance.enable',
  'leader.imbalance.check.interval.seconds',
  'leader.imbalance.per.broker.percentage',
  'log.cleaner.threads',
  'log.cleaner.dedupe.buffer.size',
  'log.cleaner.backoff.ms',
  'log.cleaner.io.max.bytes.per.second',
  'transaction.max.timeout.ms',
  'remote.log.storage.system.enable',
  // schema: cluster.config
  'broker.session.timeout.ms',
  'num.network.threads',
  'num.io.threads',
  'log.flush.scheduler.interval.ms',
  // deployment: KRaft roles and quorum, listeners, storage, internal topics
  ...deployment(
    'node.id',
    'process.roles',
    'controller.quorum.voters',
    'controller.listener.names',
    'listeners',
    'advertised.listeners',
    'listener.security.protocol.map',
    'inter.broker.listener.name',
    'log.dirs',
    'auto.create.topics.enable',
    'offsets.topic.replication.factor',
    'transaction.state.log.replication.factor',
    'transaction.state.log.min.isr',
  ),
]);

/** Topic settings (kafka-topics.sh --config). */
export const KAFKA_TOPIC_CONFIGS: ReadonlySet<string> = new Set([
  // facts
  'min.insync.replicas',
  'retention.ms',
  'retention.bytes',
  'segment.bytes',
  'unclean.leader.election.enable',
  'cleanup.policy',
  'min.cleanable.dirty.ratio',
  'min.compaction.lag.ms',
  'max.compaction.lag.ms',
  'delete.retention.ms',
  'segment.ms',
  'remote.storage.enable',
  'local.retention.ms',
  'local.retention.bytes',
  // schema: topic.config
  'max.message.bytes',
  'flush.messages',
  'flush.ms',
]);

/** Producer settings (kafka-producer-perf-test.sh --producer-props). */
export const KAFKA_PRODUCER_CONFIGS: ReadonlySet<string> = new Set([
  // facts
  'acks',
  'enable.idempotence',
  'max.in.flight.requests.per.connection',
  'retries',
  'delivery.timeout.ms',
  'request.timeout.ms',
  'batch.size',
  'linger.ms',
  'compression.type',
  'buffer.memory',
  'max.block.ms',
  'max.request.size',
  'retry.backoff.ms',
  'transactional.id',
  'transaction.timeout.ms',
  // schema: producer.config
  'partitioner.adaptive.partitioning.enable',
  ...deployment('bootstrap.servers'),
]);

/**
 * Properties of kafka-console-producer.sh's line reader (its --property), not Kafka configs, so in
 * neither the facts file nor the schema: the tool's help lists them with their defaults
 * (ConsoleProducer in Kafka's tools module).
 */
export const CONSOLE_READER_PROPERTIES: ReadonlySet<string> = new Set(['parse.key', 'key.separator']);

/** Consumer settings (the properties file kafka-consumer-perf-test.sh reads). */
export const KAFKA_CONSUMER_CONFIGS: ReadonlySet<string> = new Set([
  // facts
  'max.poll.records',
  'fetch.min.bytes',
  'fetch.max.wait.ms',
  'fetch.max.bytes',
  'max.partition.fetch.bytes',
  'session.timeout.ms',
  'heartbeat.interval.ms',
  'max.poll.interval.ms',
  'enable.auto.commit',
  'auto.commit.interval.ms',
  'auto.offset.reset',
  'partition.assignment.strategy',
  'isolation.level',
  'client.rack',
  ...deployment('bootstrap.servers', 'group.id'),
]);

/** Spark settings (spark-submit --conf). */
export const SPARK_CONFS: ReadonlySet<string> = new Set([
  // facts
  'spark.streaming.backpressure.enabled',
  'spark.streaming.backpressure.initialRate',
  'spark.streaming.backpressure.pid.proportional',
  'spark.streaming.backpressure.pid.integral',
  'spark.streaming.backpressure.pid.derived',
  'spark.streaming.backpressure.pid.minRate',
  'spark.streaming.kafka.maxRatePerPartition',
  'spark.streaming.kafka.minRatePerPartition',
  'spark.streaming.receiver.maxRate',
  'spark.streaming.blockInterval',
  // schema: sparkJobs[].config
  'spark.executor.instances',
  'spark.executor.cores',
  'spark.executor.memory',
  'spark.default.parallelism',
  'spark.memory.fraction',
  // deployment: Structured Streaming's shuffle width, and where --packages keeps its downloads
  ...deployment('spark.sql.shuffle.partitions', 'spark.jars.ivy'),
]);

/** spark-submit's own options. */
export const SPARK_SUBMIT_OPTIONS: ReadonlySet<string> = new Set([
  '--master',
  '--deploy-mode',
  '--name',
  '--total-executor-cores',
  '--executor-cores',
  '--executor-memory',
  '--packages',
  '--conf',
]);

/**
 * Options of Structured Streaming sources and sinks (DataStreamReader/Writer and DataFrameWriter
 * .option): the Kafka source and sink, file, console and JDBC (deployment).
 */
export const SPARK_STREAM_OPTIONS: ReadonlySet<string> = new Set([
  'kafka.bootstrap.servers',
  'subscribe',
  'startingOffsets',
  'maxOffsetsPerTrigger',
  'failOnDataLoss',
  'topic',
  'checkpointLocation',
  'path',
  'numRows',
  'truncate',
  'url',
  'dbtable',
  'user',
  'password',
]);

/** Variables of the images that are not settings (the KRaft cluster id, the Spark worker's size). */
export const IMAGE_VARIABLES: ReadonlySet<string> = new Set([
  'CLUSTER_ID',
  'SPARK_WORKER_CORES',
  'SPARK_WORKER_MEMORY',
]);

/** The names in the lists above taken from neither the facts file nor the schema. */
export const DEPLOYMENT_NAMES: ReadonlySet<string> = deploymentNames;

/**
 * The apache/kafka image's rule for a server.properties name as an environment variable: "." becomes
 * "_", "_" becomes "__", "-" becomes "___", upper case, prefixed with KAFKA_.
 */
export function kafkaEnvName(config: string): string {
  return 'KAFKA_' + config.replace(/_/g, '__').replace(/-/g, '___').replace(/\./g, '_').toUpperCase();
}

/** The inverse of kafkaEnvName (runs of 3, 2 and 1 underscores), or undefined without the prefix. */
export function configOfKafkaEnv(name: string): string | undefined {
  if (!name.startsWith('KAFKA_')) return undefined;
  return name
    .slice('KAFKA_'.length)
    .toLowerCase()
    .replace(/_+/g, (run) => {
      const out: string[] = [];
      let n = run.length;
      while (n >= 3) {
        out.push('-');
        n -= 3;
      }
      if (n === 2) out.push('_');
      if (n === 1) out.push('.');
      return out.join('');
    });
}
