// Consumer groups: range assignment, idle members, lag per partition.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/simulation';
import { FAST_BROKER, pipeline } from '../testing/pipelines';
import { recordTotals } from '../engine/probe';
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

describe('records of a long poll count as consumed when each is done', () => {
  // Fetches wait for 1 MiB or 2 s, so each poll takes about 400 records (200/s for 2 s) and
  // processes them one after another at 4 ms each: 1.6 s for the poll, 250 records a second.
  function longPolls() {
    return pipeline({
      version: 1,
      cluster: { brokers: [{ id: 'b1', hardware: FAST_BROKER }] },
      topics: [{ id: 't', partitions: 1, replicationFactor: 1 }],
      producers: [{ id: 'p', rate: { recordsPerSec: 200 } }],
      consumerGroups: [
        {
          id: 'g',
          members: 1,
          processing: { distribution: 'fixed', meanMs: 4 },
          config: { 'fetch.min.bytes': 1_048_576, 'fetch.max.wait.ms': 2000 },
        },
      ],
      edges: [
        { from: 'p', to: 't' },
        { from: 't', to: 'g' },
      ],
      run: { durationSec: 30 },
    });
  }

  it('never counts more in a second than the member can process in one (1000 / 4 ms = 250)', () => {
    const sim = new Simulation(longPolls());
    sim.runUntil(30_000);
    const { columns, rows } = sim.metrics.series();
    const c = columns.indexOf('g.consumed');
    const perSecond = rows.slice(3).map((r) => r[c]!);
    // Counted at the poll's end, a whole poll (about 400) would land in one second.
    expect(Math.max(...perSecond)).toBeLessThanOrEqual(251);
    // The poll runs over into the next second: its records are split between the two.
    expect(perSecond.filter((n) => n > 100 && n < 240).length).toBeGreaterThan(5);
    // Nothing is counted twice or dropped: the series adds up to the total.
    const total = rows.reduce((a, r) => a + r[c]!, 0);
    expect(total).toBe(sim.summary().consumerGroups.g!.consumed);
  });

  it('counts the records finished so far when read between ticks, and never more than were produced', () => {
    const sim = new Simulation(longPolls());
    let previous = 0;
    for (let t = 2_000; t <= 12_000; t += 37) {
      sim.runUntil(t);
      const totals = recordTotals(sim);
      expect(totals.consumed).toBeGreaterThanOrEqual(previous);
      expect(totals.consumed).toBeLessThanOrEqual(totals.produced);
      previous = totals.consumed;
    }
    // Mid-poll readings must see partial progress: over a 1.6 s poll, at 37 ms steps, the count
    // rises by about 9 records a step (37 / 4) instead of jumping by a whole poll.
    const sim2 = new Simulation(longPolls());
    const steps: number[] = [];
    let last = 0;
    for (let t = 2_000; t <= 12_000; t += 37) {
      sim2.runUntil(t);
      const now = recordTotals(sim2).consumed;
      steps.push(now - last);
      last = now;
    }
    expect(Math.max(...steps.slice(1))).toBeLessThanOrEqual(Math.ceil(37 / 4) + 1);
  });
});
