// State of the simulation run as the UI sees it. The run client (simClient.ts) writes it from the
// worker's frames; the canvas, the charts, the totals and the controls read it.
import { create } from 'zustand';
import type { RunStatus, RunTotals, Speed } from '../../worker/protocol';
import type { LiveSnapshot } from './live';

export type { RunStatus, RunTotals, Speed } from '../../worker/protocol';

/** Rows of the series kept on the page: the charts' window plus room for averages. The whole run
 * stays in the worker (the CSV export asks it), so the page's memory does not grow with the run. */
export const HISTORY_ROWS = 180;

export interface RunState {
  status: RunStatus;
  /** The latest per-node view of the run, or null before the first frame. */
  live: LiveSnapshot | null;
  simMs: number;
  durationMs: number;
  speed: Speed;
  events: number;
  totals: RunTotals | null;
  /** Names of the series columns of the loaded document ('second' first). */
  columns: string[];
  /** The most recent rows of the per-second series, oldest first, at most HISTORY_ROWS. */
  rows: number[][];
  /** Why the current document cannot run (validation errors); empty when it can. */
  problems: string[];
}

export const initialRunState: RunState = {
  status: 'idle',
  live: null,
  simMs: 0,
  durationMs: 0,
  speed: 10,
  events: 0,
  totals: null,
  columns: [],
  rows: [],
  problems: [],
};

export const useRunStore = create<RunState>()(() => ({ ...initialRunState }));

/** Appends rows, keeping only the newest HISTORY_ROWS (a new array, so selectors see a change). */
export function appendRows(rows: number[][], fresh: number[][]): number[][] {
  if (fresh.length === 0) return rows;
  const all = rows.concat(fresh);
  return all.length > HISTORY_ROWS ? all.slice(all.length - HISTORY_ROWS) : all;
}
