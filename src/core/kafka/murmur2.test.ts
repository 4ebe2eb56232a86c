import { describe, expect, it } from 'vitest';
import { murmur2, partitionForKey, toPositive, utf8 } from './murmur2';

// Vectors from the reference (checked against Kafka's Utils.murmur2 and the default partitioner).
const VECTORS: ReadonlyArray<{ key: string; hash: number; partitions: Record<number, number> }> = [
  { key: '21', hash: -973932308, partitions: { 3: 0, 6: 0, 10: 0, 12: 0, 100: 40 } },
  { key: 'foobar', hash: -790332482, partitions: { 3: 0, 6: 0, 10: 6, 12: 6, 100: 66 } },
  {
    key: 'a-little-bit-long-string',
    hash: -985981536,
    partitions: { 3: 2, 6: 2, 10: 2, 12: 8, 100: 12 },
  },
  {
    key: 'a-little-bit-longer-string',
    hash: -1486304829,
    partitions: { 3: 2, 6: 5, 10: 9, 12: 11, 100: 19 },
  },
  {
    key: 'lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8',
    hash: -58897971,
    partitions: { 3: 2, 6: 5, 10: 7, 12: 5, 100: 77 },
  },
  { key: 'abc', hash: 479470107, partitions: { 3: 0, 6: 3, 10: 7, 12: 3, 100: 7 } },
];

describe('murmur2', () => {
  it.each(VECTORS)('hashes "$key" like Kafka', ({ key, hash }) => {
    expect(murmur2(utf8(key))).toBe(hash);
  });

  it.each(VECTORS)('partitions "$key" like Kafka', ({ key, partitions }) => {
    for (const [n, p] of Object.entries(partitions)) {
      expect(partitionForKey(key, Number(n))).toBe(p);
    }
  });

  it('toPositive clears the sign bit instead of taking abs', () => {
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(-1)).toBe(0x7fffffff);
    expect(toPositive(123)).toBe(123);
  });

  it('encodes UTF-8', () => {
    expect(Array.from(utf8('é€'))).toEqual([0xc3, 0xa9, 0xe2, 0x82, 0xac]);
  });
});
