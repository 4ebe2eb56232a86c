// Broker faults: leader election from the ISR, acks semantics, min.insync.replicas, unclean
// election. Expected figures come from the rules (rate x time windows), not from runs.
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS } from '../../model/schema/faults';
import type { Fault, Pipeline } from '../../model/types';
import { LOST_STALE_LEADER, NOT_ENOUGH_REPLICAS, PARTITION_OFFLINE } from '../kafka/broker';
import { LOST_FAILOVER, LOST_UNCLEAN } from '../kafka/partition';
import { randomPipeline } from '../testing/randomPipeline';
import { FAST_BROKER, pipeline } from '../testing/pipelines';
import { Rng } from '../util/rng';
import { recordTotals } from './probe';
import { Simulation } from './simulation';

const RATE = 1000;
/** broker.session.timeout.ms default plus the assumed election time (costs.ts). */
const FENCE_MS = 9000 + 300;

function doc(o: {
  acks: 'all' | '1';
  rf: number;
  minIsr?: number;
  unclean?: boolean;
  faults: unknown[];
  deliveryMs?: number;
  requestTimeoutMs?: number;
}): Pipeline {
  return pipeline({
    version: 1,
    cluster: {
      networkLatencyMs: 0.25,
      brokers: ['b0', 'b1', 'b2'].map((id) => ({ id, hardware: FAST_BROKER })),
    },
    topics: [
      {
        id: 't',
        partitions: 1,
        replicationFactor: o.rf,
        config: {
          'min.insync.replicas': o.minIsr ?? 1,
          'unclean.leader.election.enable': o.unclean ?? false,
        },
      },
    ],
    producers: [
      {
        id: 'p',
        rate: { kind: 'constant', recordsPerSec: RATE },
        config: {
          acks: o.acks,
          'request.timeout.ms': o.requestTimeoutMs ?? 3000,
          'delivery.timeout.ms': o.deliveryMs ?? 120_000,
        },
      },
    ],
    consumerGroups: [{ id: 'g', members: 1, processing: { distribution: 'fixed', meanMs: 0.01 } }],
    edges: [
      { from: 'p', to: 't' },
      { from: 't', to: 'g' },
    ],
    faults: o.faults as Fault[],
    run: { seed: 7, durationSec: 60 },
  } as never);
}

function balance(sim: Simulation): void {
  const r = sim.summary().records;
  expect(r.produced).toBe(r.acknowledged + r.inFlight + r.refused + r.dropped + r.lost);
}

/** Records acknowledged in seconds (from, to] of the run. */
function ackedBetween(sim: Simulation, from: number, to: number): number {
  const { columns, rows } = sim.metrics.series();
  const c = columns.indexOf('p.acknowledged');
  return rows.filter((r) => r[0]! > from && r[0]! <= to).reduce((a, r) => a + r[c]!, 0);
}

