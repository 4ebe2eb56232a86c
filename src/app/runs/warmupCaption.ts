// The line that says which seconds a kept run's figures cover, shared by the Runs list and Compare.

/** "Figures of both runs leave out the first 10 s of 120 s (the warm-up, as a sweep does)." */
export function warmupCaption(warmupSec: number, durationSec?: number): string {
  const of = durationSec === undefined ? '' : ` of ${durationSec} s`;
  return warmupSec > 0
    ? `Figures after the first ${warmupSec} s${of} (the warm-up a sweep leaves out too); lost records count the whole run.`
    : `Figures over the whole run${of}, no warm-up left out.`;
}

/** The warm-up most of the runs leave out (the first such when tied); 0 for no runs. */
export function commonWarmup(runs: readonly { warmupSec?: number | undefined }[]): number {
  const counts = new Map<number, number>();
  for (const r of runs) counts.set(r.warmupSec ?? 0, (counts.get(r.warmupSec ?? 0) ?? 0) + 1);
  let best = 0;
  let most = 0;
  for (const [w, n] of counts)
    if (n > most) {
      best = w;
      most = n;
    }
  return best;
}

/** Said under a run's name when its warm-up is not the one the list's caption gives. */
export function ownWarmupNote(warmupSec: number | undefined): string {
  return (warmupSec ?? 0) > 0
    ? `figures after the first ${warmupSec} s`
    : 'figures over the whole run (kept before warm-ups)';
}
