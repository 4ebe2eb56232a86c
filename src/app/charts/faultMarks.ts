// The document's faults as marks on the charts' time axis: a span for a fault that lasts, a line
// for one that happens once, each with a short label and a colour by what it hits. A reassignment
// or decommission starts at once but its moves take a while: once the run has started them it is a
// span too, to the end of its last move (moveMarks.ts), or to now while one still runs.
import type { Fault } from '../../model';
import { faultEndSec, faultTarget, isInstant } from '../faults/timeline';
import type { MoveEnd } from './moveMarks';

export interface FaultMark {
  key: string;
  from: number;
  /** Equal to `from` for a fault that happens once. */
  to: number;
  instant: boolean;
  label: string;
  color: string;
}

const WHAT: Record<Fault['kind'], string> = {
  brokerDown: 'down',
  slowDisk: 'slow disk',
  networkPartition: 'cut off',
  producerSpike: 'spike',
  memberCrash: 'member crash',
  memberJoin: 'member joins',
  partitionCount: 'partitions',
  offsetReset: 'offset reset',
  executorLoss: 'executors lost',
  driverFailure: 'driver fails',
  addExecutors: 'executors added',
  removeExecutors: 'executors removed',
  addBroker: 'joins',
  reassignPartitions: 'reassignment',
  decommissionBroker: 'decommissioned',
  zoneOutage: 'zone down',
  producerCrash: 'producer dies',
  regionFailover: 'region lost',
};

/** Colours by the kind of node a fault hits: brokers, producers, groups, topics, Spark jobs. */
const COLOR: Record<Fault['kind'], string> = {
  brokerDown: '#c92a2a',
  slowDisk: '#c92a2a',
  networkPartition: '#c92a2a',
  producerSpike: '#e67700',
  producerCrash: '#e67700',
  memberCrash: '#7048e8',
  memberJoin: '#7048e8',
  offsetReset: '#7048e8',
  partitionCount: '#0b7285',
  executorLoss: '#a0522d',
  driverFailure: '#a0522d',
  addExecutors: '#a0522d',
  removeExecutors: '#a0522d',
  addBroker: '#2b8a3e',
  reassignPartitions: '#2b8a3e',
  decommissionBroker: '#2b8a3e',
  zoneOutage: '#c92a2a',
  regionFailover: '#c92a2a',
};

/**
 * Marks for `faults` in a run of `durationSec` seconds (faults past its end are left out). `moves`:
 * how the run's reassignments and decommissions went, by fault index (moveEnds); `nowSec`, the
 * run's time, where a move still running ends its span.
 */
export function faultMarks(
  faults: readonly Fault[],
  durationSec: number,
  moves?: ReadonlyMap<number, MoveEnd>,
  nowSec = durationSec,
): FaultMark[] {
  return faults.flatMap((fault, i) => {
    if (fault.atSec > durationSec) return [];
    const label = `${faultTarget(fault)} ${WHAT[fault.kind]}`;
    const move = moves?.get(i);
    if (move) {
      const running = move.endSec === null;
      const end = Math.min(move.endSec ?? Math.max(nowSec, fault.atSec), durationSec);
      const state = !running ? '' : nowSec >= durationSec ? ' (unfinished at the end)' : ' (running)';
      return [
        {
          key: `${i}`,
          from: fault.atSec,
          to: end,
          instant: false,
          label: label + state,
          color: COLOR[fault.kind],
        },
      ];
    }
    const instant = isInstant(fault);
    const to = instant ? fault.atSec : Math.min(faultEndSec(fault), durationSec);
    return [{ key: `${i}`, from: fault.atSec, to, instant, label, color: COLOR[fault.kind] }];
  });
}
