// Racks and zones: rack-aware placement (Kafka's rack-alternated assignment), a zone outage with
// replicas spread over zones and with two of them in the lost zone, the bytes that cross zones,
// and consumers fetching from a follower in their own rack.
import { describe, expect, it } from 'vitest';
import type { Fault, Pipeline } from '../../model/types';
import { placeReplicas, rackAlternated } from '../engine/placement';
import { Simulation } from '../engine/simulation';
import { FAST_BROKER, pipeline } from '../testing/pipelines';

describe('rack-aware placement', () => {
  it('lists brokers alternating between racks, and gives each partition one replica per rack', () => {
    // Racks a: 0, 1; b: 2, 3; c: 4, 5 -> taken one per rack in turn: 0, 2, 4, 1, 3, 5.
    const racks = ['a', 'a', 'b', 'b', 'c', 'c'];
    expect(rackAlternated([0, 1, 2, 3, 4, 5], racks)).toEqual([0, 2, 4, 1, 3, 5]);
    const placement = placeReplicas(0, 12, 3, 6, racks);
    for (const replicas of placement) expect(new Set(replicas.map((b) => racks[b])).size).toBe(3);
    // Leaders go round the alternated list: every broker leads 12 / 6 = 2 partitions.
    const leads = [0, 0, 0, 0, 0, 0];
    for (const r of placement) leads[r[0]!]!++;
    expect(leads).toEqual([2, 2, 2, 2, 2, 2]);
    // Partition 0 as Kafka's assignment gives it with start index and shift 0: the leader first in
    // the list, then the next broker of an unused rack along it.
    expect(placement[0]).toEqual([0, 2, 4]);
  });

  it('with fewer racks than replicas, a rack holds two only once every rack holds one', () => {
    const racks = ['a', 'a', 'b', 'b'];
    for (const replicas of placeReplicas(1, 8, 3, 4, racks)) {
      expect(new Set(replicas).size).toBe(3);
      expect(new Set(replicas.map((b) => racks[b])).size).toBe(2);
    }
  });

  it('without racks on every broker nothing changes: the round-robin placement', () => {
    expect(placeReplicas(0, 3, 2, 3)).toEqual([
      [0, 1],
      [1, 2],
      [2, 0],
    ]);
  });
});

/** Six brokers in three zones, two each; one partition, RF 3, acks=all, min.insync.replicas 2. */
function zoneDoc(faults: unknown[], unclean = true): Pipeline {
  return pipeline({
    version: 1,
    cluster: {
      networkLatencyMs: 0.25,
      brokers: ['a', 'a', 'b', 'b', 'c', 'c'].map((rack, i) => ({
        id: `b${i}`,
        rack,
        hardware: FAST_BROKER,
      })),
    },
    topics: [
      {
        id: 't',
        partitions: 1,
        replicationFactor: 3,
        config: { 'min.insync.replicas': 2, 'unclean.leader.election.enable': unclean },
      },
    ],
    producers: [
      {
        id: 'p',
        rate: { kind: 'constant', recordsPerSec: 1000 },
        recordBytes: 100,
        config: { acks: 'all', 'request.timeout.ms': 3000 },
      },
    ],
    consumerGroups: [{ id: 'g', members: 1, processing: { distribution: 'fixed', meanMs: 0.01 } }],
    edges: [
      { from: 'p', to: 't' },
      { from: 't', to: 'g' },
    ],
    faults: faults as Fault[],
    run: { seed: 3, durationSec: 90 },
  } as never);
}

describe('a zone outage', () => {
  // The same sequence for both placements: the replica in zone b is cut off from the other brokers
  // at 5 s, so after replica.lag.time.max.ms (30 s) the leader drops it from the ISR and acks=all
  // writes go on with the other two (min.insync.replicas 2 holds). Zone a is lost at 45 s for good;
  // the cut heals at 50 s. The controller fences zone a at 45 + 9.3 s and elects.
  const faults = [
    { kind: 'networkPartition', atSec: 5, broker: 'b2', from: 'brokers', durationSec: 45 },
    { kind: 'zoneOutage', atSec: 45, rack: 'a' },
  ];

  it('RF 3 over three zones loses no acknowledged record; two replicas in the lost zone do', () => {
    // Rack-aware: replicas b0 (a), b2 (b), b4 (c). The ISR at the outage is {b0, b4}; b4, in sync,
    // becomes leader with every acknowledged record. With min.insync.replicas 2 and one replica in
    // sync, writes are refused (not lost) until b2 catches up... from b4.
    const aware = new Simulation(zoneDoc(faults));
    expect(aware.topics.get('t')!.partitions[0]!.replicas).toEqual([0, 2, 4]);
    aware.runUntil(90_000);
    const a = aware.summary().records;
    expect(a.lost).toBe(0);
    expect(aware.topics.get('t')!.partitions[0]!.leader).toBe(4);

    // Rack-unaware on the same brokers: replicas b0, b1 (both zone a) and b2, placed by a plan at
    // 0 s (as a round-robin placement over brokers listed zone by zone would). The ISR at the
    // outage is {b0, b1}: both go, and the only live replica, b2, is 40 s behind. The unclean
    // election the topic allows makes it leader and cuts the log back: acknowledged records lost.
    const unaware = new Simulation(
      zoneDoc([
        {
          kind: 'reassignPartitions',
          atSec: 0,
          plan: [{ topic: 't', partition: 0, replicas: ['b0', 'b1', 'b2'] }],
        },
        ...faults,
      ]),
    );
    unaware.runUntil(3_000);
    expect(unaware.topics.get('t')!.partitions[0]!.replicas).toEqual([0, 1, 2]);
    unaware.runUntil(90_000);
    const u = unaware.summary().records;
    // About 40 s of writes at 1,000 a second were acknowledged by b0 and b1 alone.
    expect(u.lost).toBeGreaterThan(30_000);
    expect(u.lost).toBeLessThan(50_000);
    expect(unaware.topics.get('t')!.partitions[0]!.leader).toBe(2);
  });

  it('without unclean elections the rack-unaware partition goes offline instead', () => {
    const sim = new Simulation(
      zoneDoc(
        [
          {
            kind: 'reassignPartitions',
            atSec: 0,
            plan: [{ topic: 't', partition: 0, replicas: ['b0', 'b1', 'b2'] }],
          },
          ...faults,
        ],
        false,
      ),
    );
    sim.runUntil(90_000);
    expect(sim.topics.get('t')!.partitions[0]!.offline).toBe(true);
    expect(sim.summary().records.lost).toBe(0);
    expect(
      sim.clusterEvents
        .all()
        .filter((e) => e.kind === 'brokerDown')
        .map((e) => e.broker),
    ).toEqual([0, 1]);
  });
});

