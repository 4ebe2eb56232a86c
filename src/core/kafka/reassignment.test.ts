// Partition reassignment: a throttled copy of B bytes chasing writes of W bytes/s finishes in about
// B / (T - W); a throttle at or below W never finishes; what is refused and why; and the replica
// list, the leader and the ISR at the end.
import { describe, expect, it } from 'vitest';
import { parsePipeline } from '../../model';
import type { Fault, Pipeline } from '../../model/types';
import { Simulation } from '../engine/simulation';
import { storedBytes } from '../engine/prefill';
import {
  FAULT_RATE,
  FAULT_RECORD_BYTES,
  FAULT_WIRE_BYTES_PER_RECORD,
  faultDoc,
  unbalanced,
} from '../testing/faultPipeline';
import { checkGraph } from '../../model';
import { randomPipeline } from '../testing/randomPipeline';
import { Rng } from '../util/rng';

/** Records already in the topic: the log the new replica must copy besides what arrives meanwhile. */
const PREFILL = 200_000;
const MOVE_AT_SEC = 10;

function moveDoc(throttle: number, extra: Partial<Fault>[] = []): Pipeline {
  const doc = faultDoc({
    acks: 'all',
    rf: 1,
    faults: [
      {
        kind: 'reassignPartitions',
        atSec: MOVE_AT_SEC,
        plan: [{ topic: 't', partition: 0, replicas: ['b1'] }],
        throttle,
      },
      ...extra,
    ],
  });
  doc.topics[0]!.prefillRecords = PREFILL;
  doc.run.durationSec = 90;
  return doc;
}

describe('a throttled reassignment', () => {
  // Independently of the engine: the producer writes FAULT_RATE records a second, each taking
  // FAULT_WIRE_BYTES_PER_RECORD bytes in the log (its bytes, format v2's overhead, a share of the
  // batch header), so W bytes/s go into the partition. When the move starts the log holds the
  // prefilled records (storedBytes: the prefill's own layout) plus MOVE_AT_SEC seconds of writes.
  const W = FAULT_RATE * FAULT_WIRE_BYTES_PER_RECORD;
  const B = storedBytes(PREFILL, FAULT_RECORD_BYTES) + W * MOVE_AT_SEC;
  // A throttle 400 kB/s above the write rate: the copy gains on the log end at exactly 400 kB/s.
  const T = Math.round(W + 400_000);

  it('finishes in about B / (T - W), then the new replica leads and the old one is gone', () => {
    const expectedSec = B / (T - W);
    expect(expectedSec).toBeGreaterThan(50); // the numbers make a long move: the 1 s tick is small beside it
    expect(expectedSec).toBeLessThan(75);
    const sim = new Simulation(moveDoc(T));
    sim.runUntil(90_000);
    const started = sim.clusterEvents.all().find((e) => e.kind === 'reassignmentStarted');
    const finished = sim.clusterEvents.all().find((e) => e.kind === 'reassignmentFinished');
    expect(started?.atMs).toBe(MOVE_AT_SEC * 1000);
    expect(started && started.kind === 'reassignmentStarted' ? started.bytes : 0).toBeCloseTo(B, -4);
    expect(finished).toBeDefined();
    const took = finished?.kind === 'reassignmentFinished' ? finished.tookMs / 1000 : 0;
    // The copy itself, then one fetch to join the ISR and the next once-a-second completion check.
    expect(took).toBeGreaterThan(expectedSec - 1);
    expect(took).toBeLessThan(expectedSec + 2);
    const p = sim.topics.get('t')!.partitions[0]!;
    expect(p.replicas).toEqual([1]);
    expect(p.leader).toBe(1);
    expect(p.isr()).toEqual([1]);
    // Moving the leadership drops nothing: every record is accounted for, none lost.
    expect(unbalanced(sim)).toBe(0);
    expect(sim.summary().records.lost).toBe(0);
    // The copy really went over the network: about B plus what arrived during it.
    expect(sim.reassigner.copiedBytes).toBeGreaterThan(B);
    expect(sim.reassigner.copiedBytes).toBeLessThan(B + W * (expectedSec + 2));
  });

  it('below the write rate it never finishes, and says so', () => {
    const slow = Math.round(W / 2);
    const sim = new Simulation(moveDoc(slow));
    sim.runUntil(20_000);
    const move = sim.reassigner.active.get(sim.topics.get('t')!.partitions[0]!)!;
    const early = sim.reassigner.bytesLeft(move);
    sim.runUntil(80_000);
    const late = sim.reassigner.bytesLeft(move);
    // What is left grows by (W - T) a second: 60 s later, by 60 (W - T), give or take a chunk.
    expect(late - early).toBeGreaterThan(60 * (W - slow) - 2_000_000);
    expect(late - early).toBeLessThan(60 * (W - slow) + 2_000_000);
    expect(sim.clusterEvents.all().some((e) => e.kind === 'reassignmentFinished')).toBe(false);
    const live = sim.reassigner.estimate(move);
    expect(live.secondsLeft).toBe(Infinity);
    expect(live.throttle).toBe(slow);
  });

  it('shows the time left at the throttle while it runs', () => {
    const sim = new Simulation(moveDoc(T));
    sim.runUntil(30_000);
    const move = sim.reassigner.active.get(sim.topics.get('t')!.partitions[0]!)!;
    const live = sim.reassigner.estimate(move);
    // 20 s into it, B - 20 (T - W) bytes are left, and they take that over (T - W) seconds.
    const left = B - 20 * (T - W);
    expect(live.bytesLeft).toBeGreaterThan(left - 1_100_000);
    expect(live.bytesLeft).toBeLessThan(left + 1_100_000);
    expect(live.secondsLeft!).toBeGreaterThan(left / (T - W) - 6);
    expect(live.secondsLeft!).toBeLessThan(left / (T - W) + 6);
    expect(move.copies.map((c) => c.broker)).toEqual([1]);
  });
});

