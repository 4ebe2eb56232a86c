// A Spark job writing to a Kafka topic (issue 5): job A reads t1 (1000 records/s, even rate),
// keeps half, and writes to t2 through its Kafka sink (a producer "A->t2" in push mode); job B or a
// consumer group reads t2. The records are really produced: appended to t2's partitions, read
// with lag and latency, and accounted for in the run's totals. A batch ends only once the sink's
// producer is flushed, so the state of t2 shows in A's processing time, delays and failures.
import { describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../model/types';
import { BATCH_HEADER_BYTES, RECORD_OVERHEAD_BYTES } from '../costs';
import { PARTITION_OFFLINE } from '../kafka/broker';
import { Simulation } from '../engine/simulation';
import { FAST_BROKER, pipeline, sparkPipelineInput } from '../testing/pipelines';

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

/**
 * Like twoStage with no reader, on two brokers: t1 (one partition) on b0, t2 (one partition, RF 1)
 * on b1, so b1's faults touch only A's output.
 */
function isolated(faults: PipelineInput['faults'], durationSec = DURATION_SEC): PipelineInput {
  const base = twoStage('group', faults);
  return {
    ...base,
    cluster: {
      networkLatencyMs: 0.1,
      brokers: [
        { id: 'b0', hardware: FAST_BROKER },
        { id: 'b1', hardware: FAST_BROKER },
      ],
    },
    topics: [
      { id: 't1', partitions: 1, replicationFactor: 1 },
      { id: 't2', partitions: 1, replicationFactor: 1 },
    ],
    consumerGroups: [],
    edges: base.edges!.filter((e) => e.to !== 'G'),
    run: { seed: 1, durationSec },
  };
}

function run(input: PipelineInput, durationSec = DURATION_SEC): Simulation {
  const sim = new Simulation(pipeline(input));
  sim.runUntil(durationSec * 1000);
  return sim;
}

/** t2's only broker is down from 10.5 s for 20 s: A's batch of 11 s is the first to write to it. */
const OUTAGE = { kind: 'brokerDown' as const, atSec: 10.5, broker: 'b1', durationSec: 20 };
/** Kafka's producer defaults, which the sink's producer keeps. */
const LINGER_MS = 5;
const REQUEST_TIMEOUT_MS = 30_000;
const DELIVERY_TIMEOUT_MS = 120_000;
/** A's output per 1 s batch: half of the 1000 records t1 gets each second. */
const BATCH_OUTPUT = 500;

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

  it('calls a flush back from an event once nothing is in flight, never from inside the call', () => {
    const sim = new Simulation(pipeline(twoStage('group')));
    const producer = sinkProducer(sim);
    // Between A's batches (1 s interval, tens of ms each) the producer is idle.
    sim.runUntil(5500);
    const at: number[] = [];
    producer.whenFlushed(() => at.push(sim.nowMs));
    expect(at).toEqual([]);
    sim.runUntil(5500);
    expect(at).toEqual([5500]);
    // 100 records of 200 bytes: a full batch leaves at once, the rest wait linger.ms in the
    // accumulator. A 16384-byte batch.size holds the 61-byte batch header and records of 200 + 8
    // bytes (format v2's per-record varints): (16384 - 61) / 208 = 78.5, so 78 records.
    expect(Math.floor((16_384 - BATCH_HEADER_BYTES) / (200 + RECORD_OVERHEAD_BYTES))).toBe(78);
    producer.send(sim.nowMs, 100);
    producer.whenFlushed(() => at.push(sim.nowMs));
    sim.runUntil(5500 + LINGER_MS - 0.01);
    expect(at).toEqual([5500]);
    expect(producer.inFlightRecords).toBe(100 - 78);
    sim.runUntil(5600);
    expect(at).toHaveLength(2);
    expect(at[1]).toBeGreaterThanOrEqual(5500 + LINGER_MS);
    expect(producer.inFlightRecords).toBe(0);
  });

  it.each([
    ['no fault', []],
    ["t2's broker down for 20 s", [OUTAGE]],
  ] as const)('a batch ends only once its output is acknowledged (%s)', (_name, faults) => {
    const sim = new Simulation(pipeline(isolated([...faults])));
    const a = job(sim, 'A');
    const producer = sinkProducer(sim);
    let completed = 0;
    // A batch hands its output over when its tasks are done, tens of ms after the previous one
    // ended: looking every millisecond sees each end before the next hand-over.
    for (let t = 1; t <= DURATION_SEC * 1000; t++) {
      sim.runUntil(t);
      if (a.batchesCompleted === completed) continue;
      completed = a.batchesCompleted;
      expect(producer.inFlightRecords).toBe(0);
      expect(producer.ledger.acknowledged).toBe(a.totalOutput);
    }
    expect(completed).toBeGreaterThan(50);
  });

  it('processing time includes the wait for acknowledgements: at least linger.ms more than without the topic', () => {
    const withTopic = run(twoStage('group'));
    const input = twoStage('group');
    const without = run({ ...input, edges: input.edges!.filter((e) => e.to !== 't2') });
    expect(without.producers.some((p) => p.doc.id === 'A->t2')).toBe(false);
    const byTime = new Map(job(without, 'A').recentBatches.map((b) => [b.batchTime, b]));
    const batches = job(withTopic, 'A').recentBatches.filter((b) => b.outputRecords > 0);
    expect(batches.length).toBeGreaterThan(55);
    for (const b of batches) {
      const other = byTime.get(b.batchTime)!;
      // 500 records of 200 bytes, 81 to a 16384-byte batch.size: at least one producer batch is
      // not full and waits linger.ms; the brokers are fast and 0.1 ms away.
      expect(b.processingMs - other.processingMs).toBeGreaterThanOrEqual(LINGER_MS);
      expect(b.processingMs - other.processingMs).toBeLessThan(LINGER_MS + 2);
      expect(b.outputWaitMs).toBeCloseTo(b.processingMs - other.processingMs, 0);
    }
    const s = withTopic.summary().sparkJobs.A!;
    expect(s.meanOutputWaitMs).toBeGreaterThanOrEqual(LINGER_MS);
    expect(without.summary().sparkJobs.A!.meanOutputWaitMs).toBe(0);
  });

  it("an outage of t2's broker holds A's batch until the write succeeds, delays the next ones, loses nothing", () => {
    const sim = run(isolated([OUTAGE]));
    const a = job(sim, 'A');
    const batch = (time: number) => a.recentBatches.find((b) => b.batchTime === time)!;
    const stuck = batch(11_000);
    // Its request to the dead broker goes unanswered until request.timeout.ms, then is retried
    // to the broker, back by then: at least the 19.5 s left of the outage, at most one timeout more.
    expect(stuck.processingMs).toBeGreaterThanOrEqual(30_500 - 11_000);
    expect(stuck.processingMs).toBeLessThan(REQUEST_TIMEOUT_MS + 1000);
    expect(stuck.outputWaitMs).toBeGreaterThan(stuck.processingMs - 100);
    expect(stuck.status).toBe('done');
    // The batches cut meanwhile queued behind it (one at a time).
    expect(batch(12_000).schedulingDelayMs).toBeGreaterThan(stuck.processingMs - 1000 - 100);
    expect(a.maxSchedulingDelayMs).toBeGreaterThan(19_000);
    // Caught up after: 30 queued batches of tens of ms each take a few seconds.
    for (const b of a.recentBatches.filter((x) => x.batchTime >= 50_000))
      expect(b.schedulingDelayMs).toBeLessThan(100);
    const s = sim.summary();
    expect(s.sparkJobs.A!.finalLag).toBeLessThan(1000);
    // acks=all, retried well within delivery.timeout.ms: every record written once.
    const l = sinkProducer(sim).ledger;
    expect(l).toMatchObject({ refused: {}, dropped: {}, lost: {}, duplicatesWritten: 0 });
    expect(s.topics.t2!.appended).toBe(a.totalOutput);
    expect(a.state).toBe('running');
  });

  it('records the producer gives up on (outage past delivery.timeout.ms) fail the batch and stop the job', () => {
    const durationSec = 150;
    const sim = run(isolated([{ ...OUTAGE, durationSec: undefined }], durationSec), durationSec);
    const a = job(sim, 'A');
    const l = sinkProducer(sim).ledger;
    // The 11 s batch's records wait for t2's leader until delivery.timeout.ms, then are refused.
    expect(l.refused).toEqual({ [PARTITION_OFFLINE]: BATCH_OUTPUT });
    expect(a.state).toBe('failed');
    expect(a.failureReason).toContain('t2');
    expect(a.failureReason).toContain(`${BATCH_OUTPUT} records`);
    expect(a.failureReason).toContain(PARTITION_OFFLINE);
    expect(a.failedBatches).toBe(1);
    const failed = a.recentBatches.at(-1)!;
    expect(failed).toMatchObject({ batchTime: 11_000, status: 'failed' });
    expect(failed.processingMs).toBeGreaterThanOrEqual(DELIVERY_TIMEOUT_MS);
    expect(failed.processingMs).toBeLessThan(DELIVERY_TIMEOUT_MS + 2000);
    // Nothing after it is written; its input and everything since stay in t1 as lag.
    expect(a.batchesCompleted).toBe(10);
    expect(sim.summary().sparkJobs.A!.finalLag).toBe((durationSec - 10) * 1000);
    // Every record taken into a batch is processed, in flight, or given up on with the failure.
    expect(a.recordsTaken).toBe(a.totalRecords + a.recordsInFlight + a.recordsAbandoned);
    const r = sim.summary().records;
    expect(r.produced).toBe(r.acknowledged + r.inFlight + r.refused + r.dropped + r.lost);
  });

  it('a driver failure while a batch waits for its flush writes that output again after the restart', () => {
    // The checkpoint of the 10 s batch is the last before the failure at 15 s; only the 11 s
    // batch got past its tasks since (the others queued behind its flush).
    const sim = run(isolated([OUTAGE, { kind: 'driverFailure', atSec: 15, job: 'A', durationSec: 5 }]));
    const a = job(sim, 'A');
    expect(a.recentBatches.some((b) => b.batchTime === 11_000)).toBe(false);
    expect(a.replayedOutput).toBe(BATCH_OUTPUT);
    // Every record of t1 went through A once in a completed batch (but the last second's, still
    // running at the end); t2 holds the 11 s batch's output twice.
    const s = sim.summary();
    expect(a.totalRecords - a.replayedRecords).toBe(s.topics.t1!.appended - 1000);
    expect(s.topics.t2!.appended).toBe(a.totalOutput);
    expect(Math.abs(a.totalOutput - BATCH_OUTPUT - a.totalRecords / 2)).toBeLessThanOrEqual(1);
    expect(a.state).toBe('running');
  });

  it('an executor loss while a batch waits for its flush re-runs no task and changes nothing else', () => {
    // Replacements are back at 20 s, before the flush: the run is the outage alone.
    const lost = run(
      isolated([OUTAGE, { kind: 'executorLoss', atSec: 15, job: 'A', count: 1, durationSec: 5 }]),
    );
    const a = job(lost, 'A');
    expect(a.recomputedBatches).toBe(0);
    expect(a.recentBatches.find((b) => b.batchTime === 11_000)!.status).toBe('done');
    expect(JSON.stringify(lost.summary().sparkJobs)).toBe(
      JSON.stringify(run(isolated([OUTAGE])).summary().sparkJobs),
    );
  });
});
