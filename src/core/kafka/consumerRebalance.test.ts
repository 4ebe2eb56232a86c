// Consumer group faults: crashes noticed after session.timeout.ms, records processed past the last
// commit processed again (duplicates), eager and cooperative rebalances, partitions added. Expected
// figures come from the rules (rate x time since the last commit, round lengths), not from runs.
import { describe, expect, it } from 'vitest';
import type { Fault, Pipeline } from '../../model/types';
import { GROUP_REBALANCE } from '../costs';
import { recordTotals } from '../engine/probe';
import { Simulation } from '../engine/simulation';
import { FAST_BROKER, pipeline, sparkPipeline } from '../testing/pipelines';
import { rangeAssign, roundRobinAssign, stickyAssign } from './assignment';

const RATE = 1000;
const ROUND_MS = GROUP_REBALANCE.joinSyncRoundMs;

function doc(o: {
  partitions: number;
  members: number;
  rate?: number;
  strategy?: 'range' | 'roundrobin' | 'cooperative-sticky';
  autoCommit?: boolean;
  faults: unknown[];
}): Pipeline {
  return pipeline({
    version: 1,
    cluster: { networkLatencyMs: 0.25, brokers: [{ id: 'b0', hardware: FAST_BROKER }] },
    topics: [{ id: 't', partitions: o.partitions, replicationFactor: 1 }],
    producers: [
      {
        id: 'p',
        rate: { kind: 'constant', recordsPerSec: o.rate ?? RATE },
        keys: { kind: 'uniform', count: 10_000 },
        config: { acks: '1', 'linger.ms': 5 },
      },
    ],
    consumerGroups: [
      {
        id: 'g',
        members: o.members,
        processing: { distribution: 'fixed', meanMs: 0.01 },
        config: {
          'partition.assignment.strategy': o.strategy ?? 'range',
          'enable.auto.commit': o.autoCommit ?? true,
          'auto.commit.interval.ms': 5000,
        },
      },
    ],
    edges: [
      { from: 'p', to: 't' },
      { from: 't', to: 'g' },
    ],
    faults: o.faults as Fault[],
    run: { seed: 11, durationSec: 90 },
  } as never);
}

describe('assignors', () => {
  it('round-robin deals partitions in turn; sticky keeps what it can and moves only the surplus', () => {
    expect(roundRobinAssign(5, 2)).toEqual([
      [0, 2, 4],
      [1, 3],
    ]);
    // A third member joins [0,1] / [2,3]: the first keeps both (it owned the most), one moves.
    expect(stickyAssign(4, [[0, 1], [2, 3], []])).toEqual([[0, 1], [2], [3]]);
    // A member left: its partitions go to the least loaded.
    expect(
      stickyAssign(6, [
        [0, 1],
        [4, 5],
      ]),
    ).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(stickyAssign(3, [[], [], [], []])).toEqual([[0], [1], [2], []]);
    expect(rangeAssign(4, 3)).toEqual([[0, 1], [2], [3]]);
  });
});

describe('member crash', () => {
  // One member crashes at 12.5 s; a replacement joins at 13 s. The coordinator waits for the crashed
  // member until its session expires (45 s default), then the replacement reads from the last commit.
  const crashAt = 12.5;
  const faults = [
    { kind: 'memberCrash', atSec: crashAt, group: 'g' },
    { kind: 'memberJoin', atSec: 13, group: 'g' },
  ];

  it('with auto commit, processes again what was processed since the last commit: the duplicates', () => {
    const sim = new Simulation(doc({ partitions: 1, members: 1, faults }));
    const sessionEnd = crashAt * 1000 + 45_000;
    sim.runUntil(sessionEnd - 1);
    expect(sim.groups[0]!.members[1]!.processed).toBe(0);
    sim.runUntil(80_000);
    const g = sim.summary().consumerGroups.g!;
    // Auto commit every 5 s from the start: the last commit before the crash was at 10 s, so the
    // records produced in 10..12.5 s were processed and not committed (a few ms of fetch delay aside).
    const expected = RATE * (crashAt - 10);
    expect(g.duplicates).toBeGreaterThan(expected - 30);
    expect(g.duplicates).toBeLessThan(expected + 30);
    expect(sim.groups[0]!.members[1]!.processed).toBeGreaterThan(RATE * 20);
    // Duplicates are extra processing, not extra records.
    const s = sim.summary();
    expect(g.consumed).toBeLessThanOrEqual(s.topics.t!.appended);
    expect(g.consumed).toBeGreaterThan(s.topics.t!.appended - RATE);
    expect(s.records.produced).toBe(s.records.acknowledged + s.records.inFlight + s.records.refused);
    expect(recordTotals(sim).duplicates).toBe(g.duplicates);
    const { columns, rows } = sim.metrics.series();
    const c = columns.indexOf('g.duplicates');
    expect(rows.reduce((a, r) => a + r[c]!, 0)).toBe(g.duplicates);
    // The duplicates are processed right after the replacement is assigned its partition.
    const second = Math.ceil((sessionEnd + ROUND_MS) / 1000);
    expect(rows.find((r) => r[0] === second)![c]).toBe(g.duplicates);
  });

  it('committing after processing leaves nothing to process again', () => {
    const sim = new Simulation(doc({ partitions: 1, members: 1, autoCommit: false, faults }));
    sim.runUntil(80_000);
    const g = sim.summary().consumerGroups.g!;
    expect(g.duplicates).toBe(0);
    expect(g.consumed).toBeGreaterThan(RATE * 75);
  });

  it('lag grows while the crashed member holds its partition, and comes back down after the rebalance', () => {
    const sim = new Simulation(doc({ partitions: 1, members: 1, faults }));
    sim.runUntil(50_000);
    // Nothing committed since 10 s.
    const lag = sim.groups[0]!.lagPerPartition()[0]!;
    expect(lag).toBeGreaterThan(RATE * 39);
    expect(lag).toBeLessThan(RATE * 41);
    sim.runUntil(80_000);
    expect(sim.groups[0]!.lagPerPartition()[0]!).toBeLessThan(RATE * 5.1);
  });
});

