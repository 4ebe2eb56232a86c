// One run of a document from 0 s to its end: no pacing, no frames. The sweep workers run one such
// run at a time (the what-if core's in-process runner, so the numbers are the command line's) and
// are terminated to cancel.
import { checkGraph, parsePipeline } from '../model';
import { runLocally } from '../whatif/local';
import { withRun } from '../whatif/run';
import type { HeadlessRequest, HeadlessResult } from './headlessProtocol';

export async function runHeadless(request: HeadlessRequest, now: () => number): Promise<HeadlessResult> {
  const parsed = parsePipeline(request.doc);
  if (!parsed.ok) return { ok: false, error: parsed.errors.join('; ') };
  const graph = checkGraph(parsed.doc);
  if (graph.errors.length) return { ok: false, error: graph.errors.join('; ') };
  const durationSec = request.durationSec ?? parsed.doc.run.durationSec;
  if (!(durationSec > 0) || !Number.isFinite(durationSec))
    return { ok: false, error: `the duration ${durationSec} s is not a positive number of seconds` };
  const seed = request.seed ?? parsed.doc.run.seed;
  const doc = withRun(parsed.doc, seed, durationSec);
  const started = now();
  try {
    // One slice: nothing is checked between slices here (a cancel terminates the worker).
    const outcome = await runLocally(doc, seed, undefined, {
      sliceMs: durationSec * 1000,
      keepSummary: request.keepSummary === true,
    });
    return { ok: true, seed, outcome, wallMs: now() - started };
  } catch (e) {
    return { ok: false, error: `the engine failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}
