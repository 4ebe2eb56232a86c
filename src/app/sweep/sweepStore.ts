// The sweep view's state: the two forms (kept while the tab is hidden), and the batch of runs in
// progress or done. Runs go to a pool of headless workers made on first use; one batch at a time.
import { create } from 'zustand';
import type { Pipeline } from '../../model';
import {
  listSettings,
  planSweepInSteps,
  replicationSeed,
  runSearch,
  runSweep,
  type Probe,
  type SearchResult,
  type SearchSpec,
  type SweepPoint,
  type SweepResult,
  type SweepSpec,
} from '../../whatif';
import { useDocumentStore } from '../store/documentStore';
import {
  defaultSearchDraft,
  defaultSweepDraft,
  readLinkSpec,
  searchSpecToDraft,
  sweepSpecToDraft,
  type SearchDraft,
  type SweepDraft,
} from './draft';
import { KEPT_ROWS } from '../runs/archive';
import { Coalescer } from './coalesce';
import { HeldRuns, type HeldRun } from './heldRuns';
import { defaultPoolSize, isCancelled, RunPool, type PoolWorkerFactory } from './pool';
import { poolRunFn } from './runFn';
import { pointKey } from './sweepView';

export type SweepMode = 'sweep' | 'search';

export interface BatchProgress {
  done: number;
  total: number;
  startedAt: number;
  /** Wall time at the last finished run. */
  lastAt: number;
  /** The total can still grow (a stopping rule adding seeds): the count and time left are lower bounds. */
  mayGrow?: boolean;
}

export interface SweepState {
  mode: SweepMode;
  sweepDraft: SweepDraft | null;
  searchDraft: SearchDraft | null;
  /** The document store's generation the forms were made for (a new pipeline resets them). */
  draftsFor: number | null;
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  /** What the batch in `status` and `progress` is (one batch at a time). */
  batch: SweepMode | null;
  progress: BatchProgress | null;
  error: string | null;
  /** A line about a spec opened from a link (ready to run, or why it was refused). */
  linkNote: { kind: 'info' | 'error'; text: string } | null;
  /** The sweep being run or last run, its points as far as they got. */
  sweep: {
    spec: SweepSpec;
    doc: Pipeline;
    points: SweepPoint[];
    result: SweepResult | null;
    /** The first seed's run of each point, to keep and open (see heldRuns.ts). */
    held: HeldRuns;
  } | null;
  /** The search being run or last run: its probes so far and the bracket. */
  search: {
    spec: SearchSpec;
    doc: Pipeline;
    probes: Probe[];
    low: number | null;
    high: number | null;
    result: SearchResult | null;
    /** The first seed's run of each probe, by probeKey. */
    held: HeldRuns;
  } | null;
  setMode(mode: SweepMode): void;
  setSweepDraft(draft: SweepDraft): void;
  setSearchDraft(draft: SearchDraft): void;
}

export const useSweepStore = create<SweepState>()((set) => ({
  mode: 'sweep',
  sweepDraft: null,
  searchDraft: null,
  draftsFor: null,
  status: 'idle',
  batch: null,
  progress: null,
  error: null,
  linkNote: null,
  sweep: null,
  search: null,
  setMode: (mode) => set({ mode }),
  setSweepDraft: (sweepDraft) => set({ sweepDraft }),
  setSearchDraft: (searchDraft) => set({ searchDraft }),
}));

/** The forms, made from the document the first time they are shown. */
export function ensureDrafts(doc: Pipeline): void {
  const s = useSweepStore.getState();
  const generation = useDocumentStore.getState().generation;
  // Another pipeline was opened (not edited): the forms start over from it, unless a link filled
  // them for this very pipeline. So does a form whose settings the document no longer has.
  const fresh = s.draftsFor !== generation;
  const paths = new Set(listSettings(doc).map((x) => x.path));
  if (fresh || !s.sweepDraft || !s.sweepDraft.axes.every((a) => paths.has(a.setting)))
    s.setSweepDraft(defaultSweepDraft(doc));
  if (fresh || !s.searchDraft || !paths.has(s.searchDraft.setting)) s.setSearchDraft(defaultSearchDraft(doc));
  useSweepStore.setState({ draftsFor: generation });
}

