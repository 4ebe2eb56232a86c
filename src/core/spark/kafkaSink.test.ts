// A Spark job writing to a Kafka topic (issue 5): job A reads t1 (1000 records/s, even rate),
// keeps half, and writes to t2 through its Kafka sink (a producer "A->t2" in push mode); job B or a
// consumer group reads t2. The records are really produced: appended to t2's partitions, read
// with lag and latency, and accounted for in the run's totals.
import { describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../model/types';
import { Simulation } from '../engine/simulation';
import { pipeline, sparkPipelineInput } from '../testing/pipelines';

const DURATION_SEC = 60;

function twoStage(reader: 'job' | 'group', faults: PipelineInput['faults'] = []): PipelineInput {
  const base = sparkPipelineInput({
    ratePerSec: 1000,
    costPerRecordUs: 20,
    durationSec: DURATION_SEC,
    stages: [{ id: 'keep-half', kind: 'filter', selectivity: 0.5, costPerRecordUs: 10 }],
  });
  return {
    ...base,
    topics: [
      { id: 't1', partitions: 4, replicationFactor: 1 },
      { id: 't2', partitions: 2, replicationFactor: 1 },
    ],
    sparkJobs: [
      { ...base.sparkJobs![0]!, id: 'A' },
      ...(reader === 'job'
        ? [
            {
              id: 'B',
              batchIntervalMs: 2000,
              stages: [{ id: 'count', kind: 'aggregate' as const, keyCardinality: 10 }],
            },
          ]
        : []),
    ],
    consumerGroups:
      reader === 'group'
        ? [{ id: 'G', members: 2, processing: { distribution: 'fixed', meanMs: 0.01 } }]
        : [],
    edges: [
      { from: 'p', to: 't1' },
      { from: 't1', to: 'A' },
      { from: 'A', to: 't2' },
      { from: 't2', to: reader === 'job' ? 'B' : 'G' },
    ],
    faults,
  };
}

function run(input: PipelineInput): Simulation {
  const sim = new Simulation(pipeline(input));
  sim.runUntil(DURATION_SEC * 1000);
  return sim;
}

const job = (sim: Simulation, id: string) => sim.jobs.find((j) => j.doc.id === id)!;
const sinkProducer = (sim: Simulation) => sim.producers.find((p) => p.doc.id === 'A->t2')!;

describe('Spark job -> topic (Kafka sink)', () => {
  it("appends exactly A's filter output to t2, as records of a producer named A->t2", () => {
    const sim = run(twoStage('job'));
    const a = job(sim, 'A');
    const filter = a.stageTotals[0]!;
    const s = sim.summary();
    // Half of what A read, as the filter decided (the output of every completed batch).
    expect(filter.recordsOut).toBe(a.totalOutput);
    expect(Math.abs(a.totalOutput - a.totalRecords / 2)).toBeLessThanOrEqual(1);
    expect(a.totalRecords).toBeGreaterThan(55_000);
    const producer = sinkProducer(sim);
    expect(producer.ledger.produced).toBe(a.totalOutput);
    // Everything handed over before the end is acknowledged and appended (idempotent, RF 1).
    expect(s.topics.t2!.appended).toBe(producer.ledger.acknowledged);
    expect(s.topics.t2!.appended + producer.inFlightRecords).toBe(a.totalOutput);
    expect(s.producers['A->t2']).toMatchObject({
      produced: a.totalOutput,
      kafkaSink: { job: 'A', topic: 't2' },
    });
    // Null keys: the sticky partitioner uses both partitions of t2.
    for (const p of sim.topics.get('t2')!.partitions) expect(p.totalAppended).toBeGreaterThan(1000);
    // The job's producer has per-second columns of its own.
    expect(sim.metrics.columns).toContain('A->t2.produced');
    expect(s.producers.p!.kafkaSink).toBeUndefined();
  });

  it('job B reads what A wrote, a batch or more later', () => {
    const sim = run(twoStage('job'));
    const b = job(sim, 'B');
    const s = sim.summary();
    const appended = s.topics.t2!.appended;
    expect(b.totalRecords).toBeLessThanOrEqual(appended);
    // B is at most about one of its 2 s batches behind (500 records/s into t2).
    expect(b.totalRecords).toBeGreaterThan(appended - 2000);
    expect(s.sparkJobs.B!.batches).toBeGreaterThan(25);
    expect(s.sparkJobs.B!.finalLag).toBeLessThanOrEqual(2000);
    // B's latency counts from A's output (Kafka's CreateTime is the send time): a record waits for
    // B's next batch, so on average about half of B's interval, and never more than one interval
    // plus the processing.
    const lat = s.sparkJobs.B!.latencyMs;
    expect(lat.records).toBe(b.totalRecords);
    expect(lat.mean).toBeGreaterThan(500);
    expect(lat.max).toBeLessThan(2000 + 500);
    // A's own records waited for A's batch: from creation, at least part of a 1 s interval.
    expect(s.sparkJobs.A!.latencyMs.p50).toBeGreaterThan(100);
    expect(s.sparkJobs.A!.latencyMs.max).toBeGreaterThanOrEqual(1000);
  });

  it('a consumer group reads t2 within milliseconds of the writes', () => {
    const sim = run(twoStage('group'));
    const a = job(sim, 'A');
    const s = sim.summary();
    const g = s.consumerGroups.G!;
    expect(g.consumed).toBe(s.topics.t2!.appended);
    expect(g.consumed).toBeGreaterThan(a.totalOutput - 1000);
    expect(g.latencyMs.p99).toBeLessThan(200);
  });

  it.each(['job', 'group'] as const)('every record is accounted for (reader: %s)', (reader) => {
    const sim = run(twoStage(reader));
    const r = sim.summary().records;
    expect(r.produced).toBe(r.acknowledged + r.inFlight + r.refused + r.dropped + r.lost);
    // p's records plus A's output, each once.
    const produced = sim.producers.reduce((n, p) => n + p.ledger.produced, 0);
    expect(r.produced).toBe(produced);
    expect(r.produced).toBe(
      sim.producers.find((p) => p.doc.id === 'p')!.ledger.produced + job(sim, 'A').totalOutput,
    );
    for (const p of sim.producers) {
      const l = p.ledger;
      const sum = (o: Record<string, number>) => Object.values(o).reduce((x, y) => x + y, 0);
      expect(l.produced).toBe(
        l.acknowledged + p.inFlightRecords + sum(l.refused) + sum(l.dropped) + sum(l.lost),
      );
    }
  });

  it('the same document gives the same summary twice', () => {
    const input = twoStage('job');
    expect(JSON.stringify(run(input).summary())).toBe(JSON.stringify(run(input).summary()));
  });

  it('a driver failure replays batches: at-least-once, their output is written to t2 again', () => {
    const sim = run(twoStage('job', [{ kind: 'driverFailure', atSec: 25.5, job: 'A', durationSec: 5 }]));
    const a = job(sim, 'A');
    expect(a.replayedOutput).toBeGreaterThan(0);
    // Replayed output counts in totalOutput and is sent again: duplicates in the topic.
    expect(sinkProducer(sim).ledger.produced).toBe(a.totalOutput);
    const r = sim.summary().records;
    expect(r.produced).toBe(r.acknowledged + r.inFlight + r.refused + r.dropped + r.lost);
  });
});
