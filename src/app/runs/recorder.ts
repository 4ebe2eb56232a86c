// Keeps every run that reaches its end. A run that is reset, restarted by an edit or replaced
// before its end is not kept: its figures would cover a shorter span than a finished run's and
// could not be set beside them fairly. Wall time counts only the time the run was playing.
import type { Pipeline } from '../../model';
import { useRunStore } from '../run/runStore';
import { onRunFinished } from '../run/simClient';
import { headlineOf, nextSeq, runWarmupSec, thinSeries } from './archive';

import { addRun, openArchive, useRunsStore } from './runsStore';
import type { HeadlineFigures, SavedRun } from './types';

export interface FinishedRun {
  doc: Pipeline;
  columns: string[];
  rows: number[][];
  spans: number[];
  totals: SavedRun['totals'];
  finishedAt: number;
  wallSec: number;
}

let counter = 0;

/** A fresh id: the finish time and a per-page counter (two tabs finishing in one ms aside). */
function newId(finishedAt: number): string {
  counter += 1;
  const salt = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID().slice(0, 8) : '';
  return `run-${finishedAt.toString(36)}-${counter}${salt ? `-${salt}` : ''}`;
}

/** The run as it is kept: named after its document and number, its series thinned. */
export function toSavedRun(
  run: FinishedRun,
  seq: number,
  headline: HeadlineFigures,
  id = newId(run.finishedAt),
): SavedRun {
  const thin = thinSeries(run.columns, run.rows, run.spans);
  return {
    id,
    seq,
    name: `${run.doc.name} #${seq}`,
    finishedAt: run.finishedAt,
    wallSec: run.wallSec,
    doc: run.doc,
    seed: run.doc.run.seed,
    columns: run.columns,
    rows: thin.rows,
    spans: thin.spans,
    totals: run.totals,
    headline,
    warmupSec: runWarmupSec(run),
  };
}

let stop: (() => void) | null = null;

/** Starts keeping finished runs (once per page); returns a function that stops it. */
export function startRecorder(now: () => number = () => Date.now()): () => void {
  if (stop) return stop;
  void openArchive();
  let playingMs = 0;
  let since: number | null = null;
  const unsubscribeRun = useRunStore.subscribe((s, prev) => {
    if (s.status === prev.status) return;
    if (prev.status === 'running' && since !== null) {
      playingMs += now() - since;
      since = null;
    }
    if (s.status === 'running') since = now();
    if (s.status === 'idle') playingMs = 0;
  });
  const unsubscribeFinished = onRunFinished((doc) => {
    const { columns, rows, spans, totals } = useRunStore.getState();
    const run: FinishedRun = {
      doc,
      columns,
      rows,
      spans,
      totals,
      finishedAt: now(),
      wallSec: playingMs / 1000,
    };
    const seq = nextSeq(useRunsStore.getState().runs);
    void addRun(toSavedRun(run, seq, headlineOf(run)));
  });
  stop = () => {
    unsubscribeRun();
    unsubscribeFinished();
    stop = null;
  };
  return stop;
}
