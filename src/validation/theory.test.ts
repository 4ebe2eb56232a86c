// The closed forms against the worked values in the reference (kafka-spark-facts.md, "Queueing
// theory") and against values worked by hand here.
import { describe, expect, it } from 'vitest';
import { erlangC, md1, mm1, mmc } from './theory';

describe('queueing closed forms', () => {
  it('M/M/1 with lambda 8/s, mu 10/s: W = 0.5 s, Wq = 0.4 s', () => {
    expect(mm1(8, 10).w).toBeCloseTo(0.5, 12);
    expect(mm1(8, 10).wq).toBeCloseTo(0.4, 12);
  });

  it('M/M/1 time in system is exponential with rate mu - lambda = 2/s: median ln 2 / 2, p99 ln 100 / 2', () => {
    const q = mm1(8, 10).timeInSystemQuantile;
    expect(q(0.5)).toBeCloseTo(0.34657359, 8);
    expect(q(0.95)).toBeCloseTo(1.49786614, 8);
    expect(q(0.99)).toBeCloseTo(2.30258509, 8);
  });

  it('M/D/1 with lambda 8/s, mu 10/s: Wq = 0.2 s (half of M/M/1), W = 0.3 s', () => {
    expect(md1(8, 10).wq).toBeCloseTo(0.2, 12);
    expect(md1(8, 10).w).toBeCloseTo(0.3, 12);
  });

  it('M/M/2 with lambda 15/s, mu 10/s: Wq = 0.1286 s, W = 0.2286 s', () => {
    const q = mmc(15, 10, 2);
    expect(q.wq).toBeCloseTo(0.1286, 4);
    expect(q.w).toBeCloseTo(0.2286, 4);
    // By hand: a = 1.5, C = (1.125 * 4) / (1 + 1.5 + 4.5) = 9/14.
    expect(q.waitChance).toBeCloseTo(9 / 14, 12);
  });

  it('M/M/2 wait quantiles: 0 below the share that never waits, ln(C / (1 - p)) / (c mu - lambda) above', () => {
    const q = mmc(15, 10, 2);
    expect(q.waitQuantile(0.3)).toBe(0);
    expect(q.waitQuantile(0.5)).toBeCloseTo(Math.log(9 / 7) / 5, 12);
    expect(q.waitQuantile(0.99)).toBeCloseTo(Math.log(900 / 14) / 5, 12);
  });

  it('Erlang C with one server is the utilisation, and M/M/c with c = 1 is M/M/1', () => {
    expect(erlangC(1, 0.8)).toBeCloseTo(0.8, 12);
    expect(mmc(8, 10, 1).w).toBeCloseTo(mm1(8, 10).w, 12);
  });

  it('refuses a queue at or past capacity', () => {
    expect(() => mm1(10, 10)).toThrow(/no steady state/);
    expect(() => mmc(25, 10, 2)).toThrow(/no steady state/);
  });
});
