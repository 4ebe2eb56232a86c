import { describe, expect, it } from 'vitest';
import { partitionWeights, sharedPartitionWeights } from './partitioner';

describe('sharedPartitionWeights', () => {
  it('gives what partitionWeights gives, one array per key model and partition count', () => {
    const uniform = { kind: 'uniform' as const, count: 5000 };
    const a = sharedPartitionWeights(uniform, 12)!;
    expect(Array.from(a)).toEqual(Array.from(partitionWeights(uniform, 12)!));
    // Another producer with an equal key model (a different object) shares the array.
    expect(sharedPartitionWeights({ kind: 'uniform', count: 5000 }, 12)).toBe(a);
    // Any difference (partitions, count, kind, exponent) is a different split.
    const others = [
      sharedPartitionWeights(uniform, 13)!,
      sharedPartitionWeights({ kind: 'uniform', count: 5001 }, 12)!,
      sharedPartitionWeights({ kind: 'zipf', count: 5000, exponent: 1 }, 12)!,
      sharedPartitionWeights({ kind: 'zipf', count: 5000, exponent: 1.5 }, 12)!,
    ];
    expect(Array.from(others[3]!)).toEqual(
      Array.from(partitionWeights({ kind: 'zipf', count: 5000, exponent: 1.5 }, 12)!),
    );
    for (const o of others) expect(o).not.toBe(a);
    expect(others[2]).not.toBe(others[3]);
    expect(Array.from(others[2]!)).not.toEqual(Array.from(others[3]!));
    expect(sharedPartitionWeights({ kind: 'null' }, 12)).toBeUndefined();
  });

  it('keeps answering right past the number of models it remembers', () => {
    for (let count = 1; count <= 80; count++) {
      const keys = { kind: 'uniform' as const, count };
      expect(Array.from(sharedPartitionWeights(keys, 7)!)).toEqual(Array.from(partitionWeights(keys, 7)!));
    }
  });
});
