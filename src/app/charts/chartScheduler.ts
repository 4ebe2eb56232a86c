// Redraws charts one per task. A Recharts redraw costs several milliseconds and React renders a
// batch of them in one go, so eight charts updated together make one long task that freezes the
// page. Here each visible chart redraws in its own task, rounds of redraws start at most ten times
// a second (less often while a run plays, as the host says), and never take more than a share of
// the main thread; hidden charts wait until seen.

/** Rounds of redraws start at most this often. */
export const MIN_ROUND_MS = 100;
/** Chart redraws may use at most this share of the main thread. */
export const MAX_SHARE = 0.4;
/** A redraw that has not reported back after this long is taken as done. */
const GIVE_UP_MS = 500;

export interface ChartJob {
  /** Starts a redraw with the latest data; calls `done` once it is on screen. */
  run(done: () => void): void;
  visible: boolean;
  dirty: boolean;
}

export interface SchedulerHost {
  now(): number;
  /** Runs `fn` in a later task, after about `ms` milliseconds (0: as soon as possible). */
  later(fn: () => void, ms: number): void;
  /** The least time between the starts of two rounds now (MIN_ROUND_MS when not given). */
  minRoundMs?(): number;
}

export class ChartScheduler {
  private readonly jobs = new Set<ChartJob>();
  private queue: ChartJob[] = [];
  private pending = false;
  private roundStart = -Infinity;
  private roundCost = 0;
  private nextRoundAt = -Infinity;

  constructor(private readonly host: SchedulerHost) {}

  add(run: (done: () => void) => void): ChartJob {
    const job: ChartJob = { run, visible: false, dirty: true };
    this.jobs.add(job);
    return job;
  }

  remove(job: ChartJob): void {
    this.jobs.delete(job);
    this.queue = this.queue.filter((j) => j !== job);
  }

  setVisible(job: ChartJob, visible: boolean): void {
    job.visible = visible;
    if (visible && job.dirty) this.kick();
  }

  /** New data: every chart is out of date. */
  invalidate(): void {
    for (const job of this.jobs) job.dirty = true;
    this.kick();
  }

  private kick(): void {
    if (this.pending) return;
    this.pending = true;
    const wait = Math.max(0, this.nextRoundAt - this.host.now());
    this.host.later(() => this.startRound(), wait);
  }

  private startRound(): void {
    this.queue = [...this.jobs].filter((j) => j.dirty && j.visible);
    if (this.queue.length === 0) {
      this.pending = false;
      return;
    }
    this.roundStart = this.host.now();
    this.roundCost = 0;
    this.next();
  }

  private next(): void {
    const job = this.queue.shift();
    if (!job) return this.endRound();
    if (!job.dirty || !job.visible) return this.next();
    job.dirty = false;
    const started = this.host.now();
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      this.roundCost += this.host.now() - started;
      this.host.later(() => this.next(), 0);
    };
    job.run(done);
    // A redraw that never reports back (unmounted, nothing changed) must not stall the others.
    this.host.later(done, GIVE_UP_MS);
  }

  private endRound(): void {
    // The next round waits long enough that redraws stay under MAX_SHARE of the time.
    const least = this.host.minRoundMs?.() ?? MIN_ROUND_MS;
    this.nextRoundAt = this.roundStart + Math.max(least, this.roundCost / MAX_SHARE);
    this.pending = false;
    if ([...this.jobs].some((j) => j.dirty && j.visible)) this.kick();
  }
}
