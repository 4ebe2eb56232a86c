import { beforeEach, describe, expect, it } from 'vitest';
import { testDoc } from '../canvas/testDoc';
import { memoryBackend } from './runsDb';
import {
  addRun,
  deleteRun,
  openArchive,
  pinBaseline,
  resetRunsStore,
  toggleSelected,
  useRunsStore,
} from './runsStore';
import type { SavedRun } from './types';

function run(seq: number): SavedRun {
  return {
    id: `r${seq}`,
    seq,
    name: `Test #${seq}`,
    finishedAt: 1000 * seq,
    wallSec: 1,
    doc: testDoc(),
    seed: 1,
    columns: ['second'],
    rows: [[1]],
    spans: [1],
    totals: null,
    headline: {},
  };
}

describe('runs store', () => {
  beforeEach(() => resetRunsStore());

  it('falls back to memory, not persistent, when IndexedDB cannot be opened', async () => {
    await openArchive(() => Promise.reject(new Error('private window')));
    expect(useRunsStore.getState()).toMatchObject({ ready: true, persistent: false, runs: [] });
    await addRun(run(1));
    expect(useRunsStore.getState().runs.map((r) => r.id)).toEqual(['r1']);
  });

  it('loads what the backend already holds, newest first', async () => {
    const backend = memoryBackend();
    await backend.put(run(1));
    await backend.put(run(2));
    await openArchive(() => Promise.resolve({ ...backend, persistent: true }));
    expect(useRunsStore.getState().persistent).toBe(true);
    expect(useRunsStore.getState().runs.map((r) => r.id)).toEqual(['r2', 'r1']);
  });

  it('deleting the baseline unpins it and takes it out of the comparison', async () => {
    await openArchive(() => Promise.resolve(memoryBackend()));
    await addRun(run(1));
    await addRun(run(2));
    pinBaseline('r1');
    toggleSelected('r1');
    toggleSelected('r2');
    await deleteRun('r1');
    const s = useRunsStore.getState();
    expect(s.baselineId).toBeNull();
    expect(s.selected).toEqual(['r2']);
    expect(s.runs.map((r) => r.id)).toEqual(['r2']);
  });

  it('compares at most two: a third choice replaces the first chosen', () => {
    toggleSelected('a');
    toggleSelected('b');
    toggleSelected('c');
    expect(useRunsStore.getState().selected).toEqual(['b', 'c']);
    toggleSelected('b');
    expect(useRunsStore.getState().selected).toEqual(['c']);
  });
});

describe('an archive kept before the warm-up rule', () => {
  it('still opens, its old runs with figures after the warm-up worked out from their series', async () => {
    resetRunsStore();
    const backend = memoryBackend();
    // Stored as an older page stored it: no warmupSec, whole-run figures (mean of 0 x 10, 100 x 50 = 83.3).
    const doc = testDoc();
    const rows = Array.from({ length: 60 }, (_, i) => [i + 1, 0, i < 10 ? 0 : 100]);
    await backend.put({
      ...run(1),
      doc: { ...doc, run: { ...doc.run, durationSec: 60 } },
      columns: ['second', 'web.producedBytes', 'web.acknowledged'],
      rows,
      spans: rows.map(() => 1),
      headline: { throughput: 5000 / 60 },
    });
    await openArchive(() => Promise.resolve(backend));
    const [loaded] = useRunsStore.getState().runs;
    expect(loaded?.warmupSec).toBe(10);
    // Seconds 11..60 only: 100 records/s.
    expect(loaded?.headline.throughput).toBe(100);
  });
});