/** Three brokers in zones a, b, c; three partitions of RF 3; a consumer group in zone a. */
function spreadDoc(selector: boolean): Pipeline {
  return pipeline({
    version: 1,
    cluster: {
      networkLatencyMs: 0.25,
      config: selector
        ? { 'replica.selector.class': 'org.apache.kafka.common.replica.RackAwareReplicaSelector' }
        : {},
      brokers: ['a', 'b', 'c'].map((rack, i) => ({ id: `b${i}`, rack, hardware: FAST_BROKER })),
    },
    topics: [{ id: 't', partitions: 3, replicationFactor: 3 }],
    producers: [{ id: 'p', rate: { kind: 'constant', recordsPerSec: 3000 }, recordBytes: 200 }],
    consumerGroups: [
      {
        id: 'g',
        members: 1,
        processing: { distribution: 'fixed', meanMs: 0.01 },
        config: { 'client.rack': 'a' },
      },
    ],
    edges: [
      { from: 'p', to: 't' },
      { from: 't', to: 'g' },
    ],
    run: { seed: 5, durationSec: 30 },
  } as never);
}

describe('bytes between zones', () => {
  it('replication: RF - 1 copies of every byte, each to another zone; the consumer reads 2 of 3 partitions across', () => {
    const sim = new Simulation(spreadDoc(false));
    sim.runUntil(30_000);
    const s = sim.summary();
    let appended = 0;
    for (const p of sim.topics.get('t')!.partitions) appended += p.log.endBytes;
    // Every broker is in a zone of its own, so each follower copies its leader's bytes across:
    // (RF - 1) x what the leaders appended, less what the followers had not fetched yet at the end.
    expect(s.crossZone.replicationGB * 1e9).toBeGreaterThan(2 * appended * 0.999);
    // (The summary gives GB to six decimals: a kilobyte.)
    expect(s.crossZone.replicationGB * 1e9).toBeLessThanOrEqual(2 * appended + 1000);
    // The consumer in zone a fetches from the leaders: the two partitions led in zones b and c
    // (placement gives one leader per broker) cross, a third of the bytes do not.
    const leaders = sim.topics.get('t')!.partitions.map((p) => p.leader);
    expect([...leaders].sort()).toEqual([0, 1, 2]);
    const crossing = sim.topics
      .get('t')!
      .partitions.filter((p) => p.leader !== 0)
      .reduce((a, p) => a + p.highWatermark, 0);
    const perRecord = appended / sim.topics.get('t')!.partitions.reduce((a, p) => a + p.log.endOffset, 0);
    expect(s.crossZone.clientGB * 1e9).toBeGreaterThan(crossing * perRecord * 0.99);
    expect(s.crossZone.clientGB * 1e9).toBeLessThan(crossing * perRecord * 1.01);
    // The cloud preset's price is what the document's hardware (no preset here) says: none.
    expect(s.crossZone.pricePerGB).toBe(0);
  });

  it('with the rack-aware selector the consumer reads from the follower in its zone: nothing crosses', () => {
    const leaderOnly = new Simulation(spreadDoc(false));
    const follower = new Simulation(spreadDoc(true));
    leaderOnly.runUntil(30_000);
    follower.runUntil(30_000);
    const f = follower.summary();
    expect(f.crossZone.clientGB).toBe(0);
    // It reads as much, only up to the follower's high watermark: a little later.
    const l = leaderOnly.summary();
    expect(f.consumerGroups.g!.consumed).toBeGreaterThan(l.consumerGroups.g!.consumed * 0.99);
    expect(f.latencyMs.p50).toBeGreaterThan(l.latencyMs.p50);
    // Replication does not change.
    expect(f.crossZone.replicationGB).toBeCloseTo(l.crossZone.replicationGB, 3);
  });
});
