// At most one redraw per interval: the first request draws at once, later ones within the interval
// wait for its end, and only the latest of them is drawn then. A sweep's replications can finish
// many times a second; its charts and table follow at a steady pace, and the last points never
// wait for the next replication to be drawn.
export class Coalescer {
  private lastAt = -Infinity;
  private pending: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Runs `fn` now if the interval has passed since the last run, else at its end (replacing any waiting). */
  request(fn: () => void): void {
    const wait = this.lastAt + this.intervalMs - this.now();
    if (wait <= 0 && this.timer === undefined) return this.run(fn);
    this.pending = fn;
    this.timer ??= setTimeout(
      () => {
        this.timer = undefined;
        const next = this.pending;
        this.pending = null;
        if (next) this.run(next);
      },
      Math.max(0, wait),
    );
  }

  /** Drops what is waiting (the batch ended: its final state is drawn by other means). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = null;
  }

  private run(fn: () => void): void {
    this.lastAt = this.now();
    fn();
  }
}
