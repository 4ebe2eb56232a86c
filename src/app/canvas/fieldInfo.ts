// Every setting the inspector edits, in one table: the real Kafka/Spark name, its unit, the kind of
// input and a one-line explanation. Defaults are not repeated here: the inspector reads them from a
// freshly created node, so they always match the schema.
import { ASSIGNMENT_STRATEGIES, ISOLATION_LEVELS } from '../../model/schema/consumer';
import { COMPRESSION_TYPES } from '../../model/schema/producer';
import { SINK_KINDS } from '../../model/schema/sink';
import { CLEANER_FIELDS, TOMBSTONE_FIELD, TOPIC_COMPACTION_FIELDS } from './compactionFields';
import { RECEIVER_JOB_FIELDS, SPARK_SOURCE_FIELDS } from './fieldInfoReceivers';
import type { StageKind } from './nodeFactory';
import { TIERED_BROKER_FIELDS, TIERED_BROKER_HARDWARE_FIELDS, TIERED_TOPIC_FIELDS } from './tieredFields';

export type FieldInput =
  | { type: 'int' }
  | { type: 'number' }
  /** Empty means "not set", which the schema treats as its own default. */
  | { type: 'optionalNumber'; unsetLabel: string }
  | { type: 'boolean' }
  | { type: 'optionalBoolean'; unsetLabel: string }
  | { type: 'enum'; options: readonly string[] }
  | { type: 'text'; multiline?: boolean };

export interface FieldInfo {
  /** Where the value lives inside the node (or inside the pipeline settings). */
  path: readonly string[];
  /** The real name (config key or document property); also the test id: field-<name>. */
  name: string;
  unit?: string;
  help: string;
  input: FieldInput;
  /** Section heading in the inspector. */
  section?: string;
}

export type InspectedKind =
  | 'pipeline'
  | 'producer'
  | 'topic'
  | 'consumerGroup'
  | 'sparkJob'
  | 'sink'
  | 'broker'
  | 'sparkSource'
  | 'mirrorMaker'
  | `stage:${StageKind}`;

const int = { type: 'int' } as const;
const number = { type: 'number' } as const;
const bool = { type: 'boolean' } as const;
const text = { type: 'text' } as const;

const nameField: FieldInfo = {
  path: ['name'],
  name: 'name',
  help: 'A label for this node on the canvas; the id stays the same.',
  input: text,
};

/** A setting inside `config`, named exactly as in Kafka or Spark. */
const config = (
  key: string,
  input: FieldInput,
  help: string,
  unit?: string,
  section?: string,
): FieldInfo => ({
  path: ['config', key],
  name: key,
  input,
  help,
  ...(unit ? { unit } : {}),
  ...(section ? { section } : {}),
});

const PRODUCER_CONFIG = 'Producer configs';
const TOPIC_CONFIG = 'Topic configs';
const CONSUMER_CONFIG = 'Consumer configs';
const SPARK_CONFIG = 'Spark configs';

const TRANSACTIONS = 'Transactions';
const ISOLATION = { type: 'enum', options: ISOLATION_LEVELS } as const;
const ISOLATION_HELP =
  'read_committed reads only up to the last stable offset (nothing of a transaction still open) and skips the records of aborted transactions; read_uncommitted reads up to the high watermark, aborted records included.';

/** A producer's transaction settings: Kafka's two configs and our commit cadence. */
const TRANSACTION_FIELDS: readonly FieldInfo[] = [
  config(
    'transactional.id',
    text,
    'Set it and the producer writes in transactions: each commit costs a flush, round trips to the transaction coordinator (AddPartitionsToTxn, EndTxn) and one marker per partition (a control batch: one offset, so lag counts it, but never read as a record). A send that fails inside a transaction makes the application abort it and send its records again in the next one. Needs acks=all and idempotence. Empty: no transactions.',
    undefined,
    TRANSACTIONS,
  ),
  config(
    'transaction.timeout.ms',
    int,
    'The coordinator aborts a transaction open longer than this (it looks every 10 s), e.g. when its producer died before committing. At most the brokers’ transaction.max.timeout.ms.',
    'ms',
    TRANSACTIONS,
  ),
  {
    path: ['transactionCommitIntervalMs'],
    name: 'transactionCommitIntervalMs',
    unit: 'ms',
    help: 'How often the application commits its open transaction. Streamlab’s own setting, not a Kafka config: Kafka leaves the moment to the application (Kafka Streams’ commit.interval.ms, 100 ms under exactly-once, is the analogue). read_committed readers wait for the commit, about half of this on average.',
    input: int,
    section: TRANSACTIONS,
  },
  {
    path: ['transactionCommitRecords'],
    name: 'transactionCommitRecords',
    unit: 'records',
    help: 'Also commit as soon as the open transaction holds this many records (0: only by time). Streamlab’s own setting, as above.',
    input: int,
    section: TRANSACTIONS,
  },
];

