// Brokers have finite network, disk and CPU: throughput stops at the bottleneck and latency rises
// as load approaches it. Replication multiplies the load.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/simulation';
import { FAST_BROKER, pipeline } from '../testing/pipelines';

/** One broker whose inbound network is 10 MB/s; records of 1000 bytes, so capacity ~10k records/s. */
function loaded(ratePerSec: number) {
  return pipeline({
    version: 1,
    cluster: {
      networkLatencyMs: 0.2,
      brokers: [{ id: 'b1', hardware: { ...FAST_BROKER, networkInMBps: 10 } }],
    },
    topics: [{ id: 't', partitions: 4, replicationFactor: 1 }],
    producers: [
      {
        id: 'p',
        rate: { kind: 'poisson', recordsPerSec: ratePerSec },
        recordBytes: 1000,
        keys: { kind: 'uniform', count: 1000 },
        config: { acks: '1', 'linger.ms': 5, 'max.block.ms': 5000 },
      },
    ],
    edges: [{ from: 'p', to: 't' }],
    run: { seed: 5, durationSec: 60 },
  });
}

describe('broker capacity', () => {
  const run = (rate: number) => {
    const sim = new Simulation(loaded(rate));
    sim.runUntil(60_000);
    return sim.summary();
  };

  it('caps throughput near the network capacity and raises latency as load approaches it', () => {
    const loads = [2000, 6000, 9000, 15_000];
    const results = loads.map(run);
    // Below capacity everything offered is acknowledged.
    for (const [i, r] of results.slice(0, 3).entries()) {
      expect(r.producers.p!.ackedPerSec).toBeGreaterThan(loads[i]! * 0.97);
    }
    // Above it, acknowledged throughput sits just under 10 MB/s of records (request headers take a little).
    const over = results[3]!.producers.p!.ackedPerSec;
    expect(over).toBeGreaterThan(9000);
    expect(over).toBeLessThan(10_000);
    expect(results[3]!.brokers.b1!.networkIn).toBeGreaterThan(0.9);
    // Latency rises with load, and past capacity it is dominated by waiting.
    const p99 = results.map((r) => r.produceLatencyMs.p99);
    expect(p99[1]!).toBeGreaterThan(p99[0]!);
    expect(p99[2]!).toBeGreaterThan(p99[1]!);
    expect(p99[3]!).toBeGreaterThan(10 * p99[2]!);
    // The excess backs up into the producer: buffer.memory fills and send() refuses after max.block.ms.
    expect(results[3]!.records.refused).toBeGreaterThan(0);
    expect(Object.keys(results[3]!.records.refusedReasons)[0]).toContain('buffer.memory');
  });

  it('multiplies network and disk load by the replication factor', () => {
    const bytesIn = (rf: number) => {
      const doc = pipeline({
        version: 1,
        cluster: { brokers: ['a', 'b', 'c'].map((id) => ({ id, hardware: FAST_BROKER })) },
        topics: [{ id: 't', partitions: 6, replicationFactor: rf }],
        producers: [
          {
            id: 'p',
            rate: { kind: 'constant', recordsPerSec: 5000 },
            recordBytes: 500,
            config: { acks: 'all' },
          },
        ],
        edges: [{ from: 'p', to: 't' }],
      });
      const sim = new Simulation(doc);
      sim.runUntil(20_000);
      const produced = sim.summary().producers.p!.acknowledged * 500;
      const total = (k: 'networkIn' | 'disk') => sim.brokers.reduce((a, b) => a + b[k].workDone, 0);
      return { net: total('networkIn') / produced, disk: total('disk') / produced };
    };
    const one = bytesIn(1);
    const three = bytesIn(3);
    expect(one.disk).toBeGreaterThan(0.98);
    expect(one.disk).toBeLessThan(1.1);
    expect(three.disk / one.disk).toBeGreaterThan(2.9);
    expect(three.disk / one.disk).toBeLessThan(3.1);
    expect(three.net / one.net).toBeGreaterThan(2.8);
  });

  it('acknowledges acks=all only after the followers have the records, so it is slower than acks=1', () => {
    const latency = (acks: 'all' | '1') => {
      const doc = pipeline({
        version: 1,
        cluster: {
          networkLatencyMs: 1,
          brokers: ['a', 'b', 'c'].map((id) => ({ id, hardware: FAST_BROKER })),
        },
        topics: [{ id: 't', partitions: 3, replicationFactor: 3 }],
        producers: [
          { id: 'p', rate: { kind: 'poisson', recordsPerSec: 2000 }, config: { acks, 'linger.ms': 0 } },
        ],
        edges: [{ from: 'p', to: 't' }],
      });
      const sim = new Simulation(doc);
      sim.runUntil(10_000);
      return sim.summary().produceLatencyMs.p50;
    };
    // acks=1: one round trip (2 ms). acks=all adds a follower fetch round trip before the ack.
    expect(latency('1')).toBeGreaterThan(1.9);
    expect(latency('1')).toBeLessThan(3);
    expect(latency('all')).toBeGreaterThan(latency('1') + 1.5);
  });
});
