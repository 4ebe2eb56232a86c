// Every cost the engine assumes but the document does not set, with the reasoning, in one place.
// Change them here and the tests that pin queueing behaviour will tell you what moved.

// ---- CPU: what requests and records cost, in cycles ----
// A cost in cycles takes cycles / (cpuGHz * 1e6) ms on the machine that pays it (hardware.cpuGHz),
// so the same work is slower on the 2.5 GHz cores of 2014 than on a 3 GHz cloud core. The figures
// are orders of magnitude read from what each code path does (copies, checksums, locks, objects
// allocated per record), anchored on two widely observed facts rather than on any one benchmark
// row: one Java producer thread sends about a million small records per second on a current 3 GHz
// core, and one consumer reads several million small records per second when its network allows.

/** The producer client (KafkaProducer). */
export const PRODUCER_CYCLES = {
  // The application thread's send(): partitioner, accumulator append under the partition deque's
  // lock, the record's future and callback objects. About 1 us per record at 3 GHz.
  sendPerRecord: 3000,
  // Copying the serialized key and value into the batch buffer.
  sendPerByte: 1,
  // The sender (I/O) thread, per request: building it, the selector's write, reading the response.
  perRequest: 30_000,
  // Per batch: closing it (header, CRC32C over its bytes), and completing it on the response.
  perBatch: 5_000,
  // Per acknowledged record: completing its future and running its callback.
  completePerRecord: 150,
} as const;

/**
 * A MirrorMaker 2 task (MirrorSourceTask on a Kafka Connect worker), per record it copies: the
 * consumer's poll, turning the ConsumerRecord into a SourceRecord (topic renamed, headers, offset
 * bookkeeping for offset syncs), Connect's converter and the producer's send. Assumed, of the order
 * of published single-task figures (tens of MB/s): about 13 us per record at 3 GHz.
 */
export const MIRROR_CYCLES = {
  perRecord: 40_000,
  perByte: 5,
} as const;

/** The consumer client (KafkaConsumer), on the thread that calls poll(). */
export const CONSUMER_CYCLES = {
  // Handling a fetch response and sending the next fetch (fetch session, selector).
  perFetch: 30_000,
  // Decoding a record (varints, headers), building the ConsumerRecord, deserializing its bytes.
  perRecord: 600,
  // Copying the response out of the socket buffer and checking each batch's CRC32C.
  perByte: 1,
} as const;

/**
 * The broker. Requests go through two thread pools, num.network.threads (reading requests from the
 * sockets, writing responses) and num.io.threads (validating and appending produce requests, reading
 * fetches), all on the machine's cores. A connection is served one request at a time: the broker
 * stops reading it until the previous request's response has gone out (that is how Kafka keeps
 * responses in order), so a producer's max.in.flight.requests.per.connection pipelines requests over
 * the network but not through the broker.
 */
export const BROKER_CYCLES = {
  // Network thread: reading and parsing a request (headers, buffers), per request and per byte.
  readPerRequest: 20_000,
  readPerByte: 0.5,
  // Network thread: queueing and writing a response. Fetched records go with sendfile (zero copy).
  writePerResponse: 10_000,
  // The operating system's share, counted with the thread that waits for it. Receiving: the NIC's
  // interrupts, segments merged by GRO, TCP's bookkeeping and the copy out of the socket buffer; a
  // current server core takes in some 20-25 Gb/s of one stream with offloads, about a cycle a byte.
  // Sending with TSO and sendfile (the page cache's pages go to the card, no copy): a third of that.
  // TLS is not modelled (it would add about a cycle a byte each way).
  kernelReceivePerByte: 1,
  kernelSendPerByte: 0.3,
  // Request handler, produce: per request (authorization, purgatory, metrics), per partition's
  // batch (the partition lock, offset assignment, index entries), per record (the validator walks
  // every record to check offsets and timestamps), per byte (CRC32C, the copy into the page cache).
  producePerRequest: 40_000,
  producePerBatch: 10_000,
  producePerRecord: 150,
  producePerByte: 0.3,
  // Request handler, fetch: per request and per partition (looking up positions, building the reply).
  fetchPerRequest: 20_000,
  fetchPerPartition: 2_000,
  // A follower's replica fetcher thread appending what it fetched: per response and per byte (no
  // per-record validation: the leader did it).
  replicaAppendPerResponse: 20_000,
  replicaAppendPerByte: 0.3,
} as const;

