// The Measured tab's state: the pasted text and what it reads as, which document node each part of
// the measurement belongs to, the comparison run and its table, and a fit to the measurement with
// its progress. Runs go to one headless worker of their own (the sweep's pool stays free); a cancel
// ends the worker, a fresh one takes the next run.
import { create } from 'zustand';
import type { Pipeline } from '../../model';
import {
  applyFit,
  compare,
  defaultAssignment,
  documentToSimulate,
  fitToMeasurement,
  parseMeasurement,
  perfOverall,
  perfRunMode,
  producerCostPlan,
  producerFitRefusal,
  producerMachinePlan,
  sparkProcessedRate,
  sparkQueries,
  stageCostPlan,
  subjects,
  type Assignment,
  type ComparisonRow,
  type FitPlan,
  type FitProgress,
  type FitResult,
  type Measurement,
  type PerfRunMode,
  type SimulateFn,
  type SimulatedRun,
  type Subject,
  type SummaryLike,
} from '../../measured';
import { useMeasuredMarks } from '../charts/measuredMarks';
import { isCancelled, RunPool, type PoolWorkerFactory } from '../sweep/pool';
import { chartMarks } from './chartMarks';
import { useDocumentStore } from '../store/documentStore';

export type Parsed =
  { state: 'empty' } | { state: 'ok'; measurement: Measurement } | { state: 'error'; errors: string[] };

export interface Comparison {
  /** The document compared (the tab says so when the edited one has moved on). */
  doc: Pipeline;
  measurement: Measurement;
  assignment: Assignment;
  run: SimulatedRun;
  rows: ComparisonRow[];
  /** How a perf test was taken (held to a rate, or flat out) when it was simulated; null for other tools. */
  mode: PerfRunMode | null;
}

export type FitState =
  | { status: 'idle' }
  | { status: 'running'; plan: FitPlan; progress: FitProgress | null }
  | { status: 'done'; plan: FitPlan; result: FitResult; written: boolean; message: string }
  | { status: 'error'; message: string };

export interface MeasuredState {
  text: string;
  /** Where the text came from: "pasted", or the dropped file's name. */
  origin: string;
  parsed: Parsed;
  subjects: Subject[];
  assignment: Assignment;
  /**
   * The user's word on the perf test: it ran held to the producer's rate (--throughput N: true) or
   * as fast as it could (-1: false); null: not said, the text and the exported load.sh decide.
   */
  throttled: boolean | null;
  /** The stage a Spark fit changes, per job. */
  stageChoice: Record<string, string>;
  /** What a producer fit changes: its client cost per record (default) or its machine's clock. */
  producerFit: 'cost' | 'machine';
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  error: string | null;
  comparison: Comparison | null;
  fit: FitState;
}

export const useMeasuredStore = create<MeasuredState>()(() => ({
  text: '',
  origin: 'pasted',
  parsed: { state: 'empty' },
  subjects: [],
  assignment: {},
  throttled: null,
  stageChoice: {},
  producerFit: 'cost',
  status: 'idle',
  error: null,
  comparison: null,
  fit: { status: 'idle' },
}));

const currentDoc = () => useDocumentStore.getState().doc;

/** Hands the charts the measured figures to draw over the run, as the text and the choices stand. */
function publishMarks(): void {
  const s = useMeasuredStore.getState();
  useMeasuredMarks.setState({
    marks: s.parsed.state === 'ok' ? chartMarks(s.parsed.measurement, s.assignment, currentDoc()) : {},
  });
}

// A node renamed, removed or given another batch interval moves or drops its marks.
useDocumentStore.subscribe((now, before) => {
  if (now.doc !== before.doc && useMeasuredStore.getState().parsed.state === 'ok') publishMarks();
});

/** The Measured tab's switch: draw the measured figures over the run's charts, or not. */
export function showOnCharts(shown: boolean): void {
  useMeasuredMarks.setState({ shown });
}

/** A perf test run's own figures: another run (a new paste) drops the user's word on the last one. */
function runKey(p: Parsed): string {
  if (p.state !== 'ok' || p.measurement.kind !== 'producerPerf') return '';
  const all = perfOverall(p.measurement);
  return `${all.records}/${all.recordsPerSec}/${p.measurement.command?.throughput ?? ''}`;
}

/**
 * How the pasted perf test is taken, as things stand: held to a rate or flat out, and why (the
 * command line, the user's word, the measured rate, or what the exported load.sh does); null when
 * the text is not a perf test.
 */
