// A sink's write limit holds for every writer. A consumer group writes each poll's records from its
// poll loop and waits for the write, so a slow database slows the group and its lag grows.
import { describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../model/types';
import { FAST_BROKER, pipeline } from '../testing/pipelines';
import { Simulation } from './simulation';

const PRODUCED_PER_SEC = 20_000;
const SINK_PER_SEC = 5_000;

type SinkInput = NonNullable<PipelineInput['sinks']>[number];

/** 20,000 records/s at a constant rate into 4 partitions, one group of 2 fast members, one sink. */
function groupToSink(sink: Partial<SinkInput>, withJob = false): PipelineInput {
  return {
    version: 1,
    cluster: { networkLatencyMs: 0.1, brokers: [{ id: 'b1', hardware: FAST_BROKER }] },
    topics: [{ id: 't', partitions: 4, replicationFactor: 1 }],
    producers: [
      {
        id: 'p',
        rate: { kind: 'constant', recordsPerSec: PRODUCED_PER_SEC },
        recordBytes: 100,
        config: { acks: '1', 'linger.ms': 0 },
      },
    ],
    // 0.001 ms per record: the members alone could take a million records/s.
    consumerGroups: [
      {
        id: 'g',
        members: 2,
        processing: { distribution: 'fixed', meanMs: 0.001 },
        config: { 'max.poll.records': 500 },
      },
    ],
    sparkJobs: withJob ? [{ id: 'job', batchIntervalMs: 1000, stages: [{ id: 'out', kind: 'sink' }] }] : [],
    sinks: [{ id: 'db', kind: 'database', writeLatencyMs: 0, ...sink }],
    edges: [
      { from: 'p', to: 't' },
      { from: 't', to: 'g' },
      { from: 'g', to: 'db' },
      ...(withJob
        ? [
            { from: 't', to: 'job' },
            { from: 'job', to: 'db' },
          ]
        : []),
    ],
    run: { seed: 3, durationSec: 30 },
  };
}

function run(input: PipelineInput, untilMs: number): Simulation {
  const sim = new Simulation(pipeline(input));
  sim.runUntil(untilMs);
  return sim;
}

describe('a consumer group writing to a sink', () => {
  it('is held to the sink write limit, and its lag grows by what the sink cannot take', () => {
    const sim = new Simulation(pipeline(groupToSink({ maxRecordsPerSec: SINK_PER_SEC })));
    const positionLag = () => sim.groups[0]!.lagTable(sim.nowMs).reduce((a, r) => a + r.positionLag, 0);
    sim.runUntil(10_000);
    const lagAt10 = positionLag();
    sim.runUntil(30_000);
    const s = sim.summary();
    // The sink serves 5 records/ms one write after another and always has a write waiting (the
    // group has a backlog from the first second), so over 30 s it takes 150,000 at most, and
    // loses at most the first poll's round trip and the two writes (2 x 500) still in progress.
    const received = s.sinks.db!.received;
    expect(received).toBeLessThanOrEqual(SINK_PER_SEC * 30);
    expect(received).toBeGreaterThan(SINK_PER_SEC * 30 - 2_000);
    expect(s.sinks.db!.utilisation).toBeGreaterThan(0.99);
    // The group consumed what it wrote, nothing more: consumed counts at the write's acknowledgement.
    expect(s.consumerGroups.g!.consumed).toBe(received);
    // Lag grows at 20,000 - 5,000 = 15,000 records/s. Between 10 s and 30 s by position (what polls
    // have not returned): 300,000, give or take the polls being written (2 x 500 at each end).
    const growth = positionLag() - lagAt10;
    expect(growth).toBeGreaterThan(15_000 * 20 - 2_000);
    expect(growth).toBeLessThan(15_000 * 20 + 2_000);
  });

  it('keeps up with the producer when the sink has no write limit', () => {
    const s = run(groupToSink({ maxRecordsPerSec: 0 }), 30_000).summary();
    // Without the limit the group takes everything (a poll's processing is 0.5 ms at most): what
    // no poll has returned is a fraction of a second's records; the committed lag adds at most
    // one auto.commit.interval.ms (5 s) of them.
    expect(s.sinks.db!.received).toBeGreaterThan(PRODUCED_PER_SEC * 29);
    expect(s.consumerGroups.g!.finalPositionLag).toBeLessThan(PRODUCED_PER_SEC);
    expect(s.consumerGroups.g!.finalLag).toBeLessThan(PRODUCED_PER_SEC * 6);
    expect(s.sinks.db!.utilisation).toBe(0);
  });

  it('waits for the write latency on every poll', () => {
    // One member, 500 records per poll, 200 ms per write: at most 500 records every 200 ms, 2,500/s.
    const input = groupToSink({ maxRecordsPerSec: 0, writeLatencyMs: 200 });
    input.consumerGroups![0]!.members = 1;
    const s = run(input, 20_000).summary();
    expect(s.sinks.db!.received).toBeLessThanOrEqual(2_500 * 20);
    expect(s.sinks.db!.received).toBeGreaterThan(2_500 * 19);
  });

  it('shares the write limit with a Spark job writing to the same sink', () => {
    const s = run(groupToSink({ maxRecordsPerSec: SINK_PER_SEC }, true), 30_000).summary();
    // Both writers together get the sink's 5,000 records/s, no more.
    expect(s.sinks.db!.received).toBeLessThanOrEqual(SINK_PER_SEC * 30);
    expect(s.sinks.db!.received).toBeGreaterThan(SINK_PER_SEC * 25);
    expect(s.sinks.db!.utilisation).toBeGreaterThan(0.95);
  });
});