/**
 * Garbage collection in the JVMs (brokers and clients): a young collection stops every thread of
 * the process once the objects allocated since the last fill the young generation. Allocation
 * follows the work: a broker reads each produce request (and each follower its fetched records) into
 * heap buffers, and allocates some objects for every request; clients allocate a few objects and
 * the key and value arrays for every record. Kafka's operations notes report, for a busy broker on
 * a 6 GB G1 heap, young collections under one a second and a 90th-percentile pause of about 21 ms:
 * a young generation of about 1 GB and 20 ms pauses. Client processes run smaller heaps, with
 * shorter pauses. Rare and short, pauses matter at high utilisation: what queues up during one
 * drains only at the spare capacity, so near saturation a 20 ms pause leaves seconds of backlog.
 */
export const JVM_GC = {
  broker: { youngGenBytes: 1e9, pauseMs: 20 },
  client: { youngGenBytes: 250e6, pauseMs: 10 },
  perRequestBytes: 4096,
  perRecordBytes: 100,
} as const;

/**
 * Record format v2 on the wire and on disk: each record adds its length, attributes, timestamp and
 * offset deltas, key and value lengths and header count as varints (about 8 bytes for a small
 * record) to the serialized key, value and headers; each batch adds a 61-byte header. Compression
 * shrinks the records, not the header.
 */
export const RECORD_OVERHEAD_BYTES = 8;
export const BATCH_HEADER_BYTES = 61;

/**
 * A transfer longer than this much of its slowest link's time crosses the links one such quantum at a
 * time, so that concurrent transfers share a link as TCP connections do (engine/network.ts).
 */
export const NETWORK_QUANTUM_MS = 1;

/**
 * Share of RAM the OS lets fill with dirty pages before writers block. Kafka writes into the page
 * cache and leaves flushing to the OS, so disks only throttle producers once this budget is used.
 */
export const DIRTY_PAGE_FRACTION = 0.1;

/**
 * Share of RAM that works as page cache for the log. Kafka keeps its JVM heap small (a few GB) and
 * relies on the OS to cache log segments, so most of a dedicated broker's memory ends up holding the
 * most recently written bytes of the partitions it hosts. Reads within that tail come from memory;
 * older data has been evicted and is read from disk, sharing the disk with writes. 75% leaves room
 * for the heap, the OS and other processes. One figure for all partitions (leader or follower).
 */
export const PAGE_CACHE_FRACTION = 0.75;

// ---- Compression: bytes saved, CPU spent (all assumptions about codecs live in this block) ----
/** The codecs of compression.type. */
export type CompressionCodec = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

/**
 * Compressed size as a share of the original, for typical JSON-like event payloads. It scales what
 * the network and the disks carry: the producer sends compressed batches, the broker stores them
 * as they came (the topic keeps the producer's codec) and consumers fetch them compressed.
 */
export const COMPRESSION_RATIO: Record<CompressionCodec, number> = {
  none: 1,
  gzip: 0.3,
  snappy: 0.5,
  lz4: 0.5,
  zstd: 0.28,
};

