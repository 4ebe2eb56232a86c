// The progress line under the run bar: runs done of how many, and the time left. While a stopping
// rule can still add seeds, the count and the time are what is known so far, and say so.
import { progressOf } from './pool';
import type { BatchProgress } from './sweepStore';

export function formatSeconds(s: number): string {
  if (s < 60) return `${Math.max(0, Math.round(s))} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

/** "4 of 50 runs · about 32 s left"; "4 of at least 50 runs · at least 32 s left" while runs may be added. */
export function progressText(progress: BatchProgress, status: string): string {
  const p = progressOf(progress.done, progress.total, progress.lastAt - progress.startedAt);
  const growing = status === 'running' && progress.mayGrow === true;
  const left =
    status === 'running'
      ? p.leftMs === undefined
        ? 'estimating the time left…'
        : growing
          ? `at least ${formatSeconds(p.leftMs / 1000)} left (more seeds may be added)`
          : `about ${formatSeconds(p.leftMs / 1000)} left`
      : status === 'cancelled'
        ? 'cancelled'
        : status === 'done'
          ? `done in ${formatSeconds((progress.lastAt - progress.startedAt) / 1000)}`
          : 'stopped by an error (below)';
  const total = p.total || (status === 'running' ? '…' : p.done);
  return `${p.done} of ${growing && p.total ? 'at least ' : ''}${total} runs · ${left}`;
}
