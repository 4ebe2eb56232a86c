// The what-if core's RunFn on top of the worker pool: each replication is one headless run in a
// worker; an engine error becomes a rejection naming the seed. The worker works the figures out
// itself (the page gets a few numbers, not the series), and for the seeds `keep` picks it also
// hands back the run for the run list, on the outcome's `keep`.
import type { RunFn } from '../../whatif';
import type { HeldRun } from './heldRuns';
import type { RunPool } from './pool';

export interface PoolRunOptions {
  /** Which seeds come back as runs to keep (a sweep: the first seed of every point). */
  keep?: (seed: number) => boolean;
  /** Rows a kept run's series is thinned to. */
  keepRows?: number;
}

export function poolRunFn(pool: RunPool, options: PoolRunOptions = {}): RunFn {
  return async (doc, seed, signal, figures) => {
    const keepRows = options.keep?.(seed) ? (options.keepRows ?? 600) : undefined;
    const result = await pool.run(
      {
        doc,
        seed,
        ...(figures && { figures: { warmupSec: figures.warmupSec } }),
        ...(keepRows !== undefined && { keepRows }),
      },
      signal,
    );
    if (!result.ok) throw new Error(`the run with seed ${seed} failed: ${result.error}`);
    const keep: HeldRun | undefined = result.kept && { seed, kept: result.kept, wallMs: result.wallMs };
    return keep ? { ...result.outcome, keep } : result.outcome;
  };
}
