// Seeded pseudo-random numbers for the simulator: every stochastic choice in a run draws from an Rng derived from
// the run seed, so the same seed and scenario always replay the same run.

const TWO_POW_32 = 4294967296;
const INV_TWO_POW_32 = 1 / TWO_POW_32;
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** What `multinomial` does for a category, given its probability and the mass left before it. */
const SKIP = 0;
const TAKE_ALL = 1;
const DRAW = 2;

/** `MultinomialPlan.noneDrawn` remembers its values for n below this (per category, up to 32 KB). */
const NONE_DRAWN_CACHED = 4096;

/** splitmix32 output function: a strong 32-bit avalanche so that nearby inputs give unrelated outputs. */
function mix32(x: number): number {
  let z = x | 0;
  z ^= z >>> 16;
  z = Math.imul(z, 0x21f0aaad);
  z ^= z >>> 15;
  z = Math.imul(z, 0x735a2d97);
  z ^= z >>> 15;
  return z >>> 0;
}

/**
 * Mix a run seed with a stable label (e.g. "producer:web") into an independent 32-bit stream seed. FNV-1a over the
 * label's UTF-16 code units, combined with the seed through splitmix32-style mixing.
 */
export function deriveSeed(seed: number, label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Seeds may be any integer a user typed; fold the bits above 2^32 in too so that they still matter.
  const lo = seed >>> 0;
  const hi = Math.floor(seed / TWO_POW_32) >>> 0;
  // Mixing the seed before adding the label hash (and mixing again) keeps seed s / label x from colliding with
  // seed s' / label x' through a simple xor relation.
  const s = mix32(lo + Math.imul(hi, 0x9e3779b9) + 0x9e3779b9);
  return mix32(s + Math.imul(h, 0x85ebca6b));
}

/**
 * log(Gamma(x)) for x > 0, via the Stirling series with the argument shifted up to at least 7 (the same scheme as
 * NumPy's loggam), accurate to ~1e-15 relative, which is plenty for the rejection test of PTRS.
 */
function logGamma(x: number): number {
  if (x === 1 || x === 2) return 0;
  let x0 = x;
  let n = 0;
  if (x <= 7) {
    n = Math.floor(7 - x);
    x0 = x + n;
  }
  const x2 = 1 / (x0 * x0);
  let gl0 = -1.3924322169059;
  gl0 = gl0 * x2 + 1.796443723688307e-1;
  gl0 = gl0 * x2 - 2.955065359477124e-2;
  gl0 = gl0 * x2 + 6.41025641025641e-3;
  gl0 = gl0 * x2 - 1.917526917526918e-3;
  gl0 = gl0 * x2 + 8.417508417508418e-4;
  gl0 = gl0 * x2 - 5.952380952380952e-4;
  gl0 = gl0 * x2 + 7.936507936507937e-4;
  gl0 = gl0 * x2 - 2.777777777777778e-3;
  gl0 = gl0 * x2 + 8.333333333333333e-2;
  let gl = gl0 / x0 + HALF_LOG_TWO_PI + (x0 - 0.5) * Math.log(x0) - x0;
  for (let k = 0; k < n; k++) {
    x0 -= 1;
    gl -= Math.log(x0);
  }
  return gl;
}