describe('broker faults', () => {
  it('acks=all, RF 3, min.insync.replicas 2: the leader dies under load, nothing acknowledged is lost', () => {
    const sim = new Simulation(
      doc({ acks: 'all', rf: 3, minIsr: 2, faults: [{ kind: 'brokerDown', atSec: 10, broker: 'b0' }] }),
    );
    sim.runUntil(60_000);
    const s = sim.summary();
    expect(s.records.lost).toBe(0);
    expect(s.topics.t!.partitionStates[0]!.leader).toBe('b1');
    // After the election and one request timeout, the producer is back at its full rate.
    expect(ackedBetween(sim, 30, 60)).toBeGreaterThan(0.97 * RATE * 30);
    // And everything produced so far is acknowledged except the last moment's records.
    expect(s.records.acknowledged).toBeGreaterThan(s.records.produced - RATE);
    balance(sim);
  });

  it('acks=1: a leader cut off from its followers keeps acknowledging until fenced; the new leader lacks those', () => {
    const sim = new Simulation(
      doc({
        acks: '1',
        rf: 3,
        faults: [{ kind: 'networkPartition', atSec: 10, broker: 'b0', from: 'brokers' }],
      }),
    );
    sim.runUntil(40_000);
    const s = sim.summary();
    // Everything b0 acknowledged between the cut and its fencing is missing on the new leader.
    const expected = (RATE * FENCE_MS) / 1000;
    expect(s.records.lostReasons[LOST_FAILOVER]).toBeGreaterThan(0.95 * expected);
    expect(s.records.lostReasons[LOST_FAILOVER]).toBeLessThan(1.05 * expected);
    balance(sim);
    // The run's total (also what the worker sends live) is the sum of the producers' own losses.
    const perProducer = Object.values(s.producers).reduce((n, p) => n + p.lost, 0);
    expect(recordTotals(sim).lost).toBe(perProducer);
  });

  it('acks=all with the same cut loses nothing', () => {
    const sim = new Simulation(
      doc({
        acks: 'all',
        rf: 3,
        minIsr: 2,
        faults: [{ kind: 'networkPartition', atSec: 10, broker: 'b0', from: 'brokers' }],
      }),
    );
    sim.runUntil(40_000);
    expect(sim.summary().records.lost).toBe(0);
    expect(ackedBetween(sim, 30, 40)).toBeGreaterThan(0.97 * RATE * 10);
    balance(sim);
  });

  // A cut from the other brokers only: the producer still reaches b0, which hears nothing from the
  // controller and so goes on believing it leads the partition after it was fenced and replaced.
  const staleCut = [{ kind: 'networkPartition', atSec: 10, broker: 'b0', from: 'brokers', durationSec: 30 }];

  it('acks=1: a leader cut off from the cluster keeps acknowledging for the whole cut; all of it is lost', () => {
    const sim = new Simulation(doc({ acks: '1', rf: 3, faults: staleCut }));
    sim.runUntil(60_000);
    const s = sim.summary();
    // Until the fence: on b0's log, which the new leader b1 lacks (truncated at the election).
    const beforeFence = (RATE * FENCE_MS) / 1000;
    expect(s.records.lostReasons[LOST_FAILOVER]).toBeGreaterThan(0.95 * beforeFence);
    expect(s.records.lostReasons[LOST_FAILOVER]).toBeLessThan(1.05 * beforeFence);
    // From the fence to the heal (40 s), b0 still answers acks=1 writes: lost when it hears of b1.
    const afterFence = (RATE * (30_000 - FENCE_MS)) / 1000;
    expect(s.records.lostReasons[LOST_STALE_LEADER]).toBeGreaterThan(0.95 * afterFence);
    expect(s.records.lostReasons[LOST_STALE_LEADER]).toBeLessThan(1.05 * afterFence);
    // Once healed, b0 says it is not the leader and the producer moves to b1.
    expect(ackedBetween(sim, 45, 60)).toBeGreaterThan(0.97 * RATE * 15);
    expect(s.topics.t!.partitionStates[0]!.leader).toBe('b1');
    balance(sim);
  });

  it('acks=all: the same cut stalls the producer until request.timeout.ms, and loses nothing', () => {
    const sim = new Simulation(
      doc({ acks: 'all', rf: 3, minIsr: 2, requestTimeoutMs: 20_000, faults: staleCut }),
    );
    sim.runUntil(60_000);
    const s = sim.summary();
    expect(s.records.lost).toBe(0);
    // b0 takes the requests but can neither replicate them nor shrink its ISR: no answer, before or
    // after the fence, until the first request sent after the cut times out (10 s + 20 s).
    expect(ackedBetween(sim, 11, 29)).toBeLessThan(0.02 * RATE * 18);
    // Then the producer asks for metadata, finds b1 and sends what waited.
    expect(ackedBetween(sim, 35, 60)).toBeGreaterThan(0.97 * RATE * 25);
    balance(sim);
  });

  it('acks=all: when the cut heals before request.timeout.ms, the producer goes on at the heal', () => {
    const sim = new Simulation(
      doc({ acks: 'all', rf: 3, minIsr: 2, requestTimeoutMs: 60_000, faults: staleCut }),
    );
    sim.runUntil(60_000);
    expect(sim.summary().records.lost).toBe(0);
    // Nothing answers during the cut; at the heal (40 s, before any request times out) b0 hears of
    // b1, refuses what waited (NOT_LEADER_OR_FOLLOWER), and the producer sends it all to b1.
    expect(ackedBetween(sim, 11, 39)).toBeLessThan(0.02 * RATE * 28);
    expect(ackedBetween(sim, 42, 60)).toBeGreaterThan(0.97 * RATE * 18);
    balance(sim);
  });

  // b1 (the only follower) crashes at 5 s and leaves the ISR when fenced; the leader b0 dies at 20 s;
  // b1 is back at 25 s with only what it had at 5 s.
  const uncleanFaults = (b0DownSec?: number) => [
    { kind: 'brokerDown', atSec: 5, broker: 'b1', durationSec: 20 },
    { kind: 'brokerDown', atSec: 20, broker: 'b0', ...(b0DownSec ? { durationSec: b0DownSec } : {}) },
  ];

  it('unclean leader election: the out-of-sync replica leads and acknowledged records are lost', () => {
    const sim = new Simulation(doc({ acks: 'all', rf: 2, unclean: true, faults: uncleanFaults() }));
    sim.runUntil(60_000);
    const s = sim.summary();
    // What b0 acknowledged alone, from b1's crash to its own.
    const expected = RATE * (20 - 5);
    expect(s.records.lostReasons[LOST_UNCLEAN]).toBeGreaterThan(0.95 * expected);
    expect(s.records.lostReasons[LOST_UNCLEAN]).toBeLessThan(1.05 * expected);
    expect(s.topics.t!.partitionStates[0]!.leader).toBe('b1');
    expect(ackedBetween(sim, 45, 60)).toBeGreaterThan(0.97 * RATE * 15);
    balance(sim);
  });

  it('without unclean election the partition is offline, writes refused, until an in-sync replica returns', () => {
    const sim = new Simulation(
      doc({ acks: 'all', rf: 2, unclean: false, deliveryMs: 5000, faults: uncleanFaults(30) }),
    );
    sim.runUntil(60_000);
    const s = sim.summary();
    expect(s.records.lost).toBe(0);
    // b0 is fenced at 29.3 s and back (unfenced) at 52 s: the batches of that gap expire as refused.
    expect(s.records.refusedReasons[PARTITION_OFFLINE]).toBeGreaterThan(RATE * 10);
    const { columns, rows } = sim.metrics.series();
    const offline = columns.indexOf('t.offlinePartitions');
    expect(rows.find((r) => r[0] === 40)![offline]).toBe(1);
    expect(rows.find((r) => r[0] === 60)![offline]).toBe(0);
    expect(s.topics.t!.partitionStates[0]!.leader).toBe('b0');
    expect(ackedBetween(sim, 56, 60)).toBeGreaterThan(0.97 * RATE * 4);
    balance(sim);
  });

  it('refuses acks=all writes with NotEnoughReplicas when the ISR is below min.insync.replicas, losing none', () => {
    const sim = new Simulation(
      doc({
        acks: 'all',
        rf: 2,
        minIsr: 2,
        deliveryMs: 10_000,
        faults: [{ kind: 'brokerDown', atSec: 5, broker: 'b1' }],
      }),
    );
    sim.runUntil(60_000);
    const s = sim.summary();
    expect(s.records.lost).toBe(0);
    // From b1's fencing (ISR = {b0}) on, each batch is refused once delivery.timeout.ms is up.
    const refusedWindow = 60 - (5 + FENCE_MS / 1000) - 10;
    expect(s.records.refusedReasons[NOT_ENOUGH_REPLICAS]).toBeGreaterThan(0.95 * RATE * (refusedWindow - 1));
    expect(ackedBetween(sim, 20, 60)).toBe(0);
    expect(s.topics.t!.underReplicatedPartitions).toBe(1);
    balance(sim);
  });

  it('a returning follower catches up and rejoins the ISR', () => {
    const sim = new Simulation(
      doc({
        acks: 'all',
        rf: 3,
        minIsr: 2,
        faults: [{ kind: 'brokerDown', atSec: 5, broker: 'b2', durationSec: 10 }],
      }),
    );
    // Fenced (out of the ISR) at 5 + 9.3 s; back at 15 s, unfenced at 17 s, then it catches up.
    sim.runUntil(16_000);
    expect(sim.summary().topics.t!.partitionStates[0]!.isr).toEqual(['b0', 'b1']);
    sim.runUntil(40_000);
    expect(sim.summary().topics.t!.partitionStates[0]!.isr).toEqual(['b0', 'b1', 'b2']);
  });

  it('memberCrash, memberJoin and partitionCount change the run: rebalances, duplicates, new partitions', () => {
    const sim = new Simulation(
      doc({
        acks: 'all',
        rf: 3,
        faults: [
          { kind: 'memberJoin', atSec: 2, group: 'g' },
          { kind: 'memberCrash', atSec: 3, group: 'g' },
          { kind: 'partitionCount', atSec: 4, topic: 't', partitions: 4 },
        ],
      }),
    );
    sim.runUntil(60_000);
    const s = sim.summary();
    expect(s.topics.t!.partitions).toBe(4);
    // Placed as at creation: leaders continue round-robin over b0, b1, b2.
    expect(s.topics.t!.partitionStates.map((p) => p.leader)).toEqual(['b0', 'b1', 'b2', 'b0']);
    expect(s.topics.t!.partitionStates[3]!.isr).toEqual(['b0', 'b1', 'b2']);
    // The join's rebalance completes; the one for the new partitions waits for the crashed member
    // until its session expires (45 s), then completes with the survivor: two in all.
    expect(s.consumerGroups.g!.rebalances).toBe(2);
    expect(s.consumerGroups.g!.duplicates).toBeGreaterThan(0);
    // Everything appended after the crash was noticed is read (the survivor owns all four).
    expect(s.consumerGroups.g!.finalLag).toBeLessThan(RATE * 5.1);
    balance(sim);
  });

  it('slowDisk and producerSpike change the run; the spike multiplies the rate for its duration', () => {
    const sim = new Simulation(
      doc({
        acks: '1',
        rf: 3,
        faults: [
          { kind: 'producerSpike', atSec: 10, producer: 'p', factor: 3, durationSec: 5 },
          { kind: 'slowDisk', atSec: 2, broker: 'b1', factor: 100, durationSec: 5 },
        ],
      }),
    );
    sim.runUntil(20_000);
    expect(sim.summary().records.produced).toBeCloseTo(RATE * 20 + RATE * 2 * 5, -2);
  });
});

