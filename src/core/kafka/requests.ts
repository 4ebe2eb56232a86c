// The requests that travel between clients and brokers.
import type { CompressionCodec } from '../costs';
import type { FifoResource } from '../engine/resource';
import type { AckWaiter, Partition, PartitionWaiter } from './partition';
import type { Transaction } from './transactions';

/**
 * Records of one partition sent together (a Kafka record batch). The same object is the batch
 * being filled in the accumulator, the batch in the request and, with acks=all, what waits for
 * replication at the partition: one allocation per batch.
 */
export interface ProducerBatch extends AckWaiter {
  partition: Partition;
  count: number;
  /** Bytes on the wire and on disk (after compression). */
  wireBytes: number;
  /** Bytes the batch holds in the producer's buffer.memory until it completes. */
  memoryBytes: number;
  createStart: number;
  createEnd: number;
  /** Why the broker refused it in the last attempt ('' when written). */
  error: string;
  /** Sent again after an error: holds its records as they were, takes no more. */
  sealed: boolean;
  /**
   * Where the last attempt that reached a leader's log put the batch (its end offset; 0: never
   * written) and how many times the partition's log had been cut back then. A retry after a lost
   * answer may find it still there; this is what Kafka's (producer id, partition, sequence) check
   * knows, reduced to what the simulation needs.
   */
  writtenEnd: number;
  writtenCuts: number;
  /**
   * When the application thread is through with every record appended so far (send(), and
   * compression with compression.type set): the batch cannot leave before. A retry sends it again
   * as it is.
   */
  appendedAt: number;
  /** The transaction its records belong to (a producer with transactional.id). */
  txn?: Transaction | undefined;
  /**
   * When the batch was made in the accumulator (its first record handed over by send()): where
   * delivery.timeout.ms counts from, as in Kafka. A record that waited before send() took it (a
   * full buffer.memory, or the application inside commitTransaction()) has an older creation time.
   */
  openedAt: number;
}

export interface ProduceClient {
  onProduceResponse(request: ProduceRequest, now: number): void;
  /**
   * No answer will come (broker down or unreachable, leader moved): the request times out, or,
   * when the broker's machine reset the connection, fails at `resetAt`, when the reset arrives.
   */
  onProduceLost(request: ProduceRequest, why: string, resetAt?: number): void;
  /**
   * The request sits in a connection nobody drains (`stuck`), or no longer does: it fills the
   * socket's send buffer meanwhile, which is what stops an acks=0 producer.
   */
  onProduceStuck(request: ProduceRequest, stuck: boolean): void;
  /** Acknowledged records of this client were truncated away by a leader change. */
  onRecordsLost(count: number, reason: string): void;
  /** A retry wrote records the log already held (enable.idempotence off): consumers read them twice. */
  onDuplicatesWritten(count: number): void;
}

/**
 * The broker's side of a producer's connection (one per connection the client opens): the broker
 * handles its requests one at a time, in order. `current` is being handled (or waits for
 * replication), `queue` holds the ones sent behind it.
 */
export interface ProduceChannel {
  /** The client machine's outgoing network link the requests leave through. */
  clientOut: FifoResource | undefined;
  current: ProduceRequest | undefined;
  queue: ProduceRequest[];
  /** The broker incarnation the connection was made to: after a crash it starts afresh. */
  epoch: number;
  /** The broker's side: frees the connection once `req` is answered or never will be. */
  server: { finishProduce(req: ProduceRequest, now: number): void } | undefined;
}

export interface ProduceRequest {
  client: ProduceClient;
  broker: number;
  channel: ProduceChannel;
  batches: ProducerBatch[];
  wireBytes: number;
  records: number;
  acks: 'all' | '1' | '0';
  /** Batches still waiting for replication (acks=all). */
  pending: number;
  /** Set by the broker: counts down `pending` as each batch is replicated. */
  onBatchReplicated?: (now: number) => void;
  sentAt: number;
  /** The broker's incarnation that accepted it: a crash since means the request is gone. */
  brokerEpoch: number;
  /** Batches the broker refused (their `error` says why); the others were written. */
  failed: number;
  /** The client counted its written records as acknowledged. */
  acknowledged: boolean;
  /** No answer will come; the client times it out and retries. */
  lost: boolean;
  /** The batches' codec: the leader decompresses them to check their records (COMPRESSION_CPU). */
  compression: CompressionCodec;
  /** enable.idempotence: the leader skips what it already holds of a retried batch instead of writing it again. */
  idempotent: boolean;
  /** Which of the client's connections to the broker carried it (they are numbered as they open). */
  connection?: number;
}

