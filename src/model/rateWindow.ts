// The window a Spark job's rates are averaged over, shared by the engine's series, the worker's
// live rates and the app's labels. Records enter a micro-batch job one batch at a time, so per
// second it takes nothing in one second and a whole batch in another: averaged over a window that
// is a whole number of batch intervals and a whole number of seconds (the series' step), every
// window holds the same number of batches and a steady input shows as a flat rate.

/** Longest window that lines up with both the batches and the seconds that we look for. */
const MAX_WINDOW_SEC = 10;

function gcd(a: number, b: number): number {
  while (b > 0) [a, b] = [b, a % b];
  return a;
}

/** Seconds a Spark job's input rate is averaged over (a continuous job reads all the time: 1 s). */
export function sparkRateWindowSec(job: {
  mode: 'microBatch' | 'continuous';
  batchIntervalMs: number;
}): number {
  if (job.mode === 'continuous') return 1;
  const intervalMs = Math.max(1, Math.round(job.batchIntervalMs));
  // The least common multiple of the interval and 1 s: 1 s -> 1 s, 2 s -> 2 s, 1.5 s -> 3 s, 250 ms -> 1 s.
  const windowMs = (intervalMs / gcd(intervalMs, 1000)) * 1000;
  if (windowMs <= MAX_WINDOW_SEC * 1000) return windowMs / 1000;
  // An interval that never lines up with whole seconds (333 ms): ten batches or more per window,
  // so one batch more or less in a window moves the mean by a tenth at most.
  return Math.max(MAX_WINDOW_SEC, Math.ceil((10 * intervalMs) / 1000));
}