export function currentPerfMode(
  s: Pick<MeasuredState, 'parsed' | 'assignment' | 'throttled'> = useMeasuredStore.getState(),
  doc: Pipeline = currentDoc(),
): PerfRunMode | null {
  if (s.parsed.state !== 'ok' || s.parsed.measurement.kind !== 'producerPerf') return null;
  const producer = doc.producers.find((p) => p.id === s.assignment.perf);
  return perfRunMode(s.parsed.measurement, producer, s.throttled);
}

/** Reads the text (every change: parsing is cheap) and guesses the nodes it belongs to. */
export function setText(text: string, origin = 'pasted'): void {
  const doc = currentDoc();
  const r = parseMeasurement(text);
  if (text.trim() === '') {
    useMeasuredStore.setState({
      text,
      origin,
      parsed: { state: 'empty' },
      subjects: [],
      assignment: {},
      throttled: null,
    });
    publishMarks();
    return;
  }
  if (!r.ok) {
    useMeasuredStore.setState({ text, origin, parsed: { state: 'error', errors: r.errors }, subjects: [] });
    publishMarks();
    return;
  }
  const list = subjects(r.value, doc);
  const parsed: Parsed = { state: 'ok', measurement: r.value };
  useMeasuredStore.setState((s) => ({
    text,
    origin,
    parsed,
    subjects: list,
    assignment: defaultAssignment(list, s.assignment),
    throttled: runKey(parsed) === runKey(s.parsed) ? s.throttled : null,
  }));
  publishMarks();
}

export function assign(key: string, nodeId: string): void {
  useMeasuredStore.setState((s) => ({ assignment: { ...s.assignment, [key]: nodeId } }));
  publishMarks();
}

/** The user's word on how the perf test ran; a comparison already shown is run again to match. */
export function setThrottled(throttled: boolean): void {
  useMeasuredStore.setState({ throttled });
  if (useMeasuredStore.getState().comparison && !busy()) void runComparison();
}

export function chooseProducerFit(producerFit: 'cost' | 'machine'): void {
  useMeasuredStore.setState({ producerFit });
}

export function chooseStage(jobId: string, stageId: string): void {
  useMeasuredStore.setState((s) => ({ stageChoice: { ...s.stageChoice, [jobId]: stageId } }));
}

// ---- Runs ----

let pool: RunPool | null = null;
let workerFactory: PoolWorkerFactory | null = null;
let controller: AbortController | null = null;

async function getPool(): Promise<RunPool> {
  if (!pool) {
    const factory = workerFactory ?? (await import('../sweep/workerFactory')).createHeadlessWorker;
    pool = new RunPool(factory, 1);
  }
  return pool;
}

/** Tests hand in fake workers (before the first run). */
export function setMeasuredWorkerFactoryForTests(factory: PoolWorkerFactory): void {
  workerFactory = factory;
  pool?.dispose();
  pool = null;
}

const simulate: SimulateFn = async (doc, signal) => {
  const p = await getPool();
  const r = await p.run({ doc, withSummary: true }, signal);
  if (!r.ok) throw new Error(r.error);
  if (!r.outcome.summary) throw new Error('the run sent no summary back');
  return { columns: r.outcome.columns, rows: r.outcome.rows, summary: r.outcome.summary as SummaryLike };
};

const busy = () => {
  const s = useMeasuredStore.getState();
  return s.status === 'running' || s.fit.status === 'running';
};

/** Simulates what the measurement is compared with and builds the table. */
export async function runComparison(): Promise<void> {
  const s = useMeasuredStore.getState();
  if (busy() || s.parsed.state !== 'ok') return;
  const doc = currentDoc();
  const measurement = s.parsed.measurement;
  const assignment = defaultAssignment(subjects(measurement, doc), s.assignment);
  controller = new AbortController();
  const signal = controller.signal;
  useMeasuredStore.setState({ status: 'running', error: null, assignment });
  publishMarks();
  try {
    const mode = currentPerfMode({ parsed: s.parsed, assignment, throttled: s.throttled }, doc);
    const target = documentToSimulate(measurement, doc, assignment, {
      throughput: mode?.throttled ? mode.throughput : null,
    });
    const run = await simulate(target, signal);
    const rows = compare(measurement, doc, assignment, run);
    useMeasuredStore.setState({
      status: 'done',
      comparison: { doc, measurement, assignment, run, rows, mode },
    });
  } catch (e) {
    if (signal.aborted || isCancelled(e)) useMeasuredStore.setState({ status: 'cancelled' });
    else useMeasuredStore.setState({ status: 'error', error: e instanceof Error ? e.message : String(e) });
  } finally {
    if (controller?.signal === signal) controller = null;
  }
}

/**
 * The fit a table row offers, on the compared document; `refused` (a sentence) when the row's
 * figure must not be fitted to (a perf test held to a rate); null when that row has none.
 */
