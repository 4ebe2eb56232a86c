// Sweeps: one or two settings over their values, each point replicated over seeds, every chosen
// metric summarised per point as a mean with its 95% Student t interval.
import type { Pipeline } from '../model/types';
import type { HeadlineMetrics, MetricId } from './metrics';
import { outcomeMetrics, TaskPool, withRun, type RunFn, type RunOutcome } from './run';
import { setSetting } from './settings';
import { axisValues, type SweepSpec } from './spec';
import { confidenceInterval, stoppingDecision, type Interval } from './stats';

export interface SweepRun {
  seed: number;
  metrics: HeadlineMetrics;
}

export interface SweepPoint {
  /** Index in `points`: axis values in order, the first axis varying slowest. */
  index: number;
  /** The value of each axis at this point. */
  values: number[];
  /** The document this point runs (setting applied, seed not yet). */
  doc: Pipeline;
  runs: SweepRun[];
  /** Per chosen metric, over the runs with a value (a null metric is left out). */
  stats: Partial<Record<MetricId, Interval>>;
  /** Why replications stopped: the fixed count ran, the interval got precise, or the maximum. */
  stopped?: 'seeds' | 'precise' | 'max' | 'cancelled';
}

export interface SweepResult {
  spec: SweepSpec;
  points: SweepPoint[];
  /** True when the signal aborted it: the points hold the runs finished by then. */
  cancelled: boolean;
  runs: number;
}

export interface SweepProgress {
  /** Runs finished and the number expected (it grows while the stopping rule adds replications). */
  done: number;
  total: number;
  /** The point and run that just finished. */
  point: SweepPoint;
  run: SweepRun;
  /** The outcome of that run, for a caller that keeps runs (the app's run list). */
  outcome: RunOutcome;
}

export interface SweepOptions {
  /** Runs at once (the app: its worker count). Default 1. */
  concurrency?: number;
  onProgress?: (p: SweepProgress) => void;
  signal?: AbortSignal;
  /** The points, when the caller planned them already (planSweepInSteps); else planned here. */
  plan?: SweepPoint[];
}

export type PlanResult = { ok: true; points: SweepPoint[] } | { ok: false; error: string };

/** The sweep's points with their documents, or the first setting value the document refuses. */
export function planSweep(spec: SweepSpec, doc: Pipeline): PlanResult {
  const steps = planSteps(spec, doc);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * planSweep, awaiting `pause()` after each point (each one parses a whole document), so a page
 * planning a large sweep is never busy for long at a stretch.
 */
export async function planSweepInSteps(
  spec: SweepSpec,
  doc: Pipeline,
  pause: () => Promise<void>,
): Promise<PlanResult> {
  const steps = planSteps(spec, doc);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await pause();
  }
}

/** Makes the points one by one (yielding after each), then returns them or the first refusal. */
function* planSteps(spec: SweepSpec, doc: Pipeline): Generator<void, PlanResult> {
  let grid: number[][];
  try {
    const axes = spec.axes.map((a) => axisValues(a.values, isIntegerSetting(a.setting)));
    grid = axes[0]!.map((v) => [v]);
    if (axes[1]) grid = grid.flatMap((g) => axes[1]!.map((w) => [...g, w]));
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  const points: SweepPoint[] = [];
  for (const values of grid) {
    let d = doc;
    for (let k = 0; k < values.length; k++) {
      const r = setSetting(d, spec.axes[k]!.setting, values[k]!);
      if (!r.ok) return { ok: false, error: r.error };
      d = r.doc;
    }
    points.push({ index: points.length, values, doc: d, runs: [], stats: {} });
    yield;
  }
  return { ok: true, points };
}

/** Settings that only take whole numbers: counts, partitions, members, executors, sizes, ms configs. */
export function isIntegerSetting(path: string): boolean {
  const last = path.replace(/\[[^\]]*\]/g, '');
  if (/recordsPerSec$|meanMs$|networkLatencyMs$|pricePerHour$|selectivity$|fanOut$|matchRate$/.test(last))
    return false;
  return true;
}

