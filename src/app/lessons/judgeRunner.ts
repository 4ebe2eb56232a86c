// Runs a lesson's goal in a headless worker (the sweeps' kind, src/worker/headless*), one seed after
// another, asking for the run summary too (summary conditions read it). One worker is kept for the
// next check; cancelling ends it and a fresh one takes its place.
import type { RunFn } from '../../whatif/run';
import { RunPool, type PoolWorkerFactory } from '../sweep/pool';

let pool: RunPool | null = null;
let factory: PoolWorkerFactory | null = null;

/** Tests hand in fake workers. */
export function setJudgeWorkerFactory(f: PoolWorkerFactory | null): void {
  pool?.dispose();
  pool = null;
  factory = f;
}

async function getPool(): Promise<RunPool> {
  if (!pool) {
    const make = factory ?? (await import('../sweep/workerFactory')).createHeadlessWorker;
    pool = new RunPool(make, 1);
  }
  return pool;
}

/** A RunFn over the worker; `onRun` hears of each run as it starts (for "seed 1 of 2"). */
export function judgeRunFn(onRun?: (seed: number) => void): RunFn {
  return async (doc, seed, signal) => {
    onRun?.(seed);
    const p = await getPool();
    const result = await p.run({ doc, seed, withSummary: true }, signal);
    if (!result.ok) throw new Error(`the run with seed ${seed} failed: ${result.error}`);
    return result.outcome;
  };
}
