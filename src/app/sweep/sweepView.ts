// What the sweep's charts and table show, from its points: a curve per value of the second setting
// (or one), each point the mean of a metric with its 95% interval; table cells "mean ± half-width".
import {
  formatMetric,
  metricDescriptor,
  type Interval,
  type MetricId,
  type SweepPoint,
  type SweepSpec,
} from '../../whatif';
import type { ChartCurve, ChartPoint } from './SweepChart';

/** An interval's half-widths below and above its mean, finite (one run has none to show). */
export function errorOf(s: Interval): [number, number] {
  const below = s.mean - s.low;
  const above = s.high - s.mean;
  return [Number.isFinite(below) ? below : 0, Number.isFinite(above) ? above : 0];
}

export const pointKey = (p: Pick<SweepPoint, 'index'>): string => `p${p.index}`;

/** A setting's value as typed or probed: whole numbers in full, others to 6 significant figures, with thousands separators. */
const short = (v: number): string =>
  Number.isInteger(v)
    ? v.toLocaleString('en-US')
    : v.toLocaleString('en-US', { maximumSignificantDigits: 6 });

/**
 * Significant figures an estimate found to within `tolerance` (a share: 0.05 for 5%) deserves:
 * one more than the tolerance's first digit's place, so 5% or 2% give 3, 0.5% gives 4 (at least 2).
 */
export function significantDigits(tolerance: number): number {
  if (!(tolerance > 0)) return 6;
  return Math.min(6, Math.max(2, Math.ceil(-Math.log10(tolerance)) + 1));
}

/**
 * `v` to `digits` significant figures with thousands separators, rounded down, up or to the
 * nearest: the low end of an interval rounds down and the high end up, so the printed interval
 * still holds the one worked out.
 */
export function roundedText(v: number, digits: number, mode: 'down' | 'up' | 'nearest' = 'nearest'): string {
  if (v === 0 || !Number.isFinite(v)) return short(v);
  const step = 10 ** (Math.floor(Math.log10(Math.abs(v))) - digits + 1);
  const q = v / step;
  // A hair of slack, so 6100 / 10 = 609.9999999 still rounds down to 610.
  const n = mode === 'down' ? Math.floor(q + 1e-9) : mode === 'up' ? Math.ceil(q - 1e-9) : Math.round(q);
  const r = Number((n * step).toPrecision(15));
  return r.toLocaleString('en-US', { maximumFractionDigits: Math.max(0, -Math.floor(Math.log10(step))) });
}

/** One curve per value of the second setting, in the order of its values; x is the first setting. */
export function curvesFor(
  points: readonly SweepPoint[],
  spec: SweepSpec,
  metric: MetricId,
  secondLabel: string,
): ChartCurve[] {
  const groups = new Map<string, ChartPoint[]>();
  for (const p of points) {
    const name =
      spec.axes.length > 1 ? `${secondLabel} = ${short(p.values[1]!)}` : metricDescriptor(metric).label;
    const s = p.stats[metric];
    const point: ChartPoint = {
      x: p.values[0]!,
      mean: s && Number.isFinite(s.mean) ? s.mean : null,
      error: s ? errorOf(s) : [0, 0],
      key: pointKey(p),
    };
    const list = groups.get(name) ?? [];
    list.push(point);
    groups.set(name, list);
  }
  return [...groups.entries()].map(([name, pts]) => ({ name, points: pts.sort((a, b) => a.x - b.x) }));
}

/** "12,345 records/s ± 1.2%"-like text: the mean with its unit, then the half-width. */
export function cellText(metric: MetricId, s: Interval | undefined): string {
  if (!s || !Number.isFinite(s.mean)) return '–';
  const mean = formatMetric(metric, s.mean);
  if (s.n < 2 || !Number.isFinite(s.halfWidth)) return mean;
  const hw = formatMetric(metric, s.halfWidth).replace(/ [^ ]+$/, '');
  return `${mean} ± ${metric === 'costPerHour' ? hw.replace(/\/h$/, '') : hw}`;
}

/**
 * A table cell's two parts without the unit (the column head gives it): the mean ("5,035") and the
 * half-width ("± 314"; empty with one run), so the column is as narrow as its figures.
 */
export function cellParts(metric: MetricId, s: Interval | undefined): { mean: string; pm: string } {
  if (!s || !Number.isFinite(s.mean)) return { mean: '–', pm: '' };
  const bare = (t: string) => (metric === 'costPerHour' ? t.replace(/\/h$/, '') : t.replace(/ [^ ]+$/, ''));
  const mean = bare(formatMetric(metric, s.mean));
  const pm = s.n < 2 || !Number.isFinite(s.halfWidth) ? '' : `± ${bare(formatMetric(metric, s.halfWidth))}`;
  return { mean, pm };
}

export { short as shortNumber };
