// The run summary's part for MirrorMaker 2: how far each mirror is behind, what limits it, and what
// a region failover did to the consumer groups that moved to the mirror.
import type { FailoverResult } from '../kafka/mirrorMaker';
import type { Simulation } from './simulation';

export interface MirrorMakerSummary {
  sourceCluster: string;
  targetCluster: string;
  /** Tasks MM2 ran: min(tasks.max, mirrored partitions). */
  tasks: number;
  /** Records in the mirrored topics of the target cluster (acknowledged there). */
  mirrored: number;
  /** Records acknowledged in the source and not yet in the target: at the end and at worst. */
  lagRecords: { final: number; peak: number };
  /** Age of the oldest record not yet mirrored, in seconds. */
  lagSec: { final: number; peak: number };
  /** What each limit allows, in records a second: the tasks' threads, and the link. */
  workerRecordsPerSec: number;
  linkRecordsPerSec: number;
  /** The link between the regions: its figures and what crossed it (GB, all mirrors on it). */
  link: { latencyMs: number; bandwidthMBps: number; crossedGB: number };
  checkpointsEmitted: number;
  /** Set by a regionFailover of the source region. */
  failover: {
    atSec: number;
    /** Acknowledged in the lost region but never fetched by MM2: lost to the other region. */
    unmirroredRecords: number;
    groups: Record<string, FailoverResult & { movedTo: string }>;
  } | null;
}

const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

export function mirrorSummary(sim: Simulation): Record<string, MirrorMakerSummary> {
  const out: Record<string, MirrorMakerSummary> = {};
  const now = sim.nowMs;
  for (const m of sim.mirrors) {
    const lag = m.lag(now);
    const groups: Record<string, FailoverResult & { movedTo: string }> = {};
    for (const g of m.groups)
      if (g.result) groups[g.group.doc.id] = { ...g.result, movedTo: g.failover.doc.id };
    out[m.doc.id] = {
      sourceCluster: m.doc.sourceCluster,
      targetCluster: m.doc.targetCluster,
      tasks: m.threads.length,
      mirrored: m.mirrored,
      lagRecords: { final: lag.records, peak: Math.max(m.peakLagRecords, lag.records) },
      lagSec: { final: round(lag.ageMs / 1000), peak: round(Math.max(m.peakLagSec, lag.ageMs / 1000)) },
      workerRecordsPerSec: Math.round(m.workerRecordsPerSec),
      linkRecordsPerSec: Math.round(m.linkRecordsPerSec),
      link: {
        latencyMs: m.pipe.latencyMs,
        bandwidthMBps: m.pipe.bandwidthMBps,
        crossedGB: round(m.pipe.bytesSent / 1e9, 6),
      },
      checkpointsEmitted: m.checkpointsEmitted,
      failover:
        m.failoverAtSec === null
          ? null
          : { atSec: m.failoverAtSec, unmirroredRecords: m.unmirroredAtFailover ?? 0, groups },
    };
  }
  return out;
}
