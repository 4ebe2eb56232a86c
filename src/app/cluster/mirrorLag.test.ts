// The mirror's lag as told after a region failover: the figures before the loss, and what was left
// behind with the time since the loss named as such.
import { describe, expect, it } from 'vitest';
import type { MirrorLive } from '../../worker/protocol';
import { mirrorLagView } from './mirrorLag';

const base: MirrorLive = {
  tasks: 1,
  mirrored: 1000,
  lagRecords: { final: 1700, peak: 1900 },
  lagSec: { final: 0.09, peak: 0.1 },
  workerRecordsPerSec: 70_000,
  linkRecordsPerSec: 200_000,
  link: { latencyMs: 40, bandwidthMBps: 100, crossedGB: 1 },
  checkpointsEmitted: 2,
  failover: null,
};

const columns = ['second', 'mm.mirrorLag', 'mm.mirrorLagSec'];
// Seconds 1-3 before the loss at 3 s, then 4-5 with 36 records stranded and their age growing.
const rows = [
  [1, 1500, 0.08],
  [2, 1900, 0.11],
  [3, 1600, 0.09],
  [4, 36, 1.0],
  [5, 36, 2.0],
];

describe('mirrorLagView', () => {
  it("without a failover is the engine's figures", () => {
    expect(mirrorLagView('mm', base, columns, rows)).toEqual({
      lagRecords: 1700,
      lagSec: 0.09,
      peakRecords: 1900,
      peakSec: 0.1,
    });
  });

  it('after a failover: the lag up to the loss, and the stranded records with their age apart', () => {
    const live: MirrorLive = {
      ...base,
      lagRecords: { final: 36, peak: 1900 },
      lagSec: { final: 2.0, peak: 2.0 },
      failover: { atSec: 3, unmirroredRecords: 36, groups: {} },
    };
    expect(mirrorLagView('mm', live, columns, rows)).toEqual({
      // The row of second 3 is the last before the loss; peaks over seconds 1-3 only.
      lagRecords: 1600,
      lagSec: 0.09,
      peakRecords: 1900,
      peakSec: 0.11,
      stranded: { records: 36, atSec: 3, oldestAgeSec: 2.0 },
    });
  });
});