/** sfc32 generator: small state (4 words, easy to snapshot), fast with 32-bit integer ops, passes PractRand. */
export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed: number) {
    // splitmix32 spreads even tiny or similar seeds over the whole state; an all-zero sfc32 state is also avoided
    // because the counter word d starts at 1.
    let sm = seed >>> 0;
    sm = (sm + 0x9e3779b9) | 0;
    this.a = mix32(sm) | 0;
    sm = (sm + 0x9e3779b9) | 0;
    this.b = mix32(sm) | 0;
    sm = (sm + 0x9e3779b9) | 0;
    this.c = mix32(sm) | 0;
    this.d = 1;
    // Warm-up rounds so the first outputs no longer reflect the seeding structure.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    const cr = (c << 21) | (c >>> 11);
    this.c = (cr + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1) with 32-bit resolution: enough for simulation and one draw per call keeps it fast. */
  next(): number {
    return this.nextUint32() * INV_TWO_POW_32;
  }

  /** Uniform integer in 0..n-1 (0 when n < 1). Rejection removes the modulo bias for n up to 2^32. */
  uniformInt(n: number): number {
    n = Math.floor(n);
    if (n <= 1) return 0;
    if (n > TWO_POW_32) return Math.floor(this.next() * n);
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /** Exponential with mean 1/rate. 1 - u lies in (0, 1], so the log is always finite. */
  exponential(rate: number): number {
    return -Math.log(1 - this.next()) / rate;
  }

  /**
   * Standard normal by Box-Muller. The second value is deliberately not cached: a cached spare would be hidden
   * state outside getState(), and restoring a snapshot would then replay a different sequence.
   */
  normal(): number {
    const u1 = 1 - this.next();
    const u2 = this.next();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Poisson with the given mean; exact for every mean. mean <= 0 (or NaN) gives 0. */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean < 30) {
      // Inversion by sequential search: one uniform, about mean+1 steps.
      let p = Math.exp(-mean);
      let f = p;
      const u = this.next();
      let k = 0;
      // The k bound only guards against the cumulative sum stalling just below u through rounding.
      while (u > f && k < 1000) {
        k++;
        p *= mean / k;
        f += p;
      }
      return k;
    }
    return this.poissonPtrs(mean);
  }

  /** Hörmann (1993) PTRS transformed rejection: O(1) expected time with ~1.1 iterations for large means. */
  private poissonPtrs(lam: number): number {
    const slam = Math.sqrt(lam);
    const loglam = Math.log(lam);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    const logInvalpha = Math.log(invalpha);
    for (;;) {
      const u = this.next() - 0.5;
      const v = this.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lam + 0.43);
      // Fast acceptance inside the region where the hat is known to lie under the target.
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + logInvalpha - Math.log(a / (us * us) + b) <= -lam + k * loglam - logGamma(k + 1)) {
        return k;
      }
    }
  }

  /** Gamma(shape, scale) by Marsaglia-Tsang; shape <= 0 (or NaN) gives 0. */
  gamma(shape: number, scale = 1): number {
    if (!(shape > 0)) return 0;
    if (shape < 1) {
      // Boost: Gamma(shape) = Gamma(shape + 1) * U^(1/shape); 1 - next() avoids U = 0.
      const g = this.gamma(shape + 1, scale);
      return g * Math.pow(1 - this.next(), 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.normal();
      let v = 1 + c * x;
      if (v <= 0) continue;
      v = v * v * v;
      const u = 1 - this.next();
      const x2 = x * x;
      // Squeeze first: avoids the two logs in ~98% of draws.
      if (u < 1 - 0.0331 * x2 * x2) return d * v * scale;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v * scale;
    }
  }

  /**
   * Binomial(n, p). Exact inversion while n*min(p, 1-p) < 30; beyond that the normal approximation is used
   * because the simulator needs speed for huge n (records per tick) and the error there is far below noise.
   */
  binomial(n: number, p: number): number {
    n = Math.floor(n);
    if (!(n > 0) || !(p > 0)) return 0;
    if (p >= 1) return n;
    // Work with the smaller tail probability so inversion runs few steps and the normal case is symmetric.
    const flip = p > 0.5;
    const q = flip ? 1 - p : p;
    const np = n * q;
    let x: number;
    if (np < 30) {
      const r = 1 - q;
      const qn = Math.exp(n * Math.log1p(-q));
      const ratio = q / r;
      // Rounding can leave u just above the summed mass; restarting beyond a far tail bound (as NumPy does)
      // keeps the loop finite without noticeably distorting the distribution.
      const bound = Math.min(n, np + 10 * Math.sqrt(np * r + 1));
      x = 0;
      let px = qn;
      let u = this.next();
      while (u > px) {
        x++;
        if (x > bound) {
          x = 0;
          px = qn;
          u = this.next();
        } else {
          u -= px;
          px *= ((n - x + 1) / x) * ratio;
        }
      }
    } else {
      x = Math.round(np + Math.sqrt(np * (1 - q)) * this.normal());
      if (x < 0) x = 0;
      else if (x > n) x = n;
    }
    return flip ? n - x : x;
  }

  /**
   * Split `total` items across categories with the given probabilities (sum ~1) by sequential conditional
   * binomials; writes counts into `out` (length = probs.length) and returns it. Sum of out must equal total exactly.
   */
  multinomial(
    total: number,
    probs: ArrayLike<number>,
    out: Float64Array | number[],
  ): Float64Array | number[] {
    const k = probs.length;
    if (k === 0) return out;
    // Conditioning on the mass still unassigned (rather than on 1) also normalises probabilities that do not
    // sum exactly to 1; negative entries count as zero.
    let remProb = 0;
    for (let i = 0; i < k; i++) {
      const pi = probs[i]!;
      if (pi > 0) remProb += pi;
    }
    let remaining = Math.max(0, Math.floor(total));
    for (let i = 0; i < k - 1; i++) {
      const pi = probs[i]!;
      let c = 0;
      if (remaining > 0 && pi > 0 && remProb > 0) {
        c = pi >= remProb ? remaining : this.binomial(remaining, pi / remProb);
      }
      out[i] = c;
      remaining -= c;
      if (pi > 0) remProb -= pi;
    }
    // The last category takes whatever is left, which makes the sum exact regardless of rounding.
    out[k - 1] = remaining;
    return out;
  }

  /**
   * `multinomial(total, plan.probs, out)` with the per-category work that does not depend on
   * `total` done once in `plan`: the same draws and the same counts, bit for bit, so a caller
   * that splits many totals over one fixed probability vector may use either.
   */
  multinomialPlanned(
    total: number,
    plan: MultinomialPlan,
    out: Float64Array | number[],
  ): Float64Array | number[] {
    const k = plan.size;
    if (k === 0) return out;
    let remaining = Math.max(0, Math.floor(total));
    let i = 0;
    for (; i < k - 1 && remaining > 0; i++) {
      let c = 0;
      const mode = plan.mode[i]!;
      if (mode === TAKE_ALL) c = remaining;
      else if (mode === DRAW) c = this.plannedBinomial(remaining, plan, i);
      out[i] = c;
      remaining -= c;
    }
    // Nothing left: every further category gets 0 and no draw, as in `multinomial`.
    for (; i < k - 1; i++) out[i] = 0;
    out[k - 1] = remaining;
    return out;
  }

  /** `binomial(n, plan's p of category i)` with the plan's precomputed terms (n > 0 whole). */
  private plannedBinomial(n: number, plan: MultinomialPlan, i: number): number {
    const q = plan.q[i]!;
    const flip = plan.flip[i] === 1;
    const np = n * q;
    let x: number;
    if (np < 30) {
      const r = plan.r[i]!;
      const qn = plan.noneDrawn(i, n);
      const ratio = plan.ratio[i]!;
      const bound = Math.min(n, np + 10 * Math.sqrt(np * r + 1));
      x = 0;
      let px = qn;
      let u = this.next();
      while (u > px) {
        x++;
        if (x > bound) {
          x = 0;
          px = qn;
          u = this.next();
        } else {
          u -= px;
          px *= ((n - x + 1) / x) * ratio;
        }
      }
    } else {
      x = Math.round(np + Math.sqrt(np * (1 - q)) * this.normal());
      if (x < 0) x = 0;
      else if (x > n) x = n;
    }
    return flip ? n - x : x;
  }

  /** Snapshot/restore the generator state (4 numbers), for deterministic snapshots. */
  getState(): [number, number, number, number] {
    return [this.a, this.b, this.c, this.d];
  }

  setState(s: readonly [number, number, number, number]): void {
    this.a = s[0] | 0;
    this.b = s[1] | 0;
    this.c = s[2] | 0;
    this.d = s[3] | 0;
  }
}

