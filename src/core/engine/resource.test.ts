import { describe, expect, it } from 'vitest';
import { FifoResource, ServerPool } from './resource';

/** Busy time of `spans` inside [from, to), summed directly. */
function overlap(spans: [number, number][], from: number, to: number): number {
  let busy = 0;
  for (const [s, e] of spans) busy += Math.max(0, Math.min(e, to) - Math.max(s, from));
  return busy;
}

describe('utilisation samples', () => {
  it('a link sampled each 100 ms gives each window its busy share, over thousands of reservations', () => {
    const link = new FifoResource('link', 1);
    const spans: [number, number][] = [];
    let t = 0;
    let sampledTo = 0;
    // Work of varied sizes with gaps (so intervals do not merge), some booked well ahead of now.
    for (let k = 0; k < 5000; k++) {
      t += 0.3 + (k % 7) * 0.05;
      const work = 0.1 + (k % 5) * 0.07;
      const end = link.reserve(t, work);
      spans.push([end - work, end]);
      if (k % 400 === 399) {
        const to = Math.floor(t / 100) * 100;
        if (to > sampledTo) {
          expect(link.utilisation(sampledTo, to) * (to - sampledTo)).toBeCloseTo(
            overlap(spans, sampledTo, to),
            9,
          );
          sampledTo = to;
        }
      }
    }
    const to = Math.ceil(t / 100) * 100 + 100;
    expect(link.utilisation(sampledTo, to) * (to - sampledTo)).toBeCloseTo(overlap(spans, sampledTo, to), 9);
  });

  it('back-to-back work counts once, and a pool sums its servers', () => {
    const pool = new ServerPool('cores', 2);
    pool.reserve(0, 10); // server 0: [0, 10)
    pool.reserve(0, 4); // server 1: [0, 4)
    pool.reserve(4, 6); // server 1 again, back to back: [4, 10)
    pool.reserve(30, 5); // server 0: [30, 35)
    expect(pool.utilisation(0, 20)).toBeCloseTo(20 / 40, 12);
    expect(pool.utilisation(20, 40)).toBeCloseTo(5 / 40, 12);
    expect(pool.utilisation(40, 60)).toBe(0);
  });
});
