// The series columns that say where a pipeline is limited, checked against what they must add up to.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/simulation';
import { FAST_BROKER, pipeline, sparkPipeline } from '../testing/pipelines';

const doc = pipeline({
  version: 1,
  cluster: {
    networkLatencyMs: 0.2,
    brokers: ['b1', 'b2', 'b3'].map((id) => ({ id, hardware: FAST_BROKER })),
  },
  topics: [{ id: 't', partitions: 6, replicationFactor: 3 }],
  producers: [
    {
      id: 'p',
      rate: { kind: 'poisson', recordsPerSec: 6000 },
      recordBytes: 200,
      keys: { kind: 'uniform', count: 10_000 },
      config: { acks: '1' },
    },
  ],
  consumerGroups: [{ id: 'g', members: 3, processing: { distribution: 'fixed', meanMs: 0.05 } }],
  edges: [
    { from: 'p', to: 't' },
    { from: 't', to: 'g' },
  ],
  faults: [{ kind: 'brokerDown', atSec: 5, broker: 'b1', durationSec: 10 }],
  run: { seed: 3, durationSec: 20 },
});

describe('health columns', () => {
  const sim = new Simulation(doc);
  sim.runUntil(20_000);
  const { columns, rows } = sim.metrics.series();
  const col = (name: string): number[] => {
    const i = columns.indexOf(name);
    expect(i, name).toBeGreaterThanOrEqual(0);
    return rows.map((r) => r[i]!);
  };
  const range6 = [0, 1, 2, 3, 4, 5];

  it("splits each second's appends by partition", () => {
    const parts = range6.map((i) => col(`t.appended.p${i}`));
    col('t.appended').forEach((total, s) => expect(parts.reduce((a, p) => a + p[s]!, 0)).toBe(total));
    // Uniform keys: every partition gets records.
    for (const p of parts) expect(p.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it("says who owns each partition (Kafka's range assignor: two each, in order) and what each member processed", () => {
    expect(range6.map((i) => col(`g.owner.p${i}`)[3])).toEqual([0, 0, 1, 1, 2, 2]);
    const members = [0, 1, 2].map((k) => col(`g.member${k}.processed`));
    col('g.consumed').forEach((consumed, s) => expect(members.reduce((a, m) => a + m[s]!, 0)).toBe(consumed));
  });

  it('marks the broker down from 5 s to 15 s, and the partitions it led as leaderless until they move', () => {
    const down = col('b1.down');
    rows.forEach((r, s) => expect(down[s], `second ${r[0]}`).toBe(r[0]! >= 5 && r[0]! < 15 ? 1 : 0));
    expect(col('b2.down').every((v) => v === 0)).toBe(true);
    expect(col('b1.cutOff').every((v) => v === 0)).toBe(true);
    const leaderless = col('t.leaderless');
    // 6 partitions led evenly by 3 brokers: b1 led 2. The controller takes several seconds to notice.
    expect(leaderless[3]).toBe(0);
    expect(leaderless[5]).toBe(2);
    expect(leaderless[19]).toBe(0);
  });

  it("gives a Spark job's slowest and median first-stage task in the seconds its batches completed", () => {
    const s = new Simulation(
      sparkPipeline({ ratePerSec: 4000, costPerRecordUs: 100, cores: 2, durationSec: 10 }),
    );
    s.runUntil(10_000);
    const series = s.metrics.series();
    const at = (name: string) => series.rows.map((r) => r[series.columns.indexOf(name)]!);
    const batches = at('job.batches');
    const slowest = at('job.slowestTaskMs');
    const median = at('job.medianTaskMs');
    batches.forEach((n, i) => {
      if (n === 0) expect(slowest[i]).toBe(0);
      else {
        // 4 partitions of about 1,000 records at 100 us: about 100 ms a task.
        expect(slowest[i]).toBeGreaterThan(80);
        expect(slowest[i]).toBeLessThan(200);
        expect(median[i]).toBeLessThanOrEqual(slowest[i]!);
      }
    });
    expect(batches.filter((n) => n > 0).length).toBeGreaterThan(5);
  });
});
