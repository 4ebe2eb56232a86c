// After Check goal: the run the check made with the document's own seed becomes the visible run
// (charts and totals), so the figures the goal shows for that seed match the charts beneath them.
import type { Pipeline } from '../../model';
import { thinSeries } from '../../whatif/history';
import type { RunOutcome } from '../../whatif/run';
import type { ProduceRequestsLive, RunTotals } from '../../worker/protocol';
import { KEPT_ROWS } from '../runs/archive';
import { runKey, type KeptRunView } from '../run/simClient';

/**
 * The checked run to show, or null: only when one of the goal's seeds is the document's own seed
 * (a learner who chose another seed keeps their own run) and the document is still the one checked
 * (an edit since then asks for a run of its own). The series is thinned as the run list keeps runs.
 */
export function checkedRunToShow(
  checked: Pipeline,
  current: Pipeline,
  outcomes: ReadonlyMap<number, RunOutcome>,
): { seed: number; view: KeptRunView } | null {
  const seed = checked.run.seed;
  const outcome = outcomes.get(seed);
  if (!outcome || outcome.rows.length === 0 || runKey(current) !== runKey(checked)) return null;
  const thin = thinSeries(
    outcome.columns,
    outcome.rows,
    outcome.rows.map(() => 1),
    KEPT_ROWS,
  );
  return {
    seed,
    view: {
      columns: outcome.columns,
      rows: thin.rows,
      spans: thin.spans,
      // The headless worker's totals are the run summary's records, as the live worker sends them.
      totals: (outcome.totals as RunTotals | undefined) ?? null,
      produceRequests: produceRequestsOf(outcome.summary, checked),
    },
  };
}

interface SummaryProducer {
  requests?: unknown;
  requestRecords?: unknown;
  requestBatches?: unknown;
}

/** Each producer's requests a second over the whole run and what they carried, from the run summary. */
export function produceRequestsOf(summary: unknown, doc: Pipeline): Record<string, ProduceRequestsLive> {
  const out: Record<string, ProduceRequestsLive> = {};
  const producers = (summary as { producers?: Record<string, SummaryProducer> } | undefined)?.producers;
  const seconds = doc.run.durationSec;
  if (!producers || !(seconds > 0)) return out;
  for (const p of doc.producers) {
    const s = producers[p.id];
    const [requests, records, batches] = [s?.requests, s?.requestRecords, s?.requestBatches];
    if (typeof requests !== 'number' || typeof records !== 'number' || typeof batches !== 'number') continue;
    out[p.id] = {
      perSec: requests / seconds,
      recordsPerRequest: requests > 0 ? records / requests : null,
      recordsPerBatch: batches > 0 ? records / batches : null,
    };
  }
  return out;
}
