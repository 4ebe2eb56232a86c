// State of the simulation run as the UI sees it. The run client (simClient.ts) writes it from the
// worker's frames; the canvas, the charts, the totals and the controls read it.
import { create } from 'zustand';
import type { Pipeline } from '../../model';
import type { ProduceRequestsLive, RunStatus, RunTotals, Speed } from '../../worker/protocol';
import { appendHistory, mergeRule, type MergeRule } from '../../whatif/history';
import type { LiveSnapshot } from './live';

export type { RunStatus, RunTotals, Speed } from '../../worker/protocol';

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
  /** The whole run's per-second series, oldest first, in bounded memory: old rows are merged in
   * pairs once there are many (src/whatif/history.ts). The worker keeps every second for the CSV. */
  rows: number[][];
  /** Seconds each row of `rows` stands for (1 until merged). */
  spans: number[];
  /** Why the current document cannot run (validation errors); empty when it can. */
  problems: string[];
  /** A kept run on show: its producers' produce requests over the whole run, if it came with them. */
  keptProduceRequests: Record<string, ProduceRequestsLive> | null;
  /** runKey of the document `problems` are about (the document may have changed since). */
  problemsKey: string | null;
}

/** What the run depends on: everything but the canvas layout, the name and the description. */
export function runKey(doc: Pipeline): string {
  const { layout: _layout, name: _name, description: _description, ...rest } = doc;
  return JSON.stringify(rest);
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
  spans: [],
  problems: [],
  keptProduceRequests: null,
  problemsKey: null,
};

export const useRunStore = create<RunState>()(() => ({ ...initialRunState }));

let rulesFor: { columns: readonly string[]; rules: MergeRule[] } = { columns: [], rules: [] };

/** How each column merges, remembered for the columns of the loaded run. */
function rulesOf(columns: readonly string[]): MergeRule[] {
  if (rulesFor.columns !== columns) rulesFor = { columns, rules: columns.map(mergeRule) };
  return rulesFor.rules;
}

/** The run's rows and spans with `fresh` rows added (new arrays, so selectors see a change). */
export function appendRows(
  s: Pick<RunState, 'rows' | 'spans' | 'columns'>,
  fresh: number[][],
): Pick<RunState, 'rows' | 'spans'> {
  if (fresh.length === 0) return { rows: s.rows, spans: s.spans };
  return appendHistory({ rows: s.rows, spans: s.spans }, fresh, rulesOf(s.columns));
}
