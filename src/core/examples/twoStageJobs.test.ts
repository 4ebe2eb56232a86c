// "A cleaning job reads raw page views (5,000 records/s), drops bots and malformed events (70% kept)
// and writes the clean events to a second topic through Spark's Kafka sink ... each of the cleaner's
// batches ends only when they are acknowledged. An aggregating job reads the clean topic ... its
// latency counts from when the first job wrote each record. Stop the cleaner's driver in the Faults
// panel and its replayed batches are written to the topic again (at-least-once)."
import { describe, expect, it } from 'vitest';
import { editedExample, loadExample, runFor } from '../testing/examples';

const NAME = 'two-stage-jobs';
const SINK = 'cleaner->clean-views';

describe(NAME, () => {
  const sim = runFor(loadExample(NAME), 60);
  const s = sim.summary();
  const cleaner = s.sparkJobs['cleaner']!;
  const counts = s.sparkJobs['page-counts']!;

  it('keeps 70% of the raw views and produces them to the clean topic, acknowledged', () => {
    expect(cleaner.records).toBeGreaterThan(0.9 * 5000 * 60);
    expect(cleaner.outputRecords / cleaner.records).toBeCloseTo(0.7, 2);
    expect(s.producers[SINK]!.produced).toBe(cleaner.outputRecords);
    expect(s.producers[SINK]!.acknowledged).toBe(cleaner.outputRecords);
    expect(s.topics['clean-views']!.appended).toBe(cleaner.outputRecords);
  });

  it('ends each cleaner batch only once its output is acknowledged: the wait is in its processing time', () => {
    expect(cleaner.meanOutputWaitMs).toBeGreaterThan(0);
    expect(cleaner.meanOutputWaitMs).toBeLessThan(cleaner.meanProcessingMs);
  });

  it('counts the second job’s latency from when the first job wrote each record', () => {
    // The aggregating job reads what the cleaner wrote (all of it, bar the last batch or two).
    expect(counts.records).toBeGreaterThan(0.95 * cleaner.outputRecords);
    // From the write, a record waits at most one 2 s batch interval, then the batch's processing;
    // counted from creation it would also carry the cleaner's batch (up to a second more).
    const job = sim.jobs.find((j) => j.doc.id === 'page-counts')!;
    const slowest = Math.max(...job.recentBatches.map((b) => b.totalDelayMs));
    expect(counts.latencyMs.max).toBeLessThan(2000 + slowest + 100);
  });

  it('writes the replayed batches to the topic again after a driver failure (at-least-once)', () => {
    const failed = runFor(
      editedExample(NAME, (d) => (d.faults = [{ kind: 'driverFailure', atSec: 15, job: 'cleaner' }])),
      60,
    ).summary();
    const job = failed.sparkJobs['cleaner']!;
    expect(job.driverFailures).toBe(1);
    // Batches since the last checkpoint are read again: some, at most a checkpoint interval's worth.
    expect(job.replayedRecords).toBeGreaterThan(5000);
    expect(job.replayedRecords).toBeLessThan(5000 * 12);
    // 70% of them are written a second time: the topic holds them twice.
    expect(job.replayedOutput / job.replayedRecords).toBeCloseTo(0.7, 1);
    const firstTime = job.outputRecords - job.replayedOutput;
    expect(firstTime / (job.records - job.replayedRecords)).toBeCloseTo(0.7, 2);
    expect(failed.topics['clean-views']!.appended).toBe(job.outputRecords);
  });
});
