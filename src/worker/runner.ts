// Wall-clock pacing over the engine's virtual time. The runner owns one Simulation and moves it
// forward one small slice per `work()` call, so whoever drives it (the worker's loop, or a test)
// can handle messages between slices. The clock is injected: the runner never reads real time
// itself, so tests drive it with a fake one.
import { Simulation } from '../core';
import { checkGraph, type Fault, type Pipeline } from '../model';
import type { RunStatus, Speed } from './protocol';

export interface RunnerOptions {
  /** Wall-clock milliseconds (performance.now in the worker, a fake in tests). */
  now: () => number;
  /** Worker time one slice should take at most; the slice size adapts to the measured cost. */
  sliceBudgetMs?: number;
  /** Simulated length of the first slice, before any cost is known. */
  firstSliceMs?: number;
}

/** busy: call again soon; waiting: ahead of the paced clock, call again in a few ms; idle: nothing to do. */
export type WorkResult = 'busy' | 'waiting' | 'idle';

const MIN_SLICE_MS = 1;
const MAX_SLICE_MS = 60_000;
/** A paced run that falls this far behind (in wall time) forgets the debt instead of racing. */
const MAX_BEHIND_WALL_MS = 1000;
const STEP_MS = 1000;

export class SimRunner {
  sim: Simulation;
  status: RunStatus = 'idle';
  speed: Speed = 10;
  /** Set when the engine threw; the run stays in status 'error' until reset. */
  error: string | undefined;
  readonly endMs: number;

  private readonly now: () => number;
  private readonly budgetMs: number;
  private sliceMs: number;
  private stepUntilMs: number | null = null;
  private anchorWallMs = 0;
  private anchorSimMs = 0;

  /** The document the run follows; grows when a fault is added during the run, so reset keeps it. */
  doc: Pipeline;

  constructor(doc: Pipeline, options: RunnerOptions) {
    this.doc = doc;
    this.now = options.now;
    this.budgetMs = options.sliceBudgetMs ?? 12;
    this.sliceMs = options.firstSliceMs ?? 50;
    this.endMs = doc.run.durationSec * 1000;
    this.sim = new Simulation(doc);
  }

  get simMs(): number {
    return this.sim.nowMs;
  }

  /** The simulated length of the next slice (exposed for tests of the adaptation). */
  get currentSliceMs(): number {
    return this.sliceMs;
  }

  play(): void {
    if (this.status === 'finished' || this.status === 'error') return;
    this.stepUntilMs = null;
    this.resumeAfterSeek = false;
    this.status = 'running';
    this.anchor();
  }

  pause(): void {
    if (this.status !== 'running' && this.stepUntilMs === null) return;
    this.stepUntilMs = null;
    this.status = 'paused';
  }

  /** Runs to the next whole simulated second, then stays paused. */
  step(): void {
    if (this.status === 'finished' || this.status === 'error') return;
    const next = (Math.floor(this.sim.nowMs / STEP_MS + 1e-9) + 1) * STEP_MS;
    this.stepUntilMs = Math.min(this.endMs, next);
    this.status = 'paused';
  }

  /**
   * Runs as fast as it can to `ms` (a run restarted with a change that starts then catches up to
   * where it was), then carries on as before: playing at its speed, or paused.
   */
  seek(ms: number): void {
    if (this.status === 'finished' || this.status === 'error') return;
    this.stepUntilMs = Math.min(this.endMs, ms);
    this.resumeAfterSeek = this.status === 'running';
  }

  private resumeAfterSeek = false;

  reset(): void {
    this.sim = new Simulation(this.doc);
    this.status = 'idle';
    this.error = undefined;
    this.stepUntilMs = null;
  }

  setSpeed(speed: Speed): void {
    this.speed = speed;
    this.anchor();
  }

