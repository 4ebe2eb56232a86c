// Which partition each record goes to: Kafka's murmur2 of the key for keyed records, the sticky
// partitioner for records without a key.
import type { KeyModel } from '../../../model/types';
import type { Rng } from '../../util/rng';
import { murmur2, toPositive } from '../murmur2';

/** The key strings the simulation uses: key k (0-based) is "key-k"; for Zipf, k=0 is the hottest. */
export function keyName(k: number): string {
  return `key-${k}`;
}

const KEY_PREFIX = [0x6b, 0x65, 0x79, 0x2d]; // "key-"

/**
 * Writes the UTF-8 bytes of keyName(k) (a whole k >= 0) into `into`; returns their length. Hashing
 * a hundred thousand keys through strings and TextEncoder took longer than a simulated minute.
 */
export function keyNameBytes(k: number, into: Uint8Array): number {
  into.set(KEY_PREFIX);
  let digits = 1;
  for (let x = k; x >= 10; x = Math.floor(x / 10)) digits++;
  let x = k;
  for (let i = KEY_PREFIX.length + digits - 1; i >= KEY_PREFIX.length; i--) {
    into[i] = 0x30 + (x % 10);
    x = Math.floor(x / 10);
  }
  return KEY_PREFIX.length + digits;
}

/** Share of records each partition receives under a key model (null keys: undefined). */
export function partitionWeights(keys: KeyModel, partitions: number): Float64Array | undefined {
  if (keys.kind === 'null') return undefined;
  const weights = new Float64Array(partitions);
  const key = new Uint8Array(32);
  let total = 0;
  for (let k = 0; k < keys.count; k++) {
    const w = keys.kind === 'uniform' ? 1 : 1 / Math.pow(k + 1, keys.exponent);
    // partitionForKey(keyName(k), partitions), without the string.
    const length = keyNameBytes(k, key);
    weights[toPositive(murmur2(key, length)) % partitions]! += w;
    total += w;
  }
  for (let i = 0; i < partitions; i++) weights[i]! /= total;
  return weights;
}

/** How many key models' weights `sharedPartitionWeights` keeps (oldest dropped first). */
const SHARED_WEIGHTS_KEPT = 32;
const sharedWeights = new Map<string, Float64Array | undefined>();

/**
 * `partitionWeights`, computed once per key model and partition count and shared: producers with
 * the same keys (the schema allows a thousand, each hashing up to its key count) get the same
 * array, which none of them may change. A pure function remembered, so results are the same.
 */
export function sharedPartitionWeights(keys: KeyModel, partitions: number): Float64Array | undefined {
  if (keys.kind === 'null') return undefined;
  const id = `${keys.kind}/${keys.count}/${keys.kind === 'zipf' ? keys.exponent : ''}/${partitions}`;
  if (sharedWeights.has(id)) return sharedWeights.get(id);
  const weights = partitionWeights(keys, partitions);
  if (sharedWeights.size >= SHARED_WEIGHTS_KEPT) sharedWeights.delete(sharedWeights.keys().next().value!);
  sharedWeights.set(id, weights);
  return weights;
}

/**
 * The sticky partitioner: all key-less records go to one partition until about batch.size bytes
 * went there, then it switches. With adaptive partitioning the next partition is drawn with weight
 * (maxQueue + 1 - queue), so partitions whose batches pile up (slow brokers) get fewer records.
 */
export class StickyPartitioner {
  private current: number;
  private bytesInCurrent = 0;

  constructor(
    private partitions: number,
    private readonly batchSize: number,
    private readonly adaptive: boolean,
    private readonly rng: Rng,
  ) {
    this.current = rng.uniformInt(partitions);
  }

  /** The topic grew to `partitions`; the current partition keeps its run. */
  resize(partitions: number): void {
    this.partitions = partitions;
  }

  /**
   * Splits `count` records of `recordBytes` into runs per partition; `queueSize(p)` is the number
   * of batches waiting for partition p. Calls `emit(partition, records)` in order.
   */
  split(
    count: number,
    recordBytes: number,
    queueSize: (p: number) => number,
    emit: (partition: number, records: number) => void,
  ): void {
    let left = count;
    while (left > 0) {
      const room = Math.max(1, Math.ceil((this.batchSize - this.bytesInCurrent) / recordBytes));
      const n = Math.min(left, room);
      emit(this.current, n);
      left -= n;
      this.bytesInCurrent += n * recordBytes;
      if (this.bytesInCurrent >= this.batchSize) this.switchPartition(queueSize);
    }
  }

  private switchPartition(queueSize: (p: number) => number): void {
    this.bytesInCurrent = 0;
    if (!this.adaptive) {
      this.current = this.rng.uniformInt(this.partitions);
      return;
    }
    let maxQueue = 0;
    for (let p = 0; p < this.partitions; p++) maxQueue = Math.max(maxQueue, queueSize(p));
    let total = 0;
    for (let p = 0; p < this.partitions; p++) total += maxQueue + 1 - queueSize(p);
    let r = this.rng.next() * total;
    for (let p = 0; p < this.partitions; p++) {
      r -= maxQueue + 1 - queueSize(p);
      if (r < 0) {
        this.current = p;
        return;
      }
    }
    this.current = this.partitions - 1;
  }
}
