// enable.idempotence: a retry after a lost answer writes a second copy only when it is off.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePipelineText } from '../../../model';
import type { Fault, Pipeline } from '../../../model/types';
import { Simulation } from '../../engine/simulation';
import { sumReasons } from '../../metrics/accounting';
import type { Partition } from '../partition';

/**
 * The broker-failure example (acks=all, RF 3, min.insync.replicas 2) at 100k records/s, with a
 * request.timeout.ms short enough that retries happen well within the run, and no faults yet.
 */
function baseDoc(idempotence: boolean): Pipeline {
  const parsed = parsePipelineText(readFileSync('examples/broker-failure.json', 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const doc = parsed.doc;
  const producer = doc.producers[0]!;
  producer.config['enable.idempotence'] = idempotence;
  producer.config['request.timeout.ms'] = 5_000;
  if (producer.rate.kind !== 'poisson') throw new Error('expected a poisson rate');
  producer.rate.recordsPerSec = 100_000;
  doc.faults = [];
  return doc;
}

const orders = (sim: Simulation): Partition[] => sim.topics.get('orders')!.partitions;

/** broker-1 leads a partition holding a batch that is written but not yet acknowledged (acks=all). */
function unansweredAppend(sim: Simulation, copiedByFollowers: boolean): boolean {
  return orders(sim).some((p) => {
    if (p.leader !== 0 || p.highWatermark >= p.log.endOffset) return false;
    if (!copiedByFollowers) return true;
    // Every follower has the batch but the leader has not heard so yet: whichever becomes leader
    // keeps it, and the producer, never answered, sends it again.
    return p.replicas.every((_, pos) => p.replicaEnd[pos]! > p.highWatermark);
  });
}

/**
 * The first whole millisecond after 10 s at which broker-1 holds an unanswered append, and the
 * fault that strikes it then. The fault is placed by looking, not by a magic instant, so a change
 * to costs or timing moves the instant but not what the test exercises.
 */
function faultAtUnansweredAppend(kind: 'crash' | 'cut'): Fault {
  const sim = new Simulation(baseDoc(true));
  for (let t = 10_000; t < 20_000; t++) {
    sim.runUntil(t - 1e-6);
    if (!unansweredAppend(sim, kind === 'crash')) continue;
    return kind === 'crash'
      ? { kind: 'brokerDown', atSec: t / 1000, broker: 'broker-1', durationSec: 20 }
      : // Longer than request.timeout.ms: a shorter cut delivers the answer when it heals (TCP).
        { kind: 'networkPartition', atSec: t / 1000, broker: 'broker-1', from: 'clients', durationSec: 7 };
  }
  throw new Error('no unanswered append on broker-1');
}

const crash = faultAtUnansweredAppend('crash');
const cut = faultAtUnansweredAppend('cut');

function run(fault: Fault, idempotence: boolean, slices: number[] = [40_000]) {
  const doc = baseDoc(idempotence);
  doc.faults = [fault];
  const sim = new Simulation(doc);
  let t = 0;
  for (let i = 0; t < 40_000; i++) {
    t = Math.min(40_000, t + slices[i % slices.length]!);
    sim.runUntil(t);
  }
  const producer = sim.producers[0]!;
  const inLog = orders(sim).reduce((n, p) => n + p.log.endOffset, 0);
  return { producer, ledger: producer.ledger, inLog, summary: sim.summary() };
}

function expectBalanced({ producer, ledger: l }: ReturnType<typeof run>) {
  expect(l.produced).toBe(
    l.acknowledged +
      producer.inFlightRecords +
      sumReasons(l.refused) +
      sumReasons(l.dropped) +
      sumReasons(l.lost),
  );
}

describe('enable.idempotence', () => {
  for (const [name, fault] of [
    ['the leader crashes after its followers copied a batch it had not yet answered', crash],
    ['the leader is cut off from clients after appending, before answering, past request.timeout.ms', cut],
  ] as const) {
    describe(name, () => {
      it('off: the producer times out, retries and the log holds a second copy', () => {
        const r = run(fault, false);
        expect(r.ledger.duplicatesWritten).toBeGreaterThan(0);
        // The summary reports the same copies, for the producer and for the run.
        expect(r.summary.records.duplicatesWritten).toBe(r.ledger.duplicatesWritten);
        expect(r.summary.producers[r.producer.doc.id]?.duplicatesWritten).toBe(r.ledger.duplicatesWritten);
        // The copies sit in the log on top of the acknowledged records; they are not produced records.
        expect(r.inLog).toBeGreaterThanOrEqual(r.ledger.acknowledged + r.ledger.duplicatesWritten);
        expect(sumReasons(r.ledger.lost)).toBe(0);
        expectBalanced(r);
      });

      it('on: the leader recognises the retried batch and writes nothing twice', () => {
        const r = run(fault, true);
        expect(r.ledger.duplicatesWritten).toBe(0);
        // Nothing in the log beyond what was acknowledged or is still on its way.
        expect(r.inLog).toBeLessThanOrEqual(r.ledger.acknowledged + r.producer.inFlightRecords);
        expect(r.inLog).toBeGreaterThanOrEqual(r.ledger.acknowledged);
        expect(sumReasons(r.ledger.lost)).toBe(0);
        expectBalanced(r);
      });
    });
  }

  it('same faults and seed give the same counts however the run is sliced', () => {
    for (const idempotence of [false, true]) {
      const whole = run(crash, idempotence);
      const sliced = run(crash, idempotence, [13.7, 1_000, 0.3, 4_999]);
      expect(sliced.ledger).toEqual(whole.ledger);
      expect(sliced.inLog).toBe(whole.inLog);
    }
  });
});
