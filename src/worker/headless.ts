// One run of a document from 0 s to its end: no pacing, no frames. The sweep workers run one such
// run at a time (the what-if core's in-process runner, so the numbers are the command line's) and
// are terminated to cancel. Asked for figures, the worker works them out itself and answers with
// those alone, so the page never has to receive or read a whole series per replication.
import { checkGraph, parsePipeline } from '../model';
import { thinSeries } from '../whatif/history';
import { defaultWarmupSec, headlineMetrics } from '../whatif/metrics';
import { runLocally } from '../whatif/local';
import { withRun } from '../whatif/run';
import type { RunTotals } from './protocol';
import { packRows, type HeadlessRequest, type HeadlessResult, type KeptSeries } from './headlessProtocol';

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
      withSummary: request.withSummary === true,
    });
    // The kept run's figures leave out what the batch leaves out, so Runs shows the point's figures.
    const warmupSec = request.figures?.warmupSec ?? defaultWarmupSec(durationSec);
    const kept = request.keepRows === undefined ? undefined : keep(outcome, doc, request.keepRows, warmupSec);
    if (!request.figures) return { ok: true, seed, outcome, ...(kept && { kept }), wallMs: now() - started };
    const metrics = headlineMetrics({ ...outcome, doc }, { warmupSec: request.figures.warmupSec });
    return {
      ok: true,
      seed,
      outcome: { columns: [], rows: [], totals: outcome.totals, metrics },
      ...(kept && { kept }),
      wallMs: now() - started,
    };
  } catch (e) {
    return { ok: false, error: `the engine failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** The run as the run list keeps it: series thinned and packed, figures after the warm-up. */
function keep(
  outcome: Awaited<ReturnType<typeof runLocally>>,
  doc: Parameters<typeof headlineMetrics>[0]['doc'],
  maxRows: number,
  warmupSec: number,
): KeptSeries {
  const thin = thinSeries(
    outcome.columns,
    outcome.rows,
    outcome.rows.map(() => 1),
    Math.max(2, maxRows),
  );
  return {
    columns: outcome.columns,
    data: packRows(thin.rows, outcome.columns.length),
    spans: thin.spans,
    // runLocally's totals are the summary's records: the same totals the live worker sends.
    totals: outcome.totals as RunTotals | undefined,
    headline: headlineMetrics({ ...outcome, doc }, { warmupSec }),
    warmupSec,
  };
}
