// "A fraud-scoring job (1.5 ms of CPU per order, 1 s batches) reads the orders topic (6 partitions)
// with Spark Streaming's dynamic allocation on: every 30 s ... At 1,000 orders/s one executor needs
// 1.5 s per batch, so at 30 s it asks for max(round(1.5), 1) = 2 more, and with 3 the batches take
// 0.5 s: it stops there. At 90 s ... 6,000 orders/s and it adds executors every 30 s up to
// maxExecutors 12. But the read stage runs one task per Kafka partition: from 6 executors on ... the
// batches still take 1.5 s per 1 s interval, the scheduling delay keeps growing and the Spark UI
// shows 6 of the 12 executors without a read task. Set the orders topic to 12 partitions and run
// again: the same allocation reaches 12 executors, the batches fall under the interval (about 0.85 s
// of each second) and at 4:30 it stops adding. The batches queued while it climbed still wait: each
// one gains only the 0.15 s left over, so the scheduling delay is still falling at the end; make the
// run 600 s long to watch it reach 0, near 8:30."
//
// Derivation: 1,000 orders/s * 1.5 ms = 1.5 s of work per batch, 0.5 s on 3 executors (6 tasks,
// 2 each): ratio between 0.3 and 0.9. 6,000 orders/s * 1.5 ms = 9 s per batch in 6 tasks of 1.5 s:
// no executor count brings a batch under 1.5 s, so the ratio stays >= 1.5 and the count climbs to
// the maximum. With 12 partitions the tasks are 0.75 s, and 12 executors run them in one wave.
import { describe, expect, it } from 'vitest';
import { editedExample, loadExample, runFor } from '../testing/examples';
import type { SparkStreamingJob } from '../spark/sparkJob';

const NAME = 'spark-autoscaling';

function allocation(job: SparkStreamingJob): { sec: number; action: string; after: number }[] {
  return job.executorLog.flatMap((e) =>
    e.kind === 'allocation' ? [{ sec: e.atMs / 1000, action: e.action, after: e.executors }] : [],
  );
}

/** The last n completed batches (the backlog means they were cut well before the end). */
const lastBatches = (job: SparkStreamingJob, n: number) => {
  const b = job.recentBatches.slice(-n);
  expect(b).toHaveLength(n);
  return b;
};

describe(NAME, () => {
  it('scales to 3 executors for the first load and stops; after the jump it climbs to 12 that cannot help', () => {
    const job = runFor(loadExample(NAME), 270).jobs[0]!;
    const ticks = allocation(job);
    expect(ticks.slice(0, 3)).toEqual([
      { sec: 30, action: 'up', after: 1 },
      { sec: 60, action: 'hold', after: 3 },
      { sec: 90, action: 'hold', after: 3 },
    ]);
    // After the jump every tick asks for more, until the maximum.
    const later = ticks.slice(3);
    expect(later.every((t) => t.action === 'up' || t.action === 'atMax')).toBe(true);
    expect(later[later.length - 1]!.action).toBe('atMax');
    expect(job.executors).toBe(12);
    // Six read tasks, twelve executors: six get none, and batches stay near 1.5 s.
    expect(job.readTasks).toBe(6);
    const last = lastBatches(job, 11);
    for (const b of last) expect(b.processingMs).toBeGreaterThan(1400);
    // The scheduling delay keeps growing: by about 0.5 s a batch.
    expect(last[10]!.schedulingDelayMs).toBeGreaterThan(last[0]!.schedulingDelayMs + 10 * 400);
  });

  it('with 12 partitions the same allocation reaches 12 executors and the batches fall under the interval', () => {
    const doc = editedExample(NAME, (j) => ((j.topics[0] as { partitions?: number }).partitions = 12));
    const job = runFor(doc, 270).jobs[0]!;
    const ticks = allocation(job);
    expect(job.executors).toBe(12);
    const last = ticks[ticks.length - 1]!;
    expect(last).toEqual({ sec: 270, action: 'hold', after: 12 });
    const batches = lastBatches(job, 11);
    for (const b of batches) expect(b.processingMs).toBeLessThan(1000);
    // The backlog drains: the delay falls, by what each batch leaves of its interval...
    expect(batches[10]!.schedulingDelayMs).toBeLessThan(batches[0]!.schedulingDelayMs);
    // (batch k + 1 starts when batch k ends and was cut one interval after it).
    const spare = batches.slice(0, 10).reduce((sum, b) => sum + (1000 - b.processingMs), 0);
    expect(batches[0]!.schedulingDelayMs - batches[10]!.schedulingDelayMs).toBeCloseTo(spare, 0);
    // ... so slowly that the run ends with the queue still there.
    expect(batches[10]!.schedulingDelayMs).toBeGreaterThan(10_000);
  });

  it('with 12 partitions and a 600 s run the queued batches are through before the end', () => {
    // The engine runs as long as it is asked: 600 s here, as a document of 600 s would.
    const doc = editedExample(NAME, (j) => ((j.topics[0] as { partitions?: number }).partitions = 12));
    const job = runFor(doc, 600).jobs[0]!;
    for (const b of lastBatches(job, 30)) expect(b.schedulingDelayMs).toBe(0);
  });
});
