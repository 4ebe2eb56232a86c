// What the engine cannot run at real time is refused with the reason (issue 12); the bench's
// "max:" cases measure the limit.
import { describe, expect, it } from 'vitest';
import { parsePipeline } from './parse';
import type { PipelineInput } from './types';

function doc(partitions: number[], faults: PipelineInput['faults'] = []): PipelineInput {
  return {
    version: 1,
    cluster: { brokers: [{ id: 'b1' }] },
    topics: partitions.map((n, i) => ({ id: `t${i + 1}`, partitions: n })),
    faults,
  };
}

describe('partitions in all', () => {
  it('1,000 in one topic run', () => {
    expect(parsePipeline(doc([1000])).ok).toBe(true);
  });

  it('1,001 in one topic are refused, saying how many, where and why', () => {
    const result = parsePipeline(doc([1001]));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      'topics: 1001 partitions in all (the largest, "t1", has 1001); at most 1000 can be simulated at real time, because every fetch walks all the partitions it covers: use fewer partitions',
    ]);
  });

  it('counts every topic', () => {
    const result = parsePipeline(doc([600, 300, 101]));
    expect(!result.ok && result.errors[0]).toMatch(
      /^topics: 1001 partitions in all \(the largest, "t1", has 600\)/,
    );
    expect(parsePipeline(doc([600, 300, 100])).ok).toBe(true);
  });

  it('counts partitions a partitionCount fault adds', () => {
    const grow = (to: number) =>
      doc([500, 100], [{ kind: 'partitionCount', atSec: 5, topic: 't1', partitions: to }]);
    expect(parsePipeline(grow(900)).ok).toBe(true);
    const result = parsePipeline(grow(901));
    expect(!result.ok && result.errors[0]).toMatch(
      /1001 partitions in all \(the largest, "t1", has 901, counting partitionCount faults\)/,
    );
  });

  it('a draft (a link, a file, the autosave) still opens, with the problem listed', () => {
    const result = parsePipeline(doc([5000]), { draft: true });
    expect(result.ok && result.problems.some((p) => p.startsWith('topics: 5000 partitions in all'))).toBe(
      true,
    );
  });
});
