// Replay: an offsetReset stops the group, overwrites its committed offsets (clamped into what the
// log holds) and lets it read on from there. What it reads a second time is `replayed`, apart from
// crash duplicates and first-time consumption. Expected figures come from the producer's constant
// rate and the reset's rules (rate x seconds, offsets clamped at the log start), not from runs.
import { describe, expect, it } from 'vitest';
import { faultSchema } from '../../model/schema/faults';
import type { Fault, Pipeline } from '../../model/types';
import { GROUP_REBALANCE } from '../costs';
import { recordTotals } from '../engine/probe';
import { Simulation } from '../engine/simulation';
import { FAST_BROKER, pipeline } from '../testing/pipelines';

const RATE = 1000;
const RESET_SEC = 60;
const ROUND_MS = GROUP_REBALANCE.joinSyncRoundMs;

function doc(o: {
  faults: unknown[];
  partitions?: number;
  members?: number;
  retentionMs?: number;
  meanMs?: number;
  strategy?: 'range' | 'cooperative-sticky';
  sessionMs?: number;
}): Pipeline {
  return pipeline({
    version: 1,
    cluster: {
      networkLatencyMs: 0.25,
      config: { 'log.retention.check.interval.ms': 5000 },
      brokers: [{ id: 'b0', hardware: FAST_BROKER }],
    },
    topics: [
      {
        id: 't',
        partitions: o.partitions ?? 2,
        replicationFactor: 1,
        config: {
          // 1000-byte records: 50 per segment, so retention deletes in steps of 50 ms of traffic.
          'segment.bytes': 50_000,
          'retention.ms': o.retentionMs ?? -1,
        },
      },
    ],
    producers: [
      {
        id: 'p',
        recordBytes: 1000,
        // Evenly spaced arrivals: exactly RATE records per second.
        rate: { kind: 'constant', recordsPerSec: RATE },
        config: { acks: '1', 'linger.ms': 0 },
      },
    ],
    consumerGroups: [
      {
        id: 'g',
        members: o.members ?? 1,
        processing: { distribution: 'fixed', meanMs: o.meanMs ?? 0.01 },
        config: {
          'auto.offset.reset': 'earliest',
          'partition.assignment.strategy': o.strategy ?? 'range',
          'auto.commit.interval.ms': 5000,
          'session.timeout.ms': o.sessionMs ?? 45_000,
        },
      },
    ],
    edges: [
      { from: 'p', to: 't' },
      { from: 't', to: 'g' },
    ],
    faults: o.faults as Fault[],
    run: { seed: 3, durationSec: 90 },
  });
}

const reset = (extra: Record<string, unknown>) => ({
  kind: 'offsetReset',
  atSec: RESET_SEC,
  group: 'g',
  ...extra,
});

/**
 * Runs to just before the reset is applied (the members have stopped and committed, the join/sync
 * round is not over) and returns each partition's committed offset then, and the log start offsets.
 */
function atReset(sim: Simulation): { committed: number[]; logStart: number[] } {
  sim.runUntil(RESET_SEC * 1000 + ROUND_MS - 1);
  const g = sim.groups[0]!;
  return {
    committed: [...g.committed],
    logStart: g.partitions.map((p) => p.log.logStartOffset),
  };
}

const processedEnd = (sim: Simulation) => sim.groups[0]!.processedEnd.reduce((a, b) => a + b, 0);

function balances(sim: Simulation): void {
  const r = recordTotals(sim);
  expect(r.produced).toBe(r.acknowledged + r.inFlight + r.refused + r.dropped + r.lost);
  const appended = sim.summary().topics.t!.appended;
  const g = sim.groups[0]!;
  // A re-read record is consumed again, not produced again: first-time reads never exceed the log.
  expect(g.totalConsumed + g.totalExpiredUnread).toBeLessThanOrEqual(appended);
  expect(r.replayed).toBe(g.totalReplayed);
  expect(r.consumed).toBe(g.totalConsumed);
}

describe('offsetReset schema', () => {
  it('defaults to earliest and asks for the value its target needs, and only that', () => {
    const parsed = faultSchema.parse({ kind: 'offsetReset', atSec: 5, group: 'g' });
    expect(parsed).toEqual({ kind: 'offsetReset', atSec: 5, group: 'g', to: 'earliest' });
    expect(faultSchema.safeParse({ kind: 'offsetReset', atSec: 5, group: 'g', to: 'time' }).success).toBe(
      false,
    );
    expect(
      faultSchema.safeParse({ kind: 'offsetReset', atSec: 5, group: 'g', to: 'latest', offset: 3 }).success,
    ).toBe(false);
    expect(
      faultSchema.safeParse({ kind: 'offsetReset', atSec: 5, group: 'g', to: 'shiftBy', shiftBy: -10 })
        .success,
    ).toBe(true);
    expect(
      faultSchema.safeParse({ kind: 'offsetReset', atSec: 5, group: 'g', to: 'offset', offset: 1.5 }).success,
    ).toBe(false);
  });
});

