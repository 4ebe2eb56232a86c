// "At 30 s broker-1, which leads a third of the partitions, dies for 40 s. Once the controller
// notices, it moves those leaders to in-sync followers; the producer sees timeouts, retries and
// carries on, and no acknowledged record is lost (only latency suffers). To see records lost ...
// add a networkPartition fault cutting broker-1 from the other brokers at 25 s for 5 s, then set
// acks=1 ... lost, with the reason. With acks=all the same fault loses nothing ...
// unclean.leader.election.enable changes nothing here."
import { describe, expect, it } from 'vitest';
import type { RecordTotals } from '../engine/probe';
import { LOST_FAILOVER } from '../kafka/partition';
import { editedExample, runFor, type ExampleJson } from '../testing/examples';

const NAME = 'broker-failure';
const RATE = 20_000;

const cutThenAcks =
  (acks: '1' | 'all', unclean = false) =>
  (d: ExampleJson) => {
    d.faults = [
      { kind: 'networkPartition', atSec: 25, broker: 'broker-1', from: 'brokers', durationSec: 5 },
      ...(d.faults ?? []),
    ];
    d.producers[0]!.config.acks = acks;
    if (unclean) d.topics[0]!.config = { ...d.topics[0]!.config, 'unclean.leader.election.enable': true };
  };

describe(NAME, () => {
  /** The cut and acks=1: run once, used by two tests. */
  let acksOne: RecordTotals | undefined;
  const lossWithAcksOne = () =>
    (acksOne ??= runFor(editedExample(NAME, cutThenAcks('1')), 45).summary().records);

  it('moves the dead broker’s leaders to followers; the producer carries on and loses nothing', () => {
    const sim = runFor(
      editedExample(NAME, () => {}),
      50,
    );
    // 20 s into the outage: every partition has a live leader, none is broker-1.
    const during = sim.summary().topics['orders']!.partitionStates;
    expect(during.map((p) => p.leader)).not.toContain('broker-1');
    expect(during.every((p) => p.leader !== null)).toBe(true);
    const ackedAt50 = sim.summary().records.acknowledged;
    sim.runUntil(80_000);
    const s = sim.summary();
    // It carried on: acknowledgements kept coming, and 10 s after the broker is back nearly everything
    // produced is acknowledged (what is left is under a second of production).
    expect(s.records.acknowledged - ackedAt50).toBeGreaterThan(0.9 * RATE * 30);
    expect(s.records.inFlight).toBeLessThan(RATE);
    expect(s.records.lost).toBe(0);
    expect(s.records.refused).toBe(0);
    expect(s.records.dropped).toBe(0);
    // Only latency suffers: held records wait seconds, the usual record milliseconds.
    expect(s.produceLatencyMs.max).toBeGreaterThan(1000);
    expect(s.produceLatencyMs.p50).toBeLessThan(50);
  });

  it('loses what the dying leader acknowledged alone with acks=1 after a cut, with the reason', () => {
    const records = lossWithAcksOne();
    // broker-1 leads 2 of 6 partitions; in the 5 s cut it acknowledged about 20,000/s x 2/6 x 5 s
    // records that its followers never copied.
    const expected = (RATE * 2 * 5) / 6;
    expect(records.lost).toBeGreaterThan(0.5 * expected);
    expect(records.lost).toBeLessThan(1.5 * expected);
    expect(records.lostReasons[LOST_FAILOVER]).toBe(records.lost);
  });

  it('loses nothing after the same cut with acks=all, and unclean election changes nothing', () => {
    expect(runFor(editedExample(NAME, cutThenAcks('all')), 45).summary().records.lost).toBe(0);
    // The followers are still in-sync replicas after a 5 s cut (replica.lag.time.max.ms is 30 s):
    // the election is clean, so allowing an unclean one loses exactly what acks=1 lost.
    const clean = lossWithAcksOne();
    const unclean = runFor(editedExample(NAME, cutThenAcks('1', true)), 45).summary().records;
    expect(unclean.lost).toBe(clean.lost);
    expect(Object.keys(unclean.lostReasons)).toEqual([LOST_FAILOVER]);
  });
});
