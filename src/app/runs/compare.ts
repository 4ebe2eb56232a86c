// Two runs' headline figures side by side: for each metric both values, the change from the first
// (left) to the second (right), and whether that change is for the better, by the metric's own
// direction (more throughput is better, more latency is worse).
import { readerFigures, type SeriesLike } from '../../whatif/metrics';
import type { HeadlineFigures } from './types';

/** What compare needs of a metric's descriptor. */
export interface MetricLike {
  id: string;
  label: string;
  unit: string;
  better: 'higher' | 'lower';
}

/**
 * better / worse: the right run against the left; same: within SAME_WITHIN; none: a value is
 * missing; unfair: the runs differ in length or warm-up and the metric depends on those, so no
 * verdict is given.
 */
export type Verdict = 'better' | 'worse' | 'same' | 'none' | 'unfair';

export interface MetricComparison {
  metric: MetricLike;
  left: number | null;
  right: number | null;
  /** right - left, or null when either is missing. */
  delta: number | null;
  verdict: Verdict;
}

/**
 * Changes smaller than this share of the larger value count as no change: one run per side says
 * nothing about differences that small (a seed alone moves the figures by more), and calling a
 * 0.003% drop "worse" would mislead. Sweeps with replications give real intervals.
 */
export const SAME_WITHIN = 0.01;

export function verdictOf(metric: MetricLike, left: number | null, right: number | null): Verdict {
  if (left === null || right === null || !Number.isFinite(left) || !Number.isFinite(right)) return 'none';
  const delta = right - left;
  if (Math.abs(delta) <= SAME_WITHIN * Math.max(Math.abs(left), Math.abs(right))) return 'same';
  const up = delta > 0;
  return up === (metric.better === 'higher') ? 'better' : 'worse';
}

/**
 * Metrics whose figure does not depend on how long a run lasts or what its warm-up leaves out: the
 * cost an hour of the machines. Every other one is a mean, maximum, slope or count over the seconds
 * measured, and a longer run (more time for lag to build, a fault or spike late in the document)
 * or another warm-up moves it by itself.
 */
export const LENGTH_FREE: ReadonlySet<string> = new Set(['costPerHour']);

/** What compare needs of a kept run to tell whether the two measured the same span. */
export interface SpanLike {
  doc: { run: { durationSec: number } };
  /** Absent: kept before warm-ups, figures over the whole run. */
  warmupSec?: number | undefined;
}

/**
 * Why the two runs' figures cannot be set against each other as they stand (run lengths or
 * warm-ups differ), one sentence; null when they measured the same span.
 */
export function spanMismatch(left: SpanLike, right: SpanLike): string | null {
  const parts: string[] = [];
  const [dl, dr] = [left.doc.run.durationSec, right.doc.run.durationSec];
  const [wl, wr] = [left.warmupSec ?? 0, right.warmupSec ?? 0];
  if (dl !== dr) parts.push(`ran for different lengths (${dl} s and ${dr} s)`);
  if (wl !== wr) parts.push(`leave out different warm-ups (the first ${wl} s and ${wr} s)`);
  if (parts.length === 0) return null;
  return `These runs ${parts.join(' and ')}: their figures cover different spans, so only the cost gets a verdict. Compare runs of the same length and warm-up (a sweep's run length is set in its form).`;
}

/**
 * Every metric of `metrics`, in their order, with both runs' values, the delta and the verdict.
 * `sameSpan` false (run lengths or warm-ups differ): metrics outside LENGTH_FREE get no verdict.
 */