describe('faults and determinism', () => {
  const faults = [
    { kind: 'brokerDown', atSec: 4, broker: 'b0', durationSec: 15 },
    { kind: 'slowDisk', atSec: 2, broker: 'b2', factor: 50, durationSec: 10 },
    { kind: 'networkPartition', atSec: 22, broker: 'b1', from: 'all', durationSec: 12 },
    { kind: 'producerSpike', atSec: 30, producer: 'p', factor: 4, durationSec: 3 },
    { kind: 'memberJoin', atSec: 5, group: 'g', count: 2 },
    { kind: 'partitionCount', atSec: 6, topic: 't', partitions: 3 },
    { kind: 'memberCrash', atSec: 8, group: 'g', count: 1 },
  ];
  const d = doc({ acks: '1', rf: 3, unclean: true, faults });

  it('gives identical results however the run is sliced', () => {
    const whole = new Simulation(d);
    whole.runUntil(40_000);
    const sliced = new Simulation(d);
    const rng = new Rng(3);
    for (let t = 0; t < 40_000;) sliced.runUntil(Math.min(40_000, (t += rng.next() * 700)));
    sliced.runUntil(40_000);
    expect(sliced.summary()).toEqual(whole.summary());
    expect(sliced.metrics.series()).toEqual(whole.metrics.series());
  });

  it('a fault added during the run gives the same numbers as the same fault in the document', () => {
    const base = doc({ acks: '1', rf: 3, faults: [] });
    const live = new Simulation(base);
    live.runUntil(3_500);
    const added = faults.map((f) => live.addFault(f as Fault));
    live.runUntil(40_000);
    const replay = new Simulation(doc({ acks: '1', rf: 3, faults: added }));
    replay.runUntil(40_000);
    expect(live.summary()).toEqual(replay.summary());
    expect(live.metrics.series()).toEqual(replay.metrics.series());
  });
});

