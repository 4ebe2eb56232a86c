// The engine against queueing theory: a pipeline built as a single-server queue must show the
// textbook mean time in system. Transport (creation to being readable) is measured by the producer
// latency (acks=1, one replica, zero network latency: acknowledged when appended) and subtracted.
import { describe, expect, it } from 'vitest';
import { queuePipeline } from '../testing/pipelines';
import { Simulation } from './simulation';

function meanTimeInConsumer(distribution: 'fixed' | 'exponential', seed: number): number {
  const sim = new Simulation(queuePipeline({ ratePerSec: 800, distribution, meanMs: 1, seed }));
  sim.runUntil(300_000);
  const s = sim.summary();
  expect(s.records.consumed).toBeGreaterThan(230_000);
  return s.latencyMs.mean - s.produceLatencyMs.mean;
}

describe('queueing behaviour', () => {
  // lambda = 0.8 /ms, mu = 1 /ms.
  it('M/M/1: mean time in system is 1/(mu - lambda) = 5 ms within 5%', () => {
    for (const seed of [1, 2]) {
      const w = meanTimeInConsumer('exponential', seed);
      expect(w).toBeGreaterThan(4.75);
      expect(w).toBeLessThan(5.25);
    }
  });

  it('M/D/1: mean time in system is rho/(2 mu (1 - rho)) + 1/mu = 3 ms within 5%', () => {
    const w = meanTimeInConsumer('fixed', 3);
    expect(w).toBeGreaterThan(2.85);
    expect(w).toBeLessThan(3.15);
  });

  it('a consumer slower than the arrivals falls behind: lag grows, latency is unbounded', () => {
    const sim = new Simulation(
      queuePipeline({ ratePerSec: 800, distribution: 'fixed', meanMs: 2, durationSec: 60 }),
    );
    sim.runUntil(30_000);
    const lag30 = sim.summary().consumerGroups.g!.finalLag;
    sim.runUntil(60_000);
    const s = sim.summary();
    // Service rate 500/s against 800/s arrivals: lag grows by ~300 records per second.
    expect(lag30).toBeGreaterThan(300 * 30 * 0.8);
    expect(s.consumerGroups.g!.finalLag - lag30).toBeGreaterThan(300 * 30 * 0.8);
    expect(s.consumerGroups.g!.recordsPerSec).toBeLessThan(510);
  });
});
