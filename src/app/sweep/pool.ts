// A pool of headless-run workers: each runs one run at a time; runs wait in a queue (first come,
// first served). A run is cancelled by terminating the worker that has it (the engine runs a whole
// run in one call, so there is no point between slices to stop at); a fresh worker takes its place
// when the next run needs one. Workers come from a factory, so the tests use fakes.
import type { HeadlessRequest, HeadlessResult } from '../../worker/headlessProtocol';

export interface PoolWorker {
  run(request: HeadlessRequest): Promise<HeadlessResult>;
  terminate(): void;
}

export type PoolWorkerFactory = () => PoolWorker;

/** Hardware threads less one (the page's own), at least one. */
export function defaultPoolSize(hardwareConcurrency: number | undefined): number {
  const n = Number.isFinite(hardwareConcurrency) ? Math.floor(hardwareConcurrency as number) : 2;
  return Math.max(1, n - 1);
}

/** The error a cancelled run rejects with (`name` is 'AbortError', like fetch's). */
export class RunCancelled extends Error {
  override name = 'AbortError';
  constructor() {
    super('the run was cancelled');
  }
}

export const isCancelled = (e: unknown): boolean => e instanceof Error && e.name === 'AbortError';

interface Job {
  request: HeadlessRequest;
  resolve(result: HeadlessResult): void;
  reject(error: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

interface Slot {
  worker: PoolWorker | null;
  job: Job | null;
}

export class RunPool {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private disposed = false;

  constructor(
    private readonly factory: PoolWorkerFactory,
    readonly size: number,
  ) {
    if (!(size >= 1)) throw new Error('a pool needs at least one worker');
    this.slots = Array.from({ length: size }, () => ({ worker: null, job: null }));
  }

  /** Runs waiting for a worker. */
  get queued(): number {
    return this.queue.length;
  }

  /** Runs a worker is busy with. */
  get running(): number {
    return this.slots.filter((s) => s.job).length;
  }

  /** Workers alive now (they are started when first needed and kept for the next run). */
  get alive(): number {
    return this.slots.filter((s) => s.worker).length;
  }

  /** Queues a run; the promise rejects with RunCancelled if `signal` aborts first. */
  run(request: HeadlessRequest, signal?: AbortSignal): Promise<HeadlessResult> {
    return new Promise<HeadlessResult>((resolve, reject) => {
      if (this.disposed) return reject(new Error('the pool was closed'));
      if (signal?.aborted) return reject(new RunCancelled());
      const job: Job = { request, resolve, reject, signal, onAbort: () => this.abort(job) };
      signal?.addEventListener('abort', job.onAbort, { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  /** Cancels every queued and running run. */
  cancelAll(): void {
    for (const job of [...this.queue, ...this.slots.flatMap((s) => (s.job ? [s.job] : []))]) this.abort(job);
  }

  /** Cancels everything and ends every worker; the pool takes no more runs. */
  dispose(): void {
    this.cancelAll();
    this.disposed = true;
    for (const slot of this.slots) {
      slot.worker?.terminate();
      slot.worker = null;
    }
  }

  private abort(job: Job): void {
    const queuedAt = this.queue.indexOf(job);
    if (queuedAt >= 0) this.queue.splice(queuedAt, 1);
    const slot = this.slots.find((s) => s.job === job);
    if (slot) {
      // The worker is in the middle of the run: end it; the next run gets a fresh one.
      slot.worker?.terminate();
      slot.worker = null;
      slot.job = null;
    }
    if (queuedAt < 0 && !slot) return; // already settled
    this.settle(job);
    job.reject(new RunCancelled());
    this.pump();
  }

  private settle(job: Job): void {
    job.signal?.removeEventListener('abort', job.onAbort);
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.job) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      const worker = (slot.worker ??= this.factory());
      worker.run(job.request).then(
        (result) => this.finish(slot, job, () => job.resolve(result)),
        (error: unknown) => {
          // A worker that failed may be unusable: replace it for the next run.
          if (slot.job === job) {
            slot.worker?.terminate();
            slot.worker = null;
          }
          this.finish(slot, job, () => job.reject(error));
        },
      );
    }
  }

  private finish(slot: Slot, job: Job, answer: () => void): void {
    if (slot.job !== job) return; // cancelled meanwhile: already answered
    slot.job = null;
    this.settle(job);
    answer();
    this.pump();
  }
}

/** Progress of a batch of runs, with the time left estimated from the wall time so far. */
export interface Progress {
  done: number;
  total: number;
  /** Estimated wall milliseconds still needed; undefined before the first run is done. */
  leftMs: number | undefined;
}

export function progressOf(done: number, total: number, elapsedMs: number): Progress {
  const leftMs = done > 0 && total >= done ? (elapsedMs / done) * (total - done) : undefined;
  return { done, total, leftMs };
}
