// The worker's side of a run: loads documents, obeys the controls, drives the runner slice by slice
// and pushes frames. Timers and the clock are injected so it also runs in Node tests.
import { checkGraph, parsePipeline, type Pipeline } from '../model';
import { seriesToCsv } from '../model/csv';
import { faultSchema } from '../model/schema/faults';
import { FrameBuilder } from './frames';
import type { AddFaultResult, Frame, LoadResult, SimWorkerApi, Speed } from './protocol';
import { SimRunner } from './runner';

export interface SessionHost {
  now(): number;
  /** Runs `fn` as soon as pending messages have been handled (a macrotask, not a microtask). */
  soon(fn: () => void): void;
  /** Runs `fn` after about `ms` milliseconds. */
  later(fn: () => void, ms: number): void;
}

/** Frames go out at most this often while running (and always after a command). */
export const FRAME_INTERVAL_MS = 100;
/** While ahead of a paced clock, the loop sleeps this long. */
const PACE_SLEEP_MS = 8;

export class SimSession implements SimWorkerApi {
  private runner: SimRunner | null = null;
  private frames: FrameBuilder | null = null;
  private generation = 0;
  private speed: Speed = 10;
  private onFrame: ((frame: Frame) => void) | null = null;
  private loopPending = false;
  private lastFrameAt = -Infinity;

  constructor(private readonly host: SessionHost) {}

  connect(onFrame: (frame: Frame) => void): void {
    this.onFrame = onFrame;
  }

  load(input: unknown, generation: number): LoadResult {
    this.generation = generation;
    const parsed = parsePipeline(input);
    if (!parsed.ok) return this.unload(parsed.errors);
    const graph = checkGraph(parsed.doc);
    if (graph.errors.length) return this.unload(graph.errors);
    const warnings = [...parsed.warnings, ...graph.warnings];
    const doc: Pipeline = parsed.doc;
    try {
      this.runner = new SimRunner(doc, { now: () => this.host.now() });
    } catch (e) {
      return this.unload([`the simulation could not start: ${e instanceof Error ? e.message : String(e)}`]);
    }
    this.runner.setSpeed(this.speed);
    this.frames = new FrameBuilder(doc, this.runner.sim);
    this.emit();
    return {
      ok: true,
      columns: [...this.runner.sim.metrics.series().columns],
      durationMs: this.runner.endMs,
      warnings,
    };
  }

  play(): void {
    this.runner?.play();
    this.kick();
  }

  pause(): void {
    this.runner?.pause();
    this.emit();
  }

  step(): void {
    this.runner?.step();
    this.kick();
  }

  reset(generation: number): void {
    this.generation = generation;
    const runner = this.runner;
    if (!runner) return;
    runner.reset();
    this.frames = new FrameBuilder(runner.doc, runner.sim);
    this.emit();
  }

  seek(simMs: number): void {
    this.runner?.seek(simMs);
    this.kick();
  }

  setSpeed(speed: Speed): void {
    this.speed = speed;
    this.runner?.setSpeed(speed);
    this.emit();
  }

  addFault(input: unknown, atNow: boolean): AddFaultResult {
    const runner = this.runner;
    if (!runner) return { ok: false, reason: 'no simulation is loaded' };
    const candidate =
      atNow && typeof input === 'object' && input !== null
        ? { ...input, atSec: Math.max(0, Math.ceil(runner.simMs / 100 - 1e-9) / 10) }
        : input;
    const parsed = faultSchema.safeParse(candidate);
    if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.message ?? 'not a fault' };
    const scheduled = runner.addFault(parsed.data);
    if (typeof scheduled === 'string') return { ok: false, reason: scheduled };
    this.emit();
    return { ok: true, fault: scheduled };
  }

  exportCsv(): string {
    const series = this.runner?.sim.metrics.series();
    return series ? seriesToCsv(series) : '';
  }

  private unload(errors: string[]): LoadResult {
    this.runner = null;
    this.frames = null;
    return { ok: false, errors };
  }

  /** Starts the loop unless it is already scheduled. */
  private kick(): void {
    this.emit();
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.loopPending) return;
    this.loopPending = true;
    const run = () => {
      this.loopPending = false;
      this.loop();
    };
    if (delayMs > 0) this.host.later(run, delayMs);
    else this.host.soon(run);
  }

  private loop(): void {
    const runner = this.runner;
    if (!runner) return;
    const before = runner.status;
    const result = runner.work();
    const changed = runner.status !== before || (result === 'idle' && before !== 'running');
    if (changed || this.host.now() - this.lastFrameAt >= FRAME_INTERVAL_MS) this.emit();
    if (result === 'busy') this.schedule(0);
    else if (result === 'waiting') this.schedule(PACE_SLEEP_MS);
  }

  private emit(): void {
    const runner = this.runner;
    const frames = this.frames;
    if (!runner || !frames || !this.onFrame) return;
    this.lastFrameAt = this.host.now();
    const frame: Frame = {
      generation: this.generation,
      simMs: runner.simMs,
      durationMs: runner.endMs,
      events: runner.sim.events,
      status: runner.status,
      speed: runner.speed,
      rows: frames.takeNewRows(),
      totals: frames.totals(),
      live: frames.live(),
    };
    if (runner.error !== undefined) frame.error = runner.error;
    this.onFrame(frame);
  }
}
