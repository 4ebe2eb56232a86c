// Kafka's key partitioner: the same murmur2 hash as the Java client, so a key lands on the same partition here as
// it would in a real cluster with the same partition count.

const encoder = new TextEncoder();

/** Kafka's murmur2 (Utils.murmur2) of the first `length` bytes: 32-bit signed result, seed 0x9747b28c. */
export function murmur2(data: Uint8Array, length = data.length): number {
  const m = 0x5bd1e995;
  const r = 24;
  let h = 0x9747b28c ^ length;
  const length4 = length >> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = data[i4]! | (data[i4 + 1]! << 8) | (data[i4 + 2]! << 16) | (data[i4 + 3]! << 24);
    // Math.imul reproduces Java's wrapping int multiplication; >>> matches Java's unsigned shift.
    k = Math.imul(k, m);
    k ^= k >>> r;
    k = Math.imul(k, m);
    h = Math.imul(h, m);
    h ^= k;
  }
  const tail = length & ~3;
  const rest = length & 3;
  // Same effect as the Java switch with fall-through from case 3 to case 1.
  if (rest === 3) h ^= data[tail + 2]! << 16;
  if (rest >= 2) h ^= data[tail + 1]! << 8;
  if (rest >= 1) {
    h ^= data[tail]!;
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}

/** Kafka clears the sign bit rather than using abs, which would fail for Integer.MIN_VALUE. */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

export function partitionForKey(key: string, numPartitions: number): number {
  return toPositive(murmur2(utf8(key))) % numPartitions;
}