/**
 * What the bytes saved above cost in CPU, as throughput of one core in MB/s of *uncompressed* data
 * (so a cost is uncompressed MB / rate; Infinity means free). Rough middles of the ranges that
 * public benchmarks give for small, repetitive records on a current server core; real figures
 * depend on the payload, the level and the JVM, so read them as orders of magnitude.
 *
 * Producer (`producerMBps`): records are compressed as they are appended to their batch, and a
 * batch can go out only once it is compressed. The client does this work on one core (the
 * application threads calling send() take turns on the batch's compressor; we model one core for
 * the whole client), so a producer whose uncompressed rate exceeds its codec's figure saturates:
 * batches wait for the CPU, buffer.memory fills and send() blocks. gzip (deflate) is the slow one
 * at some 30-60 MB/s; snappy 250-500; lz4 400-700; zstd at its default level 3 150-400.
 *
 * Broker (`brokerDecompressMBps`): the broker does not recompress (the topic's compression.type is
 * 'producer', so batches are stored as sent), but before appending it checks every record of the
 * batch (offsets, timestamps, sizes), which means streaming through the decompressor. This is on
 * top of BROKER_CYCLES.producePerByte (CRC over the compressed bytes). Decompression is much faster
 * than compression: gzip some 200-300 MB/s, snappy and lz4 1-3 GB/s, zstd 800-1000 MB/s.
 * Followers append what they fetch without that check. Consumers decompress what they fetch on
 * their poll thread at the same rates (consumer groups; Spark tasks' reads are in executorReadMBps).
 */
export const COMPRESSION_CPU: {
  producerMBps: Record<CompressionCodec, number>;
  brokerDecompressMBps: Record<CompressionCodec, number>;
} = {
  producerMBps: { none: Infinity, gzip: 50, snappy: 400, lz4: 500, zstd: 250 },
  brokerDecompressMBps: { none: Infinity, gzip: 250, snappy: 1500, lz4: 2000, zstd: 900 },
};

/** Bytes of a produce or fetch request besides the records (headers, per-partition metadata). */
export const REQUEST_OVERHEAD_BYTES = 100;
export const PER_PARTITION_OVERHEAD_BYTES = 40;

/** Spark overheads, from the scale seen in Spark's UI for small streaming jobs. */
export const SPARK = {
  // Driver work to generate and submit one micro-batch job (planning, offsets, DAG scheduling).
  batchOverheadMs: 10,
  // Per stage: the scheduler's bookkeeping and the barrier between map and reduce sides.
  stageOverheadMs: 2,
  // Per task: launch, deserialisation, result reporting.
  taskOverheadMs: 1,
  // CPU to serialise and compress shuffled data on the map side (spark.shuffle.compress, lz4), and
  // again to decompress and deserialise it on the reduce side: ms of one core per MB, each side.
  shuffleSerdeMsPerMB: 2,
  // Each executor's machine (sparkJob.executorHardware) has one local disk its tasks share: map
  // tasks write their shuffle files there, and reduce tasks read the blocks that happen to be local
  // from it. And one network card its tasks share: a reduce task fetches the blocks that live on
  // other executors through it (with E executors, (E - 1) / E of a task's shuffle input is remote),
  // and the Kafka records come in through it. A burstable card counts at its baseline: a job runs
  // for hours, past any burst credits.
  // A task takes in the records it reads from Kafka (its own consumer: decompression, decoding) at
  // up to this rate; the bytes also cross its executor's network link (below), shared by its tasks.
  executorReadMBps: 500,
  // Size of one record after a shuffle or aggregation (key plus partial aggregate).
  aggregateRecordBytes: 64,
  // State that does not fit in memory is written to the executor's local disk and read back when
  // the next batch needs it: a local SSD shared by the executor's tasks, with serialisation.
  spillMBps: 200,
  // A checkpoint writes the job's state and the batch's offsets to reliable storage (HDFS, S3):
  // a fixed cost for the metadata files and round trips, then the state at a replicated write rate.
  checkpointOverheadMs: 20,
  checkpointWriteMBps: 100,
  // Memory Spark keeps back from every executor heap before spark.memory.fraction applies.
  reservedMemoryBytes: 300 * 2 ** 20,
  // A failed driver is relaunched by the cluster manager (spark-submit --supervise) and rebuilds its
  // context from the checkpoint: JVM start, executor registration, reading the checkpoint.
  driverRestartMs: 20_000,
  // A lost executor's slots come back when the cluster manager has started a replacement.
  executorReplaceMs: 30_000,
  // An executor asked for during a run (by hand, or by streaming dynamic allocation) takes tasks
  // this long after the request: the cluster manager grants a container or pod (about a second on
  // a cluster with room), the executor JVM starts and loads Spark's classes (1-2 s), registers with
  // the driver and fetches the application's jars and files. A few seconds on YARN or Kubernetes
  // with a warm image; we take 5 s. Longer when new machines must be bought (cluster autoscaling),
  // which is not modelled.
  executorStartMs: 5_000,
  // Continuous mode: each long-running task polls Kafka again as soon as it has processed what it
  // had; we take the poll loop to come round every 2 ms when idle. No per-batch or per-task launch
  // costs apply: the tasks were started once.
  continuousPollMs: 2,
  // Receiver sources (spark/receiverInput.ts). A block is stored with MEMORY_AND_DISK_SER_2: kept in
  // the receiving executor and copied to a second one over its network card; it counts as stored
  // (and is reported to the driver) once the copy is there. With the write-ahead log the second
  // copy is dropped (Spark lowers the replication to 1) and the block is written to the log in the
  // checkpoint directory instead: a sync of the log file per block, the bytes at the checkpoint
  // write rate, and per record the serialisation and the log's framing.
  receiverWalSyncMs: 5,
  receiverWalRecordUs: 1,
  // A receiver whose executor died is started again on another executor after Spark's restart
  // delay (ReceiverSupervisor's default, 2 s); a driver restart starts every receiver again.
  receiverRestartMs: 2_000,
} as const;

