import { beforeEach, describe, expect, it } from 'vitest';
import { withRun } from '../../whatif';
import { packRows, type KeptSeries } from '../../worker/headlessProtocol';
import { testDoc } from '../canvas/testDoc';
import { memoryBackend } from '../runs/runsDb';
import { openArchive, resetRunsStore, useRunsStore } from '../runs/runsStore';
import { useDocumentStore } from '../store/documentStore';
import { alreadyKept, HeldRuns, heldRunName, savedRunOf, type HeldRun } from './heldRuns';
import { openBatchRun } from './openRun';

const columns = ['second', 'web.acknowledged'];

function held(
  seed: number,
  rows: number[][] = [
    [1, 10],
    [2, 20],
  ],
): HeldRun {
  const kept: KeptSeries = {
    columns,
    data: packRows(rows, columns.length),
    spans: rows.map(() => 1),
    totals: undefined,
    headline: {
      throughput: 15,
      processed: 15,
      p99: null,
      maxLagRecords: 0,
      maxLagSec: 0,
      lost: 0,
      schedulingDelay: null,
      lagGrowth: 0,
      costPerHour: 1,
    },
    warmupSec: 10,
  };
  return { seed, kept, wallMs: 250 };
}

describe('HeldRuns', () => {
  it('holds one run per point, finds it by point and seed, and stops at its byte limit', () => {
    // Each held run here packs 2 rows x 2 columns: 32 bytes.
    const batch = new HeldRuns('sweep', 80, 1000);
    expect(batch.hold('p0', held(3))).toBe(true);
    expect(batch.hold('p0', held(4))).toBe(true); // already held: the first stays
    expect(batch.get('p0', 3)?.seed).toBe(3);
    expect(batch.get('p0', 4)).toBeUndefined();
    expect(batch.hold('p1', held(3))).toBe(true);
    expect(batch.hold('p2', held(3))).toBe(false);
    expect(batch.get('p2', 3)).toBeUndefined();
    expect(batch.count).toBe(2);
    expect(batch.bytes).toBe(64);
    expect(new HeldRuns('sweep', 80, 1000).batch).not.toBe(batch.batch);
  });

  it('makes a kept run of a held one: rows unpacked, named after the point and seed', () => {
    const batch = new HeldRuns('search');
    const name = heldRunName('search', 'web: rate (records/s) = 800', 3);
    expect(name).toBe('search · web: rate (records/s) = 800 · seed 3');
    const origin = { kind: 'search' as const, batch: batch.batch, key: 'v800' };
    const run = savedRunOf(held(3), testDoc(), name, origin, 7, 5000);
    expect(run).toMatchObject({
      seq: 7,
      name,
      seed: 3,
      finishedAt: 5000,
      wallSec: 0.25,
      origin,
      totals: null,
    });
    expect(run.rows).toEqual([
      [1, 10],
      [2, 20],
    ]);
    expect(run.headline.throughput).toBe(15);
    expect(alreadyKept([run], origin)).toBe(run);
    expect(alreadyKept([run], { ...origin, key: 'v900' })).toBeUndefined();
  });
});

describe('opening a sweep point', () => {
  beforeEach(async () => {
    resetRunsStore();
    await openArchive(() => Promise.resolve(memoryBackend()));
    useDocumentStore.setState({ doc: testDoc(), notice: null, past: [], future: [] });
  });

  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('keeps the run in the run list once, however often it is opened, and opens its document', async () => {
    const batch = new HeldRuns('sweep');
    batch.hold('p1', held(5));
    const doc = testDoc();
    const point = { held: batch, key: 'p1', doc, seed: 5, durationSec: 2, where: 'web: rate = 800' };
    openBatchRun(point, 1000);
    await settle();
    openBatchRun(point, 2000);
    await settle();
    const runs = useRunsStore.getState().runs;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ name: 'sweep · web: rate = 800 · seed 5', seed: 5, finishedAt: 1000 });
    expect(runs[0]!.doc).toEqual(withRun(doc, 5, 2));
    expect(useDocumentStore.getState().doc.run).toMatchObject({ seed: 5, durationSec: 2 });
    expect(useDocumentStore.getState().notice?.text).toMatch(
      // The sweep ran 2 s where the document says 60 s: the notice says the run length changed.
      /^Opened the sweep's run at web: rate = 800, seed 5 \(run length 2 s, the sweep's, instead of the document's 60 s\) with its charts \(kept in Runs as sweep · web: rate = 800 · seed 5\)/,
    );
  });

  it('a point whose run is not held opens its document only, and keeps nothing', async () => {
    const batch = new HeldRuns('sweep');
    openBatchRun({ held: batch, key: 'p2', doc: testDoc(), seed: 6, durationSec: 3, where: 'x = 1' }, 1000);
    await settle();
    expect(useRunsStore.getState().runs).toHaveLength(0);
    expect(useDocumentStore.getState().doc.run.seed).toBe(6);
    expect(useDocumentStore.getState().notice?.text).toMatch(/press Play to run it/);
  });
});
