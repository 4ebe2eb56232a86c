// ProducerClient.addPartitions: the topic grows mid-run and the producer routes to the new partitions.
import { describe, expect, it } from 'vitest';
import type { KeyModel } from '../../../model/types';
import { Simulation } from '../../engine/simulation';
import { sumReasons } from '../../metrics/accounting';
import { FAST_BROKER, pipeline } from '../../testing/pipelines';
import { Partition } from '../partition';
import { partitionWeights } from './partitioner';

function doc(keys: KeyModel) {
  return pipeline({
    version: 1,
    cluster: { networkLatencyMs: 0.5, brokers: [{ id: 'b1', hardware: FAST_BROKER }] },
    topics: [{ id: 't', partitions: 4, replicationFactor: 1 }],
    producers: [
      { id: 'p', rate: { kind: 'constant', recordsPerSec: 20_000 }, recordBytes: 100, keys, config: {} },
    ],
    edges: [{ from: 'p', to: 't' }],
  });
}

/** Runs 5 s on 4 partitions, grows the topic to 8 in place (as the fault handler will), runs 5 s more. */
function growAtFiveSeconds(keys: KeyModel) {
  const sim = new Simulation(doc(keys));
  sim.runUntil(5_000);
  const partitions = sim.topics.get('t')!.partitions;
  const producer = sim.producers[0]!;
  const before = partitions.map((p) => p.totalAppended);
  const inFlightAtGrowth = producer.inFlightRecords;
  for (let i = 4; i < 8; i++) partitions.push(new Partition('t', i, [0]));
  producer.addPartitions(partitions);
  sim.runUntil(10_000);
  const after = partitions.map((p, i) => p.totalAppended - (before[i] ?? 0));
  return { sim, producer, partitions, after, inFlightAtGrowth };
}

function expectBalanced(producer: Simulation['producers'][number]) {
  const l = producer.ledger;
  expect(l.produced).toBe(
    l.acknowledged +
      producer.inFlightRecords +
      sumReasons(l.refused) +
      sumReasons(l.dropped) +
      sumReasons(l.lost),
  );
  expect(sumReasons(l.refused) + sumReasons(l.dropped) + sumReasons(l.lost)).toBe(0);
}

describe('ProducerClient.addPartitions', () => {
  it('maps keyed records by murmur2 modulo the new partition count from then on', () => {
    const keys: KeyModel = { kind: 'uniform', count: 40 };
    const { producer, partitions, after, inFlightAtGrowth } = growAtFiveSeconds(keys);
    const weights = partitionWeights(keys, 8)!;
    const total = after.reduce((a, n) => a + n, 0);
    expect(total).toBeGreaterThan(90_000);
    // Only batches accumulated before the growth may still land where the old modulus put them.
    let stray = 0;
    after.forEach((n, p) => {
      if (weights[p] === 0) stray += n;
      else expect(n / total).toBeCloseTo(weights[p]!, 1);
    });
    expect(stray).toBeLessThanOrEqual(inFlightAtGrowth);
    // Some key moves to a new partition (that is why Kafka warns that adding partitions moves keys).
    expect(after.slice(4).some((n) => n > 0)).toBe(true);
    // Every acknowledged record is in the log, nothing went missing.
    expect(partitions.reduce((a, p) => a + p.totalAppended, 0)).toBe(producer.ledger.acknowledged);
    expectBalanced(producer);
  });

  it('lets the sticky partitioner pick the new partitions', () => {
    const { producer, partitions, after } = growAtFiveSeconds({ kind: 'null' });
    const total = after.reduce((a, n) => a + n, 0);
    for (let p = 4; p < 8; p++) expect(after[p]! / total).toBeGreaterThan(0.05);
    expect(partitions.reduce((a, p) => a + p.totalAppended, 0)).toBe(producer.ledger.acknowledged);
    expectBalanced(producer);
  });

  it('accepts a new array as well as the same one grown, and refuses to shrink', () => {
    const sim = new Simulation(doc({ kind: 'uniform', count: 40 }));
    sim.runUntil(1_000);
    const producer = sim.producers[0]!;
    const grown = [...producer.partitions, new Partition('t', 4, [0])];
    producer.addPartitions(grown);
    expect(producer.partitions).toBe(grown);
    expect(() => producer.addPartitions(grown.slice(0, 3))).toThrow(/shrink/);
    sim.runUntil(3_000);
    expectBalanced(producer);
  });
});
