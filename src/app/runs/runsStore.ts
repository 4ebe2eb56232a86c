// The kept runs as the page sees them (Zustand): the list, newest first, the pinned baseline and the
// (up to two) runs chosen for comparison. The archive lives in IndexedDB; when that cannot be opened
// the runs of this visit are kept in memory only, and the Runs view says so.
import { create } from 'zustand';
import { keepRun, newestFirst, runsToDrop, withWarmupRule, KEEP_RUNS } from './archive';
import { indexedDbBackend, memoryBackend, type RunsBackend } from './runsDb';
import type { SavedRun } from './types';

export interface RunsState {
  /** False until the archive has been read. */
  ready: boolean;
  /** Whether kept runs survive a reload (IndexedDB opened); null before the archive is open. */
  persistent: boolean | null;
  runs: SavedRun[];
  baselineId: string | null;
  /** Runs chosen to compare, in the order they were chosen (at most two). */
  selected: string[];
  /** The last storage failure, for the view to show. */
  error: string | null;
}

export const useRunsStore = create<RunsState>()(() => ({
  ready: false,
  persistent: null,
  runs: [],
  baselineId: null,
  selected: [],
  error: null,
}));

const BASELINE_KEY = 'streamlab.runs.baseline';

function readBaseline(): string | null {
  try {
    return localStorage.getItem(BASELINE_KEY);
  } catch {
    return null;
  }
}

function writeBaseline(id: string | null): void {
  try {
    if (id === null) localStorage.removeItem(BASELINE_KEY);
    else localStorage.setItem(BASELINE_KEY, id);
  } catch {
    // storage blocked: the pin lasts for this visit
  }
}

let backend: Promise<RunsBackend> | null = null;

/** Opens the archive (once) and loads its runs into the store. */
export function openArchive(
  make: () => Promise<RunsBackend | null> = indexedDbBackend,
): Promise<RunsBackend> {
  backend ??= (async () => {
    const opened = await make().catch(() => null);
    const b = opened ?? memoryBackend();
    let runs: SavedRun[] = [];
    let error: string | null = null;
    try {
      runs = newestFirst((await b.all()).map(withWarmupRule));
    } catch (e) {
      error = `The kept runs could not be read: ${String(e)}`;
    }
    const saved = readBaseline();
    const baselineId = saved !== null && runs.some((r) => r.id === saved) ? saved : null;
    useRunsStore.setState({ ready: true, persistent: b.persistent, runs, baselineId, error });
    return b;
  })();
  return backend;
}

/** Forgets the opened archive (tests). */
export function resetRunsStore(): void {
  backend = null;
  useRunsStore.setState({
    ready: false,
    persistent: null,
    runs: [],
    baselineId: null,
    selected: [],
    error: null,
  });
}

/** Keeps a finished run; the oldest beyond KEEP_RUNS go (never the pinned baseline). */
export async function addRun(run: SavedRun): Promise<void> {
  const b = await openArchive();
  const { baselineId } = useRunsStore.getState();
  const protect = new Set(baselineId ? [baselineId] : []);
  try {
    const runs = (await keepRun(b, run, KEEP_RUNS, protect)).map(withWarmupRule);
    const ids = new Set(runs.map((r) => r.id));
    useRunsStore.setState((s) => ({ runs, selected: s.selected.filter((id) => ids.has(id)), error: null }));
  } catch (e) {
    // Storage full or gone: keep the run for this visit at least.
    useRunsStore.setState((s) => {
      const runs = newestFirst([run, ...s.runs]);
      const drop = new Set(runsToDrop(runs, KEEP_RUNS, protect));
      return {
        runs: runs.filter((r) => !drop.has(r.id)),
        error: `The run could not be stored: ${String(e)}`,
      };
    });
  }
}

export async function deleteRun(id: string): Promise<void> {
  const b = await openArchive();
  try {
    await b.remove([id]);
  } catch (e) {
    useRunsStore.setState({ error: `The run could not be deleted: ${String(e)}` });
    return;
  }
  useRunsStore.setState((s) => {
    const baselineId = s.baselineId === id ? null : s.baselineId;
    if (baselineId !== s.baselineId) writeBaseline(null);
    return {
      runs: s.runs.filter((r) => r.id !== id),
      selected: s.selected.filter((x) => x !== id),
      baselineId,
    };
  });
}

/** Pins `id` as the baseline, or unpins with null. */
export function pinBaseline(id: string | null): void {
  writeBaseline(id);
  useRunsStore.setState({ baselineId: id });
}

/** Adds a run to the comparison or takes it out; a third choice replaces the older of the two. */
export function toggleSelected(id: string): void {
  useRunsStore.setState((s) => {
    if (s.selected.includes(id)) return { selected: s.selected.filter((x) => x !== id) };
    return { selected: [...s.selected, id].slice(-2) };
  });
}

export function clearSelected(): void {
  useRunsStore.setState({ selected: [] });
}

/** The pinned baseline run, or null. */
export function useBaselineRun(): SavedRun | null {
  return useRunsStore((s) => (s.baselineId ? (s.runs.find((r) => r.id === s.baselineId) ?? null) : null));
}