/** How a Spark job reads from and writes to Kafka. */
const SPARK_KAFKA_FIELDS: readonly FieldInfo[] = [
  {
    path: ['kafkaParams', 'isolation.level'],
    name: 'isolation.level',
    help: `The Kafka consumer setting the direct stream passes on (kafkaParams). ${ISOLATION_HELP}`,
    input: ISOLATION,
    section: 'Kafka',
  },
  {
    path: ['kafkaParams', 'auto.offset.reset'],
    name: 'auto.offset.reset',
    help: 'The Kafka consumer setting the direct stream passes on (kafkaParams): where the job starts in a partition it has no offsets for. latest (Kafka’s default) reads only new records; earliest reads from the log start, on a compacted topic the cleaned log (one record per key). A driver restarted from its checkpoint resumes there either way.',
    input: { type: 'enum', options: ['latest', 'earliest'] },
    section: 'Kafka',
  },
  {
    path: ['kafkaSinkDelivery'],
    name: 'kafkaSinkDelivery',
    help: 'When the job writes to a topic, what becomes of output replayed after a driver failure, as for sinks’ delivery: atLeastOnce sends it again (duplicates in the topic); transactional writes each batch in one Kafka transaction committed with its offsets, so committed batches are not sent again and an interrupted one is aborted (read_committed readers see each record once).',
    input: { type: 'enum', options: ['atLeastOnce', 'transactional'] },
    section: 'Kafka',
  },
];

const cost = (what: string): FieldInfo => ({
  path: ['costPerRecordUs'],
  name: 'costPerRecordUs',
  unit: 'µs per record',
  help: `CPU time one record costs in this ${what} on one executor core.`,
  input: number,
});

