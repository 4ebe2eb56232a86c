// What the orchestration needs from "a run": an injected async function, so the command line runs
// the engine in-process and the app in a pool of workers, with the same seeds and the same numbers.
import type { Pipeline } from '../model/types';
import { headlineMetrics, type HeadlineMetrics, type LossTotals } from './metrics';

/** What one finished run hands back: its per-second series and its record totals. */
export interface RunOutcome {
  columns: string[];
  rows: number[][];
  /** The run's record totals (RunTotals from the worker, summary.records in-process). */
  totals?: LossTotals | undefined;
  /** The full summary when the runner has one (the CLI's in-process runs); not used by the metrics. */
  summary?: unknown;
  /**
   * The headline figures, already worked out by the runner with the warm-up it was handed (the
   * app's workers do this, so the page receives a few numbers instead of the whole series). When
   * present, sweeps and searches take them as they are and `columns`/`rows` may be empty.
   */
  metrics?: HeadlineMetrics;
  /** Whatever else the runner hands back for its caller (the app: a run to keep); passed on untouched. */
  keep?: unknown;
}

/** What a sweep or search tells its runner about the figures it will read from a run. */
export interface RunFnOptions {
  /** Seconds at the start the figures leave out. */
  warmupSec: number;
}

/**
 * Runs `doc` (its run.seed already set to `seed`, its run.durationSec to the spec's duration) to the
 * end. Should reject on an engine error; `signal` asks it to give up early (then reject too).
 */
export type RunFn = (
  doc: Pipeline,
  seed: number,
  signal?: AbortSignal,
  options?: RunFnOptions,
) => Promise<RunOutcome>;

/** The figures of one replication: the runner's own when it worked them out, else from the series. */
export function outcomeMetrics(outcome: RunOutcome, doc: Pipeline, warmupSec: number): HeadlineMetrics {
  return outcome.metrics ?? headlineMetrics({ ...outcome, doc }, { warmupSec });
}

/** The document a replication runs: the point's document with the seed and duration set. */
export function withRun(doc: Pipeline, seed: number, durationSec?: number): Pipeline {
  return { ...doc, run: { ...doc.run, seed, durationSec: durationSec ?? doc.run.durationSec } };
}

/**
 * Calls `work` for each item with at most `concurrency` running at once; items may be added while
 * it runs (the stopping rule adds replications). Resolves when nothing is queued or running, or
 * when `signal` aborts (running ones are awaited, queued ones dropped).
 */
export class TaskPool<T> {
  private readonly queue: T[] = [];
  private running = 0;
  private failure: unknown = undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly concurrency: number,
    private readonly work: (item: T) => Promise<void>,
    private readonly signal?: AbortSignal,
  ) {}

  add(item: T): void {
    this.queue.push(item);
    this.pump();
  }

  private pump(): void {
    while (this.running < Math.max(1, this.concurrency) && this.queue.length > 0 && !this.stopped()) {
      const item = this.queue.shift()!;
      this.running++;
      void this.work(item)
        .catch((e: unknown) => {
          this.failure ??= e;
        })
        .finally(() => {
          this.running--;
          this.pump();
          this.wake?.();
        });
    }
    if (this.stopped()) this.queue.length = 0;
  }

  private stopped(): boolean {
    return this.failure !== undefined || this.signal?.aborted === true;
  }

  /** Resolves once idle; rejects with the first failure of `work`. */
  async idle(): Promise<void> {
    for (;;) {
      this.pump();
      if (this.running === 0 && (this.queue.length === 0 || this.stopped())) break;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    if (this.failure !== undefined) throw this.failure;
  }
}
