// What the page and a headless-run worker say to each other: one whole run of a document with a
// seed, as fast as the engine goes, with no live frames. Plain data only (structured clone).
import type { RunOutcome } from '../whatif/run';

export interface HeadlessRequest {
  /** A pipeline document; validated in the worker like any other. */
  doc: unknown;
  /** Overrides the document's run.seed. */
  seed?: number;
  /** Overrides the document's run.durationSec. */
  durationSec?: number;
  /** Also send the run's summary (latency percentiles, per-node figures) back, as outcome.summary. */
  keepSummary?: boolean;
}

export type HeadlessResult =
  | {
      ok: true;
      seed: number;
      /** The per-second series and the record totals (what the what-if metrics read). */
      outcome: RunOutcome;
      /** Worker time the run took, in ms. */
      wallMs: number;
    }
  | { ok: false; error: string };

export interface HeadlessWorkerApi {
  run(request: HeadlessRequest): Promise<HeadlessResult>;
}
