// A producer's record rate over time: a base rate changed by steps, multiplied by active spikes.
import type { RateModel } from '../../../model/types';

export class RateSchedule {
  /** Times (ms) where the rate may change, ascending. */
  private boundaries: number[] = [];
  private readonly schedule: RateModel['schedule'];

  constructor(private readonly model: RateModel) {
    this.schedule = [...model.schedule];
    this.index();
  }

  private index(): void {
    const times = new Set<number>();
    for (const s of this.schedule) {
      times.add(s.atSec * 1000);
      if (s.kind === 'spike') times.add((s.atSec + s.durationSec) * 1000);
    }
    this.boundaries = [...times].filter((t) => t > 0).sort((a, b) => a - b);
  }

  /** A spike added during the run (a producerSpike fault); it must start after the planned arrivals. */
  addSpike(atSec: number, durationSec: number, factor: number): void {
    this.schedule.push({ kind: 'spike', atSec, durationSec, factor });
    this.index();
  }

  /** Records per second in force at time `t` (ms), for the interval starting there. */
  rateAt(t: number): number {
    let base = this.model.recordsPerSec;
    let baseFrom = -1;
    let factor = 1;
    for (const s of this.schedule) {
      const from = s.atSec * 1000;
      if (s.kind === 'step') {
        if (from <= t && from >= baseFrom) {
          base = s.recordsPerSec;
          baseFrom = from;
        }
      } else if (from <= t && t < from + s.durationSec * 1000) {
        factor *= s.factor;
      }
    }
    return base * factor;
  }

  /** The first time after `t` at which the rate may change (Infinity if none). */
  nextChangeAfter(t: number): number {
    for (const b of this.boundaries) if (b > t) return b;
    return Infinity;
  }
}
