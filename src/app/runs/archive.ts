// The rules of the run archive, apart from where it is stored: which runs are kept (the newest 50,
// and the pinned baseline whatever its age), in which order they are listed, how a run's series is
// thinned before it is kept, and what a new run is called.
import { thinSeries as thin } from '../../whatif/history';
import { defaultWarmupSec, headlineMetrics } from '../../whatif/metrics';
import type { RunsBackend } from './runsDb';
import type { HeadlineFigures, SavedRun } from './types';

/** How many runs are kept. */
export const KEEP_RUNS = 50;
/** Rows of series kept per run: enough for a chart's width, small enough for 50 runs. */
export const KEPT_ROWS = 600;

/** Newest first (by finish time, then by number for runs that finished in the same millisecond). */
export function newestFirst(runs: readonly SavedRun[]): SavedRun[] {
  return [...runs].sort((a, b) => b.finishedAt - a.finishedAt || b.seq - a.seq);
}

/**
 * Ids of the runs to drop so that at most `limit` are left: the oldest first, never one in
 * `protect` (the pinned baseline).
 */
export function runsToDrop(
  runs: readonly SavedRun[],
  limit: number,
  protect: ReadonlySet<string> = new Set(),
): string[] {
  const excess = runs.length - limit;
  if (excess <= 0) return [];
  return newestFirst(runs)
    .reverse()
    .filter((r) => !protect.has(r.id))
    .slice(0, excess)
    .map((r) => r.id);
}

/** Stores `run`, drops the oldest beyond `limit`, and returns what is kept, newest first. */
export async function keepRun(
  backend: RunsBackend,
  run: SavedRun,
  limit = KEEP_RUNS,
  protect: ReadonlySet<string> = new Set(),
): Promise<SavedRun[]> {
  await backend.put(run);
  const all = await backend.all();
  const drop = runsToDrop(all, limit, protect);
  await backend.remove(drop);
  const dropped = new Set(drop);
  return newestFirst(all.filter((r) => !dropped.has(r.id)));
}

/** The number the next run gets: one more than any kept. */
export function nextSeq(runs: readonly SavedRun[]): number {
  return runs.reduce((m, r) => Math.max(m, r.seq), 0) + 1;
}

/** The series thinned to at most `maxRows` rows, merged the way the charts' history merges them. */
export function thinSeries(
  columns: readonly string[],
  rows: number[][],
  spans: number[],
  maxRows = KEPT_ROWS,
): { rows: number[][]; spans: number[] } {
  const h = thin(columns, rows, spans, maxRows);
  return { rows: h.rows, spans: h.spans };
}

/**
 * A run as the list shows it now. Runs kept before the figures left out a warm-up (no `warmupSec`)
 * had figures over the whole run: when their kept series still holds every second, the figures are
 * worked out again from it after the default warm-up, as a new run's are; a longer run's series was
 * merged into spans of several seconds, so its figures stay over the whole run, and `warmupSec: 0`
 * says so (the list labels it).
 */
export function withWarmupRule(run: SavedRun): SavedRun {
  if (run.warmupSec !== undefined) return run;
  const everySecond = run.rows.length > 0 && run.spans.every((s) => s === 1);
  if (!everySecond) return { ...run, warmupSec: 0 };
  return { ...run, headline: headlineOf(run), warmupSec: runWarmupSec(run) };
}

/** The warm-up a finished run's figures leave out: the sweep's default for a run of its length. */
export function runWarmupSec(run: Pick<SavedRun, 'doc'>): number {
  return defaultWarmupSec(run.doc.run.durationSec);
}

/**
 * The headline figures of a finished run after the warm-up a sweep leaves out by default, so the
 * run shows the same figures here as at a sweep point, from the series as the page holds it (every
 * second, unless the run was longer than src/whatif/history.ts keeps exactly).
 */
export function headlineOf(run: Pick<SavedRun, 'doc' | 'columns' | 'rows' | 'totals'>): HeadlineFigures {
  return headlineMetrics(
    { columns: run.columns, rows: run.rows, totals: run.totals ?? undefined, doc: run.doc },
    { warmupSec: runWarmupSec(run) },
  );
}