export function fitPlanFor(
  c: Comparison,
  row: ComparisonRow,
  stageChoice: Record<string, string>,
  producerFit: 'cost' | 'machine' = 'cost',
): FitPlan | { refused: string } | null {
  const m = c.measurement;
  if ((row.fit === 'producerCost' || row.fit === 'producerMachine') && m.kind === 'producerPerf') {
    const all = perfOverall(m);
    // A comparison made before the run's mode was recorded counts as held to a rate: never fit it.
    const refused = producerFitRefusal(
      row.node,
      c.mode ?? { throttled: true, throughput: null },
      all.recordsPerSec,
    );
    if (refused) return { refused };
    const plan = producerFit === 'machine' ? producerMachinePlan : producerCostPlan;
    return plan(c.doc, row.node, { recordsPerSec: all.recordsPerSec, records: all.records, line: all.line });
  }
  if (row.fit === 'stageCost' && m.kind === 'sparkProgress' && row.measured !== null) {
    const job = c.doc.sparkJobs.find((j) => j.id === row.node);
    const stage = stageChoice[row.node] ?? costliest(job);
    if (!job || !stage) return null;
    const q = sparkQueries(m.progress).find((x) => c.assignment[x.key] === row.node);
    const rate = q ? sparkProcessedRate(q.items) : row.measured;
    if (rate === null) return null;
    return stageCostPlan(c.doc, row.node, stage, { processedRowsPerSec: rate, line: row.line ?? 1 });
  }
  return null;
}

function costliest(job: Pipeline['sparkJobs'][number] | undefined): string | undefined {
  return job?.stages.reduce<(typeof job.stages)[number] | undefined>(
    (a, st) => (!a || st.costPerRecordUs > a.costPerRecordUs ? st : a),
    undefined,
  )?.id;
}

const fmt = (x: number) =>
  Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : String(+x.toPrecision(4));

/**
 * Runs the fit in the worker, writes the value into the document (one undo step) when the document
 * is still the one compared, then compares again.
 */
export async function runFit(plan: FitPlan): Promise<void> {
  if (busy()) return;
  const compared = useMeasuredStore.getState().comparison;
  if (plan.kind !== 'stageCost' && compared?.mode?.throttled !== false) {
    // The plan came from elsewhere than fitPlanFor: the same rule holds.
    const refused =
      (compared?.mode && producerFitRefusal(plan.nodeId, compared.mode, plan.target)) ??
      'No fit: it is not known that the perf test ran as fast as it could (--throughput -1).';
    useMeasuredStore.setState({ fit: { status: 'error', message: refused } });
    return;
  }
  controller = new AbortController();
  const signal = controller.signal;
  useMeasuredStore.setState({ fit: { status: 'running', plan, progress: null } });
  try {
    const result = await fitToMeasurement(plan, simulate, {
      signal,
      onProgress: (progress) => useMeasuredStore.setState({ fit: { status: 'running', plan, progress } }),
    });
    if (result.outcome === 'cancelled') {
      useMeasuredStore.setState({ fit: { status: 'idle' } });
      return;
    }
    if (result.outcome !== 'found' || result.value === null) {
      useMeasuredStore.setState({
        fit: {
          status: 'done',
          plan,
          result,
          written: false,
          message: `Nothing written: ${result.reason ?? 'no value found'}.`,
        },
      });
      return;
    }
    const compared = useMeasuredStore.getState().comparison?.doc;
    const now = currentDoc();
    if (compared !== now) {
      useMeasuredStore.setState({
        fit: {
          status: 'done',
          plan,
          result,
          written: false,
          message: `Found ${fmt(result.value)}, but the document changed while the fit ran, so nothing was written: compare again and fit again.`,
        },
      });
      return;
    }
    const written = applyFit(plan, result, new Date().toISOString());
    if (!written.ok) {
      useMeasuredStore.setState({ fit: { status: 'error', message: written.error } });
      return;
    }
    useDocumentStore.getState().change(() => written.doc);
    useMeasuredStore.setState({
      fit: {
        status: 'done',
        plan,
        result,
        written: true,
        message: `${plan.path} = ${fmt(result.value)} (was ${plan.wasUnset ? "unset: the engine's estimate" : fmt(result.previous)}), written into the document with a calibration note; Undo brings the old value back.`,
      },
    });
  } catch (e) {
    useMeasuredStore.setState({
      fit: { status: 'error', message: e instanceof Error ? e.message : String(e) },
    });
    return;
  } finally {
    if (controller?.signal === signal) controller = null;
  }
  // The table against the fitted document.
  await runComparison();
}

/** Stops the comparison run or the fit (the worker running it ends). */
export function cancelMeasured(): void {
  controller?.abort();
  pool?.cancelAll();
}
