// One run of a document from 0 s to its end in a single call: no pacing, no frames, no slicing.
// Used by the sweep workers, which run one such run at a time and are terminated to cancel.
import { Simulation } from '../core';
import { checkGraph, parsePipeline } from '../model';
import type { HeadlessRequest, HeadlessResult } from './headlessProtocol';

export function runHeadless(request: HeadlessRequest, now: () => number): HeadlessResult {
  const parsed = parsePipeline(request.doc);
  if (!parsed.ok) return { ok: false, error: parsed.errors.join('; ') };
  const graph = checkGraph(parsed.doc);
  if (graph.errors.length) return { ok: false, error: graph.errors.join('; ') };
  const doc = parsed.doc;
  const durationSec = request.durationSec ?? doc.run.durationSec;
  if (!(durationSec > 0) || !Number.isFinite(durationSec))
    return { ok: false, error: `the duration ${durationSec} s is not a positive number of seconds` };
  const started = now();
  try {
    const sim = new Simulation(doc, request.seed === undefined ? {} : { seed: request.seed });
    sim.runUntil(durationSec * 1000);
    const series = sim.metrics.series();
    return {
      ok: true,
      seed: sim.seed,
      summary: sim.summary(),
      series: { columns: [...series.columns], rows: series.rows },
      wallMs: now() - started,
    };
  } catch (e) {
    return { ok: false, error: `the engine failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}
