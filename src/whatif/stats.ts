// Replication statistics: means, sample standard deviations, Student t intervals and the stopping
// rule that adds replications until an interval is tight enough (as JMT's what-if runs stop a
// measure once its confidence interval is within a relative error).

/** Arithmetic mean; NaN for no values. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Sample standard deviation (divides by n - 1); 0 for a single value, NaN for none. */
export function sampleStdDev(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return NaN;
  if (n === 1) return 0;
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  return Math.sqrt(ss / (n - 1));
}

// The 0.975 quantile of Student's t (two-sided 95%) for 1..30 degrees of freedom, three decimals as
// printed in the usual statistics tables.
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
// Beyond 30: the table's rows for 40, 60 and 120, and the normal limit.
const T975_LARGE: readonly [number, number][] = [
  [30, 2.042],
  [40, 2.021],
  [60, 2.0],
  [120, 1.98],
  [Infinity, 1.96],
];

/**
 * The 0.975 quantile of Student's t with `df` degrees of freedom: the factor of a two-sided 95%
 * interval. Exact table values for whole df up to 30; between the larger rows, interpolated
 * linearly in 1/df (how printed tables are meant to be read); 1.960 in the limit.
 */
export function tQuantile975(df: number): number {
  if (!(df >= 1)) return NaN;
  if (df <= 30 && Number.isInteger(df)) return T975[df - 1]!;
  if (df < 30) {
    // Fractional df below 30: between the neighbouring whole rows, linear in 1/df.
    const lo = Math.floor(df);
    const hi = lo + 1;
    return interpolateInverse(df, lo, T975[lo - 1]!, hi, T975[hi - 1]!);
  }
  for (let i = 1; i < T975_LARGE.length; i++) {
    const [d1, t1] = T975_LARGE[i - 1]!;
    const [d2, t2] = T975_LARGE[i]!;
    if (df <= d2) return interpolateInverse(df, d1, t1, d2, t2);
  }
  return 1.96;
}

function interpolateInverse(df: number, d1: number, t1: number, d2: number, t2: number): number {
  const x = 1 / df;
  const x1 = 1 / d1;
  const x2 = d2 === Infinity ? 0 : 1 / d2;
  return t1 + ((t2 - t1) * (x - x1)) / (x2 - x1);
}

/** A mean with its 95% confidence interval over replications. */
export interface Interval {
  n: number;
  mean: number;
  /** Sample standard deviation. */
  sd: number;
  /** t(0.975, n - 1) * sd / sqrt(n); Infinity with one value (no spread to go by), NaN with none. */
  halfWidth: number;
  low: number;
  high: number;
  /** halfWidth / |mean|; 0 when both are 0, Infinity when only the mean is 0. */
  relHalfWidth: number;
}

/** The mean of the values and its two-sided 95% Student t confidence interval. */
export function confidenceInterval(values: readonly number[]): Interval {
  const n = values.length;
  const m = mean(values);
  const sd = sampleStdDev(values);
  const halfWidth = n === 0 ? NaN : n === 1 ? Infinity : (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return {
    n,
    mean: m,
    sd,
    halfWidth,
    low: m - halfWidth,
    high: m + halfWidth,
    relHalfWidth: relative(halfWidth, m),
  };
}

/** halfWidth / |mean|, with the 0/0 case (every replication gave exactly 0) counted as precise. */
export function relativeHalfWidth(values: readonly number[]): number {
  return confidenceInterval(values).relHalfWidth;
}

function relative(halfWidth: number, m: number): number {
  if (Number.isNaN(halfWidth) || Number.isNaN(m)) return NaN;
  if (halfWidth === 0) return 0;
  return m === 0 ? Infinity : halfWidth / Math.abs(m);
}

/** When to stop adding replications of one design point. */
export interface StoppingRule {
  /** Target relative half-width (0.05: the 95% interval within +-5% of the mean). */
  relErr: number;
  /** Replications always run (at least 2, so an interval exists). */
  minReps: number;
  /** Never more than this many. */
  maxReps: number;
}

export type StopDecision =
  { stop: true; reason: 'precise' | 'max' } | { stop: false; reason: 'more'; worst: number };

/**
 * The stopping rule: stop once every measure's relative half-width is at most `relErr` (and at
 * least `minReps` ran), or once `maxReps` ran. `samples` holds one array per measure, each with one
 * value per replication; a measure with NaN values (not applicable) is left out of the decision.
 */
export function stoppingDecision(samples: readonly (readonly number[])[], rule: StoppingRule): StopDecision {
  const n = samples.reduce((a, s) => Math.max(a, s.length), 0);
  if (n >= rule.maxReps) return { stop: true, reason: 'max' };
  if (n < Math.max(2, rule.minReps)) return { stop: false, reason: 'more', worst: Infinity };
  let worst = 0;
  for (const s of samples) {
    if (s.some((v) => !Number.isFinite(v))) continue;
    worst = Math.max(worst, relativeHalfWidth(s));
  }
  return worst <= rule.relErr ? { stop: true, reason: 'precise' } : { stop: false, reason: 'more', worst };
}
