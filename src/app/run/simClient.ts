// The page's side of the run: owns the simulation worker, turns its frames into useRunStore, reloads
// the document when its settings change, and replaces a worker that crashed or stopped answering.
import type { Fault, Pipeline } from '../../model';
import { seriesToCsv } from '../../model/csv';
import type { AddFaultResult, Frame, ProduceRequestsLive, RunTotals, Speed } from '../../worker/protocol';
import { alignRows } from '../charts/baseline';
import { classifyChange, faultTimeFromSimMs } from '../faults/liveApply';
import { useDocumentStore, type Notice } from '../store/documentStore';
import { formatClock } from './format';
import { appendRows, initialRunState, runKey, useRunStore } from './runStore';
import { createSimWorker, type SimWorkerCalls, type WorkerFactory, type WorkerHandle } from './workerHandle';

/** No frame for this long while the worker owes one: it is stuck, and gets replaced. */
export const STALL_MS = 5000;
/** Edits in quick succession (typing a number) restart the run once. */
export const RELOAD_DEBOUNCE_MS = 250;
/** More crashes than this within CRASH_WINDOW_MS and the client stops respawning. */
const MAX_CRASHES = 3;
const CRASH_WINDOW_MS = 30_000;

export const RESTARTED_NOTICE = 'Settings changed: the run restarted from 0 s';
/** The same change after a pause or the run's end: the run is back at 0 s, waiting for Play. */
export const RESET_NOTICE = 'Settings changed: the run went back to 0 s; press Play to run it';
export const CLEARED_NOTICE =
  'Settings changed: press Play to run the changed pipeline (the finished run is kept in the Runs tab)';

export { runKey } from './runStore';

/** A finished run's series as kept (thinned; `spans`: seconds per row) and its totals. */
export interface KeptRunView {
  columns: readonly string[];
  rows: readonly (readonly number[])[];
  spans: readonly number[];
  totals: RunTotals | null;
  /** Producers' produce requests over the whole run, when the run's summary was at hand (a lesson check). */
  produceRequests?: Record<string, ProduceRequestsLive>;
}

/** Told once per run, with the document the run followed, when it reaches its end (the Runs view keeps it). */
export type RunFinishedListener = (doc: Pipeline) => void;
const finishedListeners = new Set<RunFinishedListener>();

/** Calls `listener` each time a run finishes; returns a function that stops it. */
export function onRunFinished(listener: RunFinishedListener): () => void {
  finishedListeners.add(listener);
  return () => finishedListeners.delete(listener);
}

export interface RunClientOptions {
  createWorker?: WorkerFactory;
  now?: () => number;
}

export class RunClient {
  private handle: WorkerHandle | null = null;
  private generation = 0;
  private loadedKey: string | null = null;
  /** The document the worker's run follows (faults added live included). */
  private loadedDoc: Pipeline | null = null;
  private lastFrameAt = 0;
  /** Set when a command was sent that must answer with a frame; cleared by the next frame. */
  private owedSince: number | null = null;
  private crashes: number[] = [];
  /** A kept run to show once its document is loaded (see showRun). */
  private pendingView: { key: string; view: KeptRunView } | null = null;
  /**
   * The "Settings changed" notice this client put up, while it is still the one on show: it asks for
   * Play (or says the run restarted), so it goes once the changed pipeline runs (Play or Step) or
   * its run reaches the end. Any other notice shown since is left alone.
   */
  private changeNotice: Notice | null = null;
  /** True while the store shows a kept run rather than the worker's own (idle) run. */
  private viewing = false;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly createWorker: WorkerFactory;
  private readonly now: () => number;

  constructor(options: RunClientOptions = {}) {
    this.createWorker = options.createWorker ?? createSimWorker;
    this.now = options.now ?? (() => performance.now());
  }

  /** Starts the worker with the current document. Returns a function that stops everything. */
  start(): () => void {
    this.spawn();
    void this.load(useDocumentStore.getState().doc, false);
    this.unsubscribe = useDocumentStore.subscribe((s, prev) => {
      if (s.doc !== prev.doc) this.scheduleReload();
    });
    this.watchdog = setInterval(() => this.checkAlive(), 1000);
    return () => this.stop();
  }

  stop(): void {
    clearTimeout(this.reloadTimer);
    clearInterval(this.watchdog);
    this.unsubscribe?.();
    this.handle?.terminate();
    this.handle = null;
    this.loadedKey = null;
    this.loadedDoc = null;
    this.generation++;
  }