  /**
   * Hands a fault to the running simulation and returns it as the engine scheduled it (the engine
   * may start it a little later than asked, never earlier). Returns a sentence instead when it cannot
   * be applied live: the engine has no addFault yet, the run is over, or the fault would start before
   * the current time.
   */
  addFault(fault: Fault): Fault | string {
    const refusal = (this.sim as unknown as { refusesLive?: (f: Fault) => string | undefined }).refusesLive?.(
      fault,
    );
    if (refusal !== undefined) return refusal;
    // Guarded so the worker keeps working with an engine that cannot add faults during a run.
    const add = (this.sim as unknown as { addFault?: (f: Fault) => unknown }).addFault;
    if (typeof add !== 'function') return 'this engine cannot add faults to a running simulation';
    if (this.status === 'finished' || this.status === 'error') return 'the run is over';
    if (fault.atSec * 1000 < this.sim.nowMs - 1e-6)
      return `it starts at ${fault.atSec} s, before the current simulated time`;
    const problem = checkGraph({ ...this.doc, faults: [...this.doc.faults, fault] }).errors[0];
    if (problem !== undefined) return problem;
    const returned = add.call(this.sim, fault);
    const scheduled = isFault(returned, fault.kind) ? returned : fault;
    // The run's own document follows the engine, so a reset replays exactly what this run did.
    this.doc = { ...this.doc, faults: [...this.doc.faults, scheduled] };
    return scheduled;
  }

  /** True while a step is still being worked off. */
  get stepping(): boolean {
    return this.stepUntilMs !== null;
  }

  /** Does at most one slice of simulation. */
  work(): WorkResult {
    try {
      return this.workUnsafe();
    } catch (e) {
      this.status = 'error';
      this.stepUntilMs = null;
      this.error = e instanceof Error ? e.message : String(e);
      return 'idle';
    }
  }

  private workUnsafe(): WorkResult {
    if (this.stepUntilMs !== null) {
      this.advance(this.stepUntilMs);
      if (this.sim.nowMs < this.stepUntilMs) return 'busy';
      this.stepUntilMs = null;
      if (this.sim.nowMs >= this.endMs) this.status = 'finished';
      if (this.resumeAfterSeek && this.status === 'running') {
        this.resumeAfterSeek = false;
        this.anchor();
        return 'busy';
      }
      return 'idle';
    }
    if (this.status !== 'running') return 'idle';
    let target = this.endMs;
    if (this.speed !== 'max') {
      const wall = this.now();
      const paced = this.anchorSimMs + (wall - this.anchorWallMs) * this.speed;
      if ((paced - this.sim.nowMs) / this.speed > MAX_BEHIND_WALL_MS) {
        // Too slow for this speed: carry on from here at the chosen pace rather than sprint.
        this.anchorSimMs = this.sim.nowMs;
        this.anchorWallMs = wall;
      }
      target = Math.min(this.endMs, paced);
      if (target <= this.sim.nowMs) return 'waiting';
    }
    this.advance(target);
    if (this.sim.nowMs >= this.endMs) {
      this.status = 'finished';
      return 'idle';
    }
    return 'busy';
  }

  /** One slice toward `targetMs`, then resizes the slice so the next one fits the budget. */
  private advance(targetMs: number): void {
    const from = this.sim.nowMs;
    const to = Math.min(targetMs, from + this.sliceMs);
    const started = this.now();
    this.sim.runUntil(to);
    const spent = this.now() - started;
    const simulated = to - from;
    if (simulated <= 0) return;
    // Grow at most twofold per slice: a traffic spike can make the next slice far costlier.
    const fitted = spent > 0 ? (this.budgetMs * simulated) / spent : Infinity;
    const capped = to < from + this.sliceMs ? this.sliceMs : this.sliceMs * 2;
    this.sliceMs = Math.max(MIN_SLICE_MS, Math.min(MAX_SLICE_MS, fitted, capped));
  }

  private anchor(): void {
    this.anchorWallMs = this.now();
    this.anchorSimMs = this.sim.nowMs;
  }
}

function isFault(value: unknown, kind: Fault['kind']): value is Fault {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind;
}
