// The requests that travel between clients and brokers.
import type { AckWaiter, Partition, PartitionWaiter } from './partition';

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
}

export interface ProduceClient {
  onProduceResponse(request: ProduceRequest, now: number): void;
}

export interface ProduceRequest {
  client: ProduceClient;
  broker: number;
  batches: ProducerBatch[];
  wireBytes: number;
  records: number;
  acks: 'all' | '1' | '0';
  /** Batches still waiting for replication (acks=all). */
  pending: number;
  /** Set by the broker: counts down `pending` as each batch is replicated. */
  onBatchReplicated?: (now: number) => void;
  sentAt: number;
}

export interface FetchClient {
  onFetchResponse(response: FetchResponse, now: number): void;
}

export interface FetchSettings {
  minBytes: number;
  maxWaitMs: number;
  maxBytes: number;
  maxPartitionBytes: number;
}

/** A fetch from a follower (replicaOf >= 0, reads to the log end) or a consumer (reads to the high watermark). */
export class FetchRequest implements PartitionWaiter {
  done = false;
  constructor(
    readonly client: FetchClient,
    readonly broker: { retryParkedFetch(request: FetchRequest, now: number): boolean },
    /** Broker index of the follower sending it, or -1 for a consumer. */
    readonly replicaOf: number,
    readonly partitions: Partition[],
    readonly offsets: number[],
    readonly settings: FetchSettings,
  ) {}

  wake(now: number): boolean {
    return !this.done && this.broker.retryParkedFetch(this, now);
  }
}

export interface FetchResponse {
  request: FetchRequest;
  /** End offset read per partition (equal to the request's offset when nothing was read). */
  ends: number[];
  bytes: number;
}
