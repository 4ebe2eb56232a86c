// Opening a sweep point keeps the forms: the charts on screen and the form (Run sweep, Copy link)
// must keep describing the same batch.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePipeline, type Pipeline } from '../../model';
import { setSetting } from '../../whatif';
import { useDocumentStore } from '../store/documentStore';
import { HeldRuns } from './heldRuns';
import { openBatchRun } from './openRun';
import { ensureDrafts, useSweepStore } from './sweepStore';

function example(name: string): Pipeline {
  const url = new URL(`../../../examples/${name}.json`, import.meta.url);
  const r = parsePipeline(JSON.parse(readFileSync(url, 'utf8')));
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.doc;
}

describe('opening a run of a batch', () => {
  it("keeps the user's sweep and search forms instead of starting them over", () => {
    const doc = example('broker-failure');
    useDocumentStore.getState().replaceDocument(doc);
    ensureDrafts(doc);
    const s = useSweepStore.getState();
    // The user's own choices, none of them a default.
    s.setSweepDraft({ ...s.sweepDraft!, seeds: '7', durationSec: '45', warmupSec: '5' });
    s.setSearchDraft({ ...s.searchDraft!, tolerancePct: '2' });
    const point = setSetting(doc, 'producers[checkout].rate.recordsPerSec', 30_000);
    if (!point.ok) throw new Error(point.error);
    openBatchRun({
      held: new HeldRuns('sweep'),
      key: 'p1',
      doc: point.doc,
      seed: 3,
      durationSec: 45,
      where: 'checkout: rate (records/s) = 30,000',
    });
    // The editor now holds the point's document, and the view makes sure of its forms for it.
    const opened = useDocumentStore.getState().doc;
    expect(opened.run.durationSec).toBe(45);
    ensureDrafts(opened);
    const after = useSweepStore.getState();
    expect(after.sweepDraft).toMatchObject({ seeds: '7', durationSec: '45', warmupSec: '5' });
    expect(after.searchDraft?.tolerancePct).toBe('2');
  });
});
