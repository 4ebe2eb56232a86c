// A mirror's lag as the inspector and the Cluster view tell it. Before a region failover the lag is
// what is acknowledged in the source and not yet in the target, and its age. After one, what is
// left behind never arrives: its count is what the lost region kept, and its "age" only grows with
// the time since the loss, so it is no mirror lag. The peaks are then taken from the series up to
// the loss, so the time since the loss does not pass for the worst lag.
import type { MirrorLive } from '../../worker/protocol';

export interface MirrorLagView {
  /** Before the loss (or now, without one): records behind and the oldest one's age. */
  lagRecords: number;
  lagSec: number;
  peakRecords: number;
  peakSec: number;
  /** After a failover: records never mirrored, the loss time, and how long ago the oldest was written. */
  stranded?: { records: number; atSec: number; oldestAgeSec: number };
}

export function mirrorLagView(
  id: string,
  live: MirrorLive,
  columns: readonly string[],
  rows: readonly (readonly number[])[],
): MirrorLagView {
  const f = live.failover;
  if (!f) {
    return {
      lagRecords: live.lagRecords.final,
      lagSec: live.lagSec.final,
      peakRecords: live.lagRecords.peak,
      peakSec: live.lagSec.peak,
    };
  }
  const recordsAt = columns.indexOf(`${id}.mirrorLag`);
  const secAt = columns.indexOf(`${id}.mirrorLagSec`);
  // Second t covers (t - 1, t]: the rows up to the loss, the last of them the lag just before it.
  const before = rows.filter((r) => (r[0] ?? 0) <= f.atSec);
  const last = before[before.length - 1];
  const peak = (i: number) => (i < 0 ? 0 : before.reduce((m, r) => Math.max(m, r[i] ?? 0), 0));
  return {
    lagRecords: last && recordsAt >= 0 ? (last[recordsAt] ?? 0) : 0,
    lagSec: last && secAt >= 0 ? (last[secAt] ?? 0) : 0,
    peakRecords: peak(recordsAt),
    peakSec: peak(secAt),
    stranded: { records: live.lagRecords.final, atSec: f.atSec, oldestAgeSec: live.lagSec.final },
  };
}
