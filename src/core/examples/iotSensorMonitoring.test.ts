// "Device ids follow a Zipf distribution (exponent 1.1), so a handful of chatty devices dominate and
// the partitions their keys hash to run hot: compare the per-partition lag of the alerting consumer
// group, whose members own fixed partition ranges: the member that owns the hottest partition
// cannot keep up, so lag grows without bound on its partitions only, while the other members have
// time to spare. It shows data skew: the cluster has room to spare, yet one partition, one consumer
// and one Spark task carry far more than their share."
import { describe, expect, it } from 'vitest';
import { partitionTotals } from '../engine/probe';
import { loadExample, runFor, seriesColumn } from '../testing/examples';

const NAME = 'iot-sensor-monitoring';
const PARTITIONS = 24;
/** Zipf keys, exponent 1.1 over 50,000 devices: the first key's share is 1 / sum(k^-1.1) = 13.9%. */
const HOT_KEY_SHARE = 0.139;

describe(NAME, () => {
  const sim = runFor(loadExample(NAME), 60);
  const appended = partitionTotals(sim)
    .get('sensor-readings')!
    .map((p) => p.appended);
  const total = appended.reduce((a, b) => a + b, 0);
  const hot = appended.indexOf(Math.max(...appended));
  const group = sim.groups[0]!;
  // Range assignment, 4 partitions a member: the member reading partition p is p / 4.
  const hotMember = Math.floor(hot / 4);

  it('runs one partition hot: at least the chattiest device’s share, over three times an even one', () => {
    expect(appended[hot]! / total).toBeGreaterThan(HOT_KEY_SHARE);
    expect(appended[hot]! / total).toBeGreaterThan(3 / PARTITIONS);
  });

  it('overloads the member that reads it: lag grows on its partitions only', () => {
    expect(group.owner[hot]).toBe(hotMember);
    const lagOf = (members: (m: number) => boolean, second: number) => {
      let lag = 0;
      for (let p = 0; p < PARTITIONS; p++)
        if (members(Math.floor(p / 4))) lag += seriesColumn(sim, `alerting.lag.p${p}`)[second - 1]!;
      return lag;
    };
    const isHot = (m: number) => m === hotMember;
    // Without bound: it keeps growing from 20 s to 40 s to 60 s.
    const [at20, at40, at60] = [20, 40, 60].map((s) => lagOf(isHot, s));
    expect(at40!).toBeGreaterThan(at20! + 5000);
    expect(at60!).toBeGreaterThan(at40! + 5000);
    // The other members keep up: their lag does not grow (committed lag saw-tooths; compare floors).
    const others = [40, 45, 50, 55, 60].map((s) => lagOf((m) => !isHot(m), s));
    const earlier = [20, 25, 30, 35].map((s) => lagOf((m) => !isHot(m), s));
    expect(Math.min(...others)).toBeLessThan(Math.max(...earlier) * 1.2);
    // It processes far more than the others, who have time to spare.
    const processed = group.members.map((m) => m.processed).sort((a, b) => a - b);
    expect(group.members[hotMember]!.processed).toBe(processed[processed.length - 1]);
    expect(group.members[hotMember]!.processed).toBeGreaterThan(1.5 * processed[processed.length / 2]!);
  });

  it('makes one Spark task long while the cluster has room to spare', () => {
    const decode = sim.jobs[0]!.lastStages[0]!;
    expect(decode.slowestTaskMs).toBeGreaterThan(2 * decode.medianTaskMs);
    const s = sim.summary();
    for (const [id, b] of Object.entries(s.brokers))
      for (const use of [b.cpu, b.networkIn, b.networkOut, b.disk]) expect(use, id).toBeLessThan(0.5);
  });
});
