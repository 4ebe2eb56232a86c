// When a reassignment (or a decommission, which moves a broker's replicas away the same way) ended,
// read from the run's cluster events: the fault starts every move at its own time, each move ends
// with its partition's reassignmentFinished, and the whole lasts until the last one of them.
import type { Fault } from '../../model';
import type { ClusterEventLive } from '../../worker/protocol';

/** The kinds of fault whose replica moves take a while (the timeline calls them instant). */
export const MOVE_KINDS: ReadonlySet<Fault['kind']> = new Set(['reassignPartitions', 'decommissionBroker']);

/** How a moving fault went in the run: its last move's end, or null while some move still runs. */
export interface MoveEnd {
  endSec: number | null;
}

/**
 * For each moving fault of `faults` (by its index) whose moves the run started: when the last
 * of them finished. A fault the run has not reached, or whose moves were refused or not seen
 * (a kept run has no events), gets no entry: it stays a line at its start.
 */
export function moveEnds(
  faults: readonly Fault[],
  events: readonly ClusterEventLive[],
): Map<number, MoveEnd> {
  const ends = new Map<number, MoveEnd>();
  if (!faults.some((f) => MOVE_KINDS.has(f.kind))) return ends;
  for (const [index, fault] of faults.entries()) {
    if (!MOVE_KINDS.has(fault.kind)) continue;
    const startMs = fault.atSec * 1000;
    // The engine starts all of a fault's moves at the fault's own time.
    const started = events.filter(
      (e) => e.kind === 'reassignmentStarted' && e.atMs >= startMs && e.atMs < startMs + 1000,
    );
    if (started.length === 0) continue;
    let endMs: number | null = startMs;
    for (const s of started) {
      if (s.kind !== 'reassignmentStarted') continue;
      const done = events.find(
        (e) =>
          e.kind === 'reassignmentFinished' &&
          e.topic === s.topic &&
          e.partition === s.partition &&
          e.atMs >= s.atMs,
      );
      if (!done) {
        endMs = null;
        break;
      }
      endMs = Math.max(endMs, done.atMs);
    }
    if (endMs === null) {
      ends.set(index, { endSec: null });
      continue;
    }
    // A decommissioned broker stops once its last replica has moved.
    if (fault.kind === 'decommissionBroker') {
      const stopped = events.find(
        (e) => e.kind === 'brokerDecommissioned' && e.broker === fault.broker && e.atMs >= startMs,
      );
      if (stopped) endMs = Math.max(endMs, stopped.atMs);
    }
    ends.set(index, { endSec: endMs / 1000 });
  }
  return ends;
}
