// clientCostPerRecordUs: a producer's measured client cost replaces the engine's estimate of what
// send() costs the application thread. A producer sending as fast as it can (rate kind 'max', the
// perf test's --throughput -1) is then held to 1e6 / cost records per second by that thread, on any
// machine (the cost is time on that machine, not cycles). Expected rates are 1e6 / cost, by hand.
import { describe, expect, it } from 'vitest';
import type { Pipeline } from '../../../model/types';
import { PRODUCER_CYCLES } from '../../costs';
import { Simulation } from '../../engine/simulation';
import { pipeline } from '../../testing/pipelines';

const SECONDS = 12;
const STEADY_FROM = 4;
const RECORD_BYTES = 100;
const WIDE = { cores: 8, diskMBps: 100_000, networkInMBps: 100_000, networkOutMBps: 100_000, memoryGB: 256 };

function doc(costUs: number | undefined, cpuGHz: number): Pipeline {
  return pipeline({
    version: 1,
    cluster: {
      networkLatencyMs: 0.25,
      brokers: [{ id: 'b1', hardware: WIDE }],
      hosts: [{ id: 'm', hardware: { ...WIDE, cpuGHz } }],
    },
    topics: [{ id: 't', partitions: 4, replicationFactor: 1 }],
    producers: [
      {
        id: 'p',
        rate: { kind: 'max' },
        recordBytes: RECORD_BYTES,
        host: 'm',
        ...(costUs === undefined ? {} : { clientCostPerRecordUs: costUs }),
        config: { acks: '1', 'linger.ms': 5, 'batch.size': 262_144 },
      },
    ],
    edges: [{ from: 'p', to: 't' }],
    run: { seed: 5, durationSec: SECONDS },
  });
}

function steadyAcked(d: Pipeline): number {
  const sim = new Simulation(d);
  sim.runUntil(SECONDS * 1000);
  const { columns, rows } = sim.metrics.series();
  const i = columns.indexOf('p.acknowledged');
  expect(i).toBeGreaterThanOrEqual(0);
  const xs = rows.slice(STEADY_FROM).map((r) => r[i]!);
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

describe('a producer’s client cost per record', () => {
  it('holds a max-rate producer to 1e6 / cost records per second, whatever the clock', () => {
    // 8 µs a record: 125,000 records/s, far below what the broker and the network take.
    for (const ghz of [1.5, 3]) {
      const rate = steadyAcked(doc(8, ghz));
      expect(rate).toBeGreaterThan(125_000 * 0.95);
      expect(rate).toBeLessThan(125_000 * 1.02);
    }
    // Twice the cost, half the rate.
    const slow = steadyAcked(doc(16, 3));
    expect(slow).toBeGreaterThan(62_500 * 0.95);
    expect(slow).toBeLessThan(62_500 * 1.02);
  });

  it('without it, the estimate from the clock stands: the same cost written out gives the same run', () => {
    // The estimate at 3 GHz: (send per record + per byte * bytes) cycles / 3000 cycles per µs.
    const estimateUs = (PRODUCER_CYCLES.sendPerRecord + PRODUCER_CYCLES.sendPerByte * RECORD_BYTES) / 3000;
    expect(steadyAcked(doc(estimateUs, 3))).toBeCloseTo(steadyAcked(doc(undefined, 3)), 6);
    // And the estimate follows the clock, where a written cost does not.
    expect(steadyAcked(doc(undefined, 1.5))).toBeLessThan(steadyAcked(doc(undefined, 3)) * 0.6);
  });
});
