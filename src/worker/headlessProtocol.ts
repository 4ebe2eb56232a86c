// What the page and a headless-run worker say to each other: one whole run of a document with a
// seed, as fast as the engine goes, with no live frames. Plain data only (structured clone; a kept
// series travels as a transferred buffer).
import type { HeadlineMetrics } from '../whatif/metrics';
import type { RunOutcome } from '../whatif/run';
import type { RunTotals } from './protocol';

export interface HeadlessRequest {
  /** A pipeline document; validated in the worker like any other. */
  doc: unknown;
  /** Overrides the document's run.seed. */
  seed?: number;
  /** Overrides the document's run.durationSec. */
  durationSec?: number;
  /**
   * Work the headline figures out here, leaving out the first `warmupSec` seconds: the answer then
   * carries the figures and the totals, not the series (a sweep reads nothing else).
   */
  figures?: { warmupSec: number };
  /** Also hand back the run for keeping: its series thinned to at most this many rows. */
  keepRows?: number;
  /** Also hand back the run's full summary (lessons and the Measured view read figures in it); off by default. */
  withSummary?: boolean;
}

/**
 * A finished run as the page keeps it: the series thinned, packed row after row in one
 * Float64Array (moved to the page, not copied), and its whole-run figures (no warm-up cut, like
 * every run in the run list).
 */
export interface KeptSeries {
  columns: string[];
  /** rows x columns.length values, row-major. */
  data: Float64Array;
  /** Seconds each row stands for. */
  spans: number[];
  totals: RunTotals | undefined;
  headline: HeadlineMetrics;
  /** Seconds at the start `headline` leaves out (the batch's warm-up). */
  warmupSec: number;
}

export type HeadlessResult =
  | {
      ok: true;
      seed: number;
      /**
       * The per-second series and the record totals (what the what-if metrics read); with
       * `figures` asked, the series is left out and `metrics` holds the figures.
       */
      outcome: RunOutcome;
      /** With `keepRows`: the run to keep. */
      kept?: KeptSeries;
      /** Worker time the run took, in ms. */
      wallMs: number;
    }
  | { ok: false; error: string };

export interface HeadlessWorkerApi {
  run(request: HeadlessRequest): Promise<HeadlessResult>;
}

/** Rows packed into one array, row after row. */
export function packRows(rows: readonly (readonly number[])[], width: number): Float64Array {
  const data = new Float64Array(rows.length * width);
  rows.forEach((row, i) => {
    for (let j = 0; j < width; j++) data[i * width + j] = row[j] ?? NaN;
  });
  return data;
}

/** The rows of a packed array again. */
export function unpackRows(data: Float64Array, width: number): number[][] {
  if (width <= 0) return [];
  const rows: number[][] = [];
  for (let at = 0; at + width <= data.length; at += width)
    rows.push(Array.from(data.subarray(at, at + width)));
  return rows;
}
