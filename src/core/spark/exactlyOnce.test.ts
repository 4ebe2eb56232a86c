// Exactly-once end to end (issue 19): job A reads t1 read_committed, keeps half of each batch and
// writes it to t2; a read_committed group and a read_uncommitted one read t2. The producer sends
// 1000 records/s for 40 s, then nothing, so by 60 s everything has gone through: A made 20 000
// distinct output records. The driver fails once; A checkpoints every 10 batches.
import { describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../model/types';
import { Simulation } from '../engine/simulation';
import { FAST_BROKER, pipeline } from '../testing/pipelines';
import { ABORTED_TIMEOUT } from '../kafka/producer/producerTransactions';

const RATE = 1000;
const SEND_SEC = 40;
const DISTINCT_OUTPUT = (RATE * SEND_SEC) / 2;
const OUTPUT_PER_BATCH = RATE / 2;

function run(
  delivery: 'atLeastOnce' | 'transactional',
  failAtSec?: number,
  opts: { downSec?: number; untilSec?: number } = {},
): Simulation {
  const input: PipelineInput = {
    version: 1,
    cluster: { networkLatencyMs: 0.25, brokers: [{ id: 'b1', hardware: FAST_BROKER }] },
    topics: [
      { id: 't1', partitions: 2, replicationFactor: 1 },
      { id: 't2', partitions: 2, replicationFactor: 1 },
    ],
    producers: [
      {
        id: 'p',
        rate: {
          kind: 'constant',
          recordsPerSec: RATE,
          schedule: [{ kind: 'step', atSec: SEND_SEC, recordsPerSec: 0 }],
        },
        keys: { kind: 'uniform', count: 100 },
      },
    ],
    sparkJobs: [
      {
        id: 'A',
        batchIntervalMs: 1000,
        checkpointIntervalMs: 10_000,
        stages: [{ id: 'half', kind: 'filter', selectivity: 0.5, costPerRecordUs: 10 }],
        kafkaParams: { 'isolation.level': 'read_committed' },
        kafkaSinkDelivery: delivery,
      },
    ],
    consumerGroups: [
      {
        id: 'rc',
        processing: { distribution: 'fixed', meanMs: 0.01 },
        config: { 'isolation.level': 'read_committed' },
      },
      { id: 'ru', processing: { distribution: 'fixed', meanMs: 0.01 } },
    ],
    edges: [
      { from: 'p', to: 't1' },
      { from: 't1', to: 'A' },
      { from: 'A', to: 't2' },
      { from: 't2', to: 'rc' },
      { from: 't2', to: 'ru' },
    ],
    faults:
      failAtSec === undefined
        ? []
        : [{ kind: 'driverFailure', atSec: failAtSec, job: 'A', durationSec: opts.downSec ?? 5 }],
    run: { seed: 1, durationSec: opts.untilSec ?? 60 },
  };
  const sim = new Simulation(pipeline(input));
  sim.runUntil((opts.untilSec ?? 60) * 1000);
  return sim;
}

const consumed = (sim: Simulation, g: string) => sim.summary().consumerGroups[g]!.consumed;

describe('exactly-once: Spark job reading read_committed and writing to Kafka transactionally', () => {
  it('without a failure both deliveries write each output record once', () => {
    for (const delivery of ['atLeastOnce', 'transactional'] as const) {
      const sim = run(delivery);
      expect(consumed(sim, 'rc')).toBe(DISTINCT_OUTPUT);
      expect(consumed(sim, 'ru')).toBe(DISTINCT_OUTPUT);
    }
  });

  it('after a driver failure at-least-once writes the batches since the checkpoint twice; transactional none', () => {
    // Failure at 25.5 s: the last checkpoint was the 20th batch (20 s), so the batches of 21-25 s
    // are replayed: 5 batches of 500 output records.
    const sinceCheckpoint = 5 * OUTPUT_PER_BATCH;
    const alo = run('atLeastOnce', 25.5);
    expect(consumed(alo, 'rc') - DISTINCT_OUTPUT).toBe(sinceCheckpoint);
    expect(consumed(alo, 'ru') - DISTINCT_OUTPUT).toBe(sinceCheckpoint);
    expect(alo.summary().transactions!.kafkaSinks.A).toMatchObject({
      delivery: 'atLeastOnce',
      duplicatesReadCommitted: sinceCheckpoint,
    });
    const eos = run('transactional', 25.5);
    expect(consumed(eos, 'rc')).toBe(DISTINCT_OUTPUT);
    expect(consumed(eos, 'ru')).toBe(DISTINCT_OUTPUT);
    // The same batches were replayed (read again), but their committed output was not sent again.
    expect(eos.jobs[0]!.replayedRecords).toBe(alo.jobs[0]!.replayedRecords);
    expect(eos.summary().transactions!.kafkaSinks.A).toMatchObject({
      delivery: 'transactional',
      replayedOutput: sinceCheckpoint,
      duplicatesReadCommitted: 0,
    });
  });

  it("a failure while a batch's output is being written aborts its transaction: only read_uncommitted sees it twice", () => {
    // Where the batch of 25 s hands its output to the sink and waits for the commit, from a run
    // without failure; the driver then fails in the middle of that wait.
    const b = run('transactional').jobs[0]!.recentBatches.find((x) => x.batchTime === 25_000)!;
    const tasksDone = b.batchTime + b.schedulingDelayMs + b.processingMs - b.outputWaitMs;
    const failAtSec = (tasksDone + b.outputWaitMs / 2) / 1000;
    const eos = run('transactional', failAtSec);
    const t = eos.summary().transactions!;
    // The batch's 500 records were in its transaction: aborted when the relaunched driver's
    // producer fenced the old one, then written again by the replayed batch.
    expect(t.topics.t2!.abortedRecords).toBe(OUTPUT_PER_BATCH);
    expect(t.producers['A->t2']!.aborted).toBe(1);
    expect(consumed(eos, 'rc')).toBe(DISTINCT_OUTPUT);
    expect(consumed(eos, 'ru')).toBe(DISTINCT_OUTPUT + OUTPUT_PER_BATCH);
    expect(t.kafkaSinks.A).toMatchObject({
      duplicatesReadCommitted: 0,
      duplicatesReadUncommitted: OUTPUT_PER_BATCH,
    });
  });

  it('a driver that stays down longer than transaction.timeout.ms leaves its transaction to the timeout', () => {
    const b = run('transactional').jobs[0]!.recentBatches.find((x) => x.batchTime === 25_000)!;
    const tasksDone = b.batchTime + b.schedulingDelayMs + b.processingMs - b.outputWaitMs;
    const failAtMs = tasksDone + b.outputWaitMs / 2;
    // Down for 90 s: the transaction began when the batch handed its output over, milliseconds
    // before the failure, and times out 60 s later (the producer's default transaction.timeout.ms);
    // the coordinator's next check, on the 10 s grid, aborts it. Until then it holds the last
    // stable offset of t2's partitions.
    const abortAtMs = Math.ceil((failAtMs + 60_000) / 10_000) * 10_000;
    const held = run('transactional', failAtMs / 1000, { downSec: 90, untilSec: abortAtMs / 1000 - 1 });
    const heldT2 = held.summary().transactions!.topics.t2!;
    expect(heldT2.unstableRecords).toBe(OUTPUT_PER_BATCH);
    expect(heldT2.abortedRecords).toBe(0);
    const after = run('transactional', failAtMs / 1000, { downSec: 90, untilSec: abortAtMs / 1000 + 1 });
    const t = after.summary().transactions!;
    expect(t.topics.t2!.unstableRecords).toBe(0);
    expect(t.topics.t2!.abortedRecords).toBe(OUTPUT_PER_BATCH);
    expect(t.producers['A->t2']!.abortReasons[ABORTED_TIMEOUT]).toBe(OUTPUT_PER_BATCH);
  });
});
