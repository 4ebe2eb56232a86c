// The live bottleneck text names compression when the producer's compression core is the limit.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../core';
import { FAST_BROKER, pipeline } from '../core/testing/pipelines';
import type { Pipeline } from '../model';
import { BOTTLENECK_WINDOW_SEC, BottleneckDetector } from './bottlenecks';

/** 100 MB/s of 1 kB records: twice what one core compresses with gzip, a fifth of it with lz4. */
function doc(codec: 'gzip' | 'lz4'): Pipeline {
  return pipeline({
    version: 1,
    cluster: { networkLatencyMs: 0.25, brokers: [{ id: 'b1', hardware: FAST_BROKER }] },
    topics: [{ id: 't', partitions: 4, replicationFactor: 1 }],
    producers: [
      {
        id: 'p',
        rate: { kind: 'constant', recordsPerSec: 100_000 },
        recordBytes: 1000,
        config: { acks: '1', 'linger.ms': 5, 'batch.size': 262_144, 'compression.type': codec },
      },
    ],
    edges: [{ from: 'p', to: 't' }],
  });
}

function verdictAfter(d: Pipeline, seconds: number): string | undefined {
  const sim = new Simulation(d);
  sim.runUntil(seconds * 1000);
  const detector = new BottleneckDetector(d, sim.metrics.series().columns);
  const rows = sim.metrics.series().rows.slice(-BOTTLENECK_WINDOW_SEC);
  return detector.detect(rows, (id) => {
    const p = sim.producers.find((x) => x.doc.id === id);
    return p && { refused: p.ledger.refused, dropped: p.ledger.dropped };
  }).nodes['p'];
}

describe('compression bottleneck', () => {
  it('blames gzip when the compression core is saturated', () => {
    const reason = verdictAfter(doc('gzip'), 15);
    expect(reason).toMatch(/^Records pile up in the producer/);
    expect(reason).toContain('compressing with gzip');
    expect(reason).toContain('lz4 or snappy');
  });

  it('names a measured client cost when the producer has one, whatever the codec', () => {
    // 20 µs a record: at most 50,000 of the 100,000 records/s asked for.
    const d = doc('lz4');
    const costly = { ...d, producers: d.producers.map((p) => ({ ...p, clientCostPerRecordUs: 20 })) };
    const reason = verdictAfter(costly, 15);
    expect(reason).toMatch(/^Records pile up in the producer/);
    expect(reason).toContain('its client cost of 20 µs a record (clientCostPerRecordUs)');
    expect(reason).toContain('at most 50,000 records/s');
  });

  it('says nothing about a producer lz4 keeps up with', () => {
    expect(verdictAfter(doc('lz4'), 15)).toBeUndefined();
  });
});
