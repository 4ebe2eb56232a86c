// The what-if core's RunFn on top of the worker pool: each replication is one headless run in a
// worker; an engine error becomes a rejection naming the seed.
import type { RunFn } from '../../whatif';
import type { RunPool } from './pool';

export function poolRunFn(pool: RunPool): RunFn {
  return async (doc, seed, signal) => {
    const result = await pool.run({ doc, seed }, signal);
    if (!result.ok) throw new Error(`the run with seed ${seed} failed: ${result.error}`);
    return result.outcome;
  };
}