describe('plans Kafka would refuse', () => {
  const parse = (fault: unknown) => {
    const doc = faultDoc({ acks: 'all', rf: 2, faults: [] });
    const parsed = parsePipeline({ ...doc, faults: [fault] });
    if (!parsed.ok) return parsed.errors.join('\n');
    return checkGraph(parsed.doc).errors.join('\n');
  };

  it('a missing broker, more replicas than brokers, a broker twice, a throttle of 0', () => {
    expect(parse({ kind: 'reassignPartitions', atSec: 5, brokers: ['b0', 'b9'] })).toMatch(
      /brokers\[1\]: broker "b9" does not exist/,
    );
    expect(parse({ kind: 'reassignPartitions', atSec: 5, brokers: ['b0'] })).toMatch(
      /replication factor 2, more than the 1 broker/,
    );
    expect(
      parse({
        kind: 'reassignPartitions',
        atSec: 5,
        plan: [{ topic: 't', partition: 0, replicas: ['b0', 'b1', 'b2', 'b3'] }],
      }),
    ).toMatch(
      /plan\[0\]\.replicas\[3\]: broker "b3" does not exist[\s\S]*4 replicas, more than the 3 broker/,
    );
    expect(
      parse({
        kind: 'reassignPartitions',
        atSec: 5,
        plan: [{ topic: 't', partition: 0, replicas: ['b0', 'b0'] }],
      }),
    ).toMatch(/lists a broker twice/);
    expect(parse({ kind: 'reassignPartitions', atSec: 5, brokers: ['b0', 'b1'], throttle: 0 })).toMatch(
      /throttle.*at least 1 byte\/s/,
    );
    expect(parse({ kind: 'reassignPartitions', atSec: 5, brokers: ['b0', 'b1'], throttle: 1000 })).toBe('');
  });

  it('a target broker down when it starts: refused in the log, nothing moves', () => {
    const doc = faultDoc({
      acks: 'all',
      rf: 1,
      faults: [
        { kind: 'brokerDown', atSec: 1, broker: 'b1' },
        { kind: 'reassignPartitions', atSec: 20, plan: [{ topic: 't', partition: 0, replicas: ['b1'] }] },
      ],
    });
    const sim = new Simulation(doc);
    sim.runUntil(25_000);
    const refused = sim.clusterEvents.all().find((e) => e.kind === 'reassignmentRefused');
    expect(refused && refused.kind === 'reassignmentRefused' ? refused.reason : '').toMatch(
      /b1 is not a live member/,
    );
    expect(sim.topics.get('t')!.partitions[0]!.replicas).toEqual([0]);
  });
});