export const FIELDS: Record<InspectedKind, readonly FieldInfo[]> = {
  pipeline: [
    {
      path: ['name'],
      name: 'name',
      help: 'The pipeline’s title, saved with it and shown in links.',
      input: text,
    },
    {
      path: ['description'],
      name: 'description',
      help: 'Notes for whoever opens this pipeline next.',
      input: { type: 'text', multiline: true },
    },
    {
      path: ['run', 'seed'],
      name: 'run.seed',
      help: 'Seed of the random streams: the same pipeline and seed always give the same numbers.',
      input: int,
      section: 'Run',
    },
    {
      path: ['run', 'durationSec'],
      name: 'run.durationSec',
      unit: 's',
      help: 'How much simulated time a full run covers.',
      input: number,
      section: 'Run',
    },
    {
      path: ['networkLatencyMs'],
      name: 'cluster.networkLatencyMs',
      unit: 'ms',
      help: 'One-way network delay between any two machines (clients and brokers).',
      input: number,
      section: 'Cluster',
    },
    {
      path: ['brokerConfig', 'replica.lag.time.max.ms'],
      name: 'replica.lag.time.max.ms',
      unit: 'ms',
      help: 'A follower that has not caught up with its leader for this long drops out of the in-sync replicas.',
      input: int,
      section: 'Cluster',
    },
    {
      path: ['brokerConfig', 'broker.session.timeout.ms'],
      name: 'broker.session.timeout.ms',
      unit: 'ms',
      help: 'How long the controller waits without a heartbeat before it fences a broker and moves its leaders.',
      input: int,
      section: 'Cluster',
    },
    {
      path: ['brokerConfig', 'log.retention.check.interval.ms'],
      name: 'log.retention.check.interval.ms',
      unit: 'ms',
      help: 'How often each broker looks for log segments old or large enough to delete under its topics’ retention.',
      input: int,
      section: 'Cluster',
    },
    {
      path: ['brokerConfig', 'num.network.threads'],
      name: 'num.network.threads',
      unit: 'threads',
      help: 'Threads per broker that read requests off the sockets and write the answers back.',
      input: int,
      section: 'Cluster',
    },
    {
      path: ['brokerConfig', 'num.io.threads'],
      name: 'num.io.threads',
      unit: 'threads',
      help: 'Request handler threads per broker: they check and append produce requests and answer fetches. Each connection is served one request at a time.',
      input: int,
      section: 'Cluster',
    },
    {
      path: ['brokerConfig', 'log.flush.scheduler.interval.ms'],
      name: 'log.flush.scheduler.interval.ms',
      unit: 'ms',
      help: 'How often the log flusher looks for logs past their topic’s flush.ms. Kafka’s default is never, so flush.ms alone does nothing.',
      input: int,
      section: 'Cluster',
    },
    {
      path: ['brokerConfig', 'leader.replication.throttled.rate'],
      name: 'leader.replication.throttled.rate',
      unit: 'bytes/s',
      help: 'What a broker may send, as leader, to replicas a reassignment is moving. Kafka’s default: no throttle. A reassignment’s own throttle overrides it while it runs.',
      input: int,
      section: 'Cluster',
    },
    {
      path: ['brokerConfig', 'follower.replication.throttled.rate'],
      name: 'follower.replication.throttled.rate',
      unit: 'bytes/s',
      help: 'What a broker may take in, as a new replica, while a reassignment copies logs to it. Kafka’s default: no throttle.',
      input: int,
      section: 'Cluster',
    },
    {
      path: ['brokerConfig', 'auto.leader.rebalance.enable'],
      name: 'auto.leader.rebalance.enable',
      help: 'Move leadership back to each partition’s preferred (first listed) replica when a broker leads too few of its own.',
      input: bool,
      section: 'Cluster',
    },
    {
      path: ['brokerConfig', 'leader.imbalance.check.interval.seconds'],
      name: 'leader.imbalance.check.interval.seconds',
      unit: 's',
      help: 'How often the controller looks at how leaders are spread.',
      input: int,
      section: 'Cluster',
    },
    {
      path: ['brokerConfig', 'leader.imbalance.per.broker.percentage'],
      name: 'leader.imbalance.per.broker.percentage',
      unit: '%',
      help: 'A broker not leading more than this share of the partitions it prefers gets them back at the next check.',
      input: int,
      section: 'Cluster',
    },
    ...TIERED_BROKER_FIELDS,
    {
      path: ['brokerConfig', 'transaction.max.timeout.ms'],
      name: 'transaction.max.timeout.ms',
      unit: 'ms',
      help: 'The longest transaction.timeout.ms a producer may ask for; a producer asking for more is refused when it starts.',
      input: int,
      section: 'Cluster',
    },
    ...CLEANER_FIELDS,
  ],
  producer: [
    nameField,
    {
      path: ['rate', 'recordsPerSec'],
      name: 'rate.recordsPerSec',
      unit: 'records/s',
      help: 'Base rate at which this producer creates records (before steps and spikes).',
      input: number,
      section: 'Traffic',
    },
    {
      path: ['rate', 'kind'],
      name: 'rate.kind',
      help: 'constant spaces records evenly; poisson gives random gaps with the same mean, like real users; max sends as fast as the producer’s machine lets it (like the perf tools with --throughput -1), and ignores the rate.',
      input: { type: 'enum', options: ['constant', 'poisson', 'max'] },
      section: 'Traffic',
    },
    {
      path: ['recordBytes'],
      name: 'recordBytes',
      unit: 'bytes',
      help: 'Size of one serialized record (key, value, headers) before compression.',
      input: int,
      section: 'Traffic',
    },
    {
      path: ['outOfOrderFraction'],
      name: 'outOfOrderFraction',
      unit: '0..1',
      help: 'Share of records whose event time lags their send time (they arrive out of order).',
      input: number,
      section: 'Traffic',
    },
    {
      path: ['outOfOrderMaxDelayMs'],
      name: 'outOfOrderMaxDelayMs',
      unit: 'ms',
      help: 'An out-of-order record lags by up to this much, spread evenly; event-time windows drop those behind their watermark.',
      input: int,
      section: 'Traffic',
    },
    {
      path: ['clientCostPerRecordUs'],
      name: 'clientCostPerRecordUs',
      unit: 'µs per record',
      help: 'CPU time send() takes the application thread for one record on this producer’s machine. Empty: Streamlab estimates it from the machine’s clock, the record size and the codec (about 1 µs for a small record at 3 GHz). Measured › Fit to measurement sets it from a kafka-producer-perf-test run; it caps a producer sending as fast as it can at 1,000,000 / cost records/s.',
      input: { type: 'optionalNumber', unsetLabel: 'estimated' },
      section: 'Client cost',
    },
    TOMBSTONE_FIELD,
    config(
      'acks',
      { type: 'enum', options: ['all', '1', '0'] },
      'How many replicas must have a record before the send counts as done: all in-sync, the leader, or none.',
      undefined,
      PRODUCER_CONFIG,
    ),
    config(
      'enable.idempotence',
      { type: 'optionalBoolean', unsetLabel: 'auto (on unless acks or in-flight rule it out)' },
      'Lets the broker drop duplicates caused by retries; needs acks=all and at most 5 requests in flight.',
      undefined,
      PRODUCER_CONFIG,
    ),
    config(
      'linger.ms',
      int,
      'How long a batch waits for more records before it is sent; more waiting, fuller batches.',
      'ms',
      PRODUCER_CONFIG,
    ),
    config(
      'batch.size',
      int,
      'Largest batch per partition; a full batch is sent at once, without waiting for linger.ms.',
      'bytes',
      PRODUCER_CONFIG,
    ),
    config(
      'compression.type',
      { type: 'enum', options: COMPRESSION_TYPES },
      'Codec applied to each batch: fewer bytes on the network and disk, paid for in CPU. The producer compresses on one core (gzip ~50 MB/s, zstd ~250, snappy ~400, lz4 ~500 of uncompressed data), so a fast producer with gzip can be capped by its own CPU; the leader broker also decompresses each batch to check it.',
      undefined,
      PRODUCER_CONFIG,
    ),
    config(
      'max.in.flight.requests.per.connection',
      int,
      'Requests sent to one broker without waiting for their answers.',
      'requests',
      PRODUCER_CONFIG,
    ),
    config(
      'buffer.memory',
      int,
      'Memory for records waiting to be sent; when full, send() blocks.',
      'bytes',
      PRODUCER_CONFIG,
    ),
    config(
      'max.block.ms',
      int,
      'How long send() may block on a full buffer before the record is refused.',
      'ms',
      PRODUCER_CONFIG,
    ),
    config(
      'max.request.size',
      int,
      'Largest request the producer sends; bigger records are refused.',
      'bytes',
      PRODUCER_CONFIG,
    ),
    config(
      'delivery.timeout.ms',
      int,
      'Upper bound on the time from send() to success or failure, retries included.',
      'ms',
      PRODUCER_CONFIG,
    ),
    config(
      'request.timeout.ms',
      int,
      'How long to wait for a broker’s answer before retrying.',
      'ms',
      PRODUCER_CONFIG,
    ),
    config(
      'retries',
      int,
      'How often a failed send is tried again (bounded by delivery.timeout.ms).',
      'times',
      PRODUCER_CONFIG,
    ),
    config('retry.backoff.ms', int, 'Pause before a failed request is retried.', 'ms', PRODUCER_CONFIG),
    config(
      'partitioner.adaptive.partitioning.enable',
      bool,
      'Records without a key go more often to partitions whose brokers keep up.',
      undefined,
      PRODUCER_CONFIG,
    ),
    ...TRANSACTION_FIELDS,
  ],
  topic: [
    nameField,
    {
      path: ['cluster'],
      name: 'cluster',
      help: 'The cluster (and so the region) the topic lives in, by id; empty: the document’s own cluster.',
      input: text,
    },
    {
      path: ['partitions'],
      name: 'partitions',
      help: 'Number of ordered logs the topic is split into: the unit of parallelism for readers.',
      input: int,
    },
    {
      path: ['replicationFactor'],
      name: 'replicationFactor',
      unit: 'copies',
      help: "Copies of each partition on different brokers; at most the number of brokers. Kafka's default, 1, keeps no second copy: losing that broker loses the partition's records.",
      input: int,
    },
    config(
      'min.insync.replicas',
      int,
      'With acks=all, writes are refused when fewer replicas than this are in sync.',
      'replicas',
      TOPIC_CONFIG,
    ),
    config(
      'retention.ms',
      int,
      'How long records are kept before whole segments are deleted; -1 keeps them forever.',
      'ms',
      TOPIC_CONFIG,
    ),
    config(
      'retention.bytes',
      int,
      'Size limit per partition before old segments are deleted; -1 means no limit.',
      'bytes',
      TOPIC_CONFIG,
    ),
    config(
      'segment.bytes',
      int,
      'Size of one log segment file; retention deletes whole segments.',
      'bytes',
      TOPIC_CONFIG,
    ),
    config(
      'unclean.leader.election.enable',
      bool,
      'Lets a replica that is behind become leader: the topic stays available but may lose records.',
      undefined,
      TOPIC_CONFIG,
    ),
    config('max.message.bytes', int, 'Largest record batch the topic accepts.', 'bytes', TOPIC_CONFIG),
    config(
      'flush.messages',
      int,
      'fsync the log after this many records, in the thread that appends them: each fsync waits for the disk (milliseconds on spinning disks). Kafka’s default is never: replication keeps records safe.',
      'records',
      TOPIC_CONFIG,
    ),
    config(
      'flush.ms',
      int,
      'fsync the log once this long has passed since the last one (checked every log.flush.scheduler.interval.ms).',
      'ms',
      TOPIC_CONFIG,
    ),
    ...TIERED_TOPIC_FIELDS,
    {
      path: ['prefillRecords'],
      name: 'prefillRecords',
      unit: 'records',
      help: 'Records already in the topic when the run starts, a backlog for consumers to read (as a consumer benchmark reads a pre-filled topic).',
      input: int,
    },
    ...TOPIC_COMPACTION_FIELDS,
  ],
  consumerGroup: [
    nameField,
    {
      path: ['members'],
      name: 'members',
      unit: 'consumers',
      help: 'Consumers sharing the work; each partition goes to one member, extra members sit idle.',
      input: int,
    },
    {
      path: ['startAtSec'],
      name: 'startAtSec',
      unit: 's',
      help: 'When the group starts reading. Started late with auto.offset.reset=earliest, it reads a backlog.',
      input: number,
    },
    {
      path: ['processing', 'meanMs'],
      name: 'processing.meanMs',
      unit: 'ms per record',
      help: 'Time the application spends on one record after polling it.',
      input: number,
      section: 'Processing',
    },
    {
      path: ['processing', 'distribution'],
      name: 'processing.distribution',
      help: 'fixed: every record costs the mean; exponential: costs vary around it.',
      input: { type: 'enum', options: ['fixed', 'exponential'] },
      section: 'Processing',
    },
    config('max.poll.records', int, 'Most records one poll() returns.', 'records', CONSUMER_CONFIG),
    config(
      'fetch.min.bytes',
      int,
      'The broker holds a fetch until it has at least this much data (or fetch.max.wait.ms passes).',
      'bytes',
      CONSUMER_CONFIG,
    ),
    config(
      'fetch.max.wait.ms',
      int,
      'Longest the broker holds a fetch waiting for fetch.min.bytes.',
      'ms',
      CONSUMER_CONFIG,
    ),
    config('fetch.max.bytes', int, 'Most data one fetch response carries.', 'bytes', CONSUMER_CONFIG),
    config(
      'max.partition.fetch.bytes',
      int,
      'Most data one fetch returns for a single partition.',
      'bytes',
      CONSUMER_CONFIG,
    ),
    config(
      'enable.auto.commit',
      bool,
      'Commit offsets in the background; after a crash, records since the last commit are read again.',
      undefined,
      CONSUMER_CONFIG,
    ),
    config(
      'auto.commit.interval.ms',
      int,
      'How often offsets are committed when auto commit is on.',
      'ms',
      CONSUMER_CONFIG,
    ),
    config(
      'auto.offset.reset',
      { type: 'enum', options: ['latest', 'earliest', 'none'] },
      'Where a group without a committed offset starts: new records only, or the oldest kept.',
      undefined,
      CONSUMER_CONFIG,
    ),
    config(
      'partition.assignment.strategy',
      { type: 'enum', options: ASSIGNMENT_STRATEGIES },
      'How partitions are shared among members.',
      undefined,
      CONSUMER_CONFIG,
    ),
    config(
      'session.timeout.ms',
      int,
      'A member silent for this long is considered dead and its partitions move.',
      'ms',
      CONSUMER_CONFIG,
    ),
    config(
      'heartbeat.interval.ms',
      int,
      'How often a member tells the group it is alive.',
      'ms',
      CONSUMER_CONFIG,
    ),
    config(
      'max.poll.interval.ms',
      int,
      'A member that does not poll again within this time leaves the group.',
      'ms',
      CONSUMER_CONFIG,
    ),
    config(
      'client.rack',
      text,
      'The rack (zone) the members run in: with the brokers’ replica.selector.class set to the rack-aware selector they fetch from an in-sync replica there; fetches from other racks count as cross-zone bytes.',
      undefined,
      CONSUMER_CONFIG,
    ),
    config('isolation.level', ISOLATION, ISOLATION_HELP, undefined, CONSUMER_CONFIG),
  ],
  sparkJob: [
    nameField,
    {
      path: ['batchIntervalMs'],
      name: 'batchIntervalMs',
      unit: 'ms',
      help: 'How often a micro-batch is cut; shorter lowers latency but adds overhead per batch.',
      input: int,
    },
    {
      path: ['startAtSec'],
      name: 'startAtSec',
      unit: 's',
      help: 'When the job starts. Started late with auto.offset.reset=earliest, its first batches read what the topic already holds (on a compacted topic: a restore of every key).',
      input: number,
    },
    {
      path: ['mode'],
      name: 'mode',
      help: 'microBatch cuts a batch every interval. continuous keeps tasks running and handles records as they come (milliseconds), committing an epoch every batchIntervalMs; record-at-a-time operators only, at-least-once.',
      input: { type: 'enum', options: ['microBatch', 'continuous'] },
    },
    {
      path: ['checkpointIntervalMs'],
      name: 'checkpointIntervalMs',
      unit: 'ms',
      help: 'How often state and offsets are saved (rounded up to whole batches). Often costs I/O each time; rarely means more to replay after a driver failure.',
      input: int,
    },
    ...SPARK_KAFKA_FIELDS,
    config(
      'spark.executor.instances',
      int,
      'Executors the job runs on. Each has one local disk and one network link that its tasks share for shuffles.',
      'executors',
      SPARK_CONFIG,
    ),
    config(
      'spark.executor.cores',
      int,
      'Task slots per executor; executors x cores tasks run at once. More cores per executor share its disk and link.',
      'cores',
      SPARK_CONFIG,
    ),
    config(
      'spark.streaming.backpressure.enabled',
      bool,
      'Let a rate controller lower the intake when batches take longer than the interval.',
      undefined,
      SPARK_CONFIG,
    ),
    config(
      'spark.streaming.backpressure.initialRate',
      { type: 'optionalNumber', unsetLabel: 'not set (no limit)' },
      'Intake rate of the first batch, before the controller has measured anything.',
      'records/s',
      SPARK_CONFIG,
    ),
    config(
      'spark.streaming.backpressure.pid.proportional',
      number,
      'How strongly the controller reacts to the current gap between intake and processing.',
      undefined,
      SPARK_CONFIG,
    ),
    config(
      'spark.streaming.backpressure.pid.integral',
      number,
      'How strongly the controller reacts to work already queued (scheduling delay).',
      undefined,
      SPARK_CONFIG,
    ),
    config(
      'spark.streaming.backpressure.pid.derived',
      number,
      'How strongly the controller reacts to the gap changing.',
      undefined,
      SPARK_CONFIG,
    ),
    config(
      'spark.streaming.backpressure.pid.minRate',
      number,
      'The controller never lowers the intake below this.',
      'records/s',
      SPARK_CONFIG,
    ),
    config(
      'spark.streaming.kafka.maxRatePerPartition',
      number,
      'Fixed cap on records read per partition per second; 0 means no cap.',
      'records/s',
      SPARK_CONFIG,
    ),
    config(
      'spark.streaming.kafka.minRatePerPartition',
      int,
      'Every batch reads at least this many records per partition, if there are any.',
      'records',
      SPARK_CONFIG,
    ),
    config(
      'spark.default.parallelism',
      { type: 'optionalNumber', unsetLabel: 'not set (all executor cores)' },
      'Tasks after a shuffle (aggregate, window, pattern, shuffle join). Joins and patterns send every record of a key to one task, so a hot key makes that task long.',
      'tasks',
      SPARK_CONFIG,
    ),
    config(
      'spark.executor.memory',
      text,
      'Heap of each executor, as "512m" or "4g". State beyond its unified memory spills to disk; a broadcast that does not fit fails the tasks.',
      undefined,
      SPARK_CONFIG,
    ),
    config(
      'spark.memory.fraction',
      number,
      'Share of (heap - 300 MiB) that holds execution and storage: state, broadcasts, shuffles.',
      '0..1',
      SPARK_CONFIG,
    ),
    config(
      'spark.streaming.dynamicAllocation.enabled',
      bool,
      "Spark Streaming's dynamic allocation: every scaling interval, the mean batch processing time over the batch interval decides whether to add executors or remove one. Starts from spark.executor.instances.",
      undefined,
      SPARK_CONFIG,
    ),
    config(
      'spark.streaming.dynamicAllocation.scalingInterval',
      int,
      'How often the allocation looks at the batches completed since its last look.',
      's',
      SPARK_CONFIG,
    ),
    config(
      'spark.streaming.dynamicAllocation.scalingUpRatio',
      number,
      'At or above this ratio (processing time ÷ batch interval) it asks for max(round(ratio), 1) more executors. Must be above scalingDownRatio.',
      undefined,
      SPARK_CONFIG,
    ),
    config(
      'spark.streaming.dynamicAllocation.scalingDownRatio',
      number,
      'At or below this ratio it removes one executor. Must be below scalingUpRatio.',
      undefined,
      SPARK_CONFIG,
    ),
    config(
      'spark.streaming.dynamicAllocation.minExecutors',
      { type: 'optionalNumber', unsetLabel: 'not set (max(1, receivers): 1 for a Kafka topic)' },
      'It never removes executors below this.',
      'executors',
      SPARK_CONFIG,
    ),
    config(
      'spark.streaming.dynamicAllocation.maxExecutors',
      int,
      'It never asks for more than this. Executors beyond the Kafka partition count get no read task.',
      'executors',
      SPARK_CONFIG,
    ),
    ...RECEIVER_JOB_FIELDS,
  ],
  sparkSource: SPARK_SOURCE_FIELDS,
  mirrorMaker: [
    nameField,
    {
      path: ['sourceCluster'],
      name: 'sourceCluster',
      help: 'The cluster it copies from (a cluster id; the document’s own cluster is "primary" unless it has an id). Topics connected into it are mirrored.',
      input: text,
    },
    {
      path: ['targetCluster'],
      name: 'targetCluster',
      help: 'The cluster it copies to. Each mirrored topic goes to the topic connected out of it named <source.cluster.alias>.<topic> (DefaultReplicationPolicy). The Connect worker runs in this region.',
      input: text,
    },
    {
      path: ['tasks.max'],
      name: 'tasks.max',
      unit: 'tasks',
      help: 'Kafka Connect tasks copying records, each a consumer and a producer on its own thread; MM2 runs min(tasks.max, partitions) and deals the partitions out round-robin. With too few, the mirror lag grows by what is written above what they copy.',
      input: int,
      section: 'MirrorMaker 2 configs',
    },
    {
      path: ['emit.checkpoints.interval.seconds'],
      name: 'emit.checkpoints.interval.seconds',
      unit: 's',
      help: 'How often MM2 translates each consumer group’s committed offsets for the other cluster. A group failing over resumes from the last checkpoint, so what it processed since is processed again.',
      input: int,
      section: 'MirrorMaker 2 configs',
    },
    {
      path: ['sync.group.offsets.enabled'],
      name: 'sync.group.offsets.enabled',
      help: 'Write the checkpointed offsets into the target cluster’s __consumer_offsets, so a group failing over resumes there. Off (the default), it starts by auto.offset.reset unless the application translates the offsets itself.',
      input: bool,
      section: 'MirrorMaker 2 configs',
    },
    {
      path: ['sync.group.offsets.interval.seconds'],
      name: 'sync.group.offsets.interval.seconds',
      unit: 's',
      help: 'How often those offsets are written to the target cluster.',
      input: int,
      section: 'MirrorMaker 2 configs',
    },
    {
      path: ['replication.policy.separator'],
      name: 'replication.policy.separator',
      help: 'What goes between the source alias and the topic name in a mirrored topic’s name.',
      input: text,
      section: 'MirrorMaker 2 configs',
    },
  ],
  sink: [
    nameField,
    {
      path: ['kind'],
      name: 'kind',
      help: 'What kind of system receives the output.',
      input: { type: 'enum', options: SINK_KINDS },
    },
    {
      path: ['maxRecordsPerSec'],
      name: 'maxRecordsPerSec',
      unit: 'records/s',
      help: 'Writes per second the system accepts; 0 means no limit.',
      input: number,
    },
    {
      path: ['writeLatencyMs'],
      name: 'writeLatencyMs',
      unit: 'ms',
      help: 'Time one write (a batch from one task) takes to be confirmed.',
      input: number,
    },
    {
      path: ['delivery'],
      name: 'delivery',
      help: 'What happens to output replayed after a driver restart: atLeastOnce stores it twice, idempotent overwrites it, transactional commits output with offsets (one more round trip per batch) so nothing repeats.',
      input: { type: 'enum', options: ['atLeastOnce', 'idempotent', 'transactional'] },
    },
  ],
  broker: [
    nameField,
    { path: ['rack'], name: 'rack', help: 'Rack or zone label of this broker (informational).', input: text },
    {
      path: ['hardware', 'cores'],
      name: 'hardware.cores',
      unit: 'cores',
      help: 'CPU cores for the broker’s request handling.',
      input: int,
      section: 'Hardware',
    },
    {
      path: ['hardware', 'diskMBps'],
      name: 'hardware.diskMBps',
      unit: 'MB/s',
      help: 'Sustained sequential write speed of all its disks together.',
      input: number,
      section: 'Hardware',
    },
    {
      path: ['hardware', 'networkInMBps'],
      name: 'hardware.networkInMBps',
      unit: 'MB/s',
      help: 'Network receive bandwidth (produce requests and replication).',
      input: number,
      section: 'Hardware',
    },
    {
      path: ['hardware', 'networkOutMBps'],
      name: 'hardware.networkOutMBps',
      unit: 'MB/s',
      help: 'Network send bandwidth (fetches by consumers and followers).',
      input: number,
      section: 'Hardware',
    },
    {
      path: ['hardware', 'cpuGHz'],
      name: 'hardware.cpuGHz',
      unit: 'GHz',
      help: 'Clock of one core: request handling costs cycles, so a slower clock takes longer.',
      input: number,
      section: 'Hardware',
    },
    {
      path: ['hardware', 'cpuWakeMs'],
      name: 'hardware.cpuWakeMs',
      unit: 'ms',
      help: 'How long a core takes to wake from deep sleep; paid at every hop a quiet cluster makes, which is why idle clusters are slower than busy ones.',
      input: number,
      section: 'Hardware',
    },
    {
      path: ['hardware', 'cpuSleepAfterMs'],
      name: 'hardware.cpuSleepAfterMs',
      unit: 'ms',
      help: 'Idle time after which a core goes into deep sleep.',
      input: number,
      section: 'Hardware',
    },
    {
      path: ['hardware', 'diskFsyncMs'],
      name: 'hardware.diskFsyncMs',
      unit: 'ms',
      help: 'What one fsync costs on top of the writes: a rotation and a seek on a hard disk (8 ms), far less on an SSD.',
      input: number,
      section: 'Hardware',
    },
    {
      path: ['hardware', 'networkBaselineMBps'],
      name: 'hardware.networkBaselineMBps',
      unit: 'MB/s',
      help: 'For a cloud card sold as “up to N”: what it sustains once its burst credits run out.',
      input: { type: 'optionalNumber', unsetLabel: 'none: the peak is sustained' },
      section: 'Hardware',
    },
    {
      path: ['hardware', 'networkBurstSec'],
      name: 'hardware.networkBurstSec',
      unit: 's',
      help: 'How long full burst credits last at the peak (credits come back while below the baseline).',
      input: { type: 'optionalNumber', unsetLabel: 'none' },
      section: 'Hardware',
    },
    {
      path: ['hardware', 'memoryGB'],
      name: 'hardware.memoryGB',
      unit: 'GB',
      help: 'RAM; Kafka leaves most of it to the page cache.',
      input: number,
      section: 'Hardware',
    },
    ...TIERED_BROKER_HARDWARE_FIELDS,
  ],
  'stage:map': [cost('map')],
  'stage:flatMap': [
    {
      path: ['fanOut'],
      name: 'fanOut',
      unit: 'records out per record in',
      help: 'How many records each input record becomes, on average.',
      input: number,
    },
    cost('flatMap'),
  ],
  'stage:filter': [
    {
      path: ['selectivity'],
      name: 'selectivity',
      unit: '0..1',
      help: 'Share of records that pass the filter.',
      input: number,
    },
    cost('filter'),
  ],
  'stage:aggregate': [
    {
      path: ['keyCardinality'],
      name: 'keyCardinality',
      unit: 'keys',
      help: 'Distinct keys per batch; reduceByKey emits one record per key and needs a shuffle.',
      input: int,
    },
    cost('aggregation'),
  ],
  'stage:window': [
    {
      path: ['windowLengthMs'],
      name: 'windowLengthMs',
      unit: 'ms',
      help: 'How much recent data each window covers; a multiple of the batch interval.',
      input: int,
    },
    {
      path: ['slideMs'],
      name: 'slideMs',
      unit: 'ms',
      help: 'How often a window result is produced; a multiple of the batch interval.',
      input: int,
    },
    {
      path: ['keyCardinality'],
      name: 'keyCardinality',
      unit: 'keys',
      help: 'Distinct keys in a window; one output record per key.',
      input: int,
    },
    {
      path: ['watermarkDelayMs'],
      name: 'watermarkDelayMs',
      unit: 'ms',
      help: 'Set it to window by event time: records more than this far behind the newest event time are dropped as late.',
      input: { type: 'optionalNumber', unsetLabel: 'not set (arrival time, nothing dropped)' },
    },
    cost('window'),
  ],
  'stage:join': [
    {
      path: ['tableRows'],
      name: 'tableRows',
      unit: 'rows',
      help: 'Rows of the static table each record is looked up in.',
      input: int,
    },
    {
      path: ['tableRowBytes'],
      name: 'tableRowBytes',
      unit: 'bytes',
      help: 'Size of one table row; with broadcast, the whole table is copied to every executor.',
      input: int,
    },
    {
      path: ['matchRate'],
      name: 'matchRate',
      unit: '0..1',
      help: 'Share of records that find a row (an inner join drops the rest).',
      input: number,
    },
    {
      path: ['strategy'],
      name: 'strategy',
      help: 'broadcast ships the table to each executor; shuffle partitions both sides by key.',
      input: { type: 'enum', options: ['broadcast', 'shuffle'] },
    },
    cost('join'),
  ],
  'stage:streamJoin': [
    {
      path: ['topic'],
      name: 'topic',
      help: 'The other stream. Connect a second topic to the job and it is set here.',
      input: text,
    },
    {
      path: ['withinMs'],
      name: 'withinMs',
      unit: 'ms',
      help: 'How long records of either stream wait for a partner; it bounds the join state.',
      input: int,
    },
    {
      path: ['matchRate'],
      name: 'matchRate',
      unit: '0..1',
      help: "Share of this stream's records that meet a partner in time (one output each).",
      input: number,
    },
    cost('stream-stream join'),
  ],
  'stage:cep': [
    {
      path: ['keyCardinality'],
      name: 'keyCardinality',
      unit: 'keys',
      help: 'Distinct keys a pattern is tracked for (a card, a device, a user).',
      input: int,
    },
    {
      path: ['withinMs'],
      name: 'withinMs',
      unit: 'ms',
      help: 'The pattern must complete within this time; partial matches are kept that long.',
      input: int,
    },
    {
      path: ['matchRate'],
      name: 'matchRate',
      unit: '0..1',
      help: 'Share of records that complete a pattern; each match is one output record.',
      input: number,
    },
    {
      path: ['stateBytesPerKey'],
      name: 'stateBytesPerKey',
      unit: 'bytes',
      help: 'State kept for each key with a partial match open.',
      input: int,
    },
    cost('pattern'),
  ],
  'stage:score': [
    {
      path: ['modelBytes'],
      name: 'modelBytes',
      unit: 'bytes',
      help: 'Size of the model; it is broadcast to every executor and must fit in its memory.',
      input: int,
    },
    {
      path: ['refreshEveryBatches'],
      name: 'refreshEveryBatches',
      unit: 'batches',
      help: 'Reload the retrained model every this many batches (0: never), paying the broadcast again.',
      input: int,
    },
    cost('scoring'),
  ],
  'stage:sink': [cost('output stage (foreachRDD write)')],
};
