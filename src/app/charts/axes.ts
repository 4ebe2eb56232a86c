// Axis ticks and line paths for the SVG charts: pure functions, so they are tested without a DOM.
import type { Point } from './derive';

const NICE = [1, 2, 2.5, 5, 10];

/** Round-numbered y ticks from 0 to at least `max`, four or five steps (0..1 when there is no data). */
export function niceTicks(max: number): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 0.25, 0.5, 0.75, 1];
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = (NICE.find((n) => n * magnitude >= raw * (1 - 1e-9)) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let i = 0; ; i++) {
    // Multiply rather than add, so 0.1 steps do not drift to 0.30000000000000004.
    const v = Number((i * step).toPrecision(12));
    ticks.push(v);
    if (v >= max * (1 - 1e-9)) break;
  }
  return ticks;
}

const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600];

/** Round-numbered time ticks inside the window, in seconds: the finest step giving at most 7. */
export function timeTicks([from, to]: [number, number]): number[] {
  const span = Math.max(0, to - from);
  const step = TIME_STEPS.find((s) => span / s <= 7) ?? 43_200;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to + 1e-9; t += step) ticks.push(t);
  return ticks;
}

/**
 * The SVG path of one series inside a plot of `width` x `height` pixels, with y = 0 at the bottom
 * and `yTop` at the top. Points outside the time window and missing values are skipped (the line
 * joins its neighbours); values above `yTop` are drawn at the top edge.
 */
export function linePath(
  points: readonly Point[],
  key: string,
  [from, to]: [number, number],
  width: number,
  height: number,
  yTop: number,
): string {
  const span = to - from;
  if (!(span > 0) || !(yTop > 0)) return '';
  let d = '';
  for (const p of points) {
    const v = p[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || p.t < from || p.t > to) continue;
    const x = ((p.t - from) / span) * width;
    const y = height - (Math.min(Math.max(v, 0), yTop) / yTop) * height;
    d += `${d ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
  }
  return d;
}
