// Where every produced record is: acknowledged, still in flight, refused (never accepted, e.g.
// buffer.memory full or NotEnoughReplicas until delivery.timeout.ms), dropped (accepted, then given
// up on, e.g. delivery.timeout.ms) or lost (acknowledged, then gone with a failed leader), each with
// its reason. In flight is counted from the producer's own queues, not derived, so the balance
// produced = acknowledged + inFlight + refused + dropped + lost is a real check. `acknowledged`
// counts what is acknowledged and still in the log: a loss moves records from it to `lost`.

export type ReasonCounts = Record<string, number>;

export class RecordLedger {
  produced = 0;
  acknowledged = 0;
  refused: ReasonCounts = {};
  dropped: ReasonCounts = {};
  lost: ReasonCounts = {};
  /**
   * Extra copies written by retries whose first attempt was in the log but unanswered
   * (enable.idempotence off). Not produced records, so outside the balance above; consumers read
   * them as records like any other.
   */
  duplicatesWritten = 0;

  refuse(reason: string, count: number): void {
    if (count > 0) this.refused[reason] = (this.refused[reason] ?? 0) + count;
  }

  lose(reason: string, count: number): void {
    if (count <= 0) return;
    this.acknowledged -= count;
    this.lost[reason] = (this.lost[reason] ?? 0) + count;
  }

  drop(reason: string, count: number): void {
    if (count > 0) this.dropped[reason] = (this.dropped[reason] ?? 0) + count;
  }
}

export function sumReasons(reasons: ReasonCounts): number {
  let total = 0;
  for (const n of Object.values(reasons)) total += n;
  return total;
}

export function mergeReasons(into: ReasonCounts, from: ReasonCounts): ReasonCounts {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
  return into;
}
