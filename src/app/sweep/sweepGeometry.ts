// The geometry of a sweep chart, apart from drawing it: the axes' ranges and ticks, and where each
// point, line and error bar goes. Pure functions, so they are tested without a DOM, and cheap: a
// chart of a few dozen points is laid out in well under a millisecond.
import type { ChartCurve } from './SweepChart';

export interface Scale {
  domain: [number, number];
  /** Pixels across the plot: range[0] is where domain[0] is drawn. */
  range: [number, number];
  log: boolean;
}

/** Where `v` is drawn on `s` (log scales place values by their logarithm). */
export function place(s: Scale, v: number): number {
  const [d0, d1] = s.log ? [Math.log10(s.domain[0]), Math.log10(s.domain[1])] : s.domain;
  const x = s.log ? Math.log10(v) : v;
  const t = d1 === d0 ? 0.5 : (x - d0) / (d1 - d0);
  return s.range[0] + t * (s.range[1] - s.range[0]);
}

const NICE = [1, 2, 2.5, 5, 10];

/** A round step that splits `span` into about `count` parts. */
function niceStep(span: number, count: number): number {
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return (NICE.find((n) => n * magnitude >= raw * (1 - 1e-9)) ?? 10) * magnitude;
}

/** Round-numbered ticks covering [lo, hi] (the ends widened to ticks), about five of them. */
export function niceRange(lo: number, hi: number, count = 4): { domain: [number, number]; ticks: number[] } {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { domain: [0, 1], ticks: [0, 0.25, 0.5, 0.75, 1] };
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    [lo, hi] = [lo - pad, hi + pad];
  }
  const step = niceStep(hi - lo, count);
  const start = Math.floor(lo / step + 1e-9);
  const end = Math.ceil(hi / step - 1e-9);
  const ticks: number[] = [];
  // Multiplied rather than added, so 0.1 steps do not drift.
  for (let i = start; i <= end; i++) ticks.push(Number((i * step).toPrecision(12)));
  return { domain: [ticks[0]!, ticks[ticks.length - 1]!], ticks };
}

/** Ticks for a log axis over [lo, hi]: the powers of ten, with 2 and 5 between when there are few. */
export function logTicks(lo: number, hi: number): number[] {
  if (!(lo > 0) || !(hi >= lo)) return [];
  const ticks: number[] = [];
  const from = Math.floor(Math.log10(lo));
  const to = Math.ceil(Math.log10(hi));
  const steps = to - from <= 2 ? [1, 2, 5] : [1];
  for (let e = from; e <= to; e++)
    for (const m of steps) {
      const v = Number((m * 10 ** e).toPrecision(12));
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) ticks.push(v);
    }
  return ticks;
}

export interface XAxisLayout {
  scale: Scale;
  ticks: number[];
}

/**
 * The x axis over the points' values: exactly the distinct values when they are few and spread
 * out (a sweep's points), else round ticks; a log axis for a log sweep.
 */
export function xAxis(xs: readonly number[], width: number, log: boolean): XAxisLayout {
  const sorted = [...new Set(xs.filter((x) => Number.isFinite(x) && (!log || x > 0)))].sort((a, b) => a - b);
  if (sorted.length === 0) return { scale: { domain: [0, 1], range: [0, width], log: false }, ticks: [] };
  const lo = sorted[0]!;
  const hi = sorted[sorted.length - 1]!;
  const span = hi - lo;
  const spread = sorted.every(
    (x, i) => i === 0 || (log ? x / sorted[i - 1]! >= 1.25 : x - sorted[i - 1]! >= span / 14),
  );
  // One value: a little room either side so the point sits in the middle.
  const domain: [number, number] =
    span > 0
      ? [lo, hi]
      : log
        ? [lo / 2, lo * 2]
        : [lo - (Math.abs(lo) || 1) * 0.1, lo + (Math.abs(lo) || 1) * 0.1];
  const scale: Scale = { domain, range: [0, width], log };
  if (sorted.length <= 12 && spread) return { scale, ticks: sorted };
  const ticks = log
    ? logTicks(domain[0], domain[1])
    : niceRange(domain[0], domain[1]).ticks.filter((t) => t >= domain[0] && t <= domain[1]);
  return { scale, ticks };
}

/**
 * The y axis over the means with their intervals and any line to show: from 0 when no mean is
 * negative (an interval reaching below 0 is cut at the axis), round ticks.
 */
export function yAxis(
  curves: readonly ChartCurve[],
  height: number,
  extra: readonly number[] = [],
): XAxisLayout & { clipAtZero: boolean } {
  const values: number[] = [...extra];
  let anyNegative = false;
  for (const c of curves)
    for (const p of c.points) {
      if (p.mean === null || !Number.isFinite(p.mean)) continue;
      if (p.mean < 0) anyNegative = true;
      values.push(p.mean, p.mean - p.error[0], p.mean + p.error[1]);
    }
  const finite = values.filter(Number.isFinite);
  const nonNegative = !anyNegative;
  const lo = nonNegative ? 0 : Math.min(...finite);
  const hi = finite.length ? Math.max(...finite) : 1;
  const { domain, ticks } = niceRange(lo, hi > lo ? hi : lo + 1);
  return { scale: { domain, range: [height, 0], log: false }, ticks, clipAtZero: nonNegative };
}

/** An SVG path through the points in order; a missing mean breaks the line. */
export function curvePath(points: readonly { x: number; y: number | null }[]): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.y === null || !Number.isFinite(p.y) || !Number.isFinite(p.x)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`;
    pen = true;
  }
  return d;
}
