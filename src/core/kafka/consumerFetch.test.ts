// When a consumer sends its fetches. Kafka's classic consumer does its network work inside poll():
// it takes what is buffered first, then fetches for every partition that has nothing buffered. A
// member that sent its next fetch as soon as an answer arrived, while still busy with its last
// poll, would leave out the partitions just buffered; the fetch then long-polls the broker for the
// others, and new records of the left-out partitions wait up to fetch.max.wait.ms behind it.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/simulation';
import { pipeline } from '../testing/pipelines';

function lowRate(meanMs: number) {
  return pipeline({
    version: 1,
    cluster: { networkLatencyMs: 0.25, brokers: [{ id: 'b1' }, { id: 'b2' }, { id: 'b3' }] },
    // Two partitions per broker; the sticky partitioner writes to one partition at a time.
    topics: [{ id: 't', partitions: 6, replicationFactor: 3 }],
    producers: [
      { id: 'p', rate: { kind: 'poisson', recordsPerSec: 500 }, config: { acks: '1', 'linger.ms': 0 } },
    ],
    consumerGroups: [{ id: 'g', members: 1, processing: { distribution: 'fixed', meanMs } }],
    edges: [
      { from: 'p', to: 't' },
      { from: 't', to: 'g' },
    ],
    run: { seed: 1, durationSec: 60 },
  });
}

describe('consumer fetches', () => {
  it.each([0, 0.2])(
    'never hold a record back for fetch.max.wait.ms at a low rate (processing %s ms per record)',
    (meanMs) => {
      const sim = new Simulation(lowRate(meanMs));
      sim.runUntil(60_000);
      const latency = sim.summary().consumerGroups['g']!.latencyMs;
      expect(latency.records).toBeGreaterThan(25_000);
      // Nothing is loaded: four network hops of 0.25 ms and the processing. A record left out of a
      // long-poll would wait up to fetch.max.wait.ms (500 ms).
      expect(latency.max).toBeLessThan(20);
    },
  );
});

describe('a slow member with several partitions', () => {
  it('takes them in turns: each falls behind about equally, none starves', () => {
    // 1000 records/s over 2 partitions, 1.5 ms a record: the member manages 667/s, so both
    // partitions should fall behind together, each by about (500 - 333)/s.
    const doc = pipeline({
      version: 1,
      cluster: { brokers: [{ id: 'b1' }] },
      topics: [{ id: 't', partitions: 2, replicationFactor: 1 }],
      producers: [
        { id: 'p', rate: { kind: 'constant', recordsPerSec: 1000 }, keys: { kind: 'uniform', count: 1000 } },
      ],
      consumerGroups: [{ id: 'g', members: 1, processing: { distribution: 'fixed', meanMs: 1.5 } }],
      edges: [
        { from: 'p', to: 't' },
        { from: 't', to: 'g' },
      ],
    });
    const sim = new Simulation(doc);
    sim.runUntil(60_000);
    const [a, b] = sim.groups[0]!.lagPerPartition() as [number, number];
    expect(a + b).toBeGreaterThan(15_000);
    expect(Math.min(a, b)).toBeGreaterThan(Math.max(a, b) / 2);
  });
});
