// What the simulator predicted for the exported pipeline: the headline figures of one run and each
// Spark job's batch timings, read from the per-second series both the app and the command line have.
import type { Pipeline } from '../model/types';
import { headlineMetrics, type HeadlineMetrics, type LossTotals, type SeriesLike } from '../whatif/metrics';

export interface JobTimings {
  id: string;
  batches: number;
  /** Each second's longest completed batch, averaged over the seconds in which one completed. */
  meanProcessingMs: number;
  maxProcessingMs: number;
  maxSchedulingDelayMs: number;
  maxTotalDelayMs: number;
}

export interface ExportPredictions {
  /** Where the figures come from, in words ("npm run export, seed 7"). */
  source: string;
  seed: number;
  durationSec: number;
  headline: HeadlineMetrics;
  jobs: JobTimings[];
}

export interface RunInput extends SeriesLike {
  totals?: LossTotals | undefined;
  /** Seconds each row stands for (a kept run's thinned series); absent: one second each. */
  spans?: readonly number[] | undefined;
  /** Headline figures already worked out from the full series (a kept run has them); absent: computed here. */
  headline?: HeadlineMetrics | undefined;
}

/** The predictions of one finished run of `doc` (no warm-up cut, as the app's Runs list shows them). */
export function predictionsFromRun(doc: Pipeline, run: RunInput, source: string): ExportPredictions {
  const headline =
    run.headline ?? headlineMetrics({ columns: run.columns, rows: run.rows, totals: run.totals, doc });
  const span = (k: number) => run.spans?.[k] ?? 1;
  const index = new Map(run.columns.map((c, i) => [c, i]));
  const jobs = doc.sparkJobs.map((j) => {
    const col = (m: string) => index.get(`${j.id}.${m}`);
    const [b, p, s, t] = [col('batches'), col('processingMs'), col('schedulingDelayMs'), col('totalDelayMs')];
    const at = (r: readonly number[], i: number | undefined) => (i === undefined ? 0 : (r[i] ?? 0));
    const withBatch = run.rows.flatMap((r, k) => (at(r, b) > 0 ? [{ r, w: span(k) }] : []));
    const max = (i: number | undefined) => withBatch.reduce((a, { r }) => Math.max(a, at(r, i)), 0);
    const weight = withBatch.reduce((a, { w }) => a + w, 0);
    return {
      id: j.id,
      // A thinned row holds the mean of the seconds it stands for.
      batches: Math.round(run.rows.reduce((a, r, k) => a + at(r, b) * span(k), 0)),
      meanProcessingMs: weight === 0 ? 0 : withBatch.reduce((a, { r, w }) => a + at(r, p) * w, 0) / weight,
      maxProcessingMs: max(p),
      maxSchedulingDelayMs: max(s),
      maxTotalDelayMs: max(t),
    };
  });
  return {
    source,
    seed: doc.run.seed,
    durationSec:
      run.rows.length > 0 ? (run.rows[run.rows.length - 1]![0] ?? doc.run.durationSec) : doc.run.durationSec,
    headline,
    jobs,
  };
}