export function compareFigures(
  left: HeadlineFigures,
  right: HeadlineFigures,
  metrics: readonly MetricLike[],
  sameSpan = true,
): MetricComparison[] {
  return metrics.map((metric) => {
    const l = left[metric.id] ?? null;
    const r = right[metric.id] ?? null;
    const v = verdictOf(metric, l, r);
    const verdict = v !== 'none' && !sameSpan && !LENGTH_FREE.has(metric.id) ? 'unfair' : v;
    return { metric, left: l, right: r, delta: v === 'none' ? null : r! - l!, verdict };
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

/** The run totals compare can set side by side: what each record count is read from. */
type CountTotals = Partial<Record<'writtenTwice' | 'duplicates' | 'aborted', number>>;

export interface RecordCountRow extends MetricLike {
  id: 'writtenTwice' | 'duplicates' | 'aborted';
  /** One sentence for the row's title. */
  definition: string;
}

/**
 * Record counts of the whole run that headline metrics leave out, yet tell delivery guarantees
 * apart: an at-least-once sink's output written twice against a transactional one's none.
 */
export const RECORD_COUNT_ROWS: readonly RecordCountRow[] = [
  {
    id: 'writtenTwice',
    label: 'Written twice',
    unit: 'records',
    better: 'lower',
    definition:
      "Output a Spark job's at-least-once sink or Kafka sink wrote again after a driver failure: its readers get it twice (a transactional delivery writes none).",
  },
  {
    id: 'duplicates',
    label: 'Reprocessed',
    unit: 'records',
    better: 'lower',
    definition:
      'Records a consumer group processed a second time: work past the last commit of a member that crashed or lost its partition.',
  },
  {
    id: 'aborted',
    label: 'Aborted',
    unit: 'records',
    better: 'lower',
    definition:
      'Records of aborted transactions: in the log, skipped by read_committed readers, read by read_uncommitted ones.',
  },
];

/**
 * The record-count rows to show: those where either run counted some (a run kept without totals
 * has null). Zero is a value here, so 0 against 10,034 reads as a change, not as missing.
 */
export function compareRecordCounts(
  left: CountTotals | null,
  right: CountTotals | null,
  sameSpan = true,
): (MetricComparison & { metric: RecordCountRow })[] {
  return RECORD_COUNT_ROWS.flatMap((metric) => {
    const l = left ? (left[metric.id] ?? 0) : null;
    const r = right ? (right[metric.id] ?? 0) : null;
    if ((l ?? 0) === 0 && (r ?? 0) === 0) return [];
    const v = verdictOf(metric, l, r);
    // Counts over the whole run: a longer run counts more by itself.
    const verdict = v !== 'none' && !sameSpan ? 'unfair' : v;
    return [{ metric, left: l, right: r, delta: v === 'none' ? null : r! - l!, verdict }];
  });
}

/** A kept run as the per-reader rows read it: its series and the warm-up its figures leave out. */
export interface ReaderSeries extends SeriesLike {
  warmupSec?: number | undefined;
}

export interface ReaderRow extends MetricComparison {
  reader: string;
  figure: 'processed' | 'p99';
}

/**
 * Each reader both runs have, its own processed throughput and p99 side by side: the headline
 * takes the slowest reader's throughput and merges every reader's latency, so a change to one
 * reader can hide there. Verdicts as for the headline (none when the spans differ).
 */
export function compareReaders(left: ReaderSeries, right: ReaderSeries, sameSpan = true): ReaderRow[] {
  const l = readerFigures(left, { warmupSec: left.warmupSec ?? 0 });
  const r = new Map(readerFigures(right, { warmupSec: right.warmupSec ?? 0 }).map((x) => [x.id, x]));
  const out: ReaderRow[] = [];
  for (const a of l) {
    const b = r.get(a.id);
    if (!b) continue;
    const row = (figure: 'processed' | 'p99', metric: MetricLike, lv: number | null, rv: number | null) => {
      const v = verdictOf(metric, lv, rv);
      out.push({
        reader: a.id,
        figure,
        metric,
        left: lv,
        right: rv,
        delta: v === 'none' ? null : rv! - lv!,
        verdict: v !== 'none' && !sameSpan ? 'unfair' : v,
      });
    };
    row(
      'processed',
      { id: `reader-${a.id}-processed`, label: `${a.id}: processed`, unit: 'records/s', better: 'higher' },
      a.processed,
      b.processed,
    );
    row(
      'p99',
      { id: `reader-${a.id}-p99`, label: `${a.id}: p99`, unit: 'ms', better: 'lower' },
      a.p99,
      b.p99,
    );
  }
  return out;
}
