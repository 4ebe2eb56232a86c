// A consumer group's mark: a hot partition is flagged when its member cannot keep up with it.
import { describe, expect, it } from 'vitest';
import { partitionTotals } from '../../core/engine/probe';
import { loadExample } from '../../core/testing/examples';
import { verdicts } from './verdictsForTests';

describe('hot partition of a consumer group', () => {
  it("flags the IoT example's hot partition and the member that reads it", () => {
    const doc = loadExample('iot-sensor-monitoring');
    const { verdicts: v, sim } = verdicts(doc, 40, 15);
    // Which partition is hot is measured independently of the detector: the one with the most records.
    const appended = partitionTotals(sim)
      .get('sensor-readings')!
      .map((p) => p.appended);
    const total = appended.reduce((a, b) => a + b, 0);
    const hot = appended.indexOf(Math.max(...appended));
    const share = appended[hot]! / total;
    // Zipf keys: far more than an even share (1/24) lands on one partition.
    expect(share).toBeGreaterThan(2 / 24);
    // Range assignment of 24 partitions to 6 members: member k reads partitions 4k to 4k+3.
    const member = Math.floor(hot / 4) + 1;
    for (const x of v) {
      const group = x.nodes['alerting'];
      expect(group, `at ${x.second} s`).toContain(`Member ${member} of 6 cannot keep up`);
      const named = /Partition (\d+) is hot: (\d+)% of the records in sensor-readings/.exec(group ?? '');
      expect(Number(named?.[1])).toBe(hot);
      // Its share over the last seconds, against the share over the whole run.
      expect(Math.abs(Number(named?.[2]) / 100 - share)).toBeLessThan(0.015);
      expect(x.nodes['sensor-readings']).toMatch(
        new RegExp(`^Partition ${hot} is hot: \\d+% of the records`),
      );
      // Busy all the time at 0.08 ms a record, a member processes at most 12,500 records/s.
      const processes = Number(/it processes about ([\d,]+)\/s/.exec(group ?? '')?.[1]?.replace(/,/g, ''));
      expect(processes).toBeLessThanOrEqual(12_500 * 1.03);
      const receives = Number(/receive about ([\d,]+) records\/s/.exec(group ?? '')?.[1]?.replace(/,/g, ''));
      expect(receives).toBeGreaterThan(processes);
    }
    // The Spark job reading the same topic is far from its limit: no mark.
    expect(v.every((x) => x.nodes['anomaly-detector'] === undefined)).toBe(true);
  });
});
