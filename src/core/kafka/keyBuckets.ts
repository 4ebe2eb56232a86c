// The key model seen per partition, as a few buckets of keys with about the same update rate: what
// the log cleaner's arithmetic needs instead of one entry per key. A partition receives the keys the
// producer's partitioner hashes to it (murmur2 of the key's name, as Kafka's default partitioner),
// so a hot key lives in exactly one partition. Zipf keys are grouped by rank in buckets that grow by
// a constant ratio, so a million keys make about sixty buckets; uniform keys make one.
import type { KeyModel } from '../../model/types';
import { murmur2, toPositive } from './murmur2';
import { keyNameBytes } from './producer/partitioner';

/** The keys of one partition: per bucket, how many keys, and the share of the partition's records each takes. */
export interface KeyBuckets {
  keys: Float64Array;
  share: Float64Array;
}

/** Zipf ranks per bucket grow by this ratio: every key of a bucket is updated within 1.2^exponent of the others. */
const BUCKET_RATIO = 1.2;

function bucketOfRank(rank: number): number {
  return Math.floor(Math.log(rank) / Math.log(BUCKET_RATIO));
}

/** Per partition, its key buckets (partitions no key hashes to have none). */
export function partitionKeyBuckets(model: KeyModel, partitions: number): KeyBuckets[] {
  if (model.kind === 'null') return Array.from({ length: partitions }, () => emptyBuckets(0));
  const buckets = model.kind === 'uniform' ? 1 : bucketOfRank(model.count) + 1;
  const keys = Array.from({ length: partitions }, () => new Float64Array(buckets));
  const weight = Array.from({ length: partitions }, () => new Float64Array(buckets));
  const total = new Float64Array(partitions);
  const name = new Uint8Array(32);
  for (let k = 0; k < model.count; k++) {
    const w = model.kind === 'uniform' ? 1 : 1 / Math.pow(k + 1, model.exponent);
    const p = partitions === 1 ? 0 : toPositive(murmur2(name, keyNameBytes(k, name))) % partitions;
    const b = model.kind === 'uniform' ? 0 : bucketOfRank(k + 1);
    keys[p]![b]! += 1;
    weight[p]![b]! += w;
    total[p]! += w;
  }
  return keys.map((count, p) => {
    const share = new Float64Array(buckets);
    for (let b = 0; b < buckets; b++) share[b] = count[b]! > 0 ? weight[p]![b]! / count[b]! / total[p]! : 0;
    return { keys: count, share };
  });
}

function emptyBuckets(n: number): KeyBuckets {
  return { keys: new Float64Array(n), share: new Float64Array(n) };
}

/**
 * Share of a bucket's keys that appear at least once among n records of the partition: each record
 * picks a given key with probability `share`, so a key is missed by all n with (1 - share)^n.
 */
export function seenShare(share: number, n: number): number {
  if (share <= 0 || n <= 0) return 0;
  if (share >= 1) return 1;
  return -Math.expm1(n * Math.log1p(-share));
}

/** Expected distinct keys among n records of a partition. */
export function expectedDistinct(b: KeyBuckets, n: number): number {
  let d = 0;
  for (let i = 0; i < b.keys.length; i++) d += b.keys[i]! * seenShare(b.share[i]!, n);
  return d;
}

/** Distinct keys a partition can hold at most. */
export function totalKeys(b: KeyBuckets): number {
  let k = 0;
  for (let i = 0; i < b.keys.length; i++) k += b.keys[i]!;
  return k;
}
