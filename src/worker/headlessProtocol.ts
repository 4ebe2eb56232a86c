// What the page and a headless-run worker say to each other: one whole run of a document with a
// seed, as fast as the engine goes, with no live frames. Plain data only (structured clone). The
// summary is typed from the engine's own summary (a type-only import: no engine code comes along).
import type { RunSummary } from '../core';

export type { RunSummary };

export interface HeadlessRequest {
  /** A pipeline document; validated in the worker like any other. */
  doc: unknown;
  /** Overrides the document's run.seed. */
  seed?: number;
  /** Overrides the document's run.durationSec. */
  durationSec?: number;
}

/** The per-second series, as the CLI's --csv writes it: a `t` column first, then one per metric. */
export interface HeadlessSeries {
  columns: string[];
  rows: number[][];
}

export type HeadlessResult =
  | {
      ok: true;
      seed: number;
      summary: RunSummary;
      series: HeadlessSeries;
      /** Worker time the run took, in ms (for the time-left estimate only). */
      wallMs: number;
    }
  | { ok: false; error: string };

export interface HeadlessWorkerApi {
  run(request: HeadlessRequest): HeadlessResult;
}
