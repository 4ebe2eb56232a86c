// Runs a simulation in slices, handing control back to Node's event loop between them, so that
// Ctrl+C (SIGINT) is heard during a long run and progress can be shown. The engine gives the same
// numbers however a run is sliced, so this changes nothing in the summary.

/** What the runner needs of a Simulation (the tests use a real one). */
export interface Steppable {
  readonly nowMs: number;
  runUntil(timeMs: number): void;
}

export interface SlicedRunOptions {
  /** Wall time one slice should take: short enough for Ctrl+C to feel immediate. */
  sliceWallMs?: number;
  /** Checked between slices: true stops the run where it is. */
  shouldStop?: () => boolean;
  /** Called after every slice with the simulated time reached. */
  onSlice?: (simulatedMs: number) => void;
  /** Wall clock in ms (injected by tests). */
  wallMs?: () => number;
  /** Lets other work (signal handlers, output) run between slices. */
  yieldToEventLoop?: () => Promise<void>;
}

const yieldOnce = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Advances `sim` to `endMs`, in slices sized to take about `sliceWallMs` each: the first is one
 * simulated millisecond, and each next one is scaled by how fast the last went (at most 10x more).
 * Returns true when the run reached `endMs`, false when `shouldStop` cut it short.
 */
export async function runSliced(sim: Steppable, endMs: number, options: SlicedRunOptions = {}) {
  const sliceWallMs = options.sliceWallMs ?? 50;
  const wallMs = options.wallMs ?? (() => performance.now());
  const pause = options.yieldToEventLoop ?? yieldOnce;
  let stepMs = 1;
  while (sim.nowMs < endMs) {
    if (options.shouldStop?.()) return false;
    const from = sim.nowMs;
    const started = wallMs();
    sim.runUntil(Math.min(endMs, from + stepMs));
    const took = wallMs() - started;
    options.onSlice?.(sim.nowMs);
    const advanced = sim.nowMs - from;
    stepMs = took > 0 ? Math.min(stepMs * 10, (advanced * sliceWallMs) / took) : stepMs * 10;
    stepMs = Math.max(1, stepMs);
    await pause();
  }
  return true;
}
