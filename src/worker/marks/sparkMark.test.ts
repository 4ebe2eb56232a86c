// A Spark job held back by one hot Kafka partition: its task, not the slots, sets the batch time.
import { describe, expect, it } from 'vitest';
import { partitionTotals } from '../../core/engine/probe';
import { sparkPipeline } from '../../core/testing/pipelines';
import { verdicts } from './verdictsForTests';

describe('hot partition of a Spark job', () => {
  it('names the partition whose task holds back every batch, with its share', () => {
    // 20,000 records/s at 150 us on 16 slots: 3 s of work a second, under a fifth of the slots. But
    // Zipf keys (exponent 1.5 over 1,000 keys) put at least 39% of them, the first key's share
    // (1 / sum of k^-1.5), on one of 8 partitions: one task needs over 1.1 s a 1 s batch.
    const doc = sparkPipeline({
      ratePerSec: 20_000,
      costPerRecordUs: 150,
      partitions: 8,
      executors: 4,
      cores: 4,
      durationSec: 30,
      producer: { keys: { kind: 'zipf', count: 1000, exponent: 1.5 } },
    });
    const { verdicts: v, sim } = verdicts(doc, 30, 20);
    const appended = partitionTotals(sim)
      .get('t')!
      .map((p) => p.appended);
    const hot = appended.indexOf(Math.max(...appended));
    for (const x of v) {
      const job = x.nodes['job'];
      expect(job, `at ${x.second} s`).toMatch(
        new RegExp(
          `^One task holds back every batch: the task reading partition ${hot} of t takes about 1\\.\\d s`,
        ),
      );
      const share = Number(/That partition gets (\d+)% of the records/.exec(job ?? '')?.[1]);
      expect(share).toBeGreaterThanOrEqual(39);
      expect(job).toContain('more executors would not shorten its task');
      expect(x.nodes['t']).toMatch(new RegExp(`^Partition ${hot} is hot: \\d+% of the records`));
    }
  });

  it('does not call an evenly loaded slow job a hot partition', () => {
    // 30,000 records/s at 100 us on 2 slots: every task is slow, none stands out.
    const doc = sparkPipeline({
      ratePerSec: 30_000,
      costPerRecordUs: 100,
      executors: 1,
      cores: 2,
      durationSec: 15,
    });
    const { verdicts: v } = verdicts(doc, 15, 15);
    expect(v[0]!.nodes['job']).toMatch(/^Each batch takes about/);
    expect(v[0]!.nodes['t']).toBeUndefined();
  });
});
