// Pure maths of the fault timeline: which faults are in force at a simulated time, and where each one
// sits on an axis from 0 to the run's duration. Computed from the document alone, so the cluster
// strip and the panel agree with what the run will do without asking the engine.
import type { Fault, FaultKind } from '../../model';

/** The node a fault acts on, and the kind of node that field must name. */
export type FaultTargetField =
  'broker' | 'producer' | 'group' | 'topic' | 'job' | 'rack' | 'brokers' | 'newBroker';

export const TARGET_FIELD: Record<FaultKind, FaultTargetField> = {
  brokerDown: 'broker',
  slowDisk: 'broker',
  networkPartition: 'broker',
  producerSpike: 'producer',
  producerCrash: 'producer',
  memberCrash: 'group',
  memberJoin: 'group',
  partitionCount: 'topic',
  offsetReset: 'group',
  executorLoss: 'job',
  driverFailure: 'job',
  addExecutors: 'job',
  removeExecutors: 'job',
  addBroker: 'newBroker',
  reassignPartitions: 'brokers',
  decommissionBroker: 'broker',
  zoneOutage: 'rack',
};

export function faultTarget(fault: Fault): string {
  switch (fault.kind) {
    case 'brokerDown':
    case 'slowDisk':
    case 'networkPartition':
      return fault.broker;
    case 'producerSpike':
    case 'producerCrash':
      return fault.producer;
    case 'memberCrash':
    case 'memberJoin':
    case 'offsetReset':
      return fault.group;
    case 'partitionCount':
      return fault.topic;
    case 'executorLoss':
    case 'driverFailure':
    case 'addExecutors':
    case 'removeExecutors':
      return fault.job;
    case 'addBroker':
      return fault.broker.id;
    case 'reassignPartitions':
      return fault.brokers ? fault.brokers.join(',') : `${fault.plan?.length ?? 0} partitions`;
    case 'decommissionBroker':
      return fault.broker;
    case 'zoneOutage':
      return fault.rack;
  }
}

/** Faults that happen once (a crash, a resize, an offset reset) rather than lasting a while. */
export function isInstant(fault: Fault): boolean {
  return (
    fault.kind === 'memberCrash' ||
    fault.kind === 'memberJoin' ||
    fault.kind === 'partitionCount' ||
    fault.kind === 'offsetReset' ||
    fault.kind === 'addExecutors' ||
    fault.kind === 'removeExecutors' ||
    fault.kind === 'addBroker' ||
    fault.kind === 'reassignPartitions' ||
    fault.kind === 'decommissionBroker'
  );
}

/** When a lasting fault ends: Infinity when it lasts to the end of the run; its start when instant. */
export function faultEndSec(fault: Fault): number {
  if (isInstant(fault)) return fault.atSec;
  const duration = 'durationSec' in fault ? fault.durationSec : undefined;
  return duration === undefined ? Infinity : fault.atSec + duration;
}

/** Whether `broker` is down at simulated time `tSec` by the document's brokerDown faults. */
export function isBrokerDownAt(
  faults: readonly Fault[],
  broker: string,
  tSec: number,
  rack?: string | undefined,
): boolean {
  for (const f of faults) {
    const hits =
      (f.kind === 'brokerDown' && f.broker === broker) ||
      (f.kind === 'zoneOutage' && rack !== undefined && f.rack === rack);
    if (!hits) continue;
    if (f.atSec <= tSec && tSec < faultEndSec(f)) return true;
  }
  return false;
}

export interface TimelineRow {
  /** Position of the fault in the document's list (what edit and remove refer to). */
  index: number;
  fault: Fault;
  /** Left edge on the axis, 0..100 (%). */
  startPct: number;
  /** Width on the axis in %; 0 for an instant fault (drawn as a tick). */
  widthPct: number;
  /** True when the bar reaches the end of the axis because the fault has no end. */
  openEnded: boolean;
  /** True when the fault starts after the run ends, so the run never reaches it. */
  beyondRun: boolean;
}

const clampPct = (sec: number, durationSec: number): number =>
  durationSec > 0 ? Math.min(100, Math.max(0, (sec / durationSec) * 100)) : 0;

/** The document's faults sorted by start time (ties keep the document's order), laid out on the axis. */
export function layoutTimeline(faults: readonly Fault[], durationSec: number): TimelineRow[] {
  return faults
    .map((fault, index) => ({ fault, index }))
    .sort((a, b) => a.fault.atSec - b.fault.atSec || a.index - b.index)
    .map(({ fault, index }) => {
      const startPct = clampPct(fault.atSec, durationSec);
      const end = faultEndSec(fault);
      const endPct = clampPct(Math.min(end, durationSec), durationSec);
      return {
        index,
        fault,
        startPct,
        widthPct: isInstant(fault) ? 0 : Math.max(0, endPct - startPct),
        openEnded: end === Infinity,
        beyondRun: fault.atSec > durationSec,
      };
    });
}

/** Position of simulated time `tSec` on the axis, in %. */
export const timeToPct = clampPct;

/** About `target` evenly spaced round tick values from 0 to durationSec inclusive. */
export function axisTicks(durationSec: number, target = 6): number[] {
  if (!(durationSec > 0)) return [0];
  const raw = durationSec / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let t = 0; t <= durationSec + 1e-9; t += step) ticks.push(Math.round(t * 1e6) / 1e6);
  return ticks;
}
