// A Spark job held back by one hot Kafka partition: its task, not the slots, sets the batch time.
import { describe, expect, it } from 'vitest';
import { partitionTotals } from '../../core/engine/probe';
import { sparkPipeline } from '../../core/testing/pipelines';
import { loadExample } from '../../core/testing/examples';
import { sparkMarks } from './sparkMark';
import { verdicts } from './verdictsForTests';
import { SeriesWindow } from './window';

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

describe('a Spark job starved of input', () => {
  // A window of per-second rows for one job `job` reading topic `t`, built column by column.
  const window = (cols: Record<string, number[]>): SeriesWindow => {
    const names = Object.keys(cols);
    const n = cols[names[0]!]!.length;
    const rows = Array.from({ length: n }, (_, i) => names.map((c) => cols[c]![i]!));
    return new SeriesWindow(rows, new Map(names.map((c, i) => [c, i])));
  };
  const job = sparkPipeline({ ratePerSec: 1000, costPerRecordUs: 100 }).sparkJobs[0]!;
  const doc = sparkPipeline({ ratePerSec: 1000, costPerRecordUs: 100 });

  it('gets no mark once its batches read nothing, though a backlog batch was slow a moment ago', () => {
    // Seconds 1-6: a 3.7 s batch drains a burst, then empty 20 ms batches start on time while the
    // topic receives nothing (its producer is blocked). The mean of the last three batches is still
    // (3,711 + 20 + 392) / 3 = 1.37 s, over the 1 s interval.
    const w = window({
      second: [1, 2, 3, 4, 5, 6],
      'job.batches': [0, 0, 1, 1, 1, 0],
      'job.processingMs': [0, 0, 3711, 20, 392, 0],
      'job.schedulingDelayMs': [0, 0, 2711, 0, 0, 0],
      'job.inputRecords': [0, 0, 110_000, 0, 0, 0],
      'job.lag': [0, 0, 0, 0, 0, 0],
      'job.lagUnprocessed': [110_000, 110_000, 0, 0, 0, 0],
      't.appended': [0, 0, 0, 0, 0, 0],
    });
    expect(sparkMarks(doc, job, w)).toEqual({});
  });

  it('is still marked while the records it reads take longer than the interval', () => {
    // The same slow batches, but each reads 20,000 records and batches wait longer every second.
    const w = window({
      second: [1, 2, 3, 4, 5, 6],
      'job.batches': [1, 1, 1, 1, 1, 1],
      'job.processingMs': [1400, 1400, 1400, 1400, 1400, 1400],
      'job.schedulingDelayMs': [0, 400, 800, 1200, 1600, 2000],
      'job.inputRecords': [20_000, 20_000, 20_000, 20_000, 20_000, 20_000],
      'job.lag': [0, 0, 0, 0, 0, 0],
      'job.lagUnprocessed': [20_000, 28_000, 36_000, 44_000, 52_000, 60_000],
      't.appended': [20_000, 20_000, 20_000, 20_000, 20_000, 20_000],
    });
    expect(sparkMarks(doc, job, w).node).toMatch(/^Each batch takes about 1\.4 s to process/);
  });

  it('is not marked while a lost broker blocks the producer of the clickstream example', () => {
    // broker-2 killed at 40 s: the producer's buffer fills and the topic receives nothing for
    // seconds at a time; the job's batches then read no records.
    const doc = loadExample('clickstream-personalisation');
    doc.faults.push({ kind: 'brokerDown', atSec: 40, broker: 'broker-2' });
    const { verdicts: v, sim } = verdicts(doc, 75, 41);
    const { columns, rows } = sim.metrics.series();
    const appended = columns.indexOf('clicks.appended');
    let starvedSeconds = 0;
    for (const x of v) {
      // The producer is held up by the outage and the topic received nothing in that second.
      if (!x.nodes['web-frontend']?.startsWith('Outage:') || rows[x.second - 1]![appended] !== 0) continue;
      starvedSeconds++;
      expect(x.nodes['personaliser'], `at ${x.second} s`).toBeUndefined();
    }
    expect(starvedSeconds).toBeGreaterThan(10);
  });
});