/**
 * The files sink writes each task's output of a batch as a new file: creating, closing and
 * committing (renaming) a file on HDFS or an object store costs round trips to its metadata
 * service whatever the file's size. That is why many small files are slow.
 */
export const FILE_SINK_OVERHEAD_MS = 50;

/** Arrivals are generated in windows of this length (bounded by linger.ms / 2) at high rates. */
export const ARRIVAL_WINDOW_MIN_MS = 0.1;
export const ARRIVAL_WINDOW_MAX_MS = 10;

/**
 * Controller timing besides broker.session.timeout.ms (which the document sets). A crashed or cut
 * off broker is noticed only when its session times out; then the controller picks new leaders and
 * brokers learn them from the metadata log: a few hundred ms in a small KRaft cluster.
 */
export const CONTROLLER = {
  // From fencing a broker to its partitions having new leaders that accept writes.
  electionMs: 300,
  // A returning broker registers and is unfenced at its next heartbeat (broker.heartbeat.interval.ms = 2000).
  unfenceMs: 2000,
} as const;

// ---- Consumer group rebalances (added with the group faults; owned by the consumer group work) ----
/**
 * Group coordinator timing besides the consumer settings the document holds (session.timeout.ms,
 * partition.assignment.strategy, enable.auto.commit).
 * - A JoinGroup and SyncGroup round: the coordinator waits for every member to rejoin (each does
 *   so in its next poll, after its current records and after a heartbeat told it of the
 *   rebalance), then the leader's assignment goes out. For a small healthy group we assume 300 ms.
 *   An eager rebalance stops the whole group for one round; a cooperative one needs two rounds for
 *   the partitions that move (revoke, then assign) and none of the others stop.
 * - group.initial.rebalance.delay.ms (a broker setting, Kafka's default 3000) delays only a group's
 *   first rebalance, when it has no members yet. A run starts with its groups already formed, so
 *   the delay applies only when members join a group whose members have all gone.
 * - A crashed member is noticed exactly session.timeout.ms after the crash (its last heartbeat is
 *   taken to be at the crash, not up to heartbeat.interval.ms earlier).
 * - New partitions are noticed by the group at once (real consumers see them at their next metadata
 *   refresh, up to metadata.max.age.ms = 5 min later); with auto.offset.reset=latest, records written
 *   to a new partition before the group is assigned it are skipped, as in Kafka.
 */
export const GROUP_REBALANCE = {
  joinSyncRoundMs: 300,
  initialRebalanceDelayMs: 3000,
} as const;