  /**
   * Shows a run that finished elsewhere (kept in the run list, or a sweep's): `doc` is loaded at 0 s
   * as usual, so Play runs it again, and meanwhile the store holds the kept series as a finished
   * run, so the charts and totals show it. The caller has put `doc` in the document store first.
   */
  showRun(doc: Pipeline, view: KeptRunView): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = undefined;
    // A "Settings changed: press Play" notice is about the run this one replaces.
    this.clearChangeNotice();
    this.pendingView = { key: runKey(doc), view };
    void this.load(doc, false);
  }

  play(): void {
    this.viewing = false;
    this.flushReload();
    this.clearChangeNotice();
    const { problems, status } = useRunStore.getState();
    if (problems.length > 0) {
      const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
      useDocumentStore.getState().setNotice({
        kind: 'error',
        text: `This pipeline cannot run yet: ${problems.slice(0, 3).join('; ')}${more}`,
      });
      return;
    }
    if (status === 'finished' || status === 'error') this.reset();
    this.send((api) => api.play(), true);
  }

  pause(): void {
    this.send((api) => api.pause(), true);
  }

  step(): void {
    this.viewing = false;
    this.flushReload();
    this.clearChangeNotice();
    if (useRunStore.getState().problems.length > 0) return this.play();
    this.send((api) => api.step(), true);
  }

  reset(): void {
    this.viewing = false;
    const generation = ++this.generation;
    useRunStore.setState((s) => ({ ...freshRun(s), status: 'idle' }));
    this.send((api) => api.reset(generation), true);
  }

  setSpeed(speed: Speed): void {
    useRunStore.setState({ speed });
    this.send((api) => api.setSpeed(speed), false);
  }

  /**
   * Kills `broker`'s process at the current simulated time (mode processKilled: its connections
   * reset and clients fail fast; a lost host is planned in the Faults panel). The fault goes into
   * the document and, when the engine can take it, into the running simulation without a restart.
   * Otherwise the document change takes the usual path (a restart from 0 s with a notice).
   */
  async killBrokerNow(broker: string): Promise<void> {
    this.flushReload();
    const { status, simMs } = useRunStore.getState();
    const handle = this.handle;
    const generation = this.generation;
    let result: AddFaultResult | null = null;
    const live =
      handle !== null &&
      (status === 'running' || status === 'paused') &&
      runKey(useDocumentStore.getState().doc) === this.loadedKey;
    if (live) {
      try {
        result = await handle.api.addFault({ kind: 'brokerDown', broker, mode: 'processKilled' }, true);
      } catch (e) {
        result = { ok: false, reason: String(e) };
      }
    }
    const fault: Fault = result?.ok
      ? result.fault
      : { kind: 'brokerDown', atSec: faultTimeFromSimMs(simMs), broker, mode: 'processKilled' };
    const applied = result?.ok === true && handle === this.handle && generation === this.generation;
    if (applied && this.loadedDoc) {
      this.loadedDoc = { ...this.loadedDoc, faults: [...this.loadedDoc.faults, fault] };
      this.loadedKey = runKey(this.loadedDoc);
    }
    useDocumentStore.getState().change((d) => ({ ...d, faults: [...d.faults, fault] }));
    const current = handle === this.handle && generation === this.generation;
    if (result && !result.ok && current)
      return this.restart(
        useDocumentStore.getState().doc,
        `the fault could not join the run: ${result.reason}`,
      );
    if (applied)
      useDocumentStore.getState().setNotice({
        kind: 'info',
        text:
          `Broker ${broker}'s process killed at ${fault.atSec} s: its connections reset, so clients ` +
          `look for new leaders at once; the run carries on. (A lost host, whose clients wait for ` +
          `request.timeout.ms, is a fault in the Faults panel.)`,
      });
  }

  /** The whole series of the current run as CSV text (empty before the first second). */
  async exportCsv(): Promise<string> {
    // A kept run on show: its series as kept (every second up to 600 s; longer runs were thinned).
    if (this.viewing) {
      const { columns, rows } = useRunStore.getState();
      return rows.length > 0 ? seriesToCsv({ columns, rows }) : '';
    }
    if (!this.handle) return '';
    return this.handle.api.exportCsv();
  }

  private spawn(): void {
    const handle = this.createWorker(
      (frame) => this.onFrame(handle, frame),
      (message) => this.onCrash(handle, message),
    );
    this.handle = handle;
    this.lastFrameAt = this.now();
    this.owedSince = null;
    const speed = useRunStore.getState().speed;
    this.send((api) => api.setSpeed(speed), false);
  }

  private send(command: (api: SimWorkerCalls) => Promise<unknown>, answersWithFrame: boolean): void {
    const handle = this.handle;
    if (!handle) return;
    if (answersWithFrame && this.owedSince === null) this.owedSince = this.now();
    command(handle.api).catch((e: unknown) => {
      if (handle !== this.handle) return; // a replaced worker's calls fail; that is expected
      useDocumentStore
        .getState()
        .setNotice({ kind: 'error', text: `The simulation worker failed: ${String(e)}` });
    });
  }

  /** Loads `doc` as a new run at 0 s; resolves to whether it can run. */
  private async load(doc: Pipeline, resume: boolean): Promise<boolean> {
    const handle = this.handle;
    if (!handle) return false;
    const generation = ++this.generation;
    this.viewing = false;
    this.loadedKey = runKey(doc);
    this.loadedDoc = doc;
    const view = this.pendingView?.key === this.loadedKey ? this.pendingView.view : null;
    this.pendingView = null;
    useRunStore.setState((s) => ({ ...freshRun(s), status: 'idle', columns: [], problems: [] }));
    if (this.owedSince === null) this.owedSince = this.now();
    let result;
    try {
      result = await handle.api.load(doc, generation);
    } catch (e) {
      if (handle === this.handle) this.onCrash(handle, String(e));
      return false;
    }
    if (generation !== this.generation || handle !== this.handle) return false;
    if (!result.ok) {
      this.owedSince = null;
      useRunStore.setState({ problems: result.errors, problemsKey: this.loadedKey });
      return false;
    }
    useRunStore.setState({ columns: result.columns, durationMs: result.durationMs });
    if (view) this.present(view, result.columns);
    else if (resume) this.send((api) => api.play(), true);
    return true;
  }

  /** The kept run in the store as a finished run, its columns in the loaded document's order. */
  private present(view: KeptRunView, columns: string[]): void {
    this.viewing = true;
    const rows = alignRows(view.rows, view.columns, columns);
    const lastSecond = rows.at(-1)?.[0] ?? 0;
    useRunStore.setState({
      status: 'finished',
      rows,
      spans: view.spans.slice(0, rows.length),
      totals: view.totals,
      simMs: Number.isFinite(lastSecond) ? lastSecond * 1000 : 0,
      live: null,
      events: 0,
      keptProduceRequests: view.produceRequests ?? null,
    });
  }

  private scheduleReload(): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      this.applyDocument();
    }, RELOAD_DEBOUNCE_MS);
  }

  /** Applies a pending edit now (pressing play right after an edit runs the edited document). */
  private flushReload(): void {
    if (this.reloadTimer === undefined) return;
    clearTimeout(this.reloadTimer);
    this.reloadTimer = undefined;
    this.applyDocument();
  }

  private applyDocument(): void {
    const doc = useDocumentStore.getState().doc;
    if (!this.handle || runKey(doc) === this.loadedKey) return;
    const { status, simMs } = useRunStore.getState();
    if (this.loadedDoc && (status === 'running' || status === 'paused')) {
      const change = classifyChange(this.loadedDoc, doc, simMs / 1000);
      if (change.kind === 'addFaults') return void this.addFaultsLive(doc, change.faults);
    }
    this.restart(doc);
  }

  /**
   * Loads `doc` at 0 s, carrying on playing if the run was playing, and tells the user why. With
   * `seekMs`, the new run catches up to that time at once (a change starting then leaves everything
   * before it as it was).
   */
  private restart(doc: Pipeline, why?: string, seekMs?: number): void {
    const { status } = useRunStore.getState();
    const started = status !== 'idle';
    const said =
      status === 'running' ? RESTARTED_NOTICE : status === 'finished' ? CLEARED_NOTICE : RESET_NOTICE;
    void this.load(doc, status === 'running').then((ok) => {
      if (ok && seekMs !== undefined && seekMs > 0) {
        this.send((api) => api.seek(seekMs), true);
        useDocumentStore.getState().setNotice({
          kind: 'info',
          text: `${why ?? 'The run changed'}: the run was replayed up to ${Math.round(seekMs / 100) / 10} s with it (the same numbers until then)`,
        });
        return;
      }
      if (!started) return;
      const { problems } = useRunStore.getState();
      const notice: Notice = ok
        ? { kind: 'info', text: why ? `${said} (${why})` : said }
        : { kind: 'error', text: `Settings changed, and the pipeline cannot run: ${problems[0] ?? ''}` };
      // An info notice only: a pipeline that cannot run keeps saying so until it is fixed.
      this.changeNotice = ok ? notice : null;
      useDocumentStore.getState().setNotice(notice);
    });
  }

  /** Hands faults that start now or later to the running simulation; restarts if it refuses one. */
  private async addFaultsLive(doc: Pipeline, faults: Fault[]): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    const generation = this.generation;
    this.loadedKey = runKey(doc);
    this.loadedDoc = doc;
    for (const fault of faults) {
      let result: AddFaultResult;
      try {
        result = await handle.api.addFault(fault, false);
      } catch (e) {
        result = { ok: false, reason: String(e) };
      }
      if (handle !== this.handle || generation !== this.generation) return;
      // The engine may start a fault a little later than asked; then the run no longer matches the
      // document, so it starts again with the document's fault instead.
      const why = !result.ok
        ? result.reason
        : JSON.stringify(result.fault) !== JSON.stringify(fault)
          ? `the engine could only start it at ${result.fault.atSec} s`
          : null;
      // A broker joining is built with the run: replay the run with it up to now.
      if (why !== null && fault.kind === 'addBroker')
        return this.restart(
          useDocumentStore.getState().doc,
          `${fault.broker.id} joins the cluster at ${fault.atSec} s`,
          Math.max(useRunStore.getState().simMs, fault.atSec * 1000),
        );
      if (why !== null)
        return this.restart(useDocumentStore.getState().doc, `the fault could not join the run: ${why}`);
    }
  }

  private onFrame(handle: WorkerHandle, frame: Frame): void {
    if (handle !== this.handle || frame.generation !== this.generation) return;
    this.lastFrameAt = this.now();
    this.owedSince = null;
    // The worker's run waits at 0 s while a kept run is shown: its idle frames change nothing.
    if (this.viewing && frame.status === 'idle') return;
    const before = useRunStore.getState();
    useRunStore.setState({
      status: frame.status,
      simMs: frame.simMs,
      durationMs: frame.durationMs,
      speed: frame.speed,
      events: frame.events,
      totals: frame.totals,
      live: frame.live,
      ...appendRows(before, frame.rows),
    });
    if (frame.status === 'finished' && before.status !== 'finished') {
      this.clearChangeNotice();
      if (this.loadedDoc) for (const listener of finishedListeners) listener(this.loadedDoc);
    }
    if (frame.status === 'error' && before.status !== 'error')
      useDocumentStore.getState().setNotice({
        kind: 'error',
        text: `The simulation failed at ${formatClock(frame.simMs)}: ${frame.error ?? 'unknown error'}. Press reset to start again.`,
      });
  }

  private clearChangeNotice(): void {
    const store = useDocumentStore.getState();
    if (this.changeNotice !== null && store.notice === this.changeNotice) store.setNotice(null);
    this.changeNotice = null;
  }

  private checkAlive(): void {
    if (!this.handle) return;
    const now = this.now();
    const running = useRunStore.getState().status === 'running';
    const stalled =
      (running && now - this.lastFrameAt > STALL_MS) ||
      (this.owedSince !== null && now - this.owedSince > STALL_MS);
    if (stalled)
      this.replace(
        `The simulation stopped responding for ${STALL_MS / 1000} s, so it was stopped and restarted at 0 s.`,
      );
  }

  private onCrash(handle: WorkerHandle, message: string): void {
    if (handle !== this.handle) return;
    this.replace(`The simulation worker crashed (${message}); it was restarted at 0 s.`);
  }

  private replace(notice: string): void {
    const now = this.now();
    this.crashes = [...this.crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
    this.handle?.terminate();
    this.handle = null;
    this.generation++;
    if (this.crashes.length > MAX_CRASHES) {
      useRunStore.setState((s) => ({ ...freshRun(s), status: 'error' }));
      useDocumentStore.getState().setNotice({
        kind: 'error',
        text: `${notice} It keeps failing, so the simulation is switched off; reload the page to try again.`,
      });
      return;
    }
    useDocumentStore.getState().setNotice({ kind: 'error', text: notice });
    this.spawn();
    void this.load(useDocumentStore.getState().doc, false);
  }
}

/** A run state at 0 s that keeps what belongs to the document (columns, problems) and the speed. */
function freshRun(s: ReturnType<typeof useRunStore.getState>) {
  return {
    ...initialRunState,
    speed: s.speed,
    columns: s.columns,
    durationMs: s.durationMs,
    problems: s.problems,
    problemsKey: s.problemsKey,
  };
}

/** The one client of the app, started by RunControls when it mounts. */
export const runClient = new RunClient();
