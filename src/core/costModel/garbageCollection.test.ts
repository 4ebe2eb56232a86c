// Young garbage collections: every young generation's worth of allocation stops the process for a
// pause. Rare and short, they are what makes a queue near its capacity slow to drain: records that
// arrive during a pause wait for it, and near saturation the backlog a pause leaves takes a long
// time to clear. Figures from JVM_GC (costs.ts) and the settings, worked out by hand.
import { describe, expect, it } from 'vitest';
import { JVM_GC, PRODUCER_CYCLES } from '../costs';
import { Jvm } from '../engine/jvm';
import { ServerPool } from '../engine/resource';
import { Simulation } from '../engine/simulation';
import { FAST_BROKER, pipeline } from '../testing/pipelines';

describe('a JVM', () => {
  it('collects once per young generation allocated, and stops its threads for the pause', () => {
    const pool = new ServerPool('threads', 2);
    const jvm = new Jvm([pool], 1000, 5);
    jvm.allocate(10, 999);
    expect(jvm.collections).toBe(0);
    expect(pool.reserve(10, 1)).toBe(11);
    jvm.allocate(20, 2); // 1001: one collection at 20 ms, 1 byte left over
    expect(jvm.collections).toBe(1);
    // Nothing starts on either thread before the pause ends.
    expect(pool.reserve(21, 1)).toBe(26);
    expect(pool.reserve(21, 1)).toBe(26);
    jvm.allocate(30, 2_998); // 2999 since: two more
    expect(jvm.collections).toBe(3);
    expect(jvm.pausedMs).toBe(15);
  });
});

describe('a producer near its capacity', () => {
  // One producer thread of 100-byte records on a fast 3 GHz machine: about 3e9 / 3100 records a
  // second. Its process allocates about (100 + 100) bytes a record, so near that rate it collects
  // every 250 MB / (200 B x ~950k/s), about 1.3 s, and stops for 10 ms.
  const capacity = 3e9 / (PRODUCER_CYCLES.sendPerRecord + PRODUCER_CYCLES.sendPerByte * 100);
  const p99At = (share: number) => {
    const sim = new Simulation(
      pipeline({
        version: 1,
        cluster: { brokers: [{ id: 'b1', hardware: FAST_BROKER }], clientHardware: FAST_BROKER },
        topics: [{ id: 't', partitions: 8 }],
        producers: [
          {
            id: 'p',
            rate: { kind: 'poisson', recordsPerSec: capacity * share },
            config: { acks: '1', 'linger.ms': 1 },
          },
        ],
        edges: [{ from: 'p', to: 't' }],
      }),
    );
    sim.runUntil(20_000);
    return sim.summary().produceLatencyMs.p99;
  };

  it('shows saturation as a tail that grows, then explodes past capacity', () => {
    const pause = JVM_GC.client.pauseMs;
    const half = p99At(0.5);
    const near = p99At(0.97);
    const over = p99At(1.02);
    // At 97% a pause's backlog takes 10 ms x 0.97 / 0.03, about 0.3 s, to clear: a quarter of the
    // records wait behind one, up to the whole pause.
    expect(near).toBeGreaterThan(0.7 * pause);
    // At half the rate the backlog clears in 10 ms: few records meet one.
    expect(half).toBeLessThan(near / 2);
    // Past capacity the backlog only grows: 2% of the rate falls behind, so by the end of the 20 s
    // run records wait some 0.02 x 20 s = 0.4 s.
    expect(over).toBeGreaterThan(250);
    expect(over).toBeGreaterThan(10 * near);
  });
});
