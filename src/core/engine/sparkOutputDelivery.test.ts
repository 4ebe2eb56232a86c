// A Spark job's replay after a driver failure, told per output by its delivery (what the Spark UI
// shows), and its input counted once. Job A reads t1 (1,000 records/s for 40 s, then nothing),
// keeps half of each 1 s batch and writes it to t2 and/or sinks; it checkpoints every 10 batches.
// A driver failure at 25.5 s replays the batches of 21-25 s: 5 x 1,000 records in, 5 x 500 out.
import { describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../model/types';
import { Simulation } from './simulation';
import { FAST_BROKER, pipeline } from '../testing/pipelines';
import { sparkOutputDelivery } from './sparkOutputDelivery';
import { headlineMetrics } from '../../whatif/metrics';

const RATE = 1000;
const SEND_SEC = 40;
const REPLAYED_BATCHES = 5;

function run(opts: {
  kafka?: 'atLeastOnce' | 'transactional';
  sinks?: ('atLeastOnce' | 'idempotent' | 'transactional')[];
  failAtSec?: number;
}): Simulation {
  const sinks = (opts.sinks ?? []).map((delivery, i) => ({ id: `db${i}`, delivery }));
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
        ...(opts.kafka && { kafkaSinkDelivery: opts.kafka }),
      },
    ],
    consumerGroups: [],
    sinks,
    edges: [
      { from: 'p', to: 't1' },
      { from: 't1', to: 'A' },
      ...(opts.kafka ? [{ from: 'A', to: 't2' }] : []),
      ...sinks.map((s) => ({ from: 'A', to: s.id })),
    ],
    faults:
      opts.failAtSec === undefined
        ? []
        : [{ kind: 'driverFailure', atSec: opts.failAtSec, job: 'A', durationSec: 5 }],
    run: { seed: 1, durationSec: 60 },
  };
  const sim = new Simulation(pipeline(input));
  sim.runUntil(60_000);
  return sim;
}

const column = (sim: Simulation, name: string): number[] => {
  const { columns, rows } = sim.metrics.series();
  const i = columns.indexOf(name);
  expect(i).toBeGreaterThan(0);
  return rows.map((r) => r[i]!);
};
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('a Spark job replayed after a driver failure', () => {
  it('at-least-once Kafka sink: the replayed output is written twice', () => {
    const d = sparkOutputDelivery(run({ kafka: 'atLeastOnce', failAtSec: 25.5 }), 'A');
    expect(d.kafkaSink).toEqual({
      topic: 't2',
      delivery: 'atLeastOnce',
      writtenTwice: (REPLAYED_BATCHES * RATE) / 2,
      abortedRecords: 0,
    });
    expect(d.sinks).toEqual([]);
  });

  it('transactional Kafka sink: replayed, yet nothing written twice; no batch was being written at 25.5 s', () => {
    const sim = run({ kafka: 'transactional', failAtSec: 25.5 });
    expect(sim.jobs[0]!.replayedOutput).toBe((REPLAYED_BATCHES * RATE) / 2);
    expect(sparkOutputDelivery(sim, 'A').kafkaSink).toEqual({
      topic: 't2',
      delivery: 'transactional',
      writtenTwice: 0,
      abortedRecords: 0,
    });
  });

  it("transactional Kafka sink failing while a batch's output is written: that transaction is aborted", () => {
    const b = run({ kafka: 'transactional' }).jobs[0]!.recentBatches.find((x) => x.batchTime === 25_000)!;
    const tasksDone = b.batchTime + b.schedulingDelayMs + b.processingMs - b.outputWaitMs;
    const d = sparkOutputDelivery(
      run({ kafka: 'transactional', failAtSec: (tasksDone + b.outputWaitMs / 2) / 1000 }),
      'A',
    );
    // The 25 s batch's output: half of its 1,000 records.
    expect(d.kafkaSink).toMatchObject({
      delivery: 'transactional',
      writtenTwice: 0,
      abortedRecords: RATE / 2,
    });
  });

  it('sinks by delivery: at-least-once stores the replay again, idempotent and transactional do not', () => {
    const d = sparkOutputDelivery(
      run({ sinks: ['atLeastOnce', 'idempotent', 'transactional'], failAtSec: 25.5 }),
      'A',
    );
    expect(d.kafkaSink).toBeUndefined();
    expect(d.sinks).toEqual([
      { id: 'db0', delivery: 'atLeastOnce', writtenTwice: (REPLAYED_BATCHES * RATE) / 2 },
      { id: 'db1', delivery: 'idempotent', writtenTwice: 0 },
      { id: 'db2', delivery: 'transactional', writtenTwice: 0 },
    ]);
  });

  it('counts its input once: consumed, the series and the processed throughput leave the replay out', () => {
    const sim = run({ kafka: 'transactional', failAtSec: 25.5 });
    const replayed = REPLAYED_BATCHES * RATE;
    // Everything sent was read by 60 s: 40,000 distinct records, 5,000 of them read twice.
    expect(sim.jobs[0]!.totalRecords).toBe(RATE * SEND_SEC + replayed);
    expect(sim.summary().records.consumedBy.A).toBe(RATE * SEND_SEC);
    expect(sum(column(sim, 'A.replayedInput'))).toBe(replayed);
    expect(sum(column(sim, 'A.inputRecords'))).toBe(RATE * SEND_SEC + replayed);
    // Processed throughput: 40,000 over the 60 rows, never above what the producer got acknowledged.
    const { columns, rows } = sim.metrics.series();
    const h = headlineMetrics({ columns, rows, doc: sim.doc });
    expect(h.processed).toBeCloseTo((RATE * SEND_SEC) / rows.length, 6);
    expect(h.processed!).toBeLessThanOrEqual(h.throughput! + 1e-9);
  });
});
