import { describe, expect, it } from 'vitest';
import { MultinomialPlan, Rng, deriveSeed } from './rng';

const N = 200_000;
// Six standard errors: with a fixed seed the tests are deterministic, and a correct sampler would fail a
// 6-SE check with probability ~2e-9 for any other seed, while a biased one is caught easily.
const Z = 6;

interface Moments {
  mean: number;
  variance: number;
}

function sample(n: number, draw: () => number): Moments {
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    sumSq += x * x;
  }
  const mean = sum / n;
  return { mean, variance: (sumSq - n * mean * mean) / (n - 1) };
}

/**
 * Checks sample mean and variance against the true values. The SE of the sample mean is sqrt(var/n); the SE of the
 * sample variance is sqrt((mu4 - var^2)/n), where mu4 is the true fourth central moment.
 */
function expectMoments(m: Moments, mean: number, variance: number, mu4: number, n = N): void {
  const seMean = Math.sqrt(variance / n);
  const seVar = Math.sqrt((mu4 - variance * variance) / n);
  expect(Math.abs(m.mean - mean)).toBeLessThan(Z * seMean);
  expect(Math.abs(m.variance - variance)).toBeLessThan(Z * seVar);
}

describe('Rng basics', () => {
  it('replays the same sequence for the same seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    for (let i = 0; i < 1000; i++) expect(a.nextUint32()).toBe(b.nextUint32());
  });

  it('gives different sequences for different seeds', () => {
    const a = new Rng(1);
    const b = new Rng(2);
    let same = 0;
    for (let i = 0; i < 1000; i++) if (a.nextUint32() === b.nextUint32()) same++;
    expect(same).toBeLessThan(3);
  });

  it('derives distinct seeds per label and per seed, deterministically', () => {
    const seen = new Set<number>();
    for (const seed of [0, 1, 2, 12345, 2 ** 40 + 7]) {
      for (const label of ['producer:web', 'producer:api', 'broker:1', 'broker:2', '', 'a', 'b']) {
        const s = deriveSeed(seed, label);
        expect(s).toBe(deriveSeed(seed, label));
        expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
        seen.add(s);
      }
    }
    expect(seen.size).toBe(35);
    expect(deriveSeed(2 ** 40 + 7, 'x')).not.toBe(deriveSeed(7, 'x'));
  });

  it('next() stays in [0, 1) with mean 1/2 and variance 1/12', () => {
    const r = new Rng(7);
    let min = 1;
    let max = 0;
    const m = sample(N, () => {
      const x = r.next();
      if (x < min) min = x;
      if (x > max) max = x;
      return x;
    });
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expectMoments(m, 0.5, 1 / 12, 1 / 80);
  });

  it('uniformInt covers 0..n-1 evenly', () => {
    const r = new Rng(3);
    for (const n of [1, 2, 7, 10]) {
      const counts = new Array<number>(n).fill(0);
      const draws = 20_000 * n;
      let bad = 0;
      for (let i = 0; i < draws; i++) {
        const x = r.uniformInt(n);
        if (!(Number.isInteger(x) && x >= 0 && x < n)) bad++;
        else counts[x]!++;
      }
      expect(bad).toBe(0);
      const p = 1 / n;
      const se = Math.sqrt(draws * p * (1 - p));
      for (const c of counts) expect(Math.abs(c - draws * p)).toBeLessThanOrEqual(Z * se);
    }
  });

  it('restores state for exact replay', () => {
    const r = new Rng(99);
    r.normal();
    const state = r.getState();
    const first = [r.next(), r.poisson(50), r.gamma(0.5), r.normal()];
    r.setState(state);
    expect([r.next(), r.poisson(50), r.gamma(0.5), r.normal()]).toEqual(first);
  });
});