describe('decommissioning a broker', () => {
  it('moves its replicas to the broker left, then stops it; stopping it without the move leaves the partition under-replicated', () => {
    // RF 2 on three brokers: the partition is on b0 and b1. b0's replica can only go to b2 (the
    // one broker not already holding it), keeping its place first in the list.
    const moved = new Simulation(
      faultDoc({
        acks: 'all',
        rf: 2,
        faults: [{ kind: 'decommissionBroker', atSec: 5, broker: 'b0', throttle: 10_000_000 }],
      }),
    );
    moved.runUntil(30_000);
    const p = moved.topics.get('t')!.partitions[0]!;
    expect(p.replicas).toEqual([2, 1]);
    expect(p.isr()).toEqual([2, 1]);
    expect(p.leader).toBe(2);
    const kinds = moved.clusterEvents.all().map((e) => e.kind);
    expect(kinds).toContain('brokerDecommissioned');
    expect(kinds.indexOf('reassignmentFinished')).toBeLessThan(kinds.indexOf('brokerDecommissioned'));
    expect(moved.brokers[0]!.up).toBe(false);
    expect(moved.summary().records.lost).toBe(0);
    expect(unbalanced(moved)).toBe(0);

    const stopped = new Simulation(
      faultDoc({ acks: 'all', rf: 2, faults: [{ kind: 'brokerDown', atSec: 5, broker: 'b0' }] }),
    );
    stopped.runUntil(30_000);
    const q = stopped.topics.get('t')!.partitions[0]!;
    expect(q.replicas).toEqual([0, 1]);
    expect(q.isr()).toEqual([1]);
  });
});

describe('reassignments among random faults', () => {
  it('keep the ledger balanced and every partition with a live leader in its list', () => {
    let started = 0;
    let finished = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const base = randomPipeline(seed);
      const rng = new Rng(seed * 104_729);
      const ids = base.cluster.brokers.map((b) => b.id);
      const victim = ids[rng.uniformInt(ids.length)]!;
      const faults: Fault[] = [
        {
          kind: 'addBroker',
          atSec: 0.5,
          broker: { ...base.cluster.brokers[0]!, id: 'extra', name: undefined },
        },
        {
          kind: 'reassignPartitions',
          atSec: 1 + rng.next() * 2,
          brokers: [...ids, 'extra'],
          throttle: Math.round(1e5 + rng.next() * 1e7),
        },
        { kind: 'brokerDown', atSec: 2 + rng.next() * 3, broker: victim, durationSec: 1 + rng.next() * 4 },
      ];
      if (ids.length > Math.max(...base.topics.map((t) => t.replicationFactor)))
        faults.push({ kind: 'decommissionBroker', atSec: 6, broker: ids[0]! });
      const doc = {
        ...base,
        cluster: { ...base.cluster, config: { ...base.cluster.config, 'broker.session.timeout.ms': 1500 } },
        faults,
      };
      const sim = new Simulation(doc);
      for (const t of [3_000, 7_000, 15_000]) {
        sim.runUntil(t);
        expect(unbalanced(sim), `seed ${seed} at ${t} ms`).toBe(0);
        for (const topic of sim.topics.values())
          for (const p of topic.partitions) {
            expect(new Set(p.replicas).size).toBe(p.replicas.length);
            if (!p.offline) expect(p.replicas).toContain(p.leader);
            expect(p.isrSize).toBe(p.inSync.filter(Boolean).length);
          }
      }
      started += sim.reassigner.all.length;
      finished += sim.reassigner.all.filter((m) => m.finishedMs !== undefined).length;
    }
    // The timelines did move partitions, and most moves ended within the runs.
    expect(started).toBeGreaterThan(12);
    expect(finished).toBeGreaterThan(started / 2);
  });
});

describe('an added broker', () => {
  it('holds nothing of the topics that exist, and may get partitions added after it joined', () => {
    const doc = faultDoc({
      acks: 'all',
      rf: 2,
      faults: [
        {
          kind: 'addBroker',
          atSec: 1,
          broker: {
            id: 'b3',
            hardware: {
              cores: 64,
              diskMBps: 100_000,
              networkInMBps: 100_000,
              networkOutMBps: 100_000,
              memoryGB: 256,
            },
          },
        },
        { kind: 'partitionCount', atSec: 2, topic: 't', partitions: 4 },
      ],
    });
    const sim = new Simulation(doc);
    sim.runUntil(1_500);
    expect(sim.topics.get('t')!.partitions[0]!.replicas).not.toContain(3);
    expect(sim.brokers[3]!.absent).toBe(false);
    sim.runUntil(5_000);
    const added = sim.topics.get('t')!.partitions.slice(1);
    expect(added).toHaveLength(3);
    // Placed over the four brokers in the cluster now: the new one holds some of them.
    expect(added.some((p) => p.replicas.includes(3))).toBe(true);
    for (const p of added) expect(p.isr()).toEqual(p.replicas);
    expect(unbalanced(sim)).toBe(0);
  });
});