describe('offset reset', () => {
  it('to earliest re-reads exactly what the group had consumed, as replayed, not duplicates', () => {
    const sim = new Simulation(doc({ faults: [reset({ to: 'earliest' })] }));
    const { committed } = atReset(sim);
    // A caught-up group has consumed (and committed on revoke) all but the last few ms of traffic.
    const before = committed.reduce((a, b) => a + b, 0);
    expect(before).toBeGreaterThan(RATE * RESET_SEC - 20);
    expect(before).toBeLessThanOrEqual(RATE * RESET_SEC);
    sim.runUntil(90_000);
    const s = sim.summary();
    const g = s.consumerGroups.g!;
    // No retention: the log starts at 0, so each partition replays [0, committed at the reset).
    expect(g.replayed).toBe(before);
    expect(s.records.replayed).toBe(before);
    expect(g.duplicates).toBe(0);
    expect(g.replays).toBe(1);
    // Consumed once each: every offset up to where the group has processed, nothing twice.
    expect(g.consumed).toBe(processedEnd(sim));
    expect(g.consumed).toBeGreaterThan(RATE * 90 - 50);
    balances(sim);
  });

  it('the replayed records stay out of the end-to-end latency', () => {
    const sim = new Simulation(doc({ faults: [reset({ to: 'earliest' })] }));
    sim.runUntil(90_000);
    const g = sim.summary().consumerGroups.g!;
    expect(g.latencyMs.records).toBe(g.consumed + g.duplicates);
    // A minute-old replayed record would make this a minute.
    expect(g.latencyMs.max).toBeLessThan(1000);
  });

  it('to a time re-reads the records produced since then: rate x (reset time - T)', () => {
    const sim = new Simulation(doc({ faults: [reset({ to: 'time', timestampSec: 30 })] }));
    const { committed } = atReset(sim);
    sim.runUntil(90_000);
    const g = sim.summary().consumerGroups.g!;
    // Arrivals are at 1, 2, 3... ms: 59 999 created before the reset at 60 s, all consumed by then.
    expect(committed.reduce((a, b) => a + b, 0)).toBe(RATE * RESET_SEC - 1);
    // Those created at or after 30 s, 30 000 of them, are read again.
    expect(g.replayed).toBe(RATE * (RESET_SEC - 30));
    expect(g.duplicates).toBe(0);
    balances(sim);
  });

  it('by a negative shift re-reads that many records per partition', () => {
    const sim = new Simulation(doc({ faults: [reset({ to: 'shiftBy', shiftBy: -5000 })] }));
    sim.runUntil(90_000);
    const g = sim.summary().consumerGroups.g!;
    expect(g.replayed).toBe(2 * 5000);
    expect(g.duplicates).toBe(0);
    balances(sim);
  });

  it('to an absolute offset clamps per partition into [log start, high watermark]', () => {
    // Offset 10 000 in both partitions (each holds about 30 000 at 60 s): 2 x (committed - 10 000).
    const sim = new Simulation(doc({ faults: [reset({ to: 'offset', offset: 10_000 })] }));
    const { committed } = atReset(sim);
    sim.runUntil(90_000);
    const expected = committed.reduce((a, c) => a + (c - 10_000), 0);
    expect(sim.summary().consumerGroups.g!.replayed).toBe(expected);
    // Past the end: each partition goes to its high watermark at the end of the stop, skipping only
    // what was produced while the group was stopped (one join/sync round).
    const far = new Simulation(doc({ faults: [reset({ to: 'offset', offset: 1e9 })] }));
    far.runUntil(90_000);
    const f = far.summary().consumerGroups.g!;
    expect(f.replayed).toBe(0);
    expect(f.resetSkipped).toBeGreaterThan((RATE * ROUND_MS) / 1000 - 10);
    expect(f.resetSkipped).toBeLessThanOrEqual((RATE * ROUND_MS) / 1000 + 10);
  });

  it('to latest skips the backlog of a slow group: counted as skipped, never as consumed', () => {
    // 1.5 ms per record at 1000/s: the group falls a third of the traffic behind.
    const slow = { meanMs: 1.5, faults: [reset({ to: 'latest' })] };
    const sim = new Simulation(doc(slow));
    sim.runUntil(RESET_SEC * 1000 - 1);
    const lagBefore = sim.groups[0]!.lagPerPartition().reduce((a, b) => a + b, 0);
    expect(lagBefore).toBeGreaterThan(RATE * 20);
    // The reset applies once the member has given its partitions up, which waits for the poll it is
    // busy with: at most max.poll.records x 1.5 ms after the join/sync round.
    const pollMs = 500 * 1.5;
    let t = RESET_SEC * 1000 + ROUND_MS;
    while (sim.groups[0]!.replays === 0 && t <= RESET_SEC * 1000 + ROUND_MS + pollMs) sim.runUntil((t += 1));
    const applied = t - RESET_SEC * 1000;
    expect(sim.groups[0]!.replays).toBe(1);
    const g = sim.summary().consumerGroups.g!;
    expect(g.finalLag).toBeLessThan(50);
    // Lag counts from the last commit (up to one auto-commit interval behind what was processed);
    // the skip also takes what was produced until the reset applied.
    expect(g.resetSkipped).toBeGreaterThan(lagBefore - RATE * 5);
    expect(g.resetSkipped).toBeLessThanOrEqual(lagBefore + (RATE * applied) / 1000);
    expect(g.replayed).toBe(0);
    sim.runUntil(90_000);
    const end = sim.summary().consumerGroups.g!;
    // Every offset the group has passed was either consumed once or skipped.
    expect(end.consumed + end.resetSkipped).toBe(processedEnd(sim));
    balances(sim);
  });

  it('with retention, clamps at the log start: deleted records cannot be replayed', () => {
    const sim = new Simulation(doc({ retentionMs: 20_000, faults: [reset({ to: 'earliest' })] }));
    const { committed, logStart } = atReset(sim);
    // Retention has deleted the oldest records (about 40 s of the 60).
    for (const s of logStart) expect(s).toBeGreaterThan(0);
    sim.runUntil(90_000);
    const g = sim.summary().consumerGroups.g!;
    const expected = committed.reduce((a, c, p) => a + (c - logStart[p]!), 0);
    expect(g.replayed).toBe(expected);
    // About 20 s of traffic (retention.ms), plus at most one check interval and a segment per partition.
    expect(g.replayed).toBeGreaterThan(RATE * 20 - 100);
    expect(g.replayed).toBeLessThan(RATE * 25 + 100);
    expect(g.expiredUnread).toBe(0);
    expect(g.duplicates).toBe(0);
    balances(sim);
  });

  it('cooperative-sticky groups with several members stop and replay the same way', () => {
    const sim = new Simulation(
      doc({ partitions: 4, members: 2, strategy: 'cooperative-sticky', faults: [reset({ to: 'earliest' })] }),
    );
    const { committed } = atReset(sim);
    sim.runUntil(90_000);
    const g = sim.summary().consumerGroups.g!;
    expect(g.replayed).toBe(committed.reduce((a, b) => a + b, 0));
    expect(g.duplicates).toBe(0);
    expect(g.idleMembers).toBe(0);
    balances(sim);
  });

  it('a crash during the replay: what is processed a third time is a duplicate, not a replay', () => {
    // The owner crashes 0.7 s into the replay (20 000 records/s), before its first auto commit
    // after the reset; the idle member takes over from the reset offset once the session expires.
    const faults = [reset({ to: 'earliest' }), { kind: 'memberCrash', atSec: RESET_SEC + 1, group: 'g' }];
    const sim = new Simulation(doc({ partitions: 1, members: 2, meanMs: 0.05, sessionMs: 6000, faults }));
    const { committed } = atReset(sim);
    sim.runUntil(90_000);
    const g = sim.summary().consumerGroups.g!;
    expect(g.replayed).toBe(committed[0]);
    const replayedBeforeCrash = (1000 - ROUND_MS) * 20;
    expect(g.duplicates).toBeGreaterThan(replayedBeforeCrash - 1000);
    expect(g.duplicates).toBeLessThanOrEqual(replayedBeforeCrash);
    expect(g.consumed).toBe(processedEnd(sim));
    balances(sim);
  });

  it('is deterministic, and a reset added during the run matches the document holding it', () => {
    const faults = [reset({ to: 'time', timestampSec: 10 })];
    const a = new Simulation(doc({ faults }));
    const b = new Simulation(doc({ faults }));
    a.runUntil(90_000);
    b.runUntil(90_000);
    expect(a.summary()).toEqual(b.summary());
    expect(a.metrics.series()).toEqual(b.metrics.series());

    // The group keeps its history because the document already resets it; a second reset joins live.
    const second = { kind: 'offsetReset', atSec: 75, group: 'g', to: 'shiftBy', shiftBy: -3000 } as Fault;
    const live = new Simulation(doc({ faults }));
    live.runUntil(70_000);
    expect(live.addFault(second)).toEqual(second);
    live.runUntil(90_000);
    const whole = new Simulation(doc({ faults: [...faults, second] }));
    whole.runUntil(90_000);
    expect(live.summary()).toEqual(whole.summary());
    expect(live.summary().consumerGroups.g!.replays).toBe(2);
  });
});
