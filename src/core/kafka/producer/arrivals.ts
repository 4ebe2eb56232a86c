// When records are created. At low rates every record is its own event (exact gaps); at high rates
// records are generated per short window with a Poisson (or evenly spread) count, so the cost
// follows the windows, not the records. Both are exact for a Poisson process, whose counts in
// disjoint intervals are independent.
import type { RateModel } from '../../../model/types';
import type { Rng } from '../../util/rng';
import { RateSchedule } from './rateSchedule';

export interface ArrivalChunk {
  count: number;
  /** Creation times of the first and last record; the others lie evenly between. */
  start: number;
  end: number;
  /** Set when the application names the partition (MirrorMaker 2 keeps each record's); else the partitioner's. */
  partition?: number;
}

export class ArrivalProcess {
  private readonly schedule: RateSchedule;
  /** End of the interval already generated. */
  private generatedTo = 0;
  /** Fractional records carried between windows at a constant rate. */
  private carry = 0;
  /** Whether the event at `nextTime` is itself one record (sparse mode). */
  private singleAt = false;
  /** Time of the next arrival event. */
  nextTime = Infinity;

  constructor(
    private readonly model: RateModel,
    private readonly rng: Rng,
    /** Window length (ms) used at high rates. */
    private readonly windowMs: number,
  ) {
    this.schedule = new RateSchedule(model);
    this.plan(0);
  }

  /** Multiplies the rate for a while from a time after `nextTime` (so nothing planned changes). */
  addSpike(atSec: number, durationSec: number, factor: number): void {
    this.schedule.addSpike(atSec, durationSec, factor);
  }

  /** Produces the records due at `now` (the current nextTime) and plans the next event. */
  take(now: number): ArrivalChunk {
    let chunk: ArrivalChunk;
    if (this.singleAt) chunk = { count: 1, start: now, end: now };
    else {
      const dt = now - this.generatedTo;
      const perMs = this.schedule.rateAt(this.generatedTo) / 1000;
      let count: number;
      if (this.model.kind === 'poisson') count = this.rng.poisson(perMs * dt);
      else {
        this.carry += perMs * dt;
        count = Math.floor(this.carry);
        this.carry -= count;
      }
      // n records spread over the window: the first and last sit about dt/(n+1) inside its ends.
      const edge = dt / (count + 1);
      chunk = { count, start: this.generatedTo + edge, end: now - edge };
    }
    this.generatedTo = now;
    this.plan(now);
    return chunk;
  }

  private plan(now: number): void {
    const perMs = this.schedule.rateAt(now) / 1000;
    const change = this.schedule.nextChangeAfter(now);
    this.singleAt = false;
    if (perMs <= 0) {
      this.nextTime = change;
      return;
    }
    if (perMs * this.windowMs < 1) {
      // Sparse: draw the gap to the next record; if the rate changes first, re-plan there
      // (memoryless for Poisson; a constant-rate phase restarts at the change).
      const gap = this.model.kind === 'poisson' ? this.rng.exponential(perMs) : 1 / perMs;
      if (now + gap < change) {
        this.nextTime = now + gap;
        this.singleAt = true;
      } else this.nextTime = change;
      return;
    }
    this.nextTime = Math.min(now + this.windowMs, change);
  }
}
