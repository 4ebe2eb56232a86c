// The pinned baseline run drawn beside the current one: its kept series, with its columns put in
// the current run's order so the same derive functions make its points. A column the baseline did
// not have (a node added since) is NaN, and its line is left out rather than drawn at 0.
import { useMemo } from 'react';
import { useRunStore } from '../run/runStore';
import { useBaselineRun } from '../runs/runsStore';
import type { Point } from './derive';

export interface Baseline {
  name: string;
  /** The baseline's rows, in the current run's column order. */
  rows: number[][];
}

/** `rows` (columns `from`) rearranged into the columns `to`; columns not in `from` are NaN. */
export function alignRows(
  rows: readonly (readonly number[])[],
  from: readonly string[],
  to: readonly string[],
): number[][] {
  const index = new Map(from.map((c, i) => [c, i]));
  const picks = to.map((c) => index.get(c));
  return rows.map((row) => picks.map((i) => (i === undefined ? NaN : (row[i] ?? NaN))));
}

/** Points with every value that is not a finite number made a gap. */
export function withGaps(points: readonly Point[]): Point[] {
  return points.map((p) => {
    const out: Point = { t: p.t };
    for (const [k, v] of Object.entries(p))
      if (k !== 't') out[k] = typeof v === 'number' && Number.isFinite(v) ? v : null;
    return out;
  });
}

/** The pinned baseline for the charts of the loaded run, or null when none is pinned. */
export function useBaseline(): Baseline | null {
  const run = useBaselineRun();
  const columns = useRunStore((s) => s.columns);
  return useMemo(
    () => (run ? { name: run.name, rows: alignRows(run.rows, run.columns, columns) } : null),
    [run, columns],
  );
}
