// examples/broker-failure.json says what its fault does and what to change to see more; each claim
// is checked here on the example itself (its first 75 s, which hold the whole outage).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePipelineText } from '../../model';
import type { Pipeline } from '../../model/types';
import { LOST_FAILOVER } from '../kafka/partition';
import { Simulation } from './simulation';

const RATE = 20_000;
const DIES_SEC = 30;
/** broker.session.timeout.ms (9 s) plus the election time assumed in costs.ts. */
const FENCED_SEC = DIES_SEC + 9.3;
/** request.timeout.ms, Kafka's default, which the example keeps. */
const REQUEST_TIMEOUT_SEC = 30;

function example(change: (doc: Pipeline) => void = () => {}): Simulation {
  const parsed = parsePipelineText(readFileSync('examples/broker-failure.json', 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  change(parsed.doc);
  const sim = new Simulation(parsed.doc);
  sim.runUntil(75_000);
  return sim;
}

function ackedBetween(sim: Simulation, from: number, to: number): number {
  const { columns, rows } = sim.metrics.series();
  const c = columns.indexOf('checkout.acknowledged');
  return rows.filter((r) => r[0]! > from && r[0]! <= to).reduce((a, r) => a + r[c]!, 0);
}

describe('the broker-failure example does what its description says', () => {
  it('as shipped: a lost host, every acknowledgement waits for the fence, the producer for its timeouts', () => {
    const sim = example();
    const s = sim.summary();
    expect(sim.doc.faults[0]).toMatchObject({ kind: 'brokerDown', mode: 'hostLost' });
    expect(s.records.lost).toBe(0);
    expect(ackedBetween(sim, DIES_SEC + 1, Math.floor(FENCED_SEC))).toBe(0);
    expect(ackedBetween(sim, Math.ceil(FENCED_SEC), Math.ceil(FENCED_SEC) + 1)).toBeGreaterThan(0);
    // The oldest record waited about one request.timeout.ms.
    expect(s.produceLatencyMs.max).toBeGreaterThan((REQUEST_TIMEOUT_SEC - 1) * 1000);
    expect(s.produceLatencyMs.max).toBeLessThan((REQUEST_TIMEOUT_SEC + 1) * 1000);
  });

  it('processKilled: the producer writes to the new leaders as soon as they are elected', () => {
    const sim = example((doc) => Object.assign(doc.faults[0]!, { mode: 'processKilled' }));
    const s = sim.summary();
    expect(s.records.lost).toBe(0);
    // No record waits much past the election (plus at most a 1 s reconnect backoff).
    expect(s.produceLatencyMs.max).toBeLessThan((FENCED_SEC - DIES_SEC + 1.2) * 1000);
    expect(ackedBetween(sim, Math.ceil(FENCED_SEC) + 1, 75)).toBeGreaterThan(
      0.97 * RATE * (75 - Math.ceil(FENCED_SEC) - 1),
    );
  });

  const cutFirst = (acks: 'all' | '1') => (doc: Pipeline) => {
    doc.faults.push({
      kind: 'networkPartition',
      atSec: 25,
      broker: 'broker-1',
      from: 'brokers',
      durationSec: 5,
    });
    doc.producers[0]!.config.acks = acks;
  };

  it('cut from the other brokers first, acks=1: what broker-1 acknowledged alone is lost, with the reason', () => {
    const s = example(cutFirst('1')).summary();
    // Its third of the partitions, for the 5 s its followers could not copy.
    const expected = (RATE / 3) * 5;
    expect(s.records.lostReasons[LOST_FAILOVER]).toBeGreaterThan(0.9 * expected);
    expect(s.records.lostReasons[LOST_FAILOVER]).toBeLessThan(1.1 * expected);
  });

  it('the same with acks=all loses nothing', () => {
    expect(example(cutFirst('all')).summary().records.lost).toBe(0);
  });
});