describe('more members than partitions', () => {
  it('the extra members idle; added partitions put them to work after the rebalance', () => {
    const sim = new Simulation(
      doc({
        partitions: 2,
        members: 4,
        faults: [{ kind: 'partitionCount', atSec: 10, topic: 't', partitions: 4 }],
      }),
    );
    sim.runUntil(9_999);
    const group = sim.groups[0]!;
    expect(group.idleMembers).toBe(2);
    expect(group.members[2]!.processed).toBe(0);
    expect(group.members[3]!.processed).toBe(0);
    sim.runUntil(20_000);
    expect(group.idleMembers).toBe(0);
    expect(sim.summary().topics.t!.partitions).toBe(4);
    // Keyed records now spread over four partitions: each new member gets about a quarter.
    for (const m of [2, 3]) expect(group.members[m]!.processed).toBeGreaterThan(0.2 * RATE * 9);
    expect(group.lagPerPartition()).toHaveLength(4);
  });
});

describe('eager and cooperative rebalances', () => {
  // Four partitions, two members (two each); a third joins at 10 s. Range revokes everything for a
  // round; cooperative-sticky moves one partition and keeps consuming the other three.
  const consumedDuring = (strategy: 'range' | 'cooperative-sticky') => {
    const sim = new Simulation(
      doc({
        partitions: 4,
        members: 2,
        rate: 4000,
        strategy,
        faults: [{ kind: 'memberJoin', atSec: 10, group: 'g' }],
      }),
    );
    // Members finish the poll they are processing (a few ms) before giving their partitions up.
    sim.runUntil(10_020);
    const before = sim.groups[0]!.totalConsumed;
    sim.runUntil(10_000 + ROUND_MS - 5);
    const during = sim.groups[0]!.totalConsumed - before;
    sim.runUntil(20_000);
    return { during, sim };
  };

  it('eager (range): the whole group stops for the round', () => {
    const { during, sim } = consumedDuring('range');
    expect(during).toBe(0);
    expect(sim.groups[0]!.members[2]!.processed).toBeGreaterThan(0.2 * 4000 * 9);
    expect(sim.summary().consumerGroups.g!.duplicates).toBe(0);
  });

  it('cooperative-sticky: the partitions that stay keep being consumed', () => {
    const { during, sim } = consumedDuring('cooperative-sticky');
    // Three of four partitions stay: about 3000 records/s over the window.
    const window = (ROUND_MS - 25) / 1000;
    expect(during).toBeGreaterThan(0.75 * 4000 * window * 0.8);
    expect(sim.groups[0]!.members[2]!.processed).toBeGreaterThan(0.2 * 4000 * 9);
    expect(sim.groups[0]!.members.map((m) => m.owned.length)).toEqual([2, 1, 1]);
  });
});

describe('added partitions and Spark', () => {
  it('a Spark job reads the new partitions from its next batch on', () => {
    const d = sparkPipeline({ ratePerSec: 2000, partitions: 2, costPerRecordUs: 10 });
    const sim = new Simulation({
      ...d,
      faults: [{ kind: 'partitionCount', atSec: 5.5, topic: 't', partitions: 4 }],
    });
    sim.runUntil(20_000);
    const job = sim.jobs[0]!;
    const appended = sim.topics.get('t')!.partitions.map((p) => p.totalAppended);
    // Keyed records spread over all four partitions after 5.5 s: about 500/s on each new one.
    expect(appended[2]).toBeGreaterThan(500 * 14 * 0.8);
    expect(job.lagPerPartition()).toHaveLength(4);
    // Everything but the last batch interval is read, the new partitions included.
    const total = appended.reduce((a, b) => a + b, 0);
    expect(job.totalRecords).toBeGreaterThan(total - 2000 * 1.5);
    expect(job.totalRecords).toBeLessThanOrEqual(total);
  });
});
