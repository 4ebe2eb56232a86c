// Consumer groups: range assignment, idle members, lag per partition.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/simulation';
import { FAST_BROKER, pipeline } from '../testing/pipelines';
import { rangeAssign } from './assignment';

function groupDoc(members: number, partitions: number, meanMs: number) {
  return pipeline({
    version: 1,
    cluster: {
      brokers: [
        { id: 'b1', hardware: FAST_BROKER },
        { id: 'b2', hardware: FAST_BROKER },
      ],
    },
    topics: [{ id: 't', partitions, replicationFactor: 2 }],
    producers: [
      { id: 'p', rate: { kind: 'poisson', recordsPerSec: 4000 }, keys: { kind: 'uniform', count: 10_000 } },
    ],
    consumerGroups: [{ id: 'g', members, processing: { distribution: 'fixed', meanMs } }],
    edges: [
      { from: 'p', to: 't' },
      { from: 't', to: 'g' },
    ],
  });
}

describe('consumer group', () => {
  it("assigns ranges as Kafka's RangeAssignor does", () => {
    expect(rangeAssign(7, 3)).toEqual([
      [0, 1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(rangeAssign(2, 4)).toEqual([[0], [1], [], []]);
  });

  it('leaves members beyond the partition count idle', () => {
    const sim = new Simulation(groupDoc(6, 4, 0.1));
    sim.runUntil(10_000);
    const g = sim.summary().consumerGroups.g!;
    expect(g.idleMembers).toBe(2);
    expect(g.consumed).toBeGreaterThan(4000 * 9);
  });

  it('is capped by its members: more members than the load needs keep lag low, fewer fall behind', () => {
    // 4000 records/s at 0.5 ms each needs 2 busy members; 1 member can do 2000/s.
    const lag = (members: number) => {
      const sim = new Simulation(groupDoc(members, 4, 0.5));
      sim.runUntil(20_000);
      return sim.summary().consumerGroups.g!;
    };
    const one = lag(1);
    const four = lag(4);
    expect(one.recordsPerSec).toBeLessThan(2050);
    expect(one.finalLag).toBeGreaterThan(2000 * 15);
    expect(four.finalLag).toBeLessThan(4000 * 6); // bounded by the 5 s auto-commit interval
    expect(four.recordsPerSec).toBeGreaterThan(3800);
  });

  it('reports lag per partition that adds up to the total', () => {
    const sim = new Simulation(groupDoc(1, 4, 0.5));
    sim.runUntil(10_000);
    const group = sim.groups[0]!;
    const per = group.lagPerPartition();
    expect(per).toHaveLength(4);
    expect(per.reduce((a, b) => a + b, 0)).toBe(sim.summary().consumerGroups.g!.finalLag);
  });
});