/** The seed of replication `i` (0-based): the same seeds at every point, so points compare fairly. */
export const replicationSeed = (spec: { baseSeed?: number | undefined }, doc: Pipeline, i: number): number =>
  ((spec.baseSeed ?? doc.run.seed) + i) % 4_294_967_296;

/**
 * Runs the sweep through `runFn`: `spec.seeds` replications per point, then, with a stopping rule,
 * more per point until every chosen metric is precise enough or the maximum ran. Results come back
 * in point order whatever order the runs finished in; per-point runs are sorted by seed.
 */
export async function runSweep(
  spec: SweepSpec,
  doc: Pipeline,
  runFn: RunFn,
  options: SweepOptions = {},
): Promise<SweepResult> {
  const plan: PlanResult = options.plan ? { ok: true, points: options.plan } : planSweep(spec, doc);
  if (!plan.ok) throw new Error(plan.error);
  const points = plan.points;
  const first = spec.stopping ? Math.max(spec.seeds, spec.stopping.minReps) : spec.seeds;
  const started = points.map(() => first);
  let total = points.length * first;
  let done = 0;
  const pool = new TaskPool<{ point: SweepPoint; rep: number }>(
    options.concurrency ?? 1,
    async ({ point, rep }) => {
      const seed = replicationSeed(spec, doc, rep);
      const outcome = await runFn(withRun(point.doc, seed, spec.durationSec), seed, options.signal, {
        warmupSec: spec.warmupSec,
      });
      const metrics = outcomeMetrics(outcome, point.doc, spec.warmupSec);
      const run: SweepRun = { seed, metrics };
      point.runs.push(run);
      point.runs.sort((a, b) => a.seed - b.seed);
      point.stats = pointStats(point.runs, spec.metrics);
      done++;
      // All started replications of this point are in: decide whether it needs more.
      if (spec.stopping && point.runs.length === started[point.index]) {
        const samples = spec.metrics.map((m) => point.runs.map((r) => r.metrics[m] ?? NaN));
        const d = stoppingDecision(samples, spec.stopping);
        if (d.stop) point.stopped = d.reason;
        else {
          started[point.index]!++;
          total++;
          pool.add({ point, rep: started[point.index]! - 1 });
        }
      } else if (!spec.stopping && point.runs.length === spec.seeds) point.stopped = 'seeds';
      options.onProgress?.({ done, total, point, run, outcome });
    },
    options.signal,
  );
  for (let rep = 0; rep < first; rep++) for (const point of points) pool.add({ point, rep });
  await pool.idle();
  const cancelled = options.signal?.aborted === true;
  if (cancelled) for (const p of points) p.stopped ??= 'cancelled';
  return { spec, points, cancelled, runs: done };
}

/** Mean and interval of each metric over the runs that have it. */
export function pointStats(
  runs: readonly SweepRun[],
  metrics: readonly MetricId[],
): Partial<Record<MetricId, Interval>> {
  const out: Partial<Record<MetricId, Interval>> = {};
  for (const m of metrics) {
    const values = runs.map((r) => r.metrics[m]).filter((v): v is number => v !== null && Number.isFinite(v));
    if (values.length > 0) out[m] = confidenceInterval(values);
  }
  return out;
}

/** The sweep as CSV: one row per point, the axis values, then mean, low, high and n of each metric. */
export function sweepToCsv(result: SweepResult): string {
  const head = [
    ...result.spec.axes.map((a) => a.setting),
    ...result.spec.metrics.flatMap((m) => [`${m}.mean`, `${m}.low`, `${m}.high`, `${m}.n`]),
  ];
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const num = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '' : String(x));
  const lines = [head.map(quote).join(',')];
  for (const p of result.points) {
    const cells = [...p.values.map(String)];
    for (const m of result.spec.metrics) {
      const s = p.stats[m];
      cells.push(num(s?.mean), num(s?.low), num(s?.high), num(s?.n));
    }
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}