let pool: RunPool | null = null;
let workerFactory: PoolWorkerFactory | null = null;
let controller: AbortController | null = null;

/** The pool, made on first use (its workers start when the first run needs them). */
async function getPool(): Promise<RunPool> {
  if (!pool) {
    const factory = workerFactory ?? (await import('./workerFactory')).createHeadlessWorker;
    pool = new RunPool(factory, defaultPoolSize(globalThis.navigator?.hardwareConcurrency));
  }
  return pool;
}

/** Tests hand in fake workers (before the first run). */
export function setWorkerFactoryForTests(factory: PoolWorkerFactory): void {
  workerFactory = factory;
  pool?.dispose();
  pool = null;
}

const now = () => performance.now();
/** Resolves in a task of its own, so what ran before ends and the page can draw and take input. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
/**
 * While a batch runs, its charts and table redraw at most this often. The progress bar moves with
 * every replication; the rest follows at this pace (each redraw costs a few ms; see SweepChart).
 */
export const REDRAW_MS = 500;

export async function startSweep(spec: SweepSpec, doc: Pipeline): Promise<void> {
  if (useSweepStore.getState().status === 'running') return;
  controller = new AbortController();
  const signal = controller.signal;
  const startedAt = now();
  const seen = new Map<number, SweepPoint>();
  // What the view was last handed, per point; a point with a new run since gets a new copy.
  const shown = new Map<number, SweepPoint>();
  const changed = new Set<number>();
  const redraw = new Coalescer(REDRAW_MS, now);
  const held = new HeldRuns('sweep');
  const firstSeed = replicationSeed(spec, doc, 0);
  const mayGrow = spec.stopping !== undefined;
  useSweepStore.setState({
    status: 'running',
    batch: 'sweep',
    error: null,
    progress: { done: 0, total: 0, startedAt, lastAt: startedAt, mayGrow },
    sweep: { spec, doc, points: [], result: null, held },
  });
  try {
    const p = await getPool();
    // Each point parses a whole document: planned one per task, so the start is no long task.
    const plan = await planSweepInSteps(spec, doc, nextTask);
    if (!plan.ok) throw new Error(plan.error);
    const runFn = poolRunFn(p, { keep: (seed) => seed === firstSeed, keepRows: KEPT_ROWS });
    const result = await runSweep(spec, doc, runFn, {
      concurrency: p.size,
      signal,
      plan: plan.points,
      onProgress: ({ done, total, point, outcome }) => {
        seen.set(point.index, point);
        changed.add(point.index);
        if (outcome.keep) held.hold(pointKey(point), outcome.keep as HeldRun);
        useSweepStore.setState({ progress: { done, total, startedAt, lastAt: now(), mayGrow } });
        redraw.request(() => {
          useSweepStore.setState({
            sweep: { spec, doc, points: pointsToShow(seen, shown, changed), result: null, held },
          });
        });
      },
    });
    redraw.cancel();
    useSweepStore.setState((s) => ({
      status: result.cancelled ? 'cancelled' : 'done',
      progress: s.progress && { ...s.progress, total: result.cancelled ? s.progress.total : result.runs },
      sweep: { spec, doc, points: result.points.filter((pt) => pt.runs.length > 0), result, held },
    }));
  } catch (e) {
    redraw.cancel();
    if (signal.aborted || isCancelled(e)) useSweepStore.setState({ status: 'cancelled' });
    else useSweepStore.setState({ status: 'error', error: e instanceof Error ? e.message : String(e) });
  } finally {
    if (controller?.signal === signal) controller = null;
  }
}

/**
 * The points for the view, in order. The sweep updates its points in place, so each point with a
 * new run since the last call (`changed`, emptied here) is handed over as a fresh copy; the others
 * keep the object the view already has, and their table rows are not redrawn.
 */
export function pointsToShow(
  seen: ReadonlyMap<number, SweepPoint>,
  shown: Map<number, SweepPoint>,
  changed: Set<number>,
): SweepPoint[] {
  for (const [index, p] of seen)
    if (changed.has(index) || !shown.has(index))
      shown.set(index, { ...p, runs: p.runs.slice(), stats: { ...p.stats } });
  changed.clear();
  return [...shown.values()].sort((a, b) => a.index - b.index);
}

