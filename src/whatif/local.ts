// The in-process runner: the engine itself, for the command line, the tests and a worker that runs
// sweep replications. Kept out of index.ts so the page never pulls the engine into its bundle.
import { Simulation } from '../core';
import type { Pipeline } from '../model/types';
import type { RunFn, RunOutcome } from './run';

export interface LocalRunOptions {
  /** Simulated ms run between checks of the abort signal and calls of `pause`. Default 10 s. */
  sliceMs?: number;
  /** Called between slices (the CLI passes one that lets Node's event loop run). */
  pause?: () => Promise<void>;
  /** Keep the full RunSummary on the outcome (the CLI prints it). Default false. */
  withSummary?: boolean;
}

/** Runs the document to its run.durationSec with the given seed; the same numbers as the app's worker. */
export async function runLocally(
  doc: Pipeline,
  seed: number,
  signal?: AbortSignal,
  options: LocalRunOptions = {},
): Promise<RunOutcome> {
  const sim = new Simulation(doc, { seed });
  const endMs = doc.run.durationSec * 1000;
  const slice = options.sliceMs ?? 10_000;
  while (sim.nowMs < endMs) {
    if (signal?.aborted) throw new Error('run cancelled');
    sim.runUntil(Math.min(endMs, sim.nowMs + slice));
    if (options.pause) await options.pause();
  }
  const series = sim.metrics.series();
  const summary = sim.summary();
  return {
    columns: series.columns.slice(),
    rows: series.rows,
    totals: summary.records,
    ...(options.withSummary ? { summary } : {}),
  };
}

/** A RunFn over runLocally. */
export const localRunFn =
  (options: LocalRunOptions = {}): RunFn =>
  (doc, seed, signal) =>
    runLocally(doc, seed, signal, options);
