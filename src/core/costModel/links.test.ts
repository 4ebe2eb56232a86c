// Network links: transfers share a busy link in turns (as TCP connections do), a transfer crosses
// the sender's and the receiver's cards, and a burstable cloud card falls back to its baseline once
// its credits run out. Figures worked out by hand.
import { describe, expect, it } from 'vitest';
import { NETWORK_QUANTUM_MS } from '../costs';
import { Network } from '../engine/network';
import { FifoResource } from '../engine/resource';
import { Scheduler } from '../engine/scheduler';
import { Simulation } from '../engine/simulation';
import { FAST_BROKER, pipeline } from '../testing/pipelines';

/** Runs transfers through a Network and returns when each was delivered. */
function deliver(transfers: { at: number; bytes: number; out?: FifoResource; into?: FifoResource }[]) {
  const scheduler = new Scheduler();
  const network = new Network(scheduler);
  const done: number[] = transfers.map(() => NaN);
  const target = { handle: (_k: number, i: unknown, now: number) => (done[i as number] = now) };
  transfers.forEach((t, i) =>
    scheduler.at(
      t.at,
      { handle: (_k, _d, now) => network.send(now, t.bytes, t.out, t.into, 0, target, 0, i) },
      0,
    ),
  );
  scheduler.runUntil(1e9);
  return done;
}

describe('a shared link', () => {
  // 100 MB/s = 100,000 bytes per ms: a quantum is 100 kB.
  const link = () => new FifoResource('link', 100_000);

  it('serves two long transfers in turns: both finish when all their bytes are through', () => {
    const l = link();
    const [a, b] = deliver([
      { at: 0, bytes: 10e6, out: l },
      { at: 0, bytes: 10e6, out: l },
    ]);
    // 20 MB at 100 MB/s: 200 ms. Served whole, one after the other, the first would end at 100 ms.
    expect(a).toBeGreaterThan(200 - 2 * NETWORK_QUANTUM_MS);
    expect(b).toBeCloseTo(200, 6);
  });

  it('lets a short request through a long transfer within a quantum or two', () => {
    const l = link();
    const [, small] = deliver([
      { at: 0, bytes: 10e6, out: l },
      { at: 10, bytes: 10_000, out: l },
    ]);
    // Queued behind the whole 10 MB it would wait until 100 ms.
    expect(small).toBeLessThan(10 + 2 * NETWORK_QUANTUM_MS + 0.1);
  });

  it('moves a transfer at the slower of the two cards it crosses', () => {
    const fast = new FifoResource('out', 1_000_000);
    const slow = new FifoResource('in', 10_000);
    const [t] = deliver([{ at: 0, bytes: 1e6, out: fast, into: slow }]);
    // 1 MB at 10 MB/s: 100 ms.
    expect(t).toBeCloseTo(100, 6);
  });
});

describe('burst credits', () => {
  it('run at the peak until the credits are spent, then at the baseline, and refill while idle', () => {
    // Peak 100 units/ms, baseline 20, credits for 800 units above baseline.
    const card = new FifoResource('nic', 100, { baselinePerMs: 20, capacity: 800 });
    // 500 units at the peak take 5 ms and spend 5 x 80 = 400 credits.
    expect(card.reserve(0, 500)).toBeCloseTo(5, 9);
    // The next 1000: 400 credits last 5 ms at the peak (500 units), the other 500 go at 20/ms (25 ms).
    expect(card.reserve(5, 1000)).toBeCloseTo(5 + 5 + 25, 9);
    expect(card.credits).toBeCloseTo(0, 9);
    // Idle 10 ms: 10 x 20 = 200 credits back, enough for 250 units at the peak (2.5 ms).
    expect(card.reserve(45, 250)).toBeCloseTo(47.5, 9);
  });

  it("hold a broker's network at its baseline once a producer has used them up", () => {
    // A broker card of 100 MB/s peak, 20 MB/s baseline, 10 s of burst; a producer sending 60 MB/s.
    // Credits hold 80 MB/s x 10 s = 800 MB. Busy 60% of the time at the peak, idle 40% at the
    // baseline, the card spends 0.6 x 80 - 0.4 x 20 = 40 MB of credits a second: 20 s.
    const card = { ...FAST_BROKER, networkInMBps: 100, networkBaselineMBps: 20, networkBurstSec: 10 };
    const sim = new Simulation(
      pipeline({
        version: 1,
        cluster: { brokers: [{ id: 'b1', hardware: card }], clientHardware: FAST_BROKER },
        topics: [{ id: 't', partitions: 4 }],
        producers: [
          {
            id: 'p',
            rate: { kind: 'constant', recordsPerSec: 6000 },
            recordBytes: 10_000,
            config: { acks: '1', 'linger.ms': 5 },
          },
        ],
        edges: [{ from: 'p', to: 't' }],
      }),
    );
    sim.runUntil(40_000);
    const { columns, rows } = sim.metrics.series();
    const mb = columns.indexOf('p.acknowledgedBytes');
    const perSec = (from: number, to: number) =>
      rows.slice(from, to).reduce((a, r) => a + r[mb]!, 0) / (to - from) / 1e6;
    expect(perSec(2, 18)).toBeGreaterThan(59);
    // From 20 s on the card does its baseline, less what the batch overheads take.
    expect(perSec(25, 40)).toBeGreaterThan(19);
    expect(perSec(25, 40)).toBeLessThan(20);
  });
});