/** Names a probe by its value (a search probes a value once). */
export const probeKey = (value: number): string => `v${value}`;

/** An estimate of a search's runs: both bounds, then bisection to the tolerance (or maxProbes). */
export function searchRunsEstimate(spec: SearchSpec, integer: boolean): number {
  const width = spec.high - spec.low;
  const target = integer ? 1 : spec.tolerance * Math.abs(spec.high);
  const steps = width > target && target > 0 ? Math.ceil(Math.log2(width / target)) : 0;
  return spec.seeds * (2 + Math.min(spec.maxProbes, steps));
}

export async function startSearch(spec: SearchSpec, doc: Pipeline, integer: boolean): Promise<void> {
  if (useSweepStore.getState().status === 'running') return;
  controller = new AbortController();
  const signal = controller.signal;
  const startedAt = now();
  const estimate = searchRunsEstimate(spec, integer);
  const probes: Probe[] = [];
  const held = new HeldRuns('search');
  const firstSeed = replicationSeed(spec, doc, 0);
  useSweepStore.setState({
    status: 'running',
    batch: 'search',
    error: null,
    progress: { done: 0, total: estimate, startedAt, lastAt: startedAt },
    search: { spec, doc, probes: [], low: null, high: null, result: null, held },
  });
  try {
    const p = await getPool();
    const runFn = poolRunFn(p, { keep: (seed) => seed === firstSeed, keepRows: KEPT_ROWS });
    const result = await runSearch(spec, doc, runFn, {
      concurrency: p.size,
      signal,
      onProgress: ({ done, value, probe, low, high, outcome }) => {
        if (outcome?.keep) held.hold(probeKey(value), outcome.keep as HeldRun);
        if (probe) probes.push(probe);
        // Replications of a probe move the bar only; the charts redraw when a probe is judged.
        if (!probe) {
          useSweepStore.setState({
            progress: { done, total: Math.max(estimate, done), startedAt, lastAt: now() },
          });
          return;
        }
        useSweepStore.setState({
          progress: { done, total: Math.max(estimate, done), startedAt, lastAt: now() },
          search: { spec, doc, probes: [...probes], low, high, result: null, held },
        });
      },
    });
    useSweepStore.setState((s) => ({
      status: result.outcome === 'cancelled' ? 'cancelled' : 'done',
      progress: s.progress && {
        ...s.progress,
        total: result.outcome === 'cancelled' ? s.progress.total : result.runs,
      },
      search: { spec, doc, probes: result.probes, low: result.low, high: result.high, result, held },
    }));
  } catch (e) {
    if (signal.aborted || isCancelled(e)) useSweepStore.setState({ status: 'cancelled' });
    else useSweepStore.setState({ status: 'error', error: e instanceof Error ? e.message : String(e) });
  } finally {
    if (controller?.signal === signal) controller = null;
  }
}

/** Stops the batch: queued runs are dropped, running ones end with their workers. */
export function cancelBatch(): void {
  controller?.abort();
  pool?.cancelAll();
}

/**
 * A spec from a share link: fills the matching form and shows the view, ready to run (nothing
 * runs). A spec that does not fit the document is refused with the reason.
 */
export function openSpecFromLink(raw: unknown, doc: Pipeline): void {
  const read = readLinkSpec(raw, doc);
  if (!read.ok) {
    useSweepStore.setState({ linkNote: { kind: 'error', text: read.error } });
    useDocumentStore.getState().setNotice({ kind: 'error', text: read.error });
    return;
  }
  ensureDrafts(doc);
  const what = read.kind === 'sweep' ? 'sweep' : 'search';
  useSweepStore.setState({
    draftsFor: useDocumentStore.getState().generation,
    mode: read.kind,
    ...(read.kind === 'sweep'
      ? { sweepDraft: sweepSpecToDraft(read.spec) }
      : { searchDraft: searchSpecToDraft(read.spec as SearchSpec) }),
    linkNote: { kind: 'info', text: `The link carried a ${what}: it is filled in below, ready to run.` },
  });
}
