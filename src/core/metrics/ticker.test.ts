// The per-second series: one row per simulated second, consistent columns.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/simulation';
import { FAST_BROKER, pipeline } from '../testing/pipelines';

describe('per-second series', () => {
  const doc = pipeline({
    version: 1,
    cluster: { brokers: [{ id: 'b1', hardware: { ...FAST_BROKER, networkInMBps: 2 } }] },
    topics: [{ id: 't', partitions: 3, replicationFactor: 1 }],
    producers: [{ id: 'p', rate: { kind: 'constant', recordsPerSec: 1000 }, recordBytes: 1000 }],
    consumerGroups: [{ id: 'g', members: 2, processing: { meanMs: 0.1 } }],
    sparkJobs: [{ id: 'j', stages: [{ id: 'm', kind: 'map' }] }],
    edges: [
      { from: 'p', to: 't' },
      { from: 't', to: 'g' },
      { from: 't', to: 'j' },
    ],
  });
  const sim = new Simulation(doc);
  sim.runUntil(10_000);
  const { columns, rows } = sim.metrics.series();
  const col = (name: string) => {
    const i = columns.indexOf(name);
    expect(i, name).toBeGreaterThanOrEqual(0);
    return rows.map((r) => r[i]!);
  };

  it('has one row per simulated second', () => {
    expect(col('second')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const r of rows) expect(r).toHaveLength(columns.length);
  });

  it('counts records and bytes per node', () => {
    const produced = col('p.produced');
    expect(produced.slice(1).every((n) => n === 1000)).toBe(true);
    col('p.acknowledgedBytes').forEach((b, i) => expect(b).toBe(col('p.acknowledged')[i]! * 1000));
    const consumedBytes = col('g.consumedBytes').reduce((a, b) => a + b, 0);
    expect(consumedBytes).toBeGreaterThan(8000 * 1000);
    expect(col('j.inputBytes').reduce((a, b) => a + b, 0)).toBeGreaterThan(8000 * 1000);
  });

  it('splits group lag by partition and reports utilisation as a fraction', () => {
    rows.forEach((_, i) => {
      const parts = [0, 1, 2].map((p) => col(`g.lag.p${p}`)[i]!);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(col('g.lag')[i]);
    });
    // 1 MB/s of records into a 2 MB/s link: about half busy.
    const net = col('b1.networkIn').slice(1);
    for (const u of net) {
      expect(u).toBeGreaterThan(0.45);
      expect(u).toBeLessThan(0.6);
    }
  });
});
