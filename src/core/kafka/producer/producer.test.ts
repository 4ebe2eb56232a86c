// The producer's partitioner and batching, observed from outside: requests, batch sizes, partition shares.
import { describe, expect, it } from 'vitest';
import type { KeyModel } from '../../../model/types';
import { Simulation } from '../../engine/simulation';
import { FAST_BROKER, pipeline } from '../../testing/pipelines';
import { murmur2, partitionForKey, toPositive, utf8 } from '../murmur2';
import { keyName, keyNameBytes, partitionWeights } from './partitioner';

function producerDoc(config: Record<string, unknown>, keys: KeyModel, ratePerSec = 1000, partitions = 6) {
  return pipeline({
    version: 1,
    cluster: { networkLatencyMs: 0.5, brokers: [{ id: 'b1', hardware: FAST_BROKER }] },
    topics: [{ id: 't', partitions, replicationFactor: 1 }],
    producers: [
      { id: 'p', rate: { kind: 'constant', recordsPerSec: ratePerSec }, recordBytes: 100, keys, config },
    ],
    edges: [{ from: 'p', to: 't' }],
  });
}

function run(doc: ReturnType<typeof producerDoc>, ms = 20_000) {
  const sim = new Simulation(doc);
  sim.runUntil(ms);
  return sim;
}

describe('producer', () => {
  it('waits linger.ms to fill batches: fewer, larger requests with a longer linger', () => {
    // 1000 records/s into one partition: with linger.ms=100 a request carries ~100 records.
    const requests = (linger: number) =>
      run(producerDoc({ 'linger.ms': linger }, { kind: 'uniform', count: 1 })).summary().producers.p!
        .requests;
    const r100 = requests(100);
    expect(r100).toBeGreaterThan(190);
    expect(r100).toBeLessThan(215);
    expect(requests(10)).toBeGreaterThan(5 * r100);
  });

  it('sends a batch as soon as it reaches batch.size, before linger.ms', () => {
    // 100-byte records, batch.size 1000: 10 records per batch, long before a 1 s linger.
    const sim = run(producerDoc({ 'linger.ms': 1000, 'batch.size': 1000 }, { kind: 'uniform', count: 1 }));
    const s = sim.summary().producers.p!;
    expect(s.requests).toBeGreaterThan((20_000 / 10) * 0.9);
    expect(sim.summary().produceLatencyMs.p99).toBeLessThan(20);
  });

  it('routes keyed records by murmur2: the partition shares follow the keys', () => {
    const weights = partitionWeights({ kind: 'uniform', count: 3 }, 6)!;
    // The three keys' partitions come from the reference hash, so only those partitions get data.
    const expected = new Set([0, 1, 2].map((k) => partitionForKey(keyName(k), 6)));
    weights.forEach((w, p) => expect(w > 0).toBe(expected.has(p)));
    const sim = run(producerDoc({}, { kind: 'uniform', count: 3 }, 3000));
    const partitions = sim.topics.get('t')!.partitions;
    partitions.forEach((p) => expect(p.totalAppended > 0).toBe(expected.has(p.index)));
  });

  it('hashes the bytes of the key names it routes by', () => {
    const bytes = new Uint8Array(32);
    for (const k of [0, 1, 9, 10, 99, 100, 12_345, 99_999, 100_000, 999_999, 1_000_000]) {
      const length = keyNameBytes(k, bytes);
      expect(Array.from(bytes.subarray(0, length))).toEqual(Array.from(utf8(keyName(k))));
      expect(toPositive(murmur2(bytes, length)) % 7).toBe(partitionForKey(keyName(k), 7));
    }
  });

  it("sends a Zipf hot key's share to its partition", () => {
    const keys: KeyModel = { kind: 'zipf', count: 100, exponent: 1.5 };
    const sim = run(producerDoc({}, keys, 20_000));
    const partitions = sim.topics.get('t')!.partitions;
    const total = partitions.reduce((a, p) => a + p.totalAppended, 0);
    // Key 0's share alone is 1 / H(100, 1.5) ~ 0.39; its partition holds at least that.
    let harmonic = 0;
    for (let k = 1; k <= 100; k++) harmonic += 1 / Math.pow(k, 1.5);
    const hot = partitions[partitionForKey(keyName(0), 6)]!.totalAppended / total;
    expect(hot).toBeGreaterThan(1 / harmonic - 0.01);
    const weights = partitionWeights(keys, 6)!;
    partitions.forEach((p) => expect(p.totalAppended / total).toBeCloseTo(weights[p.index]!, 2));
  });

  it('spreads key-less records over all partitions with the sticky partitioner, a batch at a time', () => {
    const sim = run(producerDoc({ 'linger.ms': 5 }, { kind: 'null' }, 20_000));
    const partitions = sim.topics.get('t')!.partitions;
    const total = partitions.reduce((a, p) => a + p.totalAppended, 0);
    for (const p of partitions) expect(p.totalAppended / total).toBeGreaterThan(0.1);
    // Sticky batches fill to batch.size (163 records of 100 B) instead of one tiny batch per partition.
    const requests = sim.summary().producers.p!.requests;
    expect(total / requests).toBeGreaterThan(50);
  });
});
