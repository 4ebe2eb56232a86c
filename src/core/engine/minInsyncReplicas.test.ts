// acks=all and min.insync.replicas (rule 1 of Kafka's failure rules). Kafka 4's leader refuses a new
// batch while its ISR is below min.insync.replicas (NOT_ENOUGH_REPLICAS, Partition.appendRecordsToLeader),
// and since Kafka 3.7 (KAFKA-15583) it does not move the high watermark while the ISR is that small
// (Partition.maybeIncrementLeaderHW), so a batch appended before the ISR shrank is never acknowledged
// then: its DelayedProduce stays unsatisfied until the ISR is back (then it succeeds) or the request
// times out and the producer sends it again. Expected counts are the producer's rate times windows.
import { describe, expect, it } from 'vitest';
import { NOT_ENOUGH_REPLICAS } from '../kafka/broker';
import {
  FAULT_RATE as RATE,
  FENCE_MS,
  ackedBetween,
  faultDoc,
  partitionState,
  unbalanced,
} from '../testing/faultPipeline';
import { Simulation } from './simulation';

/** The follower b1 of a partition with min.insync.replicas 2 and two replicas dies at 5 s. */
const FOLLOWER_DIES_SEC = 5;
const FENCED_SEC = FOLLOWER_DIES_SEC + FENCE_MS / 1000;

describe('acks=all below min.insync.replicas', () => {
  it('never acknowledges a batch appended before the ISR shrank; it ends refused with NotEnoughReplicas', () => {
    const deliverySec = 20;
    const sim = new Simulation(
      faultDoc({
        acks: 'all',
        rf: 2,
        minIsr: 2,
        deliveryTimeoutMs: deliverySec * 1000,
        faults: [{ kind: 'brokerDown', atSec: FOLLOWER_DIES_SEC, broker: 'b1' }],
      }),
    );
    sim.runUntil(60_000);
    const s = sim.summary();
    // Only what b1 had copied before it died is acknowledged: the first 5 s, give or take a batch;
    // nothing at all once b1 leaves the ISR.
    expect(ackedBetween(sim, FOLLOWER_DIES_SEC + 1, 60)).toBe(0);
    expect(s.records.acknowledged).toBeLessThanOrEqual(RATE * FOLLOWER_DIES_SEC + 10);
    expect(s.records.acknowledged).toBeGreaterThan(RATE * FOLLOWER_DIES_SEC - 10);
    // The high watermark stays where b1 left it: consumers never read the unreplicated appends.
    const p = sim.topics.get('t')!.partitions[0]!;
    expect(p.highWatermark).toBeLessThanOrEqual(RATE * FOLLOWER_DIES_SEC + 10);
    expect(p.log.endOffset).toBeGreaterThan(p.highWatermark);
    expect(s.consumerGroups.g!.consumed).toBeLessThanOrEqual(p.highWatermark);
    // Every record created from b1's death until delivery.timeout.ms before the end is refused, the
    // last answer it had being NotEnoughReplicas (b1 left the ISR when fenced, 9.3 s after dying).
    const refused = s.records.refusedReasons[NOT_ENOUGH_REPLICAS] ?? 0;
    expect(refused).toBeGreaterThan(0.98 * RATE * (60 - deliverySec - FOLLOWER_DIES_SEC));
    expect(refused).toBeLessThanOrEqual(RATE * (60 - deliverySec - FOLLOWER_DIES_SEC) + 10);
    expect(s.records.lost).toBe(0);
    expect(unbalanced(sim)).toBe(0);
  });

  // b1 dies at 5 s and is back at 20 s (fenced at 14.3 s, let in again at 22 s, then catches up).
  const returning = (idempotence: boolean) =>
    faultDoc({
      acks: 'all',
      rf: 2,
      minIsr: 2,
      idempotence,
      faults: [{ kind: 'brokerDown', atSec: FOLLOWER_DIES_SEC, broker: 'b1', durationSec: 15 }],
    });
  it('with enable.idempotence the retried batches are not written twice once the ISR is back', () => {
    const sim = new Simulation(returning(true));
    sim.runUntil(60_000);
    const s = sim.summary();
    expect(s.records.duplicatesWritten).toBe(0);
    expect(s.records.lost).toBe(0);
    expect(s.records.refused).toBe(0);
    expect(s.records.acknowledged).toBeGreaterThan(s.records.produced - RATE);
    expect(partitionState(sim).isr).toEqual(['b0', 'b1']);
    expect(unbalanced(sim)).toBe(0);
  });

  it('without idempotence every append made while the follower was dying is a copy too many', () => {
    const sim = new Simulation(returning(false));
    const log = sim.topics.get('t')!.partitions[0]!.log;
    sim.runUntil(FOLLOWER_DIES_SEC * 1000);
    const before = log.endOffset;
    sim.runUntil(FENCED_SEC * 1000);
    // Appended while the ISR still named b1, never answered: each request timed out and was sent
    // again, and written again, until the fence; after that, refused until b1 was back.
    const appendedWhileDying = log.endOffset - before;
    expect(appendedWhileDying).toBeGreaterThan(0);
    sim.runUntil(60_000);
    const s = sim.summary();
    // Every one of those appends is a second copy: either of a record written earlier in that
    // window, or of one whose accepted write came after b1 returned.
    expect(s.records.duplicatesWritten).toBe(appendedWhileDying);
    expect(s.records.lost).toBe(0);
    expect(s.records.acknowledged).toBeGreaterThan(s.records.produced - RATE);
    expect(unbalanced(sim)).toBe(0);
  });
});
