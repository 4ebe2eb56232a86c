// "A payment gateway writes 2,000 payments a second in Kafka transactions ... A settlement job reads
// them with isolation.level read_committed ... and writes one settlement per payment to a second
// topic with kafkaSinkDelivery transactional ... The job's driver fails at 25.5 s and comes back
// 10 s later from its last checkpoint (every 10 s): it replays the batches since, yet the ledger gets
// every settlement exactly once. Try: set the job's kafkaSinkDelivery to atLeastOnce: the replayed
// batches are written twice (the 5 batches since the checkpoint). Set the gateway's
// transactionCommitIntervalMs to 5000: long transactions hold every read_committed reader back
// (latency up by about half the interval). Set the gateway's acks to 1: refused."
import { describe, expect, it } from 'vitest';
import { parsePipeline } from '../../model/parse';
import type { Simulation } from '../engine/simulation';
import { editedExample, exampleJson, loadExample, runFor } from '../testing/examples';
import { sparkOutputDelivery } from '../engine/sparkOutputDelivery';
import { headlineMetrics } from '../../whatif/metrics';

const NAME = 'payments-exactly-once';
const FAIL_AT_MS = 25_500;
const CHECKPOINT_MS = 10_000;

type Json = {
  sparkJobs: { kafkaSinkDelivery: string }[];
  producers: Record<string, unknown>[];
  faults: unknown[];
};
const edited = (edit: (d: Json) => void) => editedExample(NAME, (d) => edit(d as unknown as Json));

/** Output of the batches completed after the last checkpoint before the failure: what a replay redoes. */
function outputSinceCheckpoint(sim: Simulation): number {
  const lastCheckpoint = Math.floor(FAIL_AT_MS / CHECKPOINT_MS) * CHECKPOINT_MS;
  const job = sim.jobs.find((j) => j.doc.id === 'settle')!;
  return job.recentBatches
    .filter((b) => b.batchTime > lastCheckpoint && b.batchTime + b.totalDelayMs <= FAIL_AT_MS)
    .reduce((a, b) => a + b.outputRecords, 0);
}

describe(NAME, () => {
  const sim = runFor(loadExample(NAME), 60);
  const s = sim.summary();
  const settle = s.sparkJobs.settle!;
  // One settlement per payment read for the first time: what a reader should get once.
  const distinct = settle.outputRecords - settle.replayedOutput;

  it('replays the batches since the checkpoint, yet the ledger gets each settlement once', () => {
    expect(settle.driverFailures).toBe(1);
    const since = outputSinceCheckpoint(sim);
    // Five 1-second batches of about 2,000 payments (Poisson arrivals).
    expect(since).toBeGreaterThan(5 * 2000 * 0.9);
    expect(since).toBeLessThan(5 * 2000 * 1.1);
    expect(settle.replayedOutput).toBe(since);
    expect(s.consumerGroups.ledger!.consumed).toBe(distinct);
    expect(s.records.writtenTwice).toBeUndefined();
    expect(s.transactions!.kafkaSinks.settle).toMatchObject({
      delivery: 'transactional',
      duplicatesReadCommitted: 0,
    });
  });

  it("counts the job's input once and tells its replay by the sink's delivery (the Spark UI, the Runs tab)", () => {
    // One settlement per payment (a map): the payments the job read, each once, are the
    // settlements the ledger got, and never more than the gateway had acknowledged.
    expect(s.records.consumedBy.settle).toBe(s.consumerGroups.ledger!.consumed);
    expect(s.records.consumedBy.settle).toBeLessThanOrEqual(s.producers['payment-gateway']!.acknowledged);
    const { columns, rows } = sim.metrics.series();
    const h = headlineMetrics({ columns, rows, doc: sim.doc });
    expect(h.processed!).toBeLessThanOrEqual(h.throughput!);
    // Replayed, yet nothing written twice: the replayed batches were committed already.
    expect(sparkOutputDelivery(sim, 'settle').kafkaSink).toMatchObject({
      delivery: 'transactional',
      writtenTwice: 0,
    });
  });

  it('at-least-once writes the batches since the checkpoint twice', () => {
    const alo = runFor(
      edited((d) => (d.sparkJobs[0]!.kafkaSinkDelivery = 'atLeastOnce')),
      60,
    );
    const since = outputSinceCheckpoint(alo);
    const a = alo.summary();
    expect(a.records.writtenTwice).toBe(since);
    expect(sparkOutputDelivery(alo, 'settle').kafkaSink).toMatchObject({
      delivery: 'atLeastOnce',
      writtenTwice: since,
    });
    const job = a.sparkJobs.settle!;
    expect(a.consumerGroups.ledger!.consumed - (job.outputRecords - job.replayedOutput)).toBe(since);
  });

  it('a 5 s commit interval holds read_committed readers back by about half of it', () => {
    const noFault = (ms: number) =>
      runFor(
        edited((d) => {
          d.faults = [];
          d.producers[0]!.transactionCommitIntervalMs = ms;
        }),
        60,
      ).summary().sparkJobs.settle!.latencyMs.mean;
    const short = noFault(100);
    const long = noFault(5000);
    // Records wait on average half of the transaction for its commit, then for the next batch
    // (up to one 1 s interval more when commits land just after a cut).
    expect(long - short).toBeGreaterThan(5000 / 2 - 100);
    expect(long - short).toBeLessThan(5000 / 2 + 1000 + 300);
  });

  it('refuses acks=1 with a transactional.id', () => {
    const json = exampleJson(NAME) as unknown as Json;
    (json.producers[0]!.config as Record<string, unknown>).acks = '1';
    const r = parsePipeline(json);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.join('\n')).toContain('producer "payment-gateway": transactional.id needs acks=all');
  });
});