/**
 * A fixed probability vector prepared for many `Rng.multinomialPlanned` calls. Each category's
 * conditional probability (its share of the mass not yet assigned) is the same in every call, and
 * so are the binomial's terms derived from it (tail, flip, q / (1 - q), log(1 - q)). Every value
 * is computed by the same expression `binomial` uses, so results are identical.
 */
export class MultinomialPlan {
  readonly size: number;
  readonly mode: Uint8Array;
  /** The smaller tail probability, whether it was flipped, and q / (1 - q). */
  readonly q: Float64Array;
  readonly flip: Uint8Array;
  readonly ratio: Float64Array;
  readonly r: Float64Array;
  readonly log1pMinusQ: Float64Array;
  /**
   * Per category, `noneDrawn(i, n)` by n once worked out (0: not yet). The same categories are
   * split with nearly the same n call after call, and the table lookup is much cheaper than exp.
   */
  private readonly noneDrawnByN: Float64Array[];

  constructor(probs: ArrayLike<number>) {
    const k = probs.length;
    this.size = k;
    this.mode = new Uint8Array(k);
    this.q = new Float64Array(k);
    this.flip = new Uint8Array(k);
    this.ratio = new Float64Array(k);
    this.r = new Float64Array(k);
    this.log1pMinusQ = new Float64Array(k);
    this.noneDrawnByN = Array.from({ length: k }, () => new Float64Array(0));
    let remProb = 0;
    for (let i = 0; i < k; i++) {
      const pi = probs[i]!;
      if (pi > 0) remProb += pi;
    }
    for (let i = 0; i < k - 1; i++) {
      const pi = probs[i]!;
      if (pi > 0 && remProb > 0) {
        if (pi >= remProb) this.mode[i] = TAKE_ALL;
        else {
          const p = pi / remProb;
          // binomial's own special cases, as modes: p = 0 draws nothing, p >= 1 takes all.
          if (!(p > 0)) this.mode[i] = SKIP;
          else if (p >= 1) this.mode[i] = TAKE_ALL;
          else {
            this.mode[i] = DRAW;
            const flip = p > 0.5;
            const q = flip ? 1 - p : p;
            const r = 1 - q;
            this.q[i] = q;
            this.flip[i] = flip ? 1 : 0;
            this.r[i] = r;
            this.ratio[i] = q / r;
            this.log1pMinusQ[i] = Math.log1p(-q);
          }
        }
      }
      if (pi > 0) remProb -= pi;
    }
  }

  /**
   * The binomial's chance of no success in n draws of category i, (1 - q)^n, computed as
   * `binomial` does (exp of n log(1 - q)) and remembered for n below NONE_DRAWN_CACHED: the value
   * is the same expression's, so results do not change.
   */
  noneDrawn(i: number, n: number): number {
    let byN = this.noneDrawnByN[i]!;
    if (n < byN.length) {
      const known = byN[n]!;
      if (known !== 0) return known;
    } else if (n < NONE_DRAWN_CACHED) {
      const grown = new Float64Array(Math.min(NONE_DRAWN_CACHED, Math.max(64, 2 * n)));
      grown.set(byN);
      this.noneDrawnByN[i] = byN = grown;
    } else return Math.exp(n * this.log1pMinusQ[i]!);
    const value = Math.exp(n * this.log1pMinusQ[i]!);
    byN[n] = value;
    return value;
  }
}
