// Opens one run of a sweep or a search: the point's document with its first seed and the spec's
// run length. When the batch holds that run (heldRuns.ts), it joins the run list (kept, so it can
// be pinned as the baseline or compared) and the charts show it as it finished; opening it again
// opens the same entry. Otherwise only the document opens, ready to play. Either way through the
// document store, so Ctrl+Z brings back what was there.
import type { Pipeline } from '../../model';
import { withRun } from '../../whatif';
import { openDocument } from '../persist/openDocument';
import { nextSeq } from '../runs/archive';
import { openSavedRun } from '../runs/openRun';
import { addRun, useRunsStore } from '../runs/runsStore';
import { useDocumentStore } from '../store/documentStore';
import { alreadyKept, heldRunName, savedRunOf, type HeldRuns } from './heldRuns';
import { useSweepStore } from './sweepStore';

export interface BatchRun {
  held: HeldRuns;
  /** The point's key in the batch (pointKey, probeKey). */
  key: string;
  /** The point's document (setting applied, seed not yet). */
  doc: Pipeline;
  seed: number;
  durationSec: number | undefined;
  /** "billing: members = 2" */
  where: string;
}

/**
 * Opens the run, keeping the sweep and search forms as the user left them: the point's document
 * is the batch's with one setting changed, and the forms (and Copy link) should still describe
 * the batch whose charts stay on screen, not start over as for another pipeline.
 */
export function openBatchRun(r: BatchRun, now = Date.now()): void {
  openRun(r, now);
  const s = useSweepStore.getState();
  if (s.sweepDraft && s.searchDraft)
    useSweepStore.setState({ draftsFor: useDocumentStore.getState().generation });
}

function openRun(r: BatchRun, now: number): void {
  const doc = withRun(r.doc, r.seed, r.durationSec);
  const was = r.doc.run.durationSec;
  const length =
    r.durationSec !== undefined && r.durationSec !== was
      ? ` (run length ${r.durationSec} s, the ${r.held.kind}'s, instead of the document's ${was} s)`
      : '';
  const what = `Opened the ${r.held.kind}'s run at ${r.where}, seed ${r.seed}${length}`;
  const origin = { kind: r.held.kind, batch: r.held.batch, key: r.key };
  const kept = alreadyKept(useRunsStore.getState().runs, origin);
  if (kept) return openSavedRun(kept, `${what} with its charts (kept in Runs as ${kept.name})`);
  const held = r.held.get(r.key, r.seed);
  if (!held) {
    openDocument(doc, `${what}; its series was not kept, so press Play to run it`);
    return;
  }
  const name = heldRunName(r.held.kind, r.where, r.seed);
  const run = savedRunOf(held, doc, name, origin, nextSeq(useRunsStore.getState().runs), now);
  openSavedRun(run, `${what} with its charts; it is kept in the Runs tab`);
  void addRun(run);
}
