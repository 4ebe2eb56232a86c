// "It shows a stable job: a batch takes around 0.6 s of its 1-second interval, so batches do not
// queue and the scheduling delay stays near zero. Try doubling the click rate or halving the
// executors to watch it tip over: batches take longer than the interval, they queue, and the
// scheduling delay grows without bound."
import { describe, expect, it } from 'vitest';
import type { SparkStreamingJob } from '../spark/sparkJob';
import { editedExample, runFor, type ExampleJson } from '../testing/examples';

const NAME = 'clickstream-personalisation';
const SECONDS = 60;
const INTERVAL_MS = 1000;

function job(edit: (d: ExampleJson) => void = () => {}): SparkStreamingJob {
  return runFor(editedExample(NAME, edit), SECONDS).jobs[0]!;
}

/** Batches completed in the second half of the run. */
const late = (j: SparkStreamingJob) => j.recentBatches.filter((b) => b.batchTime >= (SECONDS / 2) * 1000);
const meanProcessing = (j: SparkStreamingJob) => {
  const b = late(j);
  return b.reduce((a, x) => a + x.processingMs, 0) / b.length;
};

/**
 * Batches queue and the delay grows without bound: in a queue that never empties, each batch
 * starts when the one before it ends, so its scheduling delay grows by that batch's processing
 * time less the interval (Lindley's recursion).
 */
function expectTippedOver(j: SparkStreamingJob, base: number): void {
  const b = late(j);
  expect(meanProcessing(j)).toBeGreaterThan(1.1 * INTERVAL_MS);
  // Roughly twice the work: well over the stable job's batch time.
  expect(meanProcessing(j)).toBeGreaterThan(1.5 * base);
  const first = b[0]!;
  const last = b[b.length - 1]!;
  expect(last.schedulingDelayMs).toBeGreaterThan(first.schedulingDelayMs + 3 * INTERVAL_MS);
  let expected = first.schedulingDelayMs;
  for (const x of b.slice(0, -1)) expected += x.processingMs - INTERVAL_MS;
  expect(last.schedulingDelayMs).toBeCloseTo(expected, -1);
  expect(j.queuedBatches).toBeGreaterThan(3);
}

describe(NAME, () => {
  const stable = job();
  const base = meanProcessing(stable);

  it('is stable: batches take under the interval and the scheduling delay stays near zero', () => {
    expect(late(stable).length).toBeGreaterThan(25);
    expect(base).toBeGreaterThan(0.4 * INTERVAL_MS);
    expect(base).toBeLessThan(0.9 * INTERVAL_MS);
    const delays = late(stable).map((b) => b.schedulingDelayMs);
    // A batch that also writes the window or a checkpoint may delay the next a little; no more.
    expect(Math.max(...delays)).toBeLessThan(0.5 * INTERVAL_MS);
    expect(delays.reduce((a, d) => a + d, 0) / delays.length).toBeLessThan(0.1 * INTERVAL_MS);
    expect(stable.queuedBatches).toBeLessThanOrEqual(1);
  });

  it('tips over with twice the click rate', () => {
    expectTippedOver(
      job((d) => (d.producers[0]!.rate.recordsPerSec *= 2)),
      base,
    );
  });

  it('tips over with half the executors', () => {
    expectTippedOver(
      job((d) => {
        const config = d.sparkJobs![0]!.config;
        config['spark.executor.instances'] = (config['spark.executor.instances'] as number) / 2;
      }),
      base,
    );
  });
});
