// "All orders of the biggest customer meet in one task. In the Spark UI, the join's slowest task is
// several times its median, and its shuffle column shows the time spent writing to disk and
// fetching. Try a higher spark.default.parallelism: the other tasks shrink but the hot one cannot.
// Try the broadcast strategy: no shuffle at all, though the hot customer's Kafka partition still
// makes one first-stage task long. Add a spike (five times the rate for 30 s) to see the hot task
// hold back every batch: the batches outgrow the 1-second interval and queue, though most task
// slots sit idle."
import { describe, expect, it } from 'vitest';
import type { SparkStreamingJob } from '../spark/sparkJob';
import { editedExample, runFor, type ExampleJson } from '../testing/examples';

const NAME = 'hot-key-skew';
/** Zipf keys, exponent 1.3 over 50,000: the first key's share is 1 / sum(k^-1.3) = 26%. */
const HOT_KEY_SHARE = 0.26;
const JOIN_US = 40;

function job(seconds: number, edit: (d: ExampleJson) => void = () => {}): SparkStreamingJob {
  return runFor(editedExample(NAME, edit), seconds).jobs[0]!;
}
const stage = (j: SparkStreamingJob, id: string) => j.lastStages[j.doc.stages.findIndex((s) => s.id === id)]!;

describe(NAME, () => {
  const base = job(20);
  const join = stage(base, 'join-profiles');

  it("shows the join's hot task several times its median, and the shuffle's disk and network time", () => {
    expect(join.slowestTaskMs).toBeGreaterThanOrEqual(2 * join.medianTaskMs);
    // The hot key's records alone take that task a quarter of the batch's join work.
    expect(join.slowestTaskMs).toBeGreaterThan(HOT_KEY_SHARE * join.recordsIn * (JOIN_US / 1000));
    expect(join.shuffleWriteMs).toBeGreaterThan(0);
    expect(join.shuffleFetchMs).toBeGreaterThan(0);
  });

  it('shrinks the other tasks with a higher spark.default.parallelism, not the hot one', () => {
    const wide = stage(
      job(20, (d) => (d.sparkJobs![0]!.config['spark.default.parallelism'] = 32)),
      'join-profiles',
    );
    expect(wide.medianTaskMs).toBeLessThan(0.5 * join.medianTaskMs);
    // One key never splits: its task keeps at least the hot key's records.
    expect(wide.slowestTaskMs).toBeGreaterThan(HOT_KEY_SHARE * wide.recordsIn * (JOIN_US / 1000));
    expect(wide.slowestTaskMs).toBeGreaterThan(0.6 * join.slowestTaskMs);
  });

  it('has no shuffle with the broadcast strategy, but one long first-stage task', () => {
    const j = job(20, (d) => (d.sparkJobs![0]!.stages[1]!.strategy = 'broadcast'));
    const broadcast = stage(j, 'join-profiles');
    expect(broadcast.shuffleBytes).toBe(0);
    expect(broadcast.shuffleWriteMs + broadcast.shuffleFetchMs).toBe(0);
    // The hot customer's partition: at least 26% of the records where an even share is 1/12.
    const parse = stage(j, 'parse');
    expect(parse.slowestTaskMs).toBeGreaterThanOrEqual(2 * parse.medianTaskMs);
  });

  it('lets the hot task hold back every batch in a spike, with most task slots idle', () => {
    const j = job(38, (d) => (d.faults = [{ kind: 'producerSpike', atSec: 10, producer: 'checkout' }]));
    const spike = j.recentBatches.filter((b) => b.batchTime >= 20_000);
    expect(spike.length).toBeGreaterThan(5);
    // Batches outgrow the interval and queue: the scheduling delay climbs.
    for (const b of spike) expect(b.processingMs).toBeGreaterThan(1000);
    expect(spike[spike.length - 1]!.schedulingDelayMs).toBeGreaterThan(spike[0]!.schedulingDelayMs + 1000);
    // The hot task is the largest part of a batch, while the slots are less than half busy.
    const hot = stage(j, 'join-profiles');
    const last = j.recentBatches[j.recentBatches.length - 1]!;
    expect(hot.slowestTaskMs).toBeGreaterThanOrEqual(2 * hot.medianTaskMs);
    expect(hot.slowestTaskMs).toBeGreaterThan(0.4 * last.processingMs);
    const taskMs = j.lastStages.reduce((a, s) => a + s.cpuMs + s.shuffleWriteMs + s.shuffleFetchMs, 0);
    expect(taskMs / (j.slots * last.processingMs)).toBeLessThan(0.5);
  });
});