export interface FetchClient {
  /** The incoming network link of the client's machine, which the answer crosses. */
  readonly receiveLink: FifoResource | undefined;
  /** The rack (zone) the client is in, when known: answers from another rack cross zones. */
  readonly rack?: string | undefined;
  /** The request's answer has arrived: `ends` and `bytes` hold what was read. */
  onFetchResponse(request: FetchRequest, now: number): void;
}

export interface FetchSettings {
  minBytes: number;
  maxWaitMs: number;
  maxBytes: number;
  maxPartitionBytes: number;
  /** isolation.level=read_committed: read only below each partition's last stable offset. */
  readCommitted?: boolean;
}

/**
 * A fetch from a follower (replicaOf >= 0, reads to the log end) or a consumer (reads to the high
 * watermark). Each client keeps one per broker and sends it again once answered, so the request,
 * its offsets and its answer are allocated once, not per fetch. `generation` tells the waiting
 * lists it sits on which of its sends they hold.
 */
export class FetchRequest implements PartitionWaiter {
  /** How many entries of `partitions`, `offsets` and `ends` this send uses. */
  count = 0;
  readonly partitions: Partition[] = [];
  readonly offsets: number[] = [];
  /** For a follower's fetch: its position in each partition's replica list. */
  readonly replicaPositions: number[] = [];
  /** Byte position of each offset, as of the log version in `startVersions` (-1: not looked up). */
  private readonly startBytes: number[] = [];
  private readonly startVersions: number[] = [];
  /** The answer: end offset read per partition (equal to the offset when nothing was read). */
  readonly ends: number[] = [];
  /** The answer: bytes read in all. */
  bytes = 0;
  /** True once the current send is answered. */
  done = true;
  generation = 0;

  constructor(
    readonly client: FetchClient,
    readonly broker: {
      readonly index: number;
      retryParkedFetch(request: FetchRequest, now: number): boolean;
    },
    /** Broker index of the follower sending it, or -1 for a consumer. */
    readonly replicaOf: number,
    readonly settings: FetchSettings,
  ) {}

  /** Starts a new send; fill `partitions` and `offsets` up to `count` next. */
  reset(): void {
    this.count = 0;
    this.bytes = 0;
    this.done = false;
  }

  /** Adds a partition to read from `offset` (a follower also says where it is among the replicas). */
  add(partition: Partition, offset: number, replicaPosition = -1): void {
    const k = this.count++;
    if (k < this.partitions.length) {
      this.partitions[k] = partition;
      this.offsets[k] = offset;
      this.replicaPositions[k] = replicaPosition;
      this.startVersions[k] = -1;
    } else {
      this.partitions.push(partition);
      this.offsets.push(offset);
      this.replicaPositions.push(replicaPosition);
      this.ends.push(offset);
      this.startBytes.push(0);
      this.startVersions.push(-1);
    }
  }

  /**
   * `partitions[k].log.bytesAt(offsets[k])`, looked up once per send (again only if the log
   * changed under it): a parked consumer fetch is checked at every high-watermark move.
   */
  startBytesAt(k: number): number {
    const log = this.partitions[k]!.log;
    if (this.startVersions[k] !== log.version) {
      this.startBytes[k] = log.bytesAt(this.offsets[k]!);
      this.startVersions[k] = log.version;
    }
    return this.startBytes[k]!;
  }

  /** Marks the send answered: every list it waits on now holds a stale entry. */
  answer(): void {
    this.done = true;
    this.generation++;
  }

  wake(now: number): boolean {
    return !this.done && this.broker.retryParkedFetch(this, now);
  }
}