describe('Rng distributions', () => {
  it('exponential has mean 1/rate and variance 1/rate^2', () => {
    const r = new Rng(11);
    const rate = 2.5;
    expectMoments(
      sample(N, () => r.exponential(rate)),
      1 / rate,
      1 / rate ** 2,
      9 / rate ** 4,
    );
  });

  it('normal is standard', () => {
    const r = new Rng(12);
    expectMoments(
      sample(N, () => r.normal()),
      0,
      1,
      3,
    );
  });

  it.each([0.5, 5, 50, 5000])('poisson(%d) has mean and variance equal to the mean', (lam) => {
    const r = new Rng(13 + lam);
    let bad = 0;
    const m = sample(N, () => {
      const k = r.poisson(lam);
      if (!(Number.isInteger(k) && k >= 0)) bad++;
      return k;
    });
    expect(bad).toBe(0);
    // Fourth central moment of Poisson: lam * (1 + 3 lam).
    expectMoments(m, lam, lam, lam * (1 + 3 * lam));
  });

  it('poisson(50) (PTRS path) matches the pmf near the mode', () => {
    // Moments alone could hide a distorted shape; compare point frequencies with the exact pmf.
    const r = new Rng(14);
    const lam = 50;
    const counts = new Map<number, number>();
    for (let i = 0; i < N; i++) {
      const k = r.poisson(lam);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    for (const k of [35, 45, 50, 55, 65]) {
      let logP = -lam + k * Math.log(lam);
      for (let j = 2; j <= k; j++) logP -= Math.log(j);
      const p = Math.exp(logP);
      const se = Math.sqrt(N * p * (1 - p));
      expect(Math.abs((counts.get(k) ?? 0) - N * p)).toBeLessThan(Z * se);
    }
  });

  it('poisson of a non-positive mean is 0', () => {
    const r = new Rng(15);
    expect(r.poisson(0)).toBe(0);
    expect(r.poisson(-3)).toBe(0);
  });

  it.each([0.5, 3])('gamma(%d, 2) has mean k*theta and variance k*theta^2', (k) => {
    const r = new Rng(16 + k);
    const theta = 2;
    const m = sample(N, () => r.gamma(k, theta));
    // Fourth central moment of Gamma: 3k(k + 2) theta^4.
    expectMoments(m, k * theta, k * theta ** 2, 3 * k * (k + 2) * theta ** 4);
  });

  it.each([
    [10, 0.3],
    [50, 0.9],
    [1000, 0.01],
    [10_000, 0.3],
    [1_000_000, 0.5],
  ])('binomial(%d, %d) has mean np and variance npq', (n, p) => {
    const r = new Rng(17 + n);
    const q = 1 - p;
    let bad = 0;
    const m = sample(N, () => {
      const x = r.binomial(n, p);
      if (!(Number.isInteger(x) && x >= 0 && x <= n)) bad++;
      return x;
    });
    expect(bad).toBe(0);
    const v = n * p * q;
    // Fourth central moment of Binomial: npq (1 + 3 (n - 2) pq).
    expectMoments(m, n * p, v, v * (1 + 3 * (n - 2) * p * q));
  });

  it('binomial handles degenerate arguments', () => {
    const r = new Rng(18);
    expect(r.binomial(0, 0.5)).toBe(0);
    expect(r.binomial(-5, 0.5)).toBe(0);
    expect(r.binomial(10, 0)).toBe(0);
    expect(r.binomial(10, -1)).toBe(0);
    expect(r.binomial(10, 1)).toBe(10);
    expect(r.binomial(10, 2)).toBe(10);
  });

  it('multinomial sums exactly to total with per-category means total*p', () => {
    const r = new Rng(19);
    const probs = [0.5, 0.2, 0.15, 0.1, 0.05];
    const total = 1000;
    const draws = 50_000;
    const sums = new Array<number>(probs.length).fill(0);
    const out = new Float64Array(probs.length);
    let badSums = 0;
    for (let i = 0; i < draws; i++) {
      r.multinomial(total, probs, out);
      let s = 0;
      for (let j = 0; j < out.length; j++) {
        s += out[j]!;
        sums[j]! += out[j]!;
      }
      if (s !== total) badSums++;
    }
    expect(badSums).toBe(0);
    probs.forEach((p, j) => {
      const se = Math.sqrt((total * p * (1 - p)) / draws);
      expect(Math.abs(sums[j]! / draws - total * p)).toBeLessThan(Z * se);
    });
  });

  it('multinomial keeps the exact sum for huge totals and unnormalised probabilities', () => {
    const r = new Rng(20);
    const out: number[] = [0, 0, 0];
    for (const total of [0, 1, 7, 123_456_789]) {
      r.multinomial(total, [0.3, 0.3, 0.3], out);
      expect(out.reduce((a, b) => a + b, 0)).toBe(total);
    }
    r.multinomial(100, [0, 1, 0], out);
    expect(out).toEqual([0, 100, 0]);
  });
});

describe('MultinomialPlan', () => {
  // The planned split must be the plain one, draw for draw: compare counts and the generator's state.
  const vectors: number[][] = [
    Array.from({ length: 64 }, (_, i) => 1 + ((i * 37) % 11)),
    [0.7, 0.2, 0.1],
    [0, 0.5, 0, 0.5],
    [0.05, 0.9, 0.05],
    [1, 0, 0],
    [0.3, 0.3, 0.3],
    [0.25, -1, 0.75],
    [1e-300, 1, 1e-300],
  ];
  for (const [v, probs] of vectors.entries()) {
    it(`splits as multinomial does (vector ${v})`, () => {
      const plan = new MultinomialPlan(probs);
      const plain = new Rng(42 + v);
      const planned = new Rng(42 + v);
      const a = new Float64Array(probs.length);
      const b = new Float64Array(probs.length).fill(-1);
      for (const total of [0, 1, 2, 7, 40, 625, 5000, 1e6, 3.7]) {
        for (let rep = 0; rep < 20; rep++) {
          plain.multinomial(total, probs, a);
          planned.multinomialPlanned(total, plan, b);
          expect(Array.from(b)).toEqual(Array.from(a));
          expect(planned.getState()).toEqual(plain.getState());
        }
      }
    });
  }

  it('handles an empty vector', () => {
    const out: number[] = [];
    expect(new Rng(1).multinomialPlanned(10, new MultinomialPlan([]), out)).toEqual([]);
  });
});
