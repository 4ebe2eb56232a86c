// Two runs' headline figures side by side: for each metric both values, the change from the first
// (left) to the second (right), and whether that change is for the better, by the metric's own
// direction (more throughput is better, more latency is worse).
import type { HeadlineFigures } from './types';

/** What compare needs of a metric's descriptor. */
export interface MetricLike {
  id: string;
  label: string;
  unit: string;
  better: 'higher' | 'lower';
}

/** better / worse: the right run against the left; same: no change; none: a value is missing. */
export type Verdict = 'better' | 'worse' | 'same' | 'none';

export interface MetricComparison {
  metric: MetricLike;
  left: number | null;
  right: number | null;
  /** right - left, or null when either is missing. */
  delta: number | null;
  verdict: Verdict;
}

/** Changes smaller than this share of the larger value are float noise, not a change. */
const NOISE = 1e-9;

export function verdictOf(metric: MetricLike, left: number | null, right: number | null): Verdict {
  if (left === null || right === null || !Number.isFinite(left) || !Number.isFinite(right)) return 'none';
  const delta = right - left;
  if (Math.abs(delta) <= NOISE * Math.max(Math.abs(left), Math.abs(right))) return 'same';
  const up = delta > 0;
  return up === (metric.better === 'higher') ? 'better' : 'worse';
}

/** Every metric of `metrics`, in their order, with both runs' values, the delta and the verdict. */
export function compareFigures(
  left: HeadlineFigures,
  right: HeadlineFigures,
  metrics: readonly MetricLike[],
): MetricComparison[] {
  return metrics.map((metric) => {
    const l = left[metric.id] ?? null;
    const r = right[metric.id] ?? null;
    const verdict = verdictOf(metric, l, r);
    return { metric, left: l, right: r, delta: verdict === 'none' ? null : r! - l!, verdict };
  });
}

/** The two runs in the order compare shows them: the baseline on the left, else the older. */
export function compareOrder<T extends { id: string; finishedAt: number; seq: number }>(
  a: T,
  b: T,
  baselineId: string | null,
): [T, T] {
  if (b.id === baselineId) return [b, a];
  if (a.id === baselineId) return [a, b];
  return a.finishedAt < b.finishedAt || (a.finishedAt === b.finishedAt && a.seq < b.seq) ? [a, b] : [b, a];
}

/** The change as a share of the left value: "+1.2%", "−0.003%"; blank when it cannot be said. */
export function formatShare(left: number | null, delta: number | null): string {
  if (left === null || delta === null || left === 0 || delta === 0) return '';
  const pct = (delta / Math.abs(left)) * 100;
  const digits = Math.abs(pct) >= 10 ? 0 : Math.abs(pct) >= 1 ? 1 : Math.abs(pct) >= 0.01 ? 2 : 3;
  const text = Math.abs(pct).toFixed(digits);
  return `${pct > 0 ? '+' : '−'}${text}%`;
}