type BreakingKind = Exclude<
  (typeof FAULT_KINDS)[number],
  | 'addBroker'
  | 'reassignPartitions'
  | 'decommissionBroker'
  | 'zoneOutage'
  | 'producerCrash'
  | 'regionFailover'
>;

describe('accounting under random fault timelines', () => {
  it('balances for random pipelines and faults over many seeds', () => {
    let lost = 0;
    let duplicates = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const base = randomPipeline(seed);
      const rng = new Rng(seed * 7919);
      const modes = new Rng(seed * 31);
      const brokers = base.cluster.brokers.map((b) => b.id);
      // Every kind but the cluster-shaping ones (they have their own tests; they come last), so
      // each seed draws the timeline it always drew.
      const kinds = FAULT_KINDS.slice(0, 12) as readonly BreakingKind[];
      const faults: Fault[] = Array.from({ length: 1 + rng.uniformInt(4) }, () => {
        const kind = kinds[rng.uniformInt(kinds.length)]!;
        const atSec = rng.next() * 6;
        const broker = brokers[rng.uniformInt(brokers.length)]!;
        const durationSec = rng.next() < 0.3 ? undefined : 0.5 + rng.next() * 5;
        if (kind === 'producerSpike')
          return { kind, atSec, producer: 'p', factor: 1 + rng.next() * 4, durationSec: 2 };
        if (kind === 'memberCrash' || kind === 'memberJoin')
          return { kind, atSec, group: 'g', count: 1 + rng.uniformInt(2) };
        if (kind === 'partitionCount')
          return { kind, atSec, topic: 't', partitions: base.topics[0]!.partitions + 1 + rng.uniformInt(3) };
        if (kind === 'offsetReset') {
          const to = (['earliest', 'latest', 'offset', 'time', 'shiftBy'] as const)[rng.uniformInt(5)]!;
          if (to === 'offset') return { kind, atSec, group: 'g', to, offset: rng.uniformInt(2000) };
          if (to === 'time') return { kind, atSec, group: 'g', to, timestampSec: rng.next() * atSec };
          if (to === 'shiftBy') return { kind, atSec, group: 'g', to, shiftBy: rng.uniformInt(2000) - 1500 };
          return { kind, atSec, group: 'g', to };
        }
        if (kind === 'executorLoss')
          return { kind, atSec, job: 'j', count: 1 + rng.uniformInt(2), durationSec: 0.5 + rng.next() * 5 };
        if (kind === 'driverFailure') return { kind, atSec, job: 'j', durationSec: 0.5 + rng.next() * 5 };
        if (kind === 'addExecutors' || kind === 'removeExecutors')
          return { kind, atSec, job: 'j', count: 1 + rng.uniformInt(2) };
        if (kind === 'slowDisk') return { kind, atSec, broker, factor: 1 + rng.next() * 100, durationSec };
        if (kind === 'networkPartition')
          return {
            kind,
            atSec,
            broker,
            from: (['brokers', 'clients', 'all'] as const)[rng.uniformInt(3)]!,
            durationSec,
          };
        // Its own stream, so that the other draws stay as they were before brokerDown had modes.
        const mode = modes.next() < 0.5 ? ('processKilled' as const) : ('hostLost' as const);
        return { kind, atSec, broker, durationSec, mode };
      });
      const d = {
        ...base,
        cluster: {
          ...base.cluster,
          config: {
            ...base.cluster.config,
            'replica.lag.time.max.ms': 2000,
            'broker.session.timeout.ms': 1500,
          },
        },
        topics: base.topics.map((t) => ({
          ...t,
          config: { ...t.config, 'unclean.leader.election.enable': rng.next() < 0.5 },
        })),
        faults,
      };
      const sim = new Simulation({
        ...d,
        // Sessions short enough that crashes are noticed within the run.
        consumerGroups: d.consumerGroups.map((g) => ({
          ...g,
          config: { ...g.config, 'session.timeout.ms': 3000 },
        })),
      });
      for (const t of [2_500, 7_000, 15_000]) {
        sim.runUntil(t);
        const s = sim.summary();
        const r = s.records;
        expect(r.produced).toBe(r.acknowledged + r.inFlight + r.refused + r.dropped + r.lost);
        for (const p of sim.producers) {
          expect(p.sentRecords).toBeGreaterThanOrEqual(0);
          expect(p.accumulatedRecords).toBeGreaterThanOrEqual(0);
        }
        for (const reasons of [r.refusedReasons, r.droppedReasons, r.lostReasons])
          for (const n of Object.values(reasons)) expect(n).toBeGreaterThan(0);
        // Duplicates are extra processing: first-time records never exceed what the topic holds.
        for (const g of sim.groups) {
          expect(g.totalConsumed).toBeLessThanOrEqual(s.topics.t!.appended);
          expect(g.totalDuplicates).toBeGreaterThanOrEqual(0);
          expect(g.lagPerPartition()).toHaveLength(s.topics.t!.partitions);
        }
        for (const j of sim.jobs) {
          // A restarted driver processes records a second time: those are replays, not new input.
          expect(j.totalRecords - j.replayedRecords).toBeLessThanOrEqual(s.topics.t!.appended);
          expect(j.recordsTaken).toBe(j.totalRecords + j.recordsInFlight + j.recordsAbandoned);
        }
      }
      duplicates += sim.summary().records.duplicates;
      lost += sim.summary().records.lost;
    }
    // The timelines reach losing corners too (acks=1 and unclean elections), and duplicates.
    expect(lost).toBeGreaterThan(0);
    expect(duplicates).toBeGreaterThan(0);
  });
});
