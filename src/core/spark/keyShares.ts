// How a shuffle by the records' key spreads a batch over the reduce tasks. Spark's HashPartitioner
// sends key K to reduce partition nonNegativeMod(K.hashCode, n), and a string key's hashCode is
// Java's String.hashCode. Every record of one key meets in one task, so a hot key makes that task
// long while the others wait at the end of the stage.
//
// We take the job's shuffle key to be the Kafka record's key (the producers' key model). Records
// without a key are spread evenly (the job would key them by some field we know nothing about).
import type { KeyModel, Producer } from '../../model/types';

/** Java's String.hashCode of "key-" (the prefix of every key name). */
const PREFIX_HASH = [...'key-'].reduce((h, c) => (Math.imul(31, h) + c.charCodeAt(0)) | 0, 0);

/** Java's String.hashCode of "key-k" (the simulation's key names), without building the string. */
export function keyHashCode(k: number): number {
  let scale = 1;
  while (scale * 10 <= k) scale *= 10;
  let h = PREFIX_HASH;
  for (; scale >= 1; scale /= 10) h = (Math.imul(31, h) + 0x30 + (Math.floor(k / scale) % 10)) | 0;
  return h;
}

/** Share of a producer's records in each of n reduce partitions; undefined for null keys (even). */
export function keyShares(keys: KeyModel, n: number): Float64Array | undefined {
  if (keys.kind === 'null') return undefined;
  const shares = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < keys.count; k++) {
    const w = keys.kind === 'uniform' ? 1 : 1 / Math.pow(k + 1, keys.exponent);
    const h = keyHashCode(k) % n;
    shares[h < 0 ? h + n : h]! += w;
    total += w;
  }
  for (let i = 0; i < n; i++) shares[i]! /= total;
  return shares;
}

/**
 * The reduce-side shares of a topic's records, mixing its producers by base rate; memoised per
 * task count (the count changes only when executors are lost or come back). Undefined: even.
 */
export function shuffleSharesOf(producers: readonly Producer[]): (n: number) => Float64Array | undefined {
  const total = producers.reduce((a, p) => a + p.rate.recordsPerSec, 0);
  const keyed = producers.some((p) => p.keys.kind !== 'null');
  const memo = new Map<number, Float64Array | undefined>();
  return (n) => {
    if (!keyed || total <= 0 || n <= 1) return undefined;
    if (memo.has(n)) return memo.get(n);
    const mixed = new Float64Array(n);
    for (const p of producers) {
      const w = p.rate.recordsPerSec / total;
      const shares = keyShares(p.keys, n);
      for (let i = 0; i < n; i++) mixed[i]! += w * (shares ? shares[i]! : 1 / n);
    }
    memo.set(n, mixed);
    return mixed;
  };
}
